import type { InterruptCause } from "./open-spans.js";
import type { TracingHandle } from "./tracing-handle.js";

/**
 * `shutdown()` with what caused it ("SIGTERM"), for the spans it ends as interrupted. Internal:
 * the public `shutdown()` says "shutdown()".
 */
const withCause = new WeakMap<TracingHandle, (cause: InterruptCause) => Promise<void>>();

export function setShutdownWithCause(handle: TracingHandle, shutdown: (cause: InterruptCause) => Promise<void>): void {
  withCause.set(handle, shutdown);
}

export function shutdownBecause(handle: TracingHandle, cause: InterruptCause): Promise<void> {
  return withCause.get(handle)?.(cause) ?? handle.shutdown();
}
