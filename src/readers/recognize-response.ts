import type { GenerationResult } from "../types/generation-result.js";
import { fromAiSdkEmbedResult, fromAiSdkTextResult, isAiSdkEmbedResult, isAiSdkTextResult } from "./ai-sdk.js";
import { fromAnthropicMessage, isAnthropicMessage } from "./anthropic.js";
import {
  fromOpenAIChatCompletion,
  fromOpenAIEmbeddings,
  fromOpenAIResponse,
  isOpenAIChatCompletion,
  isOpenAIEmbeddings,
  isOpenAIResponse,
} from "./openai.js";

const RECOGNIZERS: readonly [(value: unknown) => boolean, (value: unknown) => GenerationResult][] = [
  [isOpenAIChatCompletion, fromOpenAIChatCompletion],
  [isOpenAIResponse, fromOpenAIResponse],
  [isOpenAIEmbeddings, fromOpenAIEmbeddings],
  [isAnthropicMessage, fromAnthropicMessage],
  [isAiSdkTextResult, fromAiSdkTextResult],
  [isAiSdkEmbedResult, fromAiSdkEmbedResult],
];

/**
 * Reads a provider's response into a generation result, by its shape — without depending on any
 * provider SDK: OpenAI Chat Completions, Responses and embeddings, Anthropic Messages, and the
 * Vercel AI SDK's generateText / embed results. Undefined for anything else.
 */
export function recognizeResponse(value: unknown): GenerationResult | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  for (const [matches, read] of RECOGNIZERS) {
    if (matches(value)) return read(value);
  }
  return undefined;
}
