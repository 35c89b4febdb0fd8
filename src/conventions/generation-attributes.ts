import type { Attributes } from "@opentelemetry/api";
import type { GenerationOptions } from "../types/generation-result.js";
import type { Cost } from "../types/pricing.js";
import type { ProfileFlags } from "../types/span-kinds.js";
import type { TokenUsage } from "../types/token-usage.js";
import * as k from "./attribute-keys.js";
import { roundCost } from "./readable-numbers.js";

// How each profile records a model call's request, usage and cost: one writer per concept, so a
// generation span and any other code recording a model call write the same keys.

/** The request: model, provider, operation and parameters, in every enabled profile. */
export function writeGenerationRequest(
  a: Attributes,
  o: Partial<GenerationOptions>,
  { model, provider, operation }: { model: string | undefined; provider: string | undefined; operation: string },
  flags: ProfileFlags,
): void {
  // Only the profiles that record parameters as one JSON value pay for building it.
  const params = flags.openinference || flags.langfuse ? requestParameters(o) : undefined;
  if (flags.ai) {
    if (model) a[k.ATTR_AI_MODEL] = model;
    if (provider) a[k.ATTR_AI_PROVIDER] = provider;
  }
  if (flags.genAi) {
    a[k.ATTR_GEN_AI_OPERATION_NAME] = operation;
    if (provider) a[k.ATTR_GEN_AI_PROVIDER_NAME] = provider;
    if (model) a[k.ATTR_GEN_AI_REQUEST_MODEL] = model;
    writeRequestParameters(a, o);
  }
  if (flags.openinference) {
    if (model) a[k.ATTR_OI_LLM_MODEL_NAME] = model;
    if (provider) a[k.ATTR_OI_LLM_PROVIDER] = provider;
    if (params) a[k.ATTR_OI_LLM_INVOCATION_PARAMETERS] = params;
  }
  if (flags.traceloop) {
    a[k.ATTR_TRACELOOP_LLM_REQUEST_TYPE] = TRACELOOP_REQUEST_TYPES[operation] ?? operation;
    if (provider) a[k.ATTR_TRACELOOP_GEN_AI_SYSTEM] = provider;
    if (model) a[k.ATTR_GEN_AI_REQUEST_MODEL] = model;
  }
  if (flags.langfuse) {
    if (model) a[k.ATTR_LANGFUSE_OBSERVATION_MODEL_NAME] = model;
    if (params) a[k.ATTR_LANGFUSE_OBSERVATION_MODEL_PARAMETERS] = params;
  }
}

const TRACELOOP_REQUEST_TYPES: Readonly<Record<string, string>> = { chat: "chat", text_completion: "completion", embeddings: "embedding" };

/**
 * Token counts in every enabled profile. Written out key by key, not from a table: named property
 * loads are measurably cheaper than a table walk on this per-generation path (W1).
 */
export function writeUsage(a: Attributes, usage: TokenUsage, flags: ProfileFlags): void {
  const { inputTokens: input, outputTokens: output, totalTokens: total, cacheReadTokens: read, cacheWriteTokens: write, reasoningTokens: reasoning } = usage;
  const set = (key: string, value: number | undefined) => {
    if (value !== undefined) a[key] = value;
  };
  if (flags.ai) {
    set(k.ATTR_AI_PROMPT_TOKENS, input);
    set(k.ATTR_AI_COMPLETION_TOKENS, output);
    set(k.ATTR_AI_TOTAL_TOKENS, total);
    set(k.ATTR_AI_CACHED_TOKENS, read);
    set(k.ATTR_AI_CACHE_WRITE_TOKENS, write);
    set(k.ATTR_AI_REASONING_TOKENS, reasoning);
  }
  if (flags.genAi || flags.traceloop) {
    set(k.ATTR_GEN_AI_USAGE_INPUT_TOKENS, input);
    set(k.ATTR_GEN_AI_USAGE_OUTPUT_TOKENS, output);
  }
  if (flags.genAi) {
    set(k.ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS, read);
    set(k.ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS, write);
    set(k.ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS, reasoning);
  }
  if (flags.openinference) {
    set(k.ATTR_OI_TOKEN_COUNT_PROMPT, input);
    set(k.ATTR_OI_TOKEN_COUNT_COMPLETION, output);
    set(k.ATTR_OI_TOKEN_COUNT_TOTAL, total);
    set(k.ATTR_OI_TOKEN_COUNT_CACHE_READ, read);
    set(k.ATTR_OI_TOKEN_COUNT_CACHE_WRITE, write);
    set(k.ATTR_OI_TOKEN_COUNT_REASONING, reasoning);
  }
  if (flags.traceloop) set(k.ATTR_TRACELOOP_USAGE_TOTAL_TOKENS, total);
  if (flags.langfuse) {
    const details: Record<string, number> = {};
    if (input !== undefined) details["input"] = input;
    if (output !== undefined) details["output"] = output;
    if (total !== undefined) details["total"] = total;
    if (read !== undefined) details["cache_read"] = read;
    if (write !== undefined) details["cache_write"] = write;
    if (reasoning !== undefined) details["reasoning"] = reasoning;
    a[k.ATTR_LANGFUSE_OBSERVATION_USAGE_DETAILS] = JSON.stringify(details);
  }
}

