import type { Attributes } from "@opentelemetry/api";
import type { ReadableSpan, Span } from "@opentelemetry/sdk-trace-base";
import { ATTR_LLMTRACE_SPAN_KIND } from "../conventions/attribute-keys.js";
import { TRACER_NAME } from "../spans/tracer.js";

/** Where a nested span's usage and cost go, under their own key: `llmtrace.nested.gen_ai.usage.input_tokens`. */
export const NESTED_USAGE_PREFIX = "llmtrace.nested.";
/** Set on a nested span whose usage moved: the span id of the llmtrace generation that counts it. */
export const ATTR_USAGE_COUNTED_ON = "llmtrace.usage.counted_on";

/** Most open spans tracked. */
const MAX_TRACKED = 50_000;

/** Keys of usage and cost in the conventions other instrumentations write. */
const USAGE_PREFIXES = ["gen_ai.usage.", "llm.token_count.", "llm.cost.", "llm.usage.", "ai.usage."];
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
  /**
   * Open spans inside an llmtrace generation, at any depth (an AI SDK's `doGenerate` inside its
   * `generateText` inside the generation), each with the generation's span id; and the open
   * generations themselves. A nested span ends before its ancestors, so they are all still here.
   */
  private readonly countedBy = new Map<string, string>();

  onStart(span: Span): void {
    const id = span.spanContext().spanId;
    if (span.instrumentationScope.name === TRACER_NAME && span.attributes[ATTR_LLMTRACE_SPAN_KIND] === "generation") {
      this.remember(id, id);
      return;
    }
    const parent = span.parentSpanContext?.spanId;
    const generation = parent === undefined || this.countedBy.size === 0 ? undefined : this.countedBy.get(parent);
    if (generation !== undefined) this.remember(id, generation);
  }

  onEnding(span: Span): void {
    if (this.countedBy.size === 0 || span.instrumentationScope.name === TRACER_NAME) return;
    const generation = this.countedBy.get(span.spanContext().spanId);
    if (generation === undefined) return;
    const attributes = span.attributes as Attributes;
    let moved = false;
    for (const key of Object.keys(attributes)) {
      if (!isUsageKey(key)) continue;
      attributes[`${NESTED_USAGE_PREFIX}${key}`] = attributes[key];
      delete attributes[key];
      moved = true;
    }
    if (moved) attributes[ATTR_USAGE_COUNTED_ON] = generation;
  }

  /** Bounded: spans that never end (a dropped stream's) must not grow it for good; the oldest goes first. */
  private remember(id: string, generation: string): void {
    if (this.countedBy.size >= MAX_TRACKED) {
      const oldest = this.countedBy.keys().next().value;
      if (oldest !== undefined) this.countedBy.delete(oldest);
    }
    this.countedBy.set(id, generation);
  }

  onEnd(span: ReadableSpan): void {
    if (this.countedBy.size > 0) this.countedBy.delete(span.spanContext().spanId);
  }
}
