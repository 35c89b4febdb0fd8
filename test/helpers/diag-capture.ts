import { type DiagLogger, DiagLogLevel, diag } from "@opentelemetry/api";

/**
 * Records what llmtrace and the SDK report through `diag`. Tests configure tracing with
 * `logLevel: "none"` so llmtrace leaves this logger in place.
 */
export function captureDiag(): { warnings: string[]; errors: string[]; restore(): void } {
  const warnings: string[] = [];
  const errors: string[] = [];
  const join = (message: string, args: unknown[]) => [message, ...args.map(String)].join(" ");
  const logger: DiagLogger = {
    error: (message, ...args) => errors.push(join(message, args)),
    warn: (message, ...args) => warnings.push(join(message, args)),
    info: () => {},
    debug: () => {},
    verbose: () => {},
  };
  diag.setLogger(logger, { logLevel: DiagLogLevel.WARN, suppressOverrideMessage: true });
  return { warnings, errors, restore: () => diag.disable() };
}
