import type { Attributes } from "@opentelemetry/api";
import type { ReadableSpan, Span } from "@opentelemetry/sdk-trace-base";
import { ATTR_LLMTRACE_SPAN_KIND } from "../conventions/attribute-keys.js";
import { TRACER_NAME } from "../spans/tracer.js";

/** Where a nested span's usage and cost go, under their own key: `llmtrace.nested.gen_ai.usage.input_tokens`. */
export const NESTED_USAGE_PREFIX = "llmtrace.nested.";
/** Set on a nested span whose usage moved: the span id of the llmtrace generation that counts it. */
export const ATTR_USAGE_COUNTED_ON = "llmtrace.usage.counted_on";

/** Keys of usage and cost in the conventions other instrumentations write. */
const USAGE_PREFIXES = ["gen_ai.usage.", "llm.token_count.", "llm.cost.", "llm.usage."];
const USAGE_KEYS = new Set(["ai.cost", "ai.prompt_tokens", "ai.completion_tokens", "ai.total_tokens", "ai.cached_tokens", "ai.cache_write_tokens", "ai.reasoning_tokens"]);

function isUsageKey(key: string): boolean {
  return USAGE_KEYS.has(key) || USAGE_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * One model call, its usage counted once. When another instrumentation's span for the same call
 * nests under an llmtrace generation — the provider SDK's own span, an OpenLLMetry or
 * OpenInference instrumentation — the generation is authoritative: the nested span's usage and cost
 * keys move under `llmtrace.nested.` (kept for reading, out of every sum over `gen_ai.usage.*`),
 * and `llmtrace.usage.counted_on` names the generation. A step of the pipeline, so it holds with
 * `createSpanProcessors()` too; metrics count what is left.
 */
export class UsageCountedOnce {
  /** Span ids of llmtrace generations still open: a nested span ends before its parent. */
  private readonly openGenerations = new Set<string>();

  onStart(span: Span): void {
    if (span.instrumentationScope.name === TRACER_NAME && span.attributes[ATTR_LLMTRACE_SPAN_KIND] === "generation") {
      this.openGenerations.add(span.spanContext().spanId);
    }
  }

  onEnding(span: Span): void {
    if (this.openGenerations.size === 0 || span.instrumentationScope.name === TRACER_NAME) return;
    const parent = span.parentSpanContext?.spanId;
    if (parent === undefined || !this.openGenerations.has(parent)) return;
    const attributes = span.attributes as Attributes;
    let moved = false;
    for (const key of Object.keys(attributes)) {
      if (!isUsageKey(key)) continue;
      attributes[`${NESTED_USAGE_PREFIX}${key}`] = attributes[key];
      delete attributes[key];
      moved = true;
    }
    if (moved) attributes[ATTR_USAGE_COUNTED_ON] = parent;
  }

  onEnd(span: ReadableSpan): void {
    if (this.openGenerations.size > 0) this.openGenerations.delete(span.spanContext().spanId);
  }
}
