import { diag } from "@opentelemetry/api";

/**
 * Token counts of one model call. `inputTokens` counts every input token, cached ones included
 * (as the GenAI conventions and OpenAI count them); `cacheReadTokens` and `cacheWriteTokens`
 * say how many of those were read from or written to the provider's prompt cache.
 * `reasoningTokens` are part of `outputTokens`.
 */
export interface TokenUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  cacheReadTokens?: number;
  cacheWriteTokens?: number;
  reasoningTokens?: number;
}

const FIELDS = ["inputTokens", "outputTokens", "totalTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens"] as const;

/** Keeps the counts that are finite, non-negative numbers; anything else is dropped with a debug line. */
export function normalizeUsage(raw: unknown): TokenUsage | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const usage: TokenUsage = {};
  let any = false;
  for (const field of FIELDS) {
    let value: unknown;
    try {
      value = (raw as Record<string, unknown>)[field];
    } catch {
      continue;
    }
    if (value === undefined) continue;
    if (typeof value === "number" && Number.isFinite(value) && value >= 0) {
      usage[field] = value;
      any = true;
    } else {
      diag.debug(`llmtrace: usage.${field} ignored: ${String(value)} is not a non-negative number`);
    }
  }
  if (!any) return undefined;
  if (usage.totalTokens === undefined && usage.inputTokens !== undefined && usage.outputTokens !== undefined) {
    usage.totalTokens = usage.inputTokens + usage.outputTokens;
  }
  return usage;
}
