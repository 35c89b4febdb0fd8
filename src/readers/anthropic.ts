import type { TokenUsage } from "../types/token-usage.js";
import type { GenerationResult } from "../types/generation-result.js";
import { compact, count, field, list, sum, text } from "./read.js";

/** An Anthropic Messages API response. */
export function isAnthropicMessage(value: unknown): boolean {
  return field(value, "type") === "message" && field(value, "role") === "assistant" && Array.isArray(field(value, "content"));
}

export function fromAnthropicMessage(value: unknown): GenerationResult {
  const content = list(field(value, "content")).filter((block) => field(block, "type") !== "thinking" && field(block, "type") !== "redacted_thinking");
  const onlyText = content.every((block) => field(block, "type") === "text");
  const stopReason = text(field(value, "stop_reason"));
  return compact({
    output: onlyText ? content.map((block) => text(field(block, "text")) ?? "").join("") : { role: "assistant", content },
    finishReasons: stopReason ? [stopReason] : undefined,
    responseModel: text(field(value, "model")),
    responseId: text(field(value, "id")),
    usage: anthropicUsage(field(value, "usage")),
    provider: "anthropic",
  });
}

/**
 * Anthropic counts cache reads and writes apart from `input_tokens`; llmtrace's input tokens
 * include them (as the GenAI conventions count them), so they are added back.
 */
export function anthropicUsage(usage: unknown): TokenUsage | undefined {
  if (usage === undefined || usage === null) return undefined;
  const plain = count(field(usage, "input_tokens"));
  const read = count(field(usage, "cache_read_input_tokens"));
  const write = count(field(usage, "cache_creation_input_tokens"));
  return compact({
    inputTokens: sum(plain, read, write),
    outputTokens: count(field(usage, "output_tokens")),
    cacheReadTokens: read,
    cacheWriteTokens: write,
  });
}
