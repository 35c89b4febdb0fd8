import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { TracingOptions } from "../config/options.js";
import type { MemorySpanExporter } from "../pipeline/exporters/memory-exporter.js";
import { configureTracing, getActiveTracing } from "../pipeline/configure-tracing.js";
import type { TracingHandle } from "../pipeline/tracing-handle.js";

export type SpanMatcher = string | RegExp | ((span: ReadableSpan) => boolean);

/** Spans recorded in memory by a real tracing pipeline, with lookups for assertions. */
export interface SpanCapture {
  /** Every finished span so far, in the order they ended. */
  readonly spans: readonly ReadableSpan[];
  /** The tracing handle behind the capture. */
  readonly tracing: TracingHandle;
  /** The first finished span matching, or undefined. */
  find(matcher: SpanMatcher): ReadableSpan | undefined;
  /** Every finished span matching. */
  findAll(matcher: SpanMatcher): ReadableSpan[];
  /** The one span matching; throws (a test failure) when there is none or more than one. */
  get(matcher: SpanMatcher): ReadableSpan;
  /** The span's parent among the captured spans. */
  parentOf(span: ReadableSpan): ReadableSpan | undefined;
  /** The span's direct children among the captured spans, in start order. */
  childrenOf(span: ReadableSpan): ReadableSpan[];
  /** Forgets the spans captured so far. */
  reset(): void;
  /** Shuts the pipeline down so the next test can configure its own. */
  shutdown(): Promise<void>;
}

/**
 * Configures tracing into memory, with spans exported as they end, for tests of your own
 * instrumentation. Other options (sampling, attributes...) apply as in `configureTracing()`.
 */
export function captureSpans(options: Omit<TracingOptions, "exporters" | "processor" | "enabled"> = {}): SpanCapture {
  if (getActiveTracing()) {
    throw new Error("captureSpans(): tracing is already configured in this process; call shutdown() on the running handle first.");
  }
  const tracing = configureTracing({ ...options, exporters: [{ type: "memory" }], processor: "simple", enabled: true });
  const exporter = tracing.memoryExporter as MemorySpanExporter;
  return createSpanCapture(tracing, exporter);
}

function createSpanCapture(tracing: TracingHandle, exporter: MemorySpanExporter): SpanCapture {
  const matches = (matcher: SpanMatcher) => (span: ReadableSpan) =>
    typeof matcher === "string" ? span.name === matcher : matcher instanceof RegExp ? matcher.test(span.name) : matcher(span);
  const capture: SpanCapture = {
    get spans() {
      return exporter.getFinishedSpans();
    },
    tracing,
    find: (matcher) => exporter.getFinishedSpans().find(matches(matcher)),
    findAll: (matcher) => exporter.getFinishedSpans().filter(matches(matcher)),
    get(matcher) {
      const found = capture.findAll(matcher);
      if (found.length !== 1) {
        const names = exporter.getFinishedSpans().map((span) => span.name);
        throw new Error(`expected exactly one span matching ${String(matcher)}, found ${found.length}; captured: ${JSON.stringify(names)}`);
      }
      return found[0]!;
    },
    parentOf(span) {
      const parentId = span.parentSpanContext?.spanId;
      return parentId === undefined ? undefined : exporter.getFinishedSpans().find((s) => s.spanContext().spanId === parentId);
    },
    childrenOf(span) {
      const id = span.spanContext().spanId;
      return exporter
        .getFinishedSpans()
        .filter((s) => s.parentSpanContext?.spanId === id)
        .sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
    },
    reset: () => exporter.reset(),
    shutdown: () => tracing.shutdown(),
  };
  return capture;
}
