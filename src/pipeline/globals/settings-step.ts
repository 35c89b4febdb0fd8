import { getSettings, type InstrumentationSettings, installSettings, restoreSettings } from "../../settings/instrumentation-settings.js";
import type { InstallStep } from "./install-step.js";

// On globalThis, like the settings themselves, so the ESM and CommonJS builds agree.
const CONFIGURED = Symbol.for("llmtrace.configureTracingSettings");
const INSTALLS = Symbol.for("llmtrace.settingsInstalls");
interface Install {
  readonly previous: InstrumentationSettings | undefined;
  released: boolean;
}
type Slot = { [CONFIGURED]?: InstrumentationSettings; [INSTALLS]?: WeakMap<InstrumentationSettings, Install> };

/**
 * Installs the settings the builders and decorators read. The undo puts back what was installed
 * before — skipping settings whose owner has shut down meanwhile — but only while these settings
 * are still the running ones: settings someone installed since stay.
 */
export function settingsStep(settings: InstrumentationSettings, owner: "configureTracing" | "createSpanProcessors"): InstallStep {
  return () => {
    const slot = globalThis as Slot;
    const installs = (slot[INSTALLS] ??= new WeakMap());
    const install: Install = { previous: installSettings(settings), released: false };
    installs.set(settings, install);
    const previousOwned = slot[CONFIGURED];
    if (owner === "configureTracing") slot[CONFIGURED] = settings;
    return () => {
      install.released = true;
      let previous = install.previous;
      for (let earlier = previous && installs.get(previous); earlier?.released; earlier = previous && installs.get(previous)) {
        previous = earlier.previous;
      }
      restoreSettings(settings, previous);
      if (slot[CONFIGURED] === settings) {
        if (previousOwned === undefined) delete slot[CONFIGURED];
        else slot[CONFIGURED] = previousOwned;
      }
    };
  };
}

/** True while settings installed by `configureTracing()` are the running ones. */
export function configureTracingOwnsSettings(): boolean {
  const owned = (globalThis as Slot)[CONFIGURED];
  return owned !== undefined && getSettings() === owned;
}
