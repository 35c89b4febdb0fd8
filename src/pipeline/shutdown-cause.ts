import type { InterruptCause } from "./open-spans.js";
import type { TracingHandle } from "./tracing-handle.js";

/**
 * `shutdown()` with what caused it ("SIGTERM"), for the spans it ends as interrupted. Internal:
 * the public `shutdown()` says "shutdown". Kept on the handle under a registered symbol, so the
 * ESM and CommonJS builds loaded side by side (configureTracing from one, shutdownOnSignals from
 * the other) find it.
 */
const WITH_CAUSE = Symbol.for("llmtrace.shutdownWithCause");

type WithCause = TracingHandle & { [WITH_CAUSE]?: (cause: InterruptCause) => Promise<void> };

export function setShutdownWithCause(handle: TracingHandle, shutdown: (cause: InterruptCause) => Promise<void>): void {
  Object.defineProperty(handle, WITH_CAUSE, { value: shutdown, enumerable: false });
}

export function shutdownBecause(handle: TracingHandle, cause: InterruptCause): Promise<void> {
  return (handle as WithCause)[WITH_CAUSE]?.(cause) ?? handle.shutdown();
}
