import type { MeterProvider, TracerProvider } from "@opentelemetry/api";
import type { InstrumentationOption } from "../../config/options.js";
import type { InstallStep } from "./install-step.js";

/**
 * Gives an OpenTelemetry instrumentation llmtrace's tracer provider (and, with metrics on, its
 * meter provider: an instrumentation built before configureTracing() holds the no-op one) and enables it (enabling twice is a
 * no-op for `InstrumentationBase`, which enables itself when constructed); the undo disables it,
 * so its patches come off at shutdown.
 */
export function instrumentationStep(instrumentation: InstrumentationOption, provider: TracerProvider, meterProvider?: MeterProvider): InstallStep {
  return () => {
    instrumentation.setTracerProvider(provider);
    const withMeter = instrumentation as { setMeterProvider?: (meterProvider: MeterProvider) => void };
    if (meterProvider && typeof withMeter.setMeterProvider === "function") withMeter.setMeterProvider(meterProvider);
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
