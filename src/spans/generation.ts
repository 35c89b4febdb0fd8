import { type Attributes, diag, SpanKind } from "@opentelemetry/api";
import { withModelCall } from "../context/model-call.js";
import * as k from "../conventions/attribute-keys.js";
import { setModelCallFacts } from "../conventions/model-call-facts.js";
import { writeCost, writeGenerationRequest, writeUsage } from "../conventions/generation-attributes.js";
import { roundMillis, roundSeconds } from "../conventions/readable-numbers.js";
import { kindAttributes, writeContent } from "../conventions/span-attributes.js";
import { computeCost } from "../cost/compute-cost.js";
import type { Cost } from "../types/pricing.js";
import { normalizeUsage } from "../cost/token-usage.js";
import type { TokenUsage } from "../types/token-usage.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type BuildRequest, defineBuilder } from "./build-span.js";
import { type GenAiMessage, messageText, toInputMessages, toOutputMessages, toSystemInstructions } from "./chat-messages.js";
import { stringOption } from "./parse-args.js";
import { recognizeResponse } from "../readers/recognize-response.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";
import type { GenerationOptions, GenerationResult } from "../types/generation-result.js";




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
  private readonly operation: string;
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
    request: { model?: string | undefined; provider?: string | undefined; operation?: string; stream?: boolean; input?: unknown; system?: unknown },
  ) {
    super("generation", started, settings, onEnd);
    this.model = request.model;
    this.provider = request.provider;
    this.operation = request.operation ?? "chat";
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

    if (flags.ai) a[k.ATTR_AI_DURATION_MS] = roundMillis(endedAt - this.startedAt);
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
    setModelCallFacts(this.span, {
      operation: this.operation,
      provider,
      requestModel: this.model,
      responseModel,
      input: usage?.inputTokens,
      output: usage?.outputTokens,
      cacheRead: usage?.cacheReadTokens,
      cacheCreation: usage?.cacheWriteTokens,
      reasoning: usage?.reasoningTokens,
      costUsd: cost?.total,
      firstChunkSeconds: this.firstChunkAt === undefined ? undefined : (this.firstChunkAt - this.startedAt) / 1000,
      chunks: this.chunkCount > 0 ? this.chunkCount : undefined,
    });

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
      a[k.ATTR_AI_TIME_TO_FIRST_TOKEN_MS] = roundMillis(ttftMs);
      a[k.ATTR_AI_CHUNK_COUNT] = this.chunkCount;
      const generatingSeconds = (endedAt - this.firstChunkAt) / 1000;
      if (usage?.outputTokens !== undefined && generatingSeconds > 0) a[k.ATTR_AI_TOKENS_PER_SECOND] = roundMillis(usage.outputTokens / generatingSeconds);
    }
    if (flags.genAi) a[k.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK] = roundSeconds(ttftMs / 1000);
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
        writeContent(a, "input", text, flags, flags.genAi);
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
    // The generic output keys get the answer's text when there is one, as people read it; the
    // messages hold the same string, which the redactor remembers, so it is scanned once. The generic keys are written only where no GenAI messages hold the answer (content is
    // recorded once), or by profiles that have their own (OpenInference, Traceloop, Langfuse).
    const generic = flags.openinference || flags.traceloop || flags.langfuse || (flags.ai && !flags.genAi);
    const answer = generic && typeof output === "string" ? this.content(output, "output", "outputs") : undefined;
    const text = this.content(messages ?? output, k.ATTR_GEN_AI_OUTPUT_MESSAGES, "outputs");
    if (text !== undefined && flags.genAi) a[k.ATTR_GEN_AI_OUTPUT_MESSAGES] = text;
    const plain = answer ?? text;
    if (plain !== undefined) writeContent(a, "output", plain, flags, text !== undefined && flags.genAi);
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



function readFinishReasons(value: unknown): string[] | undefined {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) {
    const reasons = value.filter((v): v is string => typeof v === "string");
    return reasons.length > 0 ? reasons : undefined;
  }
  return undefined;
}


function createGeneration({ options: o, parent, settings, onEnd }: BuildRequest<GenerationOptions>): GenerationHandle {
  const model = stringOption(o.model);
  const provider = stringOption(o.provider);
  const operation = stringOption(o.operation) ?? "chat";
  const a: Attributes = kindAttributes("generation", model ?? operation, settings.profiles, operation === "embeddings");
  writeGenerationRequest(a, o, { model, provider, operation }, settings.profiles);
  Object.assign(a, o.attributes);
  const name = model ? `${operation} ${model}` : operation;
  const started = startSpan(name, parent, a, SpanKind.CLIENT, settings);
  // Inside it, an instrumented client's call is this model call, not a second one.
  const marked = { span: started.span, context: withModelCall(started.context, started.span) };
  return new GenerationHandle(marked, settings, onEnd, { model, provider, operation, stream: o.stream === true, input: o.input, system: o.system });
}

export const generationBuilder = defineBuilder<GenerationOptions, GenerationHandle>(
  "generation",
  createGeneration,
  (started, settings) => new GenerationHandle(started, settings, undefined, {}),
);



