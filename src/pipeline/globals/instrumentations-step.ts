import type { TracerProvider } from "@opentelemetry/api";
import type { InstrumentationOption } from "../../config/options.js";
import type { InstallStep } from "./install-step.js";

/**
 * Gives an OpenTelemetry instrumentation llmtrace's provider and enables it (enabling twice is a
 * no-op for `InstrumentationBase`, which enables itself when constructed); the undo disables it,
 * so its patches come off at shutdown.
 */
export function instrumentationStep(instrumentation: InstrumentationOption, provider: TracerProvider): InstallStep {
  return () => {
    instrumentation.setTracerProvider(provider);
    try {
      instrumentation.enable();
    } catch (error) {
      // Half enabled is worse than off: take off whatever patches went on, then report.
      try {
        instrumentation.disable();
      } catch {}
      throw error;
    }
    return () => instrumentation.disable();
  };
}
