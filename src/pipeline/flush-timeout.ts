import { warnDeprecated } from "./deprecation-warnings.js";
import type { FlushOptions } from "./tracing-handle.js";

/** The deadline of one `forceFlush()` / `shutdown()` call: the call's own, else the configured one. */
export function flushTimeout(options: FlushOptions | undefined, configured: number): number {
  if (options?.timeoutMillis !== undefined) return options.timeoutMillis;
  if (options?.timeoutMs !== undefined) {
    warnDeprecated([
      {
        warningKey: "FlushOptions.timeoutMs",
        warning: "llmtrace: the forceFlush() / shutdown() option timeoutMs is deprecated and will be removed in 1.0; use timeoutMillis instead.",
      },
    ]);
    return options.timeoutMs;
  }
  return configured;
}
