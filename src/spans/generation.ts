import { type Attributes, diag, SpanKind } from "@opentelemetry/api";
import type { RedactionMemo } from "../content/prepare-content.js";
import * as k from "../conventions/attribute-keys.js";
import { kindAttributes, writeContent } from "../conventions/span-attributes.js";
import { computeCost } from "../cost/compute-cost.js";
import type { Cost } from "../types/pricing.js";
import { normalizeUsage } from "../cost/token-usage.js";
import type { TokenUsage } from "../types/token-usage.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import type { ProfileFlags } from "../types/span-kinds.js";
import { type BuildRequest, defineBuilder } from "./build-span.js";
import { type GenAiMessage, messageText, toInputMessages, toOutputMessages, toSystemInstructions } from "./chat-messages.js";
import { numberOption, stringOption } from "./parse-args.js";
import { recognizeResponse } from "../readers/recognize-response.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";
import type { GenerationOperation, GenerationResult } from "../types/generation-result.js";


export interface GenerationOptions {
  /** The requested model, e.g. "gpt-4o". */
  model?: string;
  /** The provider, as `gen_ai.provider.name` spells it: "openai", "anthropic", "aws.bedrock"... */
  provider?: string;
  /** @default "chat" */
  operation?: GenerationOperation;
  /** The prompt: a string (one user message) or chat messages. Through the content path. */
  input?: unknown;
  /** System instructions given separately from the messages. Through the content path. */
  system?: unknown;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  topK?: number;
  stop?: string | readonly string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** The request asks for a streamed response. */
  stream?: boolean;
  /** Other request parameters, recorded as JSON where a profile has a key for them. */
  parameters?: Readonly<Record<string, unknown>>;
  attributes?: Attributes;
}


const RESULT_KEYS = ["output", "usage", "finishReasons", "responseModel", "responseId", "cost", "provider", "attributes"];

/**
 * What `end()` was given, as a result: a provider's response (OpenAI, Anthropic, AI SDK...) read
 * by its shape, llmtrace's own result object, a string answer, or anything else as the output.
 */
function toResult(raw: unknown): GenerationResult {
  if (raw === undefined || raw === null) return {};
  if (typeof raw === "string") return { output: raw };
  const recognized = recognizeResponse(raw);
  if (recognized) return recognized;
  if (typeof raw === "object" && (RESULT_KEYS.some((key) => key in raw) || Object.keys(raw).length === 0)) return raw as GenerationResult;
  return { output: raw };
}

/** Most messages flattened into per-message attributes (OpenInference, Traceloop). */
const MAX_FLATTENED_MESSAGES = 64;

/** A model call: request in, answer, usage and cost out (`end(result)`); `chunk()` while streaming. */
export class GenerationHandle extends SpanHandle {
  private readonly model: string | undefined;
  private readonly provider: string | undefined;
  private readonly streamRequested: boolean;
  /** For the duration and time-to-first-token attributes; other spans have only the span's times. */
  private readonly startedAt = performance.now();
  private firstChunkAt: number | undefined;
  private chunkCount = 0;
  private chunkText: string[] | undefined;
  private chunkChars = 0;

  constructor(
    started: StartedSpan,
    settings: InstrumentationSettings,
    onEnd: EndListener | undefined,
    request: { model?: string | undefined; provider?: string | undefined; stream?: boolean; input?: unknown; system?: unknown },
  ) {
    super("generation", started, settings, onEnd);
    this.model = request.model;
    this.provider = request.provider;
    this.streamRequested = request.stream === true;
    if (this.recording && (request.input !== undefined || request.system !== undefined)) {
      this.attempt("prompt", () => this.recordPrompt(request.input, request.system));
    }
  }

  /**
   * Records one streamed chunk: the first sets the time to first token. Chunk text is kept (within
   * the content size budget) as the output when `end()` is given none.
   */
  chunk(text?: string): this {
    if (this.ended) {
      diag.debug("llmtrace: chunk() on an ended generation ignored");
      return this;
    }
    if (this.firstChunkAt === undefined) this.firstChunkAt = performance.now();
    this.chunkCount++;
    const content = this.settings.content;
    if (typeof text === "string" && this.recording && content.mode !== "metadata" && content.fields.outputs && this.chunkChars <= content.maxLength) {
      (this.chunkText ??= []).push(text);
      this.chunkChars += text.length;
    }
    return this;
  }

  /**
   * Ends the call with its result: a provider's response object as the SDK returned it (OpenAI
   * Chat Completions / Responses / embeddings, Anthropic Messages, AI SDK generateText / embed),
   * a `GenerationResult`, or the answer as a string.
   */
  /** The text streamed through `chunk()` so far (within the content size limit), if any was kept. */
  get streamedText(): string | undefined {
    return this.chunkText?.join("");
  }

  override end(result?: GenerationResult | string | object): void {
    super.end(result);
  }

