import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * Holds finished spans in memory for tests. Unlike the SDK's InMemorySpanExporter it keeps them
 * after shutdown, so `await tracing.shutdown()` followed by assertions reads what was recorded,
 * and it answers at once (the SDK's answers on a timer, so a shutdown right after the last span
 * left `stats()` counting it as queued, not exported). Spans ending after shutdown are refused,
 * as with any exporter.
 */
export class MemorySpanExporter implements SpanExporter {
  private finished: ReadableSpan[] = [];
  private stopped = false;

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    if (this.stopped) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error("the memory exporter is shut down") });
      return;
    }
    this.finished.push(...spans);
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  /** Every span exported so far, in the order they ended. */
  getFinishedSpans(): ReadableSpan[] {
    return this.finished;
  }

  /** Forgets the spans exported so far. */
  reset(): void {
    this.finished = [];
  }

  shutdown(): Promise<void> {
    this.stopped = true;
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
