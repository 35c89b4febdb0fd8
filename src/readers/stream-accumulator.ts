import type { TokenUsage } from "../types/token-usage.js";
import type { ChatMessage } from "../types/chat-message.js";
import type { GenerationResult } from "../types/generation-result.js";
import { aiSdkUsage } from "./ai-sdk.js";
import { anthropicUsage } from "./anthropic.js";
import { fromOpenAIResponse, openAIChatUsage } from "./openai.js";
import { compact, count, field, list, text } from "./read.js";

interface ToolCallParts {
  id?: string | undefined;
  name?: string | undefined;
  arguments: string;
}

/** What one chunk of a stream said: text for the answer, and whether it carried anything at all. */
export interface ChunkReading {
  readonly text: string | undefined;
  /** Content arrived (text or a tool call part): counts as a chunk for the time to first token. */
  readonly content: boolean;
}

/**
 * Reads the chunks of a provider's stream, whatever its kind, and builds the generation result
 * from them: OpenAI Chat Completions chunks (with the final usage chunk), Responses API events,
 * Anthropic message stream events, and the Vercel AI SDK's text and full streams.
 */
export class StreamAccumulator {
  private usage: TokenUsage | undefined;
  private finishReasons: string[] = [];
  private responseModel: string | undefined;
  private responseId: string | undefined;
  private provider: string | undefined;
  private readonly toolCalls = new Map<string | number, ToolCallParts>();
  private final: GenerationResult | undefined;
  /** A stream that reports a failure as an event (Responses, Anthropic) rather than by throwing. */
  failure: string | undefined;

  accept(chunk: unknown): ChunkReading {
    if (typeof chunk === "string") return { text: chunk, content: chunk.length > 0 };
    const type = text(field(chunk, "type"));
    if (type?.startsWith("response.") || (type === "error" && field(chunk, "sequence_number") !== undefined)) return this.responsesEvent(type, chunk);
    if (type && ANTHROPIC_EVENTS.has(type)) return this.anthropicEvent(type, chunk);
    if (Array.isArray(field(chunk, "choices"))) return this.openAIChunk(chunk);
    if (type) return this.aiSdkPart(type, chunk);
    return { text: undefined, content: false };
  }

  /** The result of everything read so far; `output` is left to the streamed text unless there were tool calls. */
  result(streamedText: string | undefined): GenerationResult {
    if (this.final) return this.final;
    const toolCalls = [...this.toolCalls.values()].map((call) => ({ id: call.id, type: "function", function: { name: call.name, arguments: call.arguments } }));
    const output: ChatMessage | undefined = toolCalls.length > 0 ? { role: "assistant", content: streamedText ?? null, tool_calls: toolCalls } : undefined;
    return compact({
      output,
      usage: this.usage,
      finishReasons: this.finishReasons.length > 0 ? this.finishReasons : undefined,
      responseModel: this.responseModel,
      responseId: this.responseId,
      provider: this.provider,
    });
  }

  private openAIChunk(chunk: unknown): ChunkReading {
    this.provider = "openai";
    this.responseModel ??= text(field(chunk, "model"));
    this.responseId ??= text(field(chunk, "id"));
    const usage = field(chunk, "usage");
    if (usage) this.usage = openAIChatUsage(usage);
    let content = "";
    let any = false;
    for (const choice of list(field(chunk, "choices"))) {
      const delta = field(choice, "delta");
      const piece = text(field(delta, "content"));
      if (piece) {
        content += piece;
        any = true;
      }
      for (const call of list(field(delta, "tool_calls"))) {
        any = true;
        const index = count(field(call, "index")) ?? 0;
        const parts = this.toolCall(index);
        parts.id ??= text(field(call, "id"));
        parts.name ??= text(field(field(call, "function"), "name"));
        parts.arguments += text(field(field(call, "function"), "arguments")) ?? "";
      }
      const reason = text(field(choice, "finish_reason"));
      if (reason) this.finishReasons.push(reason);
    }
    return { text: content || undefined, content: any };
  }

