import type { AttributeValue } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { ATTR_LLMTRACE_SPAN_KIND } from "../conventions/attribute-keys.js";
import type { LlmSpanKind } from "../types/span-kinds.js";
import { formatTraceTree } from "../pipeline/exporters/format-trace-tree.js";
import type { TracingOptions } from "../config/options.js";
import type { MemorySpanExporter } from "../pipeline/exporters/memory-exporter.js";
import { configureTracing, getActiveTracing } from "../pipeline/configure-tracing.js";
import type { TracingHandle } from "../pipeline/tracing-handle.js";

/** A span name, a name pattern, `{ kind, name }`, or a predicate. */
export type SpanMatcher = string | RegExp | { kind?: LlmSpanKind; name?: string | RegExp } | ((span: ReadableSpan) => boolean);

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
  /** Every finished span of an llmtrace kind ("generation", "tool"...), in end order. */
  byKind(kind: LlmSpanKind): ReadableSpan[];
  /**
   * Asserts that the one span matching has these attribute values (others may be present);
   * throws an error listing every difference.
   */
  expectAttributes(matcher: SpanMatcher, expected: Readonly<Record<string, AttributeValue | undefined>>): ReadableSpan;
  /** The captured spans as the console exporter's trees, one per trace. */
  tree(): string;
  /** The span's parent among the captured spans. */
  parentOf(span: ReadableSpan): ReadableSpan | undefined;
  /** The span's direct children among the captured spans, in start order. */
  childrenOf(span: ReadableSpan): ReadableSpan[];
  /** Ends trace roots that are waiting to end on their own (idle `trace.start()` handles) and exports them. */
  flush(): Promise<void>;
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
  const matches = (matcher: SpanMatcher) => (span: ReadableSpan) => {
    if (typeof matcher === "string") return span.name === matcher;
    if (matcher instanceof RegExp) return matcher.test(span.name);
    if (typeof matcher === "function") return matcher(span);
    if (matcher.kind !== undefined && span.attributes[ATTR_LLMTRACE_SPAN_KIND] !== matcher.kind) return false;
    if (matcher.name === undefined) return true;
    return typeof matcher.name === "string" ? span.name === matcher.name : matcher.name.test(span.name);
  };
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
    byKind: (kind) => exporter.getFinishedSpans().filter((span) => span.attributes[ATTR_LLMTRACE_SPAN_KIND] === kind),
    expectAttributes(matcher, expected) {
      const span = capture.get(matcher);
      const differences = Object.entries(expected)
        .filter(([key, value]) => !sameValue(span.attributes[key], value))
        .map(([key, value]) => `  ${key}: expected ${JSON.stringify(value)}, got ${JSON.stringify(span.attributes[key])}`);
      if (differences.length > 0) throw new Error(`span "${span.name}" attributes differ:\n${differences.join("\n")}`);
      return span;
    },
    tree() {
      const byTrace = new Map<string, ReadableSpan[]>();
      for (const span of exporter.getFinishedSpans()) {
        const id = span.spanContext().traceId;
        byTrace.set(id, [...(byTrace.get(id) ?? []), span]);
      }
      return [...byTrace.values()].map((spans) => formatTraceTree(spans)).join("");
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
    flush: () => tracing.forceFlush(),
    reset: () => exporter.reset(),
    shutdown: () => tracing.shutdown(),
  };
  return capture;
}

function sameValue(actual: AttributeValue | undefined, expected: AttributeValue | undefined): boolean {
  if (Array.isArray(actual) && Array.isArray(expected)) return actual.length === expected.length && actual.every((v, i) => v === expected[i]);
  return actual === expected;
}
