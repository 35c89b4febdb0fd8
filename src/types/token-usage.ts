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
