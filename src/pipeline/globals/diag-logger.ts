import { DiagConsoleLogger, DiagLogLevel, diag } from "@opentelemetry/api";
import type { LogLevel } from "../../config/options.js";
import type { InstallStep } from "./install-step.js";
import { registeredGlobals } from "./otel-api-slot.js";

const DIAG_LEVELS: Readonly<Record<Exclude<LogLevel, "none">, DiagLogLevel>> = {
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/**
 * Export failures and dropped spans are reported through `diag`, which prints nothing until a
 * logger is set. The application's own logger is kept unless the level was asked for explicitly
 * (option or OTEL_LOG_LEVEL); the undo puts back whatever was there, unless someone replaced
 * ours in the meantime.
 */
export function diagLoggerStep(level: LogLevel, explicit: boolean): InstallStep {
  return () => {
    if (level === "none") return undefined;
    const previous = registeredGlobals().diag;
    if (previous && !explicit) return undefined;
    diag.setLogger(new DiagConsoleLogger(), { logLevel: DIAG_LEVELS[level], suppressOverrideMessage: true });
    const ours = registeredGlobals().diag;
    return () => {
      if (registeredGlobals().diag !== ours) return;
      // The previous logger already filters by its own level: pass everything through to it.
      if (previous) diag.setLogger(previous, { logLevel: DiagLogLevel.ALL, suppressOverrideMessage: true });
      else diag.disable();
    };
  };
}