  protected override finish(a: Attributes, raw: unknown): void {
    const result = toResult(raw);
    const flags = this.settings.profiles;
    const provider = this.provider ?? stringOption(result.provider);
    if (provider && !this.provider) {
      if (flags.genAi) a[k.ATTR_GEN_AI_PROVIDER_NAME] = provider;
      if (flags.ai) a[k.ATTR_AI_PROVIDER] = provider;
    }
    const endedAt = performance.now();
    const usage = normalizeUsage(result.usage);
    const responseModel = stringOption(result.responseModel);
    const finishReasons = readFinishReasons(result.finishReasons);

    if (flags.ai) a[k.ATTR_AI_DURATION_MS] = endedAt - this.startedAt;
    if (responseModel) {
      if (flags.ai) a[k.ATTR_AI_MODEL] = responseModel;
      if (flags.genAi) a[k.ATTR_GEN_AI_RESPONSE_MODEL] = responseModel;
      if (flags.openinference) a[k.ATTR_OI_LLM_MODEL_NAME] = responseModel;
      if (flags.langfuse) a[k.ATTR_LANGFUSE_OBSERVATION_MODEL_NAME] = responseModel;
    }
    const responseId = stringOption(result.responseId);
    if (responseId && flags.genAi) a[k.ATTR_GEN_AI_RESPONSE_ID] = responseId;
    if (finishReasons && flags.genAi) a[k.ATTR_GEN_AI_RESPONSE_FINISH_REASONS] = finishReasons;

    if (usage) writeUsage(a, usage, flags);
    const cost = this.costOf(result, usage, responseModel, provider);
    if (cost) writeCost(a, cost, flags);
    this.writeStreaming(a, usage, endedAt);

    const output = result.output ?? this.chunkText?.join("");
    if (output !== undefined) this.attempt("output", () => this.writeOutput(a, output, finishReasons?.[0]));
    if (result.attributes) Object.assign(a, result.attributes);
  }

  private costOf(result: GenerationResult, usage: TokenUsage | undefined, responseModel: string | undefined, provider: string | undefined): Cost | undefined {
    const explicit = result.cost;
    if (explicit !== undefined) {
      if (typeof explicit === "number" && Number.isFinite(explicit) && explicit >= 0) return { input: Number.NaN, output: Number.NaN, total: explicit };
      diag.debug(`llmtrace: cost ignored: ${String(explicit)} is not a non-negative number`);
    }
    if (!usage) return undefined;
    return computeCost(usage, responseModel ?? this.model, provider, this.settings.pricing);
  }

