import type { Attributes } from "@opentelemetry/api";
import type { TokenUsage } from "./token-usage.js";

/** What a model call did, as `gen_ai.operation.name` spells it. */
export type GenerationOperation = "chat" | "text_completion" | "embeddings" | (string & {});

/** A model call's request, as `trace.generation()` takes it. */
export interface GenerationOptions {
  /** Record the process's CPU time, heap and RSS change and file-system reads and writes over this span. @default false */
  resourceUsage?: boolean;
  /** The requested model, e.g. "gpt-4o". */
  model?: string;
  /** The provider, as `gen_ai.provider.name` spells it: "openai", "anthropic", "aws.bedrock"... */
  provider?: string;
  /** @default "chat" */
  operation?: GenerationOperation;
  /** The prompt: a string (one user message) or chat messages. Through the content path. */
  input?: unknown;
  /** System instructions given separately from the messages. Through the content path. */
  system?: unknown;
  temperature?: number;
  maxTokens?: number;
  topP?: number;
  topK?: number;
  stop?: string | readonly string[];
  seed?: number;
  frequencyPenalty?: number;
  presencePenalty?: number;
  /** The request asks for a streamed response. */
  stream?: boolean;
  /** Other request parameters, recorded as JSON where a profile has a key for them. */
  parameters?: Readonly<Record<string, unknown>>;
  attributes?: Attributes;
}

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
