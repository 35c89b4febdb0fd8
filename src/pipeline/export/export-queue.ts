import { type Context, diag, TraceFlags } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { ResolvedBatch } from "../../config/resolved-config.js";
import type { ExporterCounters } from "../stats.js";
import { DropWarnings } from "./drop-warnings.js";
import { exportOnce } from "./export-once.js";

/** A failed batch is tried this many times in all before its spans are dropped (and counted). */
export const MAX_EXPORT_ATTEMPTS = 8;
const FIRST_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 30_000;

/**
 * The batching export processor: spans wait in a bounded queue and leave in batches, one export at a
 * time, in the background. Unlike OpenTelemetry's BatchSpanProcessor it keeps a failed batch at the
 * head of the queue and retries it with exponential backoff, so an outage shorter than the queue's
 * capacity loses nothing; what it must give up on (a full queue, a batch failing
 * MAX_EXPORT_ATTEMPTS times, spans left at shutdown) it counts and reports. Ending a span only
 * appends to an array: the application never waits for the exporter.
 */
export class ExportQueueProcessor implements SpanProcessor {
  private queue: ReadableSpan[] = [];
  /** Spans taken from the queue for the export in flight; they still count against capacity. */
  private sending = 0;
  private exporting = false;
  /** Called when the export in flight has been answered (forceFlush waits on them). */
  private readonly exportWaiters: (() => void)[] = [];
  /** Cancels the scheduled export, when one is scheduled. */
  private cancelScheduled: (() => void) | undefined;
  private scheduledImmediately = false;
  /** Failed attempts of the batch at the head of the queue. */
  private attempts = 0;
  private stopped = false;
  private readonly drops: DropWarnings;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly options: ResolvedBatch,
    private readonly counters: ExporterCounters,
  ) {
    this.drops = new DropWarnings(counters);
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
    this.counters.queued = this.queue.length + this.sending;
    if (this.attempts > 0) return; // backing off: the retry timer is set
    if (this.queue.length >= this.options.maxExportBatchSize) this.schedule(0);
    else this.schedule(this.options.scheduledDelayMillis);
  }

  /** Sends everything queued now, ignoring backoff; stops early if an export of its own fails. */
  async forceFlush(): Promise<void> {
    this.clearTimer();
    for (;;) {
      // A drain already under way may start its next batch first: wait for it rather than stop.
      if (this.exporting) {
        await new Promise<void>((resolve) => this.exportWaiters.push(resolve));
        continue;
      }
      if (this.queue.length === 0 || !(await new Promise<boolean>((resolve) => this.sendBatch(resolve)))) break;
    }
    await this.exporter.forceFlush?.().catch((error: unknown) => diag.warn(`llmtrace: exporter flush failed: ${String(error)}`));
    this.afterExport();
  }

  async shutdown(): Promise<void> {
    if (this.stopped) return;
    await this.forceFlush();
    this.stopped = true;
    this.clearTimer();
    this.drops.drop(this.queue.length, "still queued at shutdown: the exporter did not accept them in time");
    this.queue.length = 0;
    this.counters.queued = 0;
    this.drops.flush();
    await this.exporter.shutdown().catch((error: unknown) => diag.warn(`llmtrace: exporter shutdown failed: ${String(error)}`));
  }

  private schedule(delayMs: number): void {
    if (this.exporting) return;
    if (this.cancelScheduled) {
      // A full batch does not wait for the timer set when the queue held only a few spans.
      if (delayMs !== 0 || this.scheduledImmediately) return;
      this.clearTimer();
    }
    this.scheduledImmediately = delayMs === 0;
    const run = () => {
      this.cancelScheduled = undefined;
      this.sendBatch(() => this.afterExport());
    };
    // A full batch leaves as soon as the current job is done (a microtask), as OpenTelemetry's
    // batch processor's does: waiting for the event loop would let an application that awaits
    // only promises queue thousands of spans, which then survive garbage collections and cost
    // more than the export. A delayed export does not keep the process alive; beforeExit and
    // shutdown flush what is left.
    if (delayMs === 0) {
      let cancelled = false;
      queueMicrotask(() => {
        if (!cancelled) run();
      });
      this.cancelScheduled = () => {
        cancelled = true;
      };
    } else {
      const timeout = setTimeout(run, delayMs).unref();
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
        this.schedule(Math.min(FIRST_RETRY_DELAY_MS * 2 ** (this.attempts - 1), MAX_RETRY_DELAY_MS));
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
    exportOnce(this.exporter, batch, this.options.exportTimeoutMillis, (result) => {
      this.sending = 0;
      const accepted = result.code === ExportResultCode.SUCCESS;
      if (accepted) {
        this.attempts = 0;
        this.counters.exported += batch.length;
      } else {
        this.counters.failedExports++;
        this.attempts++;
        if (this.attempts >= MAX_EXPORT_ATTEMPTS) {
          this.attempts = 0;
          this.drops.drop(batch.length, `the exporter failed ${MAX_EXPORT_ATTEMPTS} times in a row: ${result.error?.message ?? "no reason given"}`);
        } else {
          this.queue.unshift(...batch);
        }
      }
      this.counters.queued = this.queue.length;
      this.exporting = false;
      for (const waiter of this.exportWaiters.splice(0)) waiter();
      then(accepted);
    });
  }

  /** The head of the queue, up to a batch. A queue that fits is handed over whole, not copied. */
  private takeBatch(): ReadableSpan[] {
    if (this.queue.length > this.options.maxExportBatchSize) return this.queue.splice(0, this.options.maxExportBatchSize);
    const batch = this.queue;
    this.queue = [];
    return batch;
  }
}
