import type { Attributes, Counter, Histogram, Meter } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL, ATTR_ERROR_TYPE, ATTR_LLMTRACE_SPAN_KIND } from "../../conventions/attribute-keys.js";
import * as m from "../../conventions/metric-names.js";
import { errorType, type ModelCallReading, readModelCall } from "./model-call-reading.js";

/** Kinds of llmtrace spans whose durations and errors are recorded (model calls have the GenAI metrics; feedback takes no time). */
const OPERATION_KINDS = new Set(["trace", "tool", "agent", "workflow", "task", "retrieval", "message", "system"]);
/** Other instrumentations' tool and agent spans, by their GenAI operation. */
const FOREIGN_OPERATION_KINDS: Readonly<Record<string, string>> = { execute_tool: "tool", invoke_agent: "agent", create_agent: "agent" };

/**
 * The metrics recorded as each span ends: every model call (llmtrace's and other
 * instrumentations', counted once) into the GenAI client histograms and llmtrace's requests,
 * tokens and cost counters; tools, agents, workflows... into a duration histogram and an error
 * counter. Dimensions are bounded by design: provider, models, operation, error type, span kind
 * and name — never user, conversation or content values.
 */
export class SpanMetrics {
  private readonly tokenUsage: Histogram;
  private readonly duration: Histogram;
  private readonly firstChunk: Histogram;
  private readonly perChunk: Histogram;
  private readonly requests: Counter;
  private readonly tokens: Counter;
  private readonly cost: Counter;
  private readonly operationDuration: Histogram;
  private readonly operationErrors: Counter;
  /** Spans recorded, for `tracing.stats()`. */
  recorded = 0;

  constructor(meter: Meter) {
    const seconds = (name: string, description: string, buckets: number[]) =>
      meter.createHistogram(name, { description, unit: "s", advice: { explicitBucketBoundaries: buckets } });
    this.tokenUsage = meter.createHistogram(m.METRIC_GEN_AI_TOKEN_USAGE, {
      description: "Number of input and output tokens used per model call.",
      unit: "{token}",
      advice: { explicitBucketBoundaries: m.TOKEN_BUCKETS },
    });
    this.duration = seconds(m.METRIC_GEN_AI_OPERATION_DURATION, "GenAI operation duration.", m.DURATION_BUCKETS);
    this.firstChunk = seconds(m.METRIC_GEN_AI_TIME_TO_FIRST_CHUNK, "Time from the request to the first chunk of a streamed answer.", m.DURATION_BUCKETS);
    this.perChunk = seconds(m.METRIC_GEN_AI_TIME_PER_OUTPUT_CHUNK, "Mean time between output chunks after the first, per streamed call.", m.CHUNK_BUCKETS);
    this.requests = meter.createCounter(m.METRIC_LLM_REQUESTS, { description: "Model calls.", unit: "{request}" });
    this.tokens = meter.createCounter(m.METRIC_LLM_TOKENS, {
      description: "Tokens by gen_ai.token.type: input (cache_read and cache_creation included), output (reasoning included), cache_read, cache_creation, reasoning.",
      unit: "{token}",
    });
    this.cost = meter.createCounter(m.METRIC_LLM_COST, { description: "Cost of model calls in US dollars, from llmtrace's price table.", unit: "USD" });
    this.operationDuration = seconds(m.METRIC_OPERATION_DURATION, "Duration of tools, agents, workflows, tasks, retrievals and messages.", m.DURATION_BUCKETS);
    this.operationErrors = meter.createCounter(m.METRIC_OPERATION_ERRORS, { description: "Tools, agents, workflows, tasks, retrievals and messages that ended in error.", unit: "{error}" });
  }

  record(span: ReadableSpan): void {
    const call = readModelCall(span);
    if (call) {
      this.recordModelCall(span, call);
      return;
    }
    const a = span.attributes;
    const ownKind = a[ATTR_LLMTRACE_SPAN_KIND];
    const kind = typeof ownKind === "string" ? (OPERATION_KINDS.has(ownKind) ? ownKind : undefined) : FOREIGN_OPERATION_KINDS[a[ATTR_GEN_AI_OPERATION_NAME] as string];
    if (kind === undefined) return;
    this.recorded++;
    const error = errorType(span);
    const attributes: Attributes = { [m.ATTR_METRIC_SPAN_KIND]: kind, [m.ATTR_METRIC_SPAN_NAME]: span.name };
    if (error !== undefined) attributes[ATTR_ERROR_TYPE] = error;
    this.operationDuration.record(secondsOf(span), attributes);
    if (error !== undefined) this.operationErrors.add(1, attributes);
  }

  private recordModelCall(span: ReadableSpan, call: ModelCallReading): void {
    this.recorded++;
    const attributes: Attributes = { [ATTR_GEN_AI_OPERATION_NAME]: call.operation };
    if (call.provider !== undefined) attributes[ATTR_GEN_AI_PROVIDER_NAME] = call.provider;
    if (call.requestModel !== undefined) attributes[ATTR_GEN_AI_REQUEST_MODEL] = call.requestModel;
    if (call.responseModel !== undefined) attributes[ATTR_GEN_AI_RESPONSE_MODEL] = call.responseModel;
    const error = errorType(span);
    // error.type is on the duration and the request count only: a failed call's tokens are its own.
    const withError = error === undefined ? attributes : { ...attributes, [ATTR_ERROR_TYPE]: error };
    const seconds = secondsOf(span);
    this.duration.record(seconds, withError);
    this.requests.add(1, withError);
    this.countTokens(attributes, call);
    if (call.costUsd !== undefined && call.costUsd > 0) this.cost.add(call.costUsd, attributes);
    if (call.firstChunkSeconds !== undefined) {
      this.firstChunk.record(call.firstChunkSeconds, attributes);
      if (call.chunks !== undefined && call.chunks > 1) this.perChunk.record(Math.max(0, seconds - call.firstChunkSeconds) / (call.chunks - 1), attributes);
    }
  }

  private countTokens(attributes: Attributes, call: ModelCallReading): void {
    const typed = (type: string): Attributes => ({ ...attributes, [m.ATTR_GEN_AI_TOKEN_TYPE]: type });
    if (call.input !== undefined) {
      const input = typed("input");
      this.tokenUsage.record(call.input, input);
      this.tokens.add(call.input, input);
    }
    if (call.output !== undefined) {
      const output = typed("output");
      this.tokenUsage.record(call.output, output);
      this.tokens.add(call.output, output);
    }
    // Not in gen_ai.client.token.usage, whose types are input and output; parts of them here.
    if (call.cacheRead) this.tokens.add(call.cacheRead, typed("cache_read"));
    if (call.cacheCreation) this.tokens.add(call.cacheCreation, typed("cache_creation"));
    if (call.reasoning) this.tokens.add(call.reasoning, typed("reasoning"));
  }
}

function secondsOf(span: ReadableSpan): number {
  return span.duration[0] + span.duration[1] / 1e9;
}
