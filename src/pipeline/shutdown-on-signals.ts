import { diag } from "@opentelemetry/api";
import { getActiveTracing } from "./configure-tracing.js";
import { shutdownBecause } from "./shutdown-cause.js";
import type { TracingHandle } from "./tracing-handle.js";

/**
 * Opt-in: on SIGTERM / SIGINT (or the signals given), shuts tracing down — ending the spans of work
 * still running as interrupted, flushing within the configured deadline — and then lets the signal
 * do what it would have done. When the application has its own listeners for the signal, they
 * decide when to exit (a server drains its requests first): this only flushes, and tracing goes on
 * recording the requests being drained until the application shuts it down or exits.
 * Returns a function that removes the listeners.
 *
 *     configureTracing({ ... });
 *     shutdownOnSignals();
 */
export function shutdownOnSignals(tracing?: TracingHandle, signals: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"]): () => void {
  const listeners = new Map<NodeJS.Signals, () => void>();
  const remove = () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
    listeners.clear();
  };
  for (const signal of signals) {
    const listener = () => {
      const handle = tracing ?? getActiveTracing();
      remove();
      const othersHandleIt = process.listenerCount(signal) > 0;
      const done = !handle ? Promise.resolve() : othersHandleIt ? handle.forceFlush() : shutdownBecause(handle, signal);
      void done
        .catch((error: unknown) => diag.warn(`llmtrace: ${othersHandleIt ? "flush" : "shutdown"} on ${signal} failed: ${String(error)}`))
        .finally(() => {
          // Re-raise with no listener of ours left: Node's default for the signal (exit) applies.
          if (!othersHandleIt) process.kill(process.pid, signal);
        });
    };
    listeners.set(signal, listener);
    process.on(signal, listener);
  }
  return remove;
}