  private writeStreaming(a: Attributes, usage: TokenUsage | undefined, endedAt: number): void {
    if (this.chunkCount === 0 && !this.streamRequested) return;
    const flags = this.settings.profiles;
    if (flags.ai) a[k.ATTR_AI_STREAM] = true;
    if (flags.genAi) a[k.ATTR_GEN_AI_REQUEST_STREAM] = true;
    if (this.firstChunkAt === undefined) return;
    const ttftMs = this.firstChunkAt - this.startedAt;
    if (flags.ai) {
      a[k.ATTR_AI_TIME_TO_FIRST_TOKEN_MS] = ttftMs;
      a[k.ATTR_AI_CHUNK_COUNT] = this.chunkCount;
      const generatingSeconds = (endedAt - this.firstChunkAt) / 1000;
      if (usage?.outputTokens !== undefined && generatingSeconds > 0) a[k.ATTR_AI_TOKENS_PER_SECOND] = usage.outputTokens / generatingSeconds;
    }
    if (flags.genAi) a[k.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = ttftMs / 1000;
    if (flags.langfuse) a[k.ATTR_LANGFUSE_OBSERVATION_COMPLETION_START_TIME] = new Date(performance.timeOrigin + this.firstChunkAt).toISOString();
  }

  private recordPrompt(input: unknown, system: unknown): void {
    const flags = this.settings.profiles;
    const a: Attributes = {};
    const messages = toInputMessages(input);
    const instructions = toSystemInstructions(system);
    if (input !== undefined) {
      const text = this.content(messages ?? input, k.ATTR_GEN_AI_INPUT_MESSAGES, "inputs");
      if (text !== undefined) {
        if (flags.genAi) a[k.ATTR_GEN_AI_INPUT_MESSAGES] = text;
        writeContent(a, "input", text, flags);
      }
    }
    if (instructions && flags.genAi) {
      const text = this.content(instructions, k.ATTR_GEN_AI_SYSTEM_INSTRUCTIONS, "systemPrompts");
      if (text !== undefined) a[k.ATTR_GEN_AI_SYSTEM_INSTRUCTIONS] = text;
    }
    if (messages && (flags.openinference || flags.traceloop)) {
      const all = instructions ? [{ role: "system", parts: instructions } as GenAiMessage, ...messages] : messages;
      this.flattenMessages(a, all, "input");
    }
    this.span.setAttributes(a);
  }

  private writeOutput(a: Attributes, output: unknown, finishReason: string | undefined): void {
    const flags = this.settings.profiles;
    const messages = toOutputMessages(output, finishReason);
    // The generic output keys get the answer's text when there is one, as people read it. It is
    // redacted once, for both: the messages hold the same string.
    const memo: RedactionMemo = {};
    const answer = typeof output === "string" ? this.content(output, "output", "outputs", memo) : undefined;
    const text = this.content(messages ?? output, k.ATTR_GEN_AI_OUTPUT_MESSAGES, "outputs", memo);
    if (text !== undefined && flags.genAi) a[k.ATTR_GEN_AI_OUTPUT_MESSAGES] = text;
    const plain = answer ?? text;
    if (plain !== undefined) writeContent(a, "output", plain, flags);
    if (messages && (flags.openinference || flags.traceloop)) this.flattenMessages(a, messages, "output");
  }

  /** OpenInference and Traceloop record one attribute per message field. */
  private flattenMessages(a: Attributes, messages: readonly GenAiMessage[], direction: "input" | "output"): void {
    const flags = this.settings.profiles;
    messages.slice(0, MAX_FLATTENED_MESSAGES).forEach((message, i) => {
      const field = direction === "output" ? "outputs" : message.role === "system" ? "systemPrompts" : "inputs";
      const text = this.content(messageText(message), `${direction}.messages.${i}`, field);
      if (flags.openinference) {
        const prefix = `${direction === "input" ? k.ATTR_OI_LLM_INPUT_MESSAGES : k.ATTR_OI_LLM_OUTPUT_MESSAGES}.${i}.message.`;
        a[`${prefix}role`] = message.role;
        if (text !== undefined) a[`${prefix}content`] = text;
      }
      if (flags.traceloop) {
        const prefix = `${direction === "input" ? "gen_ai.prompt" : "gen_ai.completion"}.${i}.`;
        a[`${prefix}role`] = message.role;
        if (text !== undefined) a[`${prefix}content`] = text;
      }
    });
  }
}

function writeUsage(a: Attributes, usage: TokenUsage, flags: ProfileFlags): void {
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

function writeCost(a: Attributes, cost: Cost, flags: ProfileFlags): void {
  const split = Number.isFinite(cost.input) && Number.isFinite(cost.output);
  if (flags.ai) a[k.ATTR_AI_COST] = cost.total;
  if (flags.openinference) {
    a[k.ATTR_OI_COST_TOTAL] = cost.total;
    if (split) {
      a[k.ATTR_OI_COST_PROMPT] = cost.input;
      a[k.ATTR_OI_COST_COMPLETION] = cost.output;
    }
  }
  if (flags.langfuse) a[k.ATTR_LANGFUSE_OBSERVATION_COST_DETAILS] = JSON.stringify(split ? cost : { total: cost.total });
}

function readFinishReasons(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) {
    const reasons = value.filter((v): v is string => typeof v === "string");
    return reasons.length > 0 ? reasons : undefined;
  }
  return undefined;
}

const TRACELOOP_REQUEST_TYPES: Readonly<Record<string, string>> = { chat: "chat", text_completion: "completion", embeddings: "embedding" };

function createGeneration({ options: o, parent, settings, onEnd }: BuildRequest<GenerationOptions>): GenerationHandle {
  const model = stringOption(o.model);
  const provider = stringOption(o.provider);
  const operation = stringOption(o.operation) ?? "chat";
  const flags = settings.profiles;
  const a: Attributes = kindAttributes("generation", model ?? operation, flags, operation === "embeddings");
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
  Object.assign(a, o.attributes);
  const name = model ? `${operation} ${model}` : operation;
  const started = startSpan(name, parent, a, SpanKind.CLIENT, settings);
  return new GenerationHandle(started, settings, onEnd, { model, provider, stream: o.stream === true, input: o.input, system: o.system });
}

export const generationBuilder = defineBuilder<GenerationOptions, GenerationHandle>(
  "generation",
  createGeneration,
  (started, settings) => new GenerationHandle(started, settings, undefined, {}),
);

function writeRequestParameters(a: Attributes, o: Partial<GenerationOptions>): void {
  setNumber(a, k.ATTR_GEN_AI_REQUEST_TEMPERATURE, o.temperature);
  setNumber(a, k.ATTR_GEN_AI_REQUEST_MAX_TOKENS, o.maxTokens);
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
  if (typeof value === "number" && Number.isFinite(value)) a[key] = value;
}

/** The request parameters as one JSON object, for conventions that record them together. */
function requestParameters(o: Partial<GenerationOptions>): string | undefined {
  const params: Record<string, unknown> = {};
  const add = (key: string, value: unknown) => {
    if (value !== undefined) params[key] = value;
  };
  add("temperature", numberOption(o.temperature));
  add("max_tokens", numberOption(o.maxTokens));
  add("top_p", numberOption(o.topP));
  add("top_k", numberOption(o.topK));
  add("seed", numberOption(o.seed));
  add("frequency_penalty", numberOption(o.frequencyPenalty));
  add("presence_penalty", numberOption(o.presencePenalty));
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
