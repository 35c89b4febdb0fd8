import type { Attributes } from "@opentelemetry/api";
import type { TokenUsage } from "./token-usage.js";

/** What a model call did, as `gen_ai.operation.name` spells it. */
export type GenerationOperation = "chat" | "text_completion" | "embeddings" | (string & {});

/** What a model call returned, as `generation.end()` accepts it and the response readers produce it. */
export interface GenerationResult {
  /** The model's answer: a string or chat message(s). Defaults to the text of the chunks seen. */
  output?: unknown;
  usage?: TokenUsage;
  finishReasons?: string | readonly string[];
  /** The model that actually answered, when the provider reports it. */
  responseModel?: string;
  responseId?: string;
  /** Cost in USD. When absent it is computed from the usage and the model's prices. */
  cost?: number;
  /** The provider, when the request did not say (read from a recognised response). */
  provider?: string;
  attributes?: Attributes;
}
