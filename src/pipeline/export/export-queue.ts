import { type Context, diag, TraceFlags } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import { exportsAtExit } from "../exporters/export-at-exit.js";
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { ResolvedBatch } from "../../config/resolved-config.js";
import type { ExporterCounters } from "../stats.js";
import { DropWarnings } from "./drop-warnings.js";
import { diagnoseFailure } from "./export-failure.js";
import { ExportHealth } from "./export-health.js";
import { exportOnce } from "./export-once.js";
import type { ExportTarget } from "./export-target.js";

/** A failed batch is tried this many times in all before its spans are dropped (and counted). */
export const MAX_EXPORT_ATTEMPTS = 8;
/** Waits between attempts: 0.5, 1, 2, 4, 8, 16, 30 s — about 61 s of retrying in all, plus the attempts themselves. */
export const FIRST_RETRY_DELAY_MILLIS = 500;
export const MAX_RETRY_DELAY_MILLIS = 30_000;

/**
 * The batching export processor, and the only place a failed export is retried (OTLP/HTTP
 * exporters' own retries are switched off where they are built): spans wait in a bounded queue
 * and leave in batches, one export at a time, in the background. A batch that fails for a
 * reason that can pass (a collector down, 503, a timeout on connect) stays at the head of the
 * queue and is retried with backoff, so an outage shorter than about a minute loses nothing
 * within the queue's capacity. A batch the receiver refused (400, 401, 403, 404) is dropped at
 * once, and a batch with no answer in time (a request timeout) is dropped rather than re-sent,
 * since it may have arrived: nothing is delivered twice. Every drop is counted and reported. Ending a span only appends to an array:
 * the application never waits for the exporter.
 */
