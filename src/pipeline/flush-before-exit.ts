import type { TracingHandle } from "./tracing-handle.js";

/**
 * When the event loop empties and Node is about to exit, sends what the queues still hold, so a
 * script that never calls `shutdown()` loses nothing. Node emits `beforeExit` again after the
 * flush's I/O; a flush that could not deliver is not repeated (the exit would never come).
 * Returns the function that removes the listener.
 */
export function flushBeforeExit(tracing: TracingHandle): () => void {
  let leftAfterLastFlush = -1;
  let flushing = false;
  const onBeforeExit = () => {
    const queued = tracing.stats().spansQueued;
    if (flushing || queued === 0 || queued === leftAfterLastFlush) return;
    flushing = true;
    void tracing.forceFlush().finally(() => {
      flushing = false;
      leftAfterLastFlush = tracing.stats().spansQueued;
    });
  };
  process.on("beforeExit", onBeforeExit);
  return () => process.off("beforeExit", onBeforeExit);
}
