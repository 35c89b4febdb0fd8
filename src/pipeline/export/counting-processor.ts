import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { PipelineCounters } from "../stats.js";

/** Counts spans started and ended; first in the pipeline, so it sees every recorded span. */
export class CountingProcessor implements SpanProcessor {
  constructor(private readonly counters: PipelineCounters) {}

  onStart(_span: Span, _parentContext: Context): void {
    this.counters.spansStarted++;
  }

  onEnd(_span: ReadableSpan): void {
    this.counters.spansEnded++;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
