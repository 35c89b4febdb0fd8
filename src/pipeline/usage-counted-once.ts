import type { Attributes } from "@opentelemetry/api";
import type { ReadableSpan, Span } from "@opentelemetry/sdk-trace-base";
import { ATTR_GEN_AI_OPERATION_NAME, ATTR_LLMTRACE_SPAN_KIND } from "../conventions/attribute-keys.js";
import { MODEL_OPERATIONS } from "../conventions/metric-names.js";
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

const MODEL_KINDS = new Set(["LLM", "EMBEDDING"]);
/** The AI SDK's provider calls, which its step names only later (ai-sdk-spans.ts). */
const AI_SDK_PROVIDER_CALL = /\.do(?:Generate|Stream|Embed)$/;

/** Whether a span of another instrumentation says it is a model call. */
function isModelCall(a: Attributes): boolean {
  const operation = a[ATTR_GEN_AI_OPERATION_NAME];
  if (typeof operation === "string" && MODEL_OPERATIONS.has(operation)) return true;
  if (MODEL_KINDS.has(a["openinference.span.kind"] as string)) return true;
  const aiSdk = a["ai.operationId"];
  return typeof aiSdk === "string" && AI_SDK_PROVIDER_CALL.test(aiSdk);
}

function isUsageKey(key: string): boolean {
  return USAGE_KEYS.has(key) || USAGE_PREFIXES.some((prefix) => key.startsWith(prefix));
}

/**
 * One model call, its usage counted once: the outermost span of the call counts it. When another
 * instrumentation's span for the same call nests under an llmtrace generation — the provider SDK's
 * own span, an OpenLLMetry or OpenInference instrumentation — or under another instrumentation's
 * model span that said so when it started (a framework's LLM span around the provider's), the outer
 * one is authoritative: the nested span's usage and cost keys move under `llmtrace.nested.` (kept
 * for reading, out of every sum over `gen_ai.usage.*`), and `llmtrace.usage.counted_on` names the
 * span that counts it — also when the nested call carried no usage (it failed, or streamed without). A step of the pipeline, so it holds with
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
    const parent = span.parentSpanContext?.spanId;
    const generation = parent === undefined || this.countedBy.size === 0 ? undefined : this.countedBy.get(parent);
    if (generation !== undefined) {
      this.remember(id, generation);
      return;
    }
    // The outermost model call counts: an llmtrace generation, or another instrumentation's model
    // span (a framework's LLM span around the provider SDK's) that says so when it starts.
    const ownGeneration = span.instrumentationScope.name === TRACER_NAME && span.attributes[ATTR_LLMTRACE_SPAN_KIND] === "generation";
    if (ownGeneration || (span.instrumentationScope.name !== TRACER_NAME && isModelCall(span.attributes))) this.remember(id, id);
  }

  onEnding(span: Span): void {
    if (this.countedBy.size === 0 || span.instrumentationScope.name === TRACER_NAME) return;
    const id = span.spanContext().spanId;
    const generation = this.countedBy.get(id);
    if (generation === undefined || generation === id) return;
    const attributes = span.attributes as Attributes;
    let moved = false;
    for (const key of Object.keys(attributes)) {
      if (!isUsageKey(key)) continue;
      attributes[`${NESTED_USAGE_PREFIX}${key}`] = attributes[key];
      delete attributes[key];
      moved = true;
    }
    // A nested call without usage (it failed, or streamed without it) is the same call too.
    if (moved || isModelCall(attributes)) attributes[ATTR_USAGE_COUNTED_ON] = generation;
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
