import { diag } from "@opentelemetry/api";
import { endPendingRoots, pendingRootCount } from "../spans/pending-roots.js";
import { withDeadline } from "./deadline.js";
import { ExitReport } from "./exit-report.js";
import type { ExitFlush } from "./signals.js";

/** Tail sampling's held traces, which an exiting process decides before its last flush. */
export interface HeldForTail {
  readonly spansHeld: number;
  settleAll(reason: "exit"): void;
}
import type { TracingStats } from "./stats.js";

/**
 * Makes ending without `shutdown()` safe and bounded. When the event loop empties (`beforeExit`)
 * with spans queued, flushes them for at most `exitTimeoutMillis`; what that could not deliver is
 * reported (count and exporter), and the process ends by that bound even while an exporter keeps
 * retrying an unreachable backend. A direct `process.exit()` skips `beforeExit`: the `exit` event
 * then reports, synchronously, how many spans were still queued. Returns the function that
 * removes both listeners.
 *
 * It flushes the provider itself rather than through `forceFlush()`, whose own warning at the
 * deadline would say, without the count, what the exit report says with it.
 */
export function flushBeforeExit(
  provider: { forceFlush(): Promise<void> },
  stats: () => TracingStats,
  exitTimeoutMillis: number,
  signals: readonly ExitFlush[] = [],
  held?: HeldForTail,
  writeAtExit?: () => void,
): () => void {
  const report = new ExitReport();
  let leftAfterLastFlush = -1;
  let flushing = false;
  const onBeforeExit = () => {
    if (flushing) return;
    const queued = stats().spansQueued;
    // Idle trace roots end (and so queue their spans) only when flushed. Metrics and log records
    // recorded since their last export would be lost too: a short script exports them here.
    const signalsWaiting = signals.some((signal) => signal.unflushed);
    const heldWaiting = (held?.spansHeld ?? 0) > 0;
    if (!signalsWaiting && !heldWaiting && (queued === 0 ? pendingRootCount() === 0 : queued === leftAfterLastFlush)) return;
    flushing = true;
    const startedAt = Date.now();
    endPendingRoots();
    // Traces tail sampling still holds (roots that never ended) are decided on what they have.
    held?.settleAll("exit");
    const flushed = provider.forceFlush().then(() => Promise.all(signals.map((signal) => signal.forceFlush())));
    void withDeadline(flushed, exitTimeoutMillis).then(() => {
      flushing = false;
      for (const signal of signals) {
        const left = signal.undelivered?.();
        if (left) diag.warn(`llmtrace: the process is exiting and ${left} were not delivered within exitTimeoutMillis (${exitTimeoutMillis} ms). They are lost.`);
      }
      const after = stats();
      leftAfterLastFlush = after.spansQueued;
      if (after.spansQueued === 0) return;
      report.notDelivered(after.exporters, exitTimeoutMillis);
      // Unref'd: it ends the process only if something still holds it open past the bound, in
      // practice the exporter's own retries, which would otherwise keep it alive for many seconds.
      setTimeout(() => process.exit(), Math.max(0, startedAt + exitTimeoutMillis - Date.now())).unref();
    });
  };
  const onExit = () => {
    // Nothing asynchronous runs any more: idle trace roots end, traces tail sampling holds are
    // decided, and exporters that can write synchronously (a JSONL file, the console) write what is queued.
    endPendingRoots();
    if ((held?.spansHeld ?? 0) > 0) held?.settleAll("exit");
    writeAtExit?.();
    report.stillQueued(stats().exporters);
  };
  process.on("beforeExit", onBeforeExit);
  process.on("exit", onExit);
  return () => {
    process.off("beforeExit", onBeforeExit);
    process.off("exit", onExit);
  };
}
