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
import type { InterruptCause, OpenSpans } from "./open-spans.js";

/** What else an exiting process settles besides its queued spans. */
export interface AtExit {
  /** Metrics and logs, flushed beside the spans. */
  readonly signals?: readonly ExitFlush[];
  /** Tail sampling's held traces. */
  readonly held?: HeldForTail | undefined;
  /** Exporters that can write synchronously (files, the console) write what is queued, from the `exit` event. */
  readonly writeAtExit?: () => void;
  /** Spans still running, ended as interrupted: nothing will end them once the process exits. */
  readonly openSpans?: Pick<OpenSpans, "size" | "endAll">;
}

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
export function flushBeforeExit(provider: { forceFlush(): Promise<void> }, stats: () => TracingStats, exitTimeoutMillis: number, atExit: AtExit = {}): () => void {
  const { signals = [], held, writeAtExit, openSpans } = atExit;
  const report = new ExitReport();
  // What is ending the process, for the spans it cuts short: a crash is seen before the `exit` event.
  // An application's uncaughtException listener may keep the process alive: the crash is forgotten
  // on the next turn (a fatal one emits `exit` before that, in the same call).
  let crash: InterruptCause | undefined;
  const onCrash = (_error: unknown, origin: string) => {
    crash = origin === "unhandledRejection" ? "unhandledRejection" : "uncaughtException";
    setImmediate(() => (crash = undefined));
  };
  let leftAfterLastFlush = -1;
  let flushing = false;
  let openAtLastEmptyLoop = false;
  const onBeforeExit = () => {
    if (flushing) return;
    if ((openSpans?.size ?? 0) > 0 && !openAtLastEmptyLoop) {
      // An application's own beforeExit listener may still end them (its work runs after this
      // event): one more turn first; still open when the loop empties again, they never end.
      openAtLastEmptyLoop = true;
      setImmediate(() => {});
      return;
    }
    openAtLastEmptyLoop = false;
    const queued = stats().spansQueued;
    // Idle trace roots end (and so queue their spans) only when flushed. Metrics and log records
    // recorded since their last export would be lost too: a short script exports them here.
    const signalsWaiting = signals.some((signal) => signal.unflushed);
    const heldWaiting = (held?.spansHeld ?? 0) > 0;
    const openWaiting = (openSpans?.size ?? 0) > 0;
    if (!signalsWaiting && !heldWaiting && !openWaiting && (queued === 0 ? pendingRootCount() === 0 : queued === leftAfterLastFlush)) return;
    flushing = true;
    const startedAt = Date.now();
    endPendingRoots();
    // Nothing is left to run, twice: a span still open (awaiting a promise that never settles) never ends.
    openSpans?.endAll("beforeExit");
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
  const onExit = (code: number) => {
    // Nothing asynchronous runs any more: idle trace roots end, traces tail sampling holds are
    // decided, and exporters that can write synchronously (a JSONL file, the console) write what is queued.
    endPendingRoots();
    // process.exit(0) is the application's choice to stop: its open spans are marked, not failed.
    openSpans?.endAll(crash ?? "process.exit", crash !== undefined || code !== 0);
    if ((held?.spansHeld ?? 0) > 0) held?.settleAll("exit");
    writeAtExit?.();
    report.stillQueued(stats().exporters);
  };
  process.on("beforeExit", onBeforeExit);
  process.on("exit", onExit);
  process.on("uncaughtExceptionMonitor", onCrash);
  return () => {
    process.off("beforeExit", onBeforeExit);
    process.off("exit", onExit);
    process.off("uncaughtExceptionMonitor", onCrash);
  };
}