export function writeCost(a: Attributes, cost: Cost, flags: ProfileFlags): void {
  const split = Number.isFinite(cost.input) && Number.isFinite(cost.output);
  const total = roundCost(cost.total);
  if (flags.ai) a[k.ATTR_AI_COST] = total;
  if (flags.openinference) {
    a[k.ATTR_OI_COST_TOTAL] = total;
    if (split) {
      a[k.ATTR_OI_COST_PROMPT] = roundCost(cost.input);
      a[k.ATTR_OI_COST_COMPLETION] = roundCost(cost.output);
    }
  }
  if (flags.langfuse) a[k.ATTR_LANGFUSE_OBSERVATION_COST_DETAILS] = JSON.stringify(split ? { input: roundCost(cost.input), output: roundCost(cost.output), total } : { total });
}

function writeRequestParameters(a: Attributes, o: Partial<GenerationOptions>): void {
  setNumber(a, k.ATTR_GEN_AI_REQUEST_TEMPERATURE, o.temperature);
  // A token count is a whole number of at least zero; anything else says nothing about the request.
  if (Number.isInteger(o.maxTokens) && (o.maxTokens as number) >= 0) a[k.ATTR_GEN_AI_REQUEST_MAX_TOKENS] = o.maxTokens as number;
  setNumber(a, k.ATTR_GEN_AI_REQUEST_TOP_P, o.topP);
  setNumber(a, k.ATTR_GEN_AI_REQUEST_TOP_K, o.topK);
  setNumber(a, k.ATTR_GEN_AI_REQUEST_SEED, o.seed);
  setNumber(a, k.ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY, o.frequencyPenalty);
  setNumber(a, k.ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY, o.presencePenalty);
  if (o.stop !== undefined) {
    const stop = typeof o.stop === "string" ? [o.stop] : Array.isArray(o.stop) ? o.stop.filter((s) => typeof s === "string") : [];
    if (stop.length > 0) a[k.ATTR_GEN_AI_REQUEST_STOP_SEQUENCES] = stop;
  }
  if (o.stream === true) a[k.ATTR_GEN_AI_REQUEST_STREAM] = true;
}

function setNumber(a: Attributes, key: string, value: unknown): void {
  if (finite(value) !== undefined) a[key] = value as number;
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** The request parameters as one JSON object, for conventions that record them together. */
function requestParameters(o: Partial<GenerationOptions>): string | undefined {
  const params: Record<string, unknown> = {};
  const add = (key: string, value: unknown) => {
    if (value !== undefined) params[key] = value;
  };
  add("temperature", finite(o.temperature));
  add("max_tokens", finite(o.maxTokens));
  add("top_p", finite(o.topP));
  add("top_k", finite(o.topK));
  add("seed", finite(o.seed));
  add("frequency_penalty", finite(o.frequencyPenalty));
  add("presence_penalty", finite(o.presencePenalty));
  add("stop", o.stop);
  if (o.stream === true) params["stream"] = true;
  if (o.parameters && typeof o.parameters === "object") Object.assign(params, o.parameters);
  if (Object.keys(params).length === 0) return undefined;
  try {
    return JSON.stringify(params);
  } catch {
    return undefined;
  }
}
