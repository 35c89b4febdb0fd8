import { diag, type MeterProvider, metrics } from "@opentelemetry/api";
import { type LoggerProvider, logs } from "@opentelemetry/api-logs";
import { setLogExport } from "../../platform/log-records.js";
import type { InstallStep } from "./install-step.js";

// The API keeps each signal's global under its own versioned key; read here (the APIs have no
// "is one registered?" getter) so a provider already registered is left alone, as the tracer's is.
const METRICS_KEY = Symbol.for("opentelemetry.js.api.1");
const LOGS_KEY = Symbol.for("io.opentelemetry.js.api.logs");

function registeredMeterProvider(): unknown {
  return (globalThis as { [METRICS_KEY]?: { metrics?: unknown } })[METRICS_KEY]?.metrics;
}

function registeredLoggerProvider(): unknown {
  return (globalThis as { [LOGS_KEY]?: unknown })[LOGS_KEY];
}

/**
 * Registers llmtrace's meter provider with the OpenTelemetry API, so other instrumentations'
 * metrics (HTTP durations...) go to the same exporters — unless the application registered one,
 * which is kept (llmtrace records into its own provider either way). Undone at shutdown.
 */
export function meterProviderStep(provider: MeterProvider): InstallStep {
  return () => {
    if (registeredMeterProvider() !== undefined) {
      diag.warn("llmtrace: a global OpenTelemetry meter provider is already registered and left in place; llmtrace's metrics go to its own exporters, other instrumentations' to that provider.");
      return undefined;
    }
    if (!metrics.setGlobalMeterProvider(provider)) return undefined;
    return () => {
      if (registeredMeterProvider() === provider) metrics.disable();
    };
  };
}

/**
 * Registers llmtrace's logger provider with the logs API: the pino hook, the winston transport
 * (`@opentelemetry/winston-transport`) and evaluation events emit through it. An application's own
 * is kept, with a warning: log records then go there, without llmtrace's redaction.
 */
export function loggerProviderStep(provider: LoggerProvider): InstallStep {
  return () => {
    if (registeredLoggerProvider() !== undefined) {
      diag.warn("llmtrace: a global OpenTelemetry logger provider is already registered and left in place; log records from pino, winston and the console go to it, without llmtrace's redaction or exporters.");
      return undefined;
    }
    logs.setGlobalLoggerProvider(provider);
    setLogExport(true);
    return () => {
      setLogExport(false);
      // The slot holds a getter, asked with the API's compatibility version (1).
      const registered = registeredLoggerProvider();
      if (typeof registered === "function" && registered(1) === provider) logs.disable();
    };
  };
}
