import { type Context, diag } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { StaticAttributesProcessor } from "./attributes-processor.js";
import type { ContextAttributesProcessor } from "./context-processor.js";
import type { RedactionProcessor } from "./redaction-processor.js";
import type { SpanMetrics } from "./metrics/span-metrics.js";
import type { TailSampler } from "./sampling/tail-sampler.js";
import type { PipelineCounters } from "./stats.js";
import { AiSdkSpans } from "./ai-sdk-spans.js";
import { OpenSpans } from "./open-spans.js";
import { UsageCountedOnce } from "./usage-counted-once.js";
import { selfTiming } from "../platform/self-timing.js";
import { TRACER_NAME } from "../spans/tracer.js";

/**
 * llmtrace's steps for every span, as the tracer provider's one processor: count it and stamp the
 * context's attributes when it starts, count a model call's usage once, give the AI SDK's spans
 * their kinds and redact it as it ends, count it, record its metrics and hand it to each export
 * processor once it has ended. The provider calls every hook of every processor it holds; one
 * processor that calls only the steps with work to do saves the calls to the empty ones (most
 * steps act at one point of a span's life) on every span.
 */
export class PipelineProcessor implements SpanProcessor {
  constructor(
    private readonly counters: PipelineCounters,
    private readonly context: ContextAttributesProcessor,
    private readonly attributes: StaticAttributesProcessor | undefined,
    private readonly redaction: RedactionProcessor,
    /** The export processors, one per exporter. */
    private readonly exports: readonly SpanProcessor[],
    /** Metrics recorded from each ended span, when metrics are on. */
    private readonly metrics: SpanMetrics | undefined = undefined,
    /** Tail sampling, when on: it holds each trace and forwards the kept ones to the exports. */
    private readonly tail: TailSampler | undefined = undefined,
  ) {}

  /** Hands an ended span to each export processor. */
  readonly forward = (span: ReadableSpan): void => {
    for (const processor of this.exports) processor.onEnd(span);
  };

  private readonly usage = new UsageCountedOnce();
  /** Other instrumentations' spans timed for the overhead estimate. */
  private readonly timedForeign = new WeakSet<object>();
  /** Timed foreign spans not ended yet (one that never ends keeps it above zero: only a cost, never wrong). */
  private timedForeignOpen = 0;
  private readonly aiSdk = new AiSdkSpans();
  /** Spans not ended yet: ended as interrupted when the process stops first. */
  readonly openSpans = new OpenSpans();

  /** Set once a step failed: said once, and the span goes on through the others. */
  private stepFailed = false;

  onStart(span: Span, parentContext: Context): void {
    // Another instrumentation's span: llmtrace's work on it is timed here (its own spans' is
    // timed around their start and end, which include these steps).
    const timed = span.instrumentationScope.name === TRACER_NAME ? -1 : selfTiming.begin();
    if (timed >= 0) {
      this.timedForeign.add(span);
      this.timedForeignOpen++;
    }
    this.counters.spansStarted++;
    this.openSpans.add(span);
    this.guarded(() => this.usage.onStart(span));
    this.context.onStart(span, parentContext);
    this.attributes?.onStart(span, parentContext);
    // Export processors act when a span ends; the SDK's own (SimpleSpanProcessor) do nothing here.
    selfTiming.add(timed);
  }

  onEnding(span: Span): void {
    // Most spans are not timed: the set is asked only while one is open.
    const timed = this.timedForeignOpen > 0 && this.timedForeign.has(span) ? performance.now() : -1;
    this.guarded(() => {
      this.usage.onEnding(span);
      this.aiSdk.onEnding(span);
    });
    // Redaction guards itself, failing closed.
    this.redaction.onEnding(span);
    selfTiming.add(timed);
  }

  onEnd(span: ReadableSpan): void {
    const timed = this.timedForeignOpen > 0 && this.timedForeign.delete(span) ? performance.now() : -1;
    if (timed >= 0) this.timedForeignOpen--;
    this.counters.spansEnded++;
    this.openSpans.delete(span as Span);
    this.guarded(() => this.usage.onEnd(span));
    // Metrics see every span, kept or sampled out: they are the unsampled totals.
    if (this.metrics) this.guarded(() => this.metrics!.record(span));
    if (this.tail) this.tail.onEnd(span);
    else this.forward(span);
    selfTiming.add(timed);
  }

  /** Ending a span must never throw into the application's code. */
  private guarded(step: () => void): void {
    try {
      step();
    } catch (error) {
      if (this.stepFailed) return;
      this.stepFailed = true;
      diag.warn(`llmtrace: a span could not be classified, have its usage checked or its metrics recorded (${String(error)}); it is exported as it is.`);
    }
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.exports.map((processor) => processor.forceFlush()));
  }

  async shutdown(): Promise<void> {
    // configureTracing() ends them first, naming its cause; a provider built by the application
    // (createSpanProcessors()) reaches here with them still open.
    this.openSpans.endAll("shutdown");
    this.tail?.shutdown();
    await Promise.all(this.exports.map((processor) => processor.shutdown()));
  }
}