export class ExportQueueProcessor implements SpanProcessor {
  private queue: ReadableSpan[] = [];
  /** Spans taken from the queue for the export in flight; they still count against capacity. */
  private sending = 0;
  private exporting = false;
  /** Spans ever queued, and spans that left the queue for good (delivered or dropped): forceFlush's marks. */
  private queuedTotal = 0;
  private settledTotal = 0;
  /** Called when the export in flight has been answered (forceFlush waits on them). */
  private readonly exportWaiters: (() => void)[] = [];
  /** Cancels the scheduled export, when one is scheduled. */
  private cancelScheduled: (() => void) | undefined;
  private scheduledImmediately = false;
  /** Failed attempts of the batch at the head of the queue. */
  private attempts = 0;
  private stopped = false;
  /** Set when an abandon counted the batch in flight as dropped; its late answer corrects the count. */
  private inFlightWrittenOff = false;
  private shuttingDown: Promise<void> | undefined;
  private readonly drops: DropWarnings;
  private readonly health: ExportHealth;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly options: ResolvedBatch,
    private readonly counters: ExporterCounters,
    private readonly target: ExportTarget,
  ) {
    this.drops = new DropWarnings(counters, target);
    this.health = new ExportHealth(counters, target);
  }

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.stopped) {
      this.drops.drop(1, "ended after shutdown");
      return;
    }
    if (this.queue.length + this.sending >= this.options.maxQueueSize) {
      this.drops.drop(1, `the queue of ${this.options.maxQueueSize} spans was full; raise batch.maxQueueSize or check the exporter`);
      return;
    }
    this.queue.push(span);
    this.queuedTotal++;
    this.counters.queued = this.queue.length + this.sending;
    if (this.attempts > 0) return; // backing off: the retry timer is set
    if (this.queue.length >= this.options.maxExportBatchSize) this.schedule(0);
    else this.schedule(this.options.scheduledDelayMillis);
  }

  /**
   * Sends what was queued when it was called, ignoring backoff, and returns: spans that arrive
   * meanwhile wait for their turn, so under load it does not chase the queue. Stops at the first
   * failed attempt (those spans stay queued and are retried).
   */
  async forceFlush(): Promise<void> {
    this.clearTimer();
    const mark = this.queuedTotal;
    while (this.settledTotal < mark && !this.stopped) {
      // A drain already under way may be sending the batch: wait for its answer rather than stop.
      if (this.exporting) {
        await new Promise<void>((resolve) => this.exportWaiters.push(resolve));
        continue;
      }
      if (this.queue.length === 0 || !(await new Promise<boolean>((resolve) => this.sendBatch(resolve)))) break;
    }
    await this.exporter.forceFlush?.().catch((error: unknown) => diag.warn(`llmtrace: exporter flush failed: ${String(error)}`));
    this.afterExport();
  }

  /** Flushes, then drops (counted, and named in one warning) what the exporter did not take. Runs once. */
  /**
   * From the process's `exit` event: an exporter that can write synchronously (a file, the console)
   * writes what is still queued; for others nothing can be done now (the exit report counts it).
   */
  writeQueuedAtExit(): void {
    if (this.queue.length === 0 || !exportsAtExit(this.exporter)) return;
    // In batches, as exports go: one line a batch in a file (a whole queue would make a line too long to read).
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, this.options.maxExportBatchSize);
      try {
        this.exporter.exportAtExit(batch);
      } catch (error) {
        this.counters.lastError = { at: Date.now(), message: error instanceof Error ? error.message : String(error) };
        return;
      }
      this.queue = this.queue.slice(batch.length);
      this.settledTotal += batch.length;
      this.counters.exported += batch.length;
      this.counters.queued = this.queue.length + this.sending;
      this.counters.lastSuccessAt = Date.now();
    }
  }

  shutdown(): Promise<void> {
    this.shuttingDown ??= (async () => {
      await this.forceFlush();
      this.abandon("still queued at shutdown");
      await this.exporter.shutdown().catch((error: unknown) => diag.warn(`llmtrace: exporter shutdown failed: ${String(error)}`));
    })();
    return this.shuttingDown;
  }

  /**
   * Stops the queue now and drops what waits in it — and a batch still in flight, whose late
   * answer corrects the count — reported in one warning with the exporter's last error: for a
   * shutdown that flushed what it could, or one whose deadline passed.
   */
  abandon(reason: string): void {
    this.stopped = true;
    this.clearTimer();
    const left = this.queue.length + (this.inFlightWrittenOff ? 0 : this.sending);
    if (this.sending > 0) this.inFlightWrittenOff = true;
    this.settledTotal += this.queue.length;
    this.queue = [];
    this.counters.queued = 0;
    const lastError = this.counters.lastError ? `; last error: ${this.counters.lastError.message}` : "";
    this.drops.drop(left, `${reason}: the exporter did not accept them in time${lastError}`);
    this.drops.flush();
  }

  private schedule(delayMillis: number): void {
    if (this.exporting || this.stopped) return;
    if (this.cancelScheduled) {
      // A full batch does not wait for the timer set when the queue held only a few spans.
      if (delayMillis !== 0 || this.scheduledImmediately) return;
      this.clearTimer();
    }
    this.scheduledImmediately = delayMillis === 0;
    const run = () => {
      this.cancelScheduled = undefined;
      this.sendBatch(() => this.afterExport());
    };
    // A full batch leaves as soon as the current job is done (a microtask), as OpenTelemetry's
    // batch processor's does: waiting for the event loop would let an application that awaits
    // only promises queue thousands of spans, which then survive garbage collections and cost
    // more than the export. A delayed export does not keep the process alive; beforeExit and
    // shutdown flush what is left.
    if (delayMillis === 0) {
      let cancelled = false;
      queueMicrotask(() => {
        if (!cancelled) run();
      });
      this.cancelScheduled = () => {
        cancelled = true;
      };
    } else {
      const timeout = setTimeout(run, delayMillis).unref();
      this.cancelScheduled = () => clearTimeout(timeout);
    }
  }

  private clearTimer(): void {
    this.cancelScheduled?.();
    this.cancelScheduled = undefined;
  }

  /** What to do after an export: another batch at once, a retry after backoff, or wait. */
  private afterExport(): void {
    for (;;) {
      if (this.stopped || this.exporting || this.queue.length === 0) return;
      if (this.attempts > 0) {
        this.schedule(Math.min(FIRST_RETRY_DELAY_MILLIS * 2 ** (this.attempts - 1), MAX_RETRY_DELAY_MILLIS));
        return;
      }
      if (this.queue.length < this.options.maxExportBatchSize || this.cancelScheduled !== undefined) {
        this.schedule(this.options.scheduledDelayMillis);
        return;
      }
      // A backlog drains batch after batch without waiting a turn of the event loop each time:
      // otherwise an application ending more than a batch of spans per turn outruns the exporter.
      // An exporter that answers at once is looped over here, not recursed into.
      let answered = false;
      let looping = true;
      this.sendBatch(() => {
        answered = true;
        if (!looping) this.afterExport();
      });
      looping = false;
      if (!answered) return;
    }
  }

  /** Exports the batch at the head of the queue; `then` learns whether the exporter accepted it. */
  private sendBatch(then: (accepted: boolean) => void): void {
    if (this.exporting || this.queue.length === 0) {
      then(false);
      return;
    }
    const batch = this.takeBatch();
    this.sending = batch.length;
    this.exporting = true;
    const startedAt = Date.now();
    exportOnce(this.exporter, batch, this.options.exportTimeoutMillis, (result) => {
      this.sending = 0;
      const accepted = result.code === ExportResultCode.SUCCESS;
      // Counted as dropped by abandon() while in flight: only a delivery changes the record.
      const writtenOff = this.inFlightWrittenOff;
      this.inFlightWrittenOff = false;
      if (accepted) {
        this.attempts = 0;
        this.settledTotal += batch.length;
        if (writtenOff) this.counters.dropped -= batch.length;
        this.health.succeeded(batch.length, this.queue.length);
      } else if (writtenOff) {
        this.settledTotal += batch.length;
        this.health.failed(diagnoseFailure(result.error, this.target), batch.length, 0, startedAt);
      } else {
        this.failed(batch, result.error, startedAt);
      }
      this.counters.queued = this.queue.length;
      this.exporting = false;
      for (const waiter of this.exportWaiters.splice(0)) waiter();
      then(accepted);
    });
  }

  /** A failed attempt: the batch goes back to the head of the queue, or is dropped with its reason. */
  private failed(batch: ReadableSpan[], error: Error | undefined, startedAt: number): void {
    const failure = diagnoseFailure(error, this.target);
    const retry = failure.retryable && !this.stopped && this.attempts + 1 < MAX_EXPORT_ATTEMPTS;
    this.health.failed(failure, batch.length, this.queue.length + (retry ? batch.length : 0), startedAt);
    if (retry) {
      this.attempts++;
      this.queue.unshift(...batch);
      return;
    }
    this.attempts = 0;
    this.settledTotal += batch.length;
    // The health warning already said what happens to a refused or unanswered batch.
    if (failure.outcomeUnknown) this.drops.drop(batch.length, `${failure.cause}; not sent again, as it may have arrived`, true);
    else if (!failure.retryable) this.drops.drop(batch.length, `refused: ${failure.cause}`, true);
    else this.drops.drop(batch.length, this.stopped ? `failed after shutdown began: ${failure.cause}` : `the exporter failed ${MAX_EXPORT_ATTEMPTS} times in a row: ${failure.cause}`);
  }

  /** The head of the queue, up to a batch. A queue that fits is handed over whole, not copied. */
  private takeBatch(): ReadableSpan[] {
    if (this.queue.length > this.options.maxExportBatchSize) return this.queue.splice(0, this.options.maxExportBatchSize);
    const batch = this.queue;
    this.queue = [];
    return batch;
  }
}
