import type { Attributes, AttributeValue } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import * as k from "../../conventions/attribute-keys.js";
import { MODEL_OPERATIONS } from "../../conventions/metric-names.js";
import { type ModelCallFacts, modelCallFactsOf } from "../../conventions/model-call-facts.js";
import { computeCost } from "../../cost/compute-cost.js";
import type { TokenUsage } from "../../types/token-usage.js";
import { getSettings } from "../../settings/instrumentation-settings.js";
import { ATTR_USAGE_COUNTED_ON } from "../usage-counted-once.js";

export type ModelCallReading = ModelCallFacts;

const OPENINFERENCE_MODEL_KINDS = new Set(["LLM", "EMBEDDING"]);

/**
 * The span as a model call: an llmtrace generation, or any span whose GenAI operation (or
 * OpenInference kind) is a model call — unless an llmtrace generation around it counts the call
 * (the usage step marked it), so each call is counted once.
 */
export function readModelCall(span: ReadableSpan): ModelCallReading | undefined {
  const a = span.attributes;
  if (a[ATTR_USAGE_COUNTED_ON] !== undefined) return undefined;
  // llmtrace's own generations say what they know, whatever conventions the attributes are in.
  const facts = modelCallFactsOf(span);
  if (facts) return facts;
  const operationAttr = a[k.ATTR_GEN_AI_OPERATION_NAME];
  const isCall =
    a[k.ATTR_LLMTRACE_SPAN_KIND] === "generation" ||
    (typeof operationAttr === "string" && MODEL_OPERATIONS.has(operationAttr)) ||
    OPENINFERENCE_MODEL_KINDS.has(a["openinference.span.kind"] as string);
  if (!isCall) return undefined;
  const embeddings = a["openinference.span.kind"] === "EMBEDDING";
  const provider = text(a[k.ATTR_GEN_AI_PROVIDER_NAME]) ?? text(a[k.ATTR_TRACELOOP_GEN_AI_SYSTEM]) ?? text(a[k.ATTR_AI_PROVIDER]) ?? text(a[k.ATTR_OI_LLM_PROVIDER]);
  const requestModel = text(a[k.ATTR_GEN_AI_REQUEST_MODEL]) ?? text(a[k.ATTR_AI_MODEL]) ?? text(a[k.ATTR_OI_LLM_MODEL_NAME]);
  const responseModel = text(a[k.ATTR_GEN_AI_RESPONSE_MODEL]);
  const input = nonNegative(a[k.ATTR_GEN_AI_USAGE_INPUT_TOKENS]) ?? nonNegative(a[k.ATTR_AI_PROMPT_TOKENS]) ?? nonNegative(a[k.ATTR_OI_TOKEN_COUNT_PROMPT]);
  const output = nonNegative(a[k.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS]) ?? nonNegative(a[k.ATTR_AI_COMPLETION_TOKENS]) ?? nonNegative(a[k.ATTR_OI_TOKEN_COUNT_COMPLETION]);
  const cacheRead = nonNegative(a[k.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS]) ?? nonNegative(a[k.ATTR_AI_CACHED_TOKENS]) ?? nonNegative(a[k.ATTR_OI_TOKEN_COUNT_CACHE_READ]);
  const cacheCreation =
    nonNegative(a[k.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS]) ?? nonNegative(a[k.ATTR_AI_CACHE_WRITE_TOKENS]) ?? nonNegative(a[k.ATTR_OI_TOKEN_COUNT_CACHE_WRITE]);
  const reasoning = nonNegative(a[k.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS]) ?? nonNegative(a[k.ATTR_AI_REASONING_TOKENS]) ?? nonNegative(a[k.ATTR_OI_TOKEN_COUNT_REASONING]);
  const ttftMillis = nonNegative(a[k.ATTR_AI_TIME_TO_FIRST_TOKEN_MS]);
  return {
    operation: text(operationAttr) ?? (embeddings ? "embeddings" : "chat"),
    provider,
    requestModel,
    responseModel,
    input,
    output,
    cacheRead,
    cacheCreation,
    reasoning,
    costUsd: nonNegative(a[k.ATTR_AI_COST]) ?? nonNegative(a[k.ATTR_OI_COST_TOTAL]) ?? priced(a, input, output, cacheRead, cacheCreation, reasoning, responseModel ?? requestModel, provider),
    firstChunkSeconds: nonNegative(a[k.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK]) ?? (ttftMillis === undefined ? undefined : ttftMillis / 1000),
    chunks: nonNegative(a[k.ATTR_AI_CHUNK_COUNT]),
  };
}

/** A span written without a cost attribute (the gen_ai profile alone, another instrumentation): priced as llmtrace prices its own. */
function priced(
  a: Attributes,
  input: number | undefined,
  output: number | undefined,
  cacheReadTokens: number | undefined,
  cacheWriteTokens: number | undefined,
  reasoningTokens: number | undefined,
  model: string | undefined,
  provider: string | undefined,
): number | undefined {
  if ((input === undefined && output === undefined) || model === undefined || a[k.ATTR_LANGFUSE_OBSERVATION_COST_DETAILS] !== undefined) return undefined;
  const usage: TokenUsage = {};
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (cacheReadTokens !== undefined) usage.cacheReadTokens = cacheReadTokens;
  if (cacheWriteTokens !== undefined) usage.cacheWriteTokens = cacheWriteTokens;
  if (reasoningTokens !== undefined) usage.reasoningTokens = reasoningTokens;
  return computeCost(usage, model, provider, getSettings().pricing)?.total;
}

function text(value: AttributeValue | undefined): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function nonNegative(value: AttributeValue | undefined): number | undefined {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** `error.type` of a failed span: its attribute, else its exception event's type, else `_OTHER` (the conventions' fallback). */
export function errorType(span: ReadableSpan): string | undefined {
  if (span.status.code !== 2) return undefined;
  const own = text(span.attributes[k.ATTR_ERROR_TYPE]);
  if (own) return own;
  for (const event of span.events) {
    if (event.name === "exception") return text(event.attributes?.["exception.type"]) ?? "_OTHER";
  }
  return "_OTHER";
}
