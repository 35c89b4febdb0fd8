import type { Attributes } from "@opentelemetry/api";

export const ATTR_CACHE_STATUS = "llmtrace.cache.status";
/** A content hash identifying what was cached; exported as given (not a secret, see key-names.ts). */
export const ATTR_CACHE_SIGNATURE = "llmtrace.cache.signature";
export const ATTR_CACHE_DURATION_MS = "llmtrace.cache.duration_ms";
export const ATTR_CACHE_COMPUTE_SAVED_MS = "llmtrace.cache.compute_saved_ms";

/** What a cache lookup did for a span's work. */
export interface CacheInfo {
  /** `hit`: the result came from the cache; `miss`: it was computed; `write`: computed and stored. */
  status: "hit" | "miss" | "write";
  /** What identifies the cached entry (a content hash), not a secret. */
  signature?: string;
  /** How long the cache lookup (or write) took, in milliseconds. */
  durationMillis?: number;
  /** On a hit: how long computing the result would have taken, in milliseconds. */
  computeSavedMillis?: number;
}

const STATUSES = new Set(["hit", "miss", "write"]);

/** The cache attributes for `info`, or undefined when it is not a cache info (a wrong status is no status). */
export function cacheAttributes(info: CacheInfo): Attributes | undefined {
  if (typeof info !== "object" || info === null || !STATUSES.has(info.status)) return undefined;
  const attributes: Attributes = { [ATTR_CACHE_STATUS]: info.status };
  if (typeof info.signature === "string" && info.signature !== "") attributes[ATTR_CACHE_SIGNATURE] = info.signature;
  // Durations below zero are no durations: left out.
  if (typeof info.durationMillis === "number" && Number.isFinite(info.durationMillis) && info.durationMillis >= 0) attributes[ATTR_CACHE_DURATION_MS] = info.durationMillis;
  if (typeof info.computeSavedMillis === "number" && Number.isFinite(info.computeSavedMillis) && info.computeSavedMillis >= 0) attributes[ATTR_CACHE_COMPUTE_SAVED_MS] = info.computeSavedMillis;
  return attributes;
}