  private responsesEvent(type: string, event: unknown): ChunkReading {
    this.provider = "openai";
    if (type === "response.output_text.delta") {
      const delta = text(field(event, "delta"));
      return { text: delta, content: true };
    }
    if (type === "response.function_call_arguments.delta") return { text: undefined, content: true };
    if (type === "response.completed" || type === "response.incomplete" || type === "response.failed") {
      this.final = fromOpenAIResponse(field(event, "response"));
      // The streamed text is the output; the final response repeats it.
      if (typeof this.final.output === "string") delete this.final.output;
      if (type === "response.failed") this.failure = text(field(field(field(event, "response"), "error"), "message")) ?? "response failed";
    } else if (type === "error") {
      this.failure = text(field(event, "message")) ?? "stream error";
    }
    return { text: undefined, content: false };
  }

  private anthropicEvent(type: string, event: unknown): ChunkReading {
    this.provider = "anthropic";
    switch (type) {
      case "message_start": {
        const message = field(event, "message");
        this.responseModel = text(field(message, "model"));
        this.responseId = text(field(message, "id"));
        this.usage = anthropicUsage(field(message, "usage"));
        return { text: undefined, content: false };
      }
      case "content_block_start": {
        const block = field(event, "content_block");
        if (field(block, "type") === "tool_use") {
          const parts = this.toolCall(count(field(event, "index")) ?? 0);
          parts.id = text(field(block, "id"));
          parts.name = text(field(block, "name"));
        }
        return { text: undefined, content: false };
      }
      case "content_block_delta": {
        const delta = field(event, "delta");
        if (field(delta, "type") === "text_delta") return { text: text(field(delta, "text")), content: true };
        if (field(delta, "type") === "input_json_delta") {
          this.toolCall(count(field(event, "index")) ?? 0).arguments += text(field(delta, "partial_json")) ?? "";
          return { text: undefined, content: true };
        }
        return { text: undefined, content: false };
      }
      case "message_delta": {
        const reason = text(field(field(event, "delta"), "stop_reason"));
        if (reason) this.finishReasons.push(reason);
        // The final counts: output tokens, and input tokens when the delta restates them.
        const update = anthropicUsage(field(event, "usage"));
        if (update) this.usage = { ...this.usage, ...update };
        return { text: undefined, content: false };
      }
      case "error":
        this.failure = text(field(field(event, "error"), "message")) ?? "stream error";
        return { text: undefined, content: false };
      default:
        return { text: undefined, content: false };
    }
  }

  private aiSdkPart(type: string, part: unknown): ChunkReading {
    switch (type) {
      case "text-delta": {
        const delta = text(field(part, "text")) ?? text(field(part, "textDelta"));
        return { text: delta, content: true };
      }
      case "tool-call": {
        const parts = this.toolCall(text(field(part, "toolCallId")) ?? this.toolCalls.size);
        parts.id = text(field(part, "toolCallId"));
        parts.name = text(field(part, "toolName"));
        const input = field(part, "input") ?? field(part, "args");
        parts.arguments = typeof input === "string" ? input : JSON.stringify(input ?? {});
        return { text: undefined, content: true };
      }
      case "finish-step":
      case "step-finish": {
        const response = field(part, "response");
        this.responseModel = text(field(response, "modelId")) ?? this.responseModel;
        this.responseId = text(field(response, "id")) ?? this.responseId;
        return { text: undefined, content: false };
      }
      case "finish": {
        const reason = text(field(part, "finishReason"));
        if (reason) this.finishReasons = [reason];
        this.usage = aiSdkUsage(field(part, "totalUsage") ?? field(part, "usage")) ?? this.usage;
        return { text: undefined, content: false };
      }
      case "error":
        this.failure = String(field(part, "error") ?? "stream error");
        return { text: undefined, content: false };
      default:
        return { text: undefined, content: false };
    }
  }

  private toolCall(key: string | number): ToolCallParts {
    let parts = this.toolCalls.get(key);
    if (!parts) {
      parts = { arguments: "" };
      this.toolCalls.set(key, parts);
    }
    return parts;
  }
}

const ANTHROPIC_EVENTS = new Set(["message_start", "content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop", "ping", "error"]);
