import type { ContentSettings } from "../content/content-settings.js";
import { DEFAULT_REDACTOR } from "../content/redaction/default-redactor.js";
import { CONTENT_FIELDS, type ContentField, DEFAULT_MAX_CONTENT_LENGTH } from "../types/content-field.js";
import type { ModelPricing } from "../types/pricing.js";
import { type ProfileFlags, profileFlags } from "../types/span-kinds.js";

/**
 * What the instrumentation layer (builders, decorators) needs from the configuration: plain,
 * frozen data. `configureTracing()` resolves it once and installs it; without it the defaults
 * apply, so the builders also work on a provider the application set up itself.
 */
export interface InstrumentationSettings {
  /** Set when tracing was configured as disabled: every builder call returns a no-op handle. */
  readonly disabled: boolean;
  readonly profiles: ProfileFlags;
  /** `"gen_ai"` names workflow / agent / tool spans `invoke_workflow <name>`, `invoke_agent <name>`, `execute_tool <name>`. */
  readonly spanNames: "llmtrace" | "gen_ai";
  readonly content: ContentSettings;
  /** Price overrides, keyed by model id (`gpt-4o`) or `provider/model` (`openai/gpt-4o`). */
  readonly pricing: Readonly<Record<string, ModelPricing>>;
  /** Also put withContext ids into W3C baggage, so they cross process boundaries. */
  readonly contextBaggage: boolean;
}

export const DEFAULT_CONTENT: ContentSettings = Object.freeze({
  mode: "full",
  fields: Object.freeze(Object.fromEntries(CONTENT_FIELDS.map((f) => [f, true])) as Record<ContentField, boolean>),
  maxLength: DEFAULT_MAX_CONTENT_LENGTH,
  redactor: DEFAULT_REDACTOR,
  runtimeObjects: "summary",
});

export const DEFAULT_SETTINGS: InstrumentationSettings = Object.freeze({
  disabled: false,
  profiles: profileFlags(["ai", "gen_ai"]),
  spanNames: "llmtrace",
  content: DEFAULT_CONTENT,
  pricing: Object.freeze({}),
  contextBaggage: false,
});

// On globalThis so the ESM and CommonJS builds in one process read the same settings.
const SLOT = Symbol.for("llmtrace.instrumentationSettings");
type Slot = { [SLOT]?: InstrumentationSettings };

export function getSettings(): InstrumentationSettings {
  return (globalThis as Slot)[SLOT] ?? DEFAULT_SETTINGS;
}

/** Installs `settings`; returns what was installed before (undefined: the defaults), for `restoreSettings`. */
export function installSettings(settings: InstrumentationSettings): InstrumentationSettings | undefined {
  const previous = (globalThis as Slot)[SLOT];
  (globalThis as Slot)[SLOT] = settings;
  return previous;
}

/**
 * Puts back what `installSettings` returned, but only while `installed` is still the running
 * settings: a handle never undoes settings someone installed after it.
 */
export function restoreSettings(installed: InstrumentationSettings, previous: InstrumentationSettings | undefined): void {
  const slot = globalThis as Slot;
  if (slot[SLOT] !== installed) return;
  if (previous === undefined) delete slot[SLOT];
  else slot[SLOT] = previous;
}

export function resetSettings(): void {
  delete (globalThis as Slot)[SLOT];
}
