import type { TokenUsage } from "../types/token-usage.js";
import type { GenerationResult } from "../types/generation-result.js";
import { compact, count, field, list, text } from "./read.js";

/** A Vercel AI SDK `generateText` result (v4 and v5). */
export function isAiSdkTextResult(value: unknown): boolean {
  return typeof field(value, "text") === "string" && field(value, "finishReason") !== undefined && field(value, "usage") !== undefined;
}

export function fromAiSdkTextResult(value: unknown): GenerationResult {
  const toolCalls = list(field(value, "toolCalls"));
  const outputText = text(field(value, "text")) ?? "";
  const finishReason = text(field(value, "finishReason"));
  const response = field(value, "response");
  return compact({
    output:
      toolCalls.length > 0
        ? { role: "assistant", content: outputText || null, tool_calls: toolCalls.map((call) => ({ id: field(call, "toolCallId"), function: { name: field(call, "toolName"), arguments: field(call, "input") ?? field(call, "args") } })) }
        : outputText,
    finishReasons: finishReason ? [finishReason] : undefined,
    responseModel: text(field(response, "modelId")),
    responseId: text(field(response, "id")),
    usage: aiSdkUsage(field(value, "totalUsage") ?? field(value, "usage")),
  });
}

/** A Vercel AI SDK `embed` / `embedMany` result. */
export function isAiSdkEmbedResult(value: unknown): boolean {
  return (Array.isArray(field(value, "embedding")) || Array.isArray(field(value, "embeddings"))) && field(field(value, "usage"), "tokens") !== undefined;
}

export function fromAiSdkEmbedResult(value: unknown): GenerationResult {
  const vectors = Array.isArray(field(value, "embeddings")) ? list(field(value, "embeddings")) : [field(value, "embedding")];
  return compact({
    output: `${vectors.length} embedding${vectors.length === 1 ? "" : "s"} of ${list(vectors[0]).length} dimensions`,
    usage: compact({ inputTokens: count(field(field(value, "usage"), "tokens")) }),
  });
}

/** v5 `{ inputTokens, outputTokens, totalTokens, reasoningTokens, cachedInputTokens }`, v4 `{ promptTokens, completionTokens }`. */
export function aiSdkUsage(usage: unknown): TokenUsage | undefined {
  if (usage === undefined || usage === null) return undefined;
  return compact({
    inputTokens: count(field(usage, "inputTokens")) ?? count(field(usage, "promptTokens")),
    outputTokens: count(field(usage, "outputTokens")) ?? count(field(usage, "completionTokens")),
    totalTokens: count(field(usage, "totalTokens")),
    cacheReadTokens: count(field(usage, "cachedInputTokens")),
    reasoningTokens: count(field(usage, "reasoningTokens")),
  });
}
