import { diag } from "@opentelemetry/api";
import type { TokenUsage } from "../types/token-usage.js";


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
