import type { TokenUsage } from "../types/token-usage.js";
import type { ChatMessage } from "../types/chat-message.js";
import type { GenerationResult } from "../types/generation-result.js";
import { compact, count, field, list, text } from "./read.js";

/** An OpenAI Chat Completions response (also what OpenAI-compatible servers return). */
export function isOpenAIChatCompletion(value: unknown): boolean {
  const choices = field(value, "choices");
  return Array.isArray(choices) && (field(value, "object") === "chat.completion" || field(choices[0], "message") !== undefined);
}

export function fromOpenAIChatCompletion(value: unknown): GenerationResult {
  const choices = list(field(value, "choices"));
  const messages = choices.map((choice) => field(choice, "message")).filter((m) => m !== undefined) as ChatMessage[];
  // A plain answer is recorded as its text, like any other plain answer.
  const only = messages.length === 1 ? messages[0]! : undefined;
  const plain = only && typeof only.content === "string" && list(only.tool_calls).length === 0 ? only.content : undefined;
  return compact({
    output: plain ?? (messages.length === 1 ? messages[0] : messages),
    finishReasons: choices.map((choice) => text(field(choice, "finish_reason"))).filter((r): r is string => r !== undefined),
    responseModel: text(field(value, "model")),
    responseId: text(field(value, "id")),
    usage: openAIChatUsage(field(value, "usage")),
    provider: "openai",
  });
}

/** `prompt_tokens` includes cached tokens; `completion_tokens` includes reasoning tokens. */
export function openAIChatUsage(usage: unknown): TokenUsage | undefined {
  if (usage === undefined || usage === null) return undefined;
  return compact({
    inputTokens: count(field(usage, "prompt_tokens")),
    outputTokens: count(field(usage, "completion_tokens")),
    totalTokens: count(field(usage, "total_tokens")),
    cacheReadTokens: count(field(field(usage, "prompt_tokens_details"), "cached_tokens")),
    reasoningTokens: count(field(field(usage, "completion_tokens_details"), "reasoning_tokens")),
  });
}

/** An OpenAI Responses API response. */
export function isOpenAIResponse(value: unknown): boolean {
  return field(value, "object") === "response" && Array.isArray(field(value, "output"));
}

export function fromOpenAIResponse(value: unknown): GenerationResult {
  const items = list(field(value, "output"));
  let outputText = "";
  const toolCalls: unknown[] = [];
  for (const item of items) {
    const type = field(item, "type");
    if (type === "message") {
      for (const part of list(field(item, "content"))) if (field(part, "type") === "output_text") outputText += text(field(part, "text")) ?? "";
    } else if (type === "function_call") {
      toolCalls.push({ id: field(item, "call_id"), type: "function", function: { name: field(item, "name"), arguments: field(item, "arguments") } });
    }
  }
  const status = text(field(value, "status"));
  const incomplete = text(field(field(value, "incomplete_details"), "reason"));
  const message: ChatMessage = { role: "assistant", content: outputText || null };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return compact({
    output: toolCalls.length > 0 ? message : outputText,
    finishReasons: incomplete ? [incomplete] : toolCalls.length > 0 ? ["tool_calls"] : status ? [status === "completed" ? "stop" : status] : undefined,
    responseModel: text(field(value, "model")),
    responseId: text(field(value, "id")),
    usage: openAIResponsesUsage(field(value, "usage")),
    provider: "openai",
  });
}

/** `input_tokens` includes cached tokens; `output_tokens` includes reasoning tokens. */
export function openAIResponsesUsage(usage: unknown): TokenUsage | undefined {
  if (usage === undefined || usage === null) return undefined;
  return compact({
    inputTokens: count(field(usage, "input_tokens")),
    outputTokens: count(field(usage, "output_tokens")),
    totalTokens: count(field(usage, "total_tokens")),
    cacheReadTokens: count(field(field(usage, "input_tokens_details"), "cached_tokens")),
    reasoningTokens: count(field(field(usage, "output_tokens_details"), "reasoning_tokens")),
  });
}

/** An OpenAI embeddings response. */
export function isOpenAIEmbeddings(value: unknown): boolean {
  const data = field(value, "data");
  return field(value, "object") === "list" && Array.isArray(data) && field(data[0], "object") === "embedding";
}

export function fromOpenAIEmbeddings(value: unknown): GenerationResult {
  const data = list(field(value, "data"));
  const dimensions = list(field(data[0], "embedding")).length;
  return compact({
    // Vectors are not content worth exporting: their count and size are.
    output: `${data.length} embedding${data.length === 1 ? "" : "s"} of ${dimensions} dimensions`,
    responseModel: text(field(value, "model")),
    usage: compact({ inputTokens: count(field(field(value, "usage"), "prompt_tokens")), totalTokens: count(field(field(value, "usage"), "total_tokens")) }),
    provider: "openai",
  });
}
