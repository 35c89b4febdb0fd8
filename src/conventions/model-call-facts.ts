// What a model call's metrics need, as llmtrace's generation knew it — handed to the pipeline
// beside the span rather than read back from its attributes, which depend on the conventions
// chosen (langfuse keeps usage in JSON, traceloop has no cache tokens or time to first chunk).

/** One model call's dimensions and measures. */
export interface ModelCallFacts {
  readonly operation: string;
  readonly provider: string | undefined;
  readonly requestModel: string | undefined;
  readonly responseModel: string | undefined;
  readonly input: number | undefined;
  readonly output: number | undefined;
  readonly cacheRead: number | undefined;
  readonly cacheCreation: number | undefined;
  readonly reasoning: number | undefined;
  readonly costUsd: number | undefined;
  /** Seconds from the request to the first chunk, for a streamed call. */
  readonly firstChunkSeconds: number | undefined;
  readonly chunks: number | undefined;
}

// Keyed by the span object itself (the SDK hands processors the same object), so an entry goes
// when the span is collected.
const FACTS = new WeakMap<object, ModelCallFacts>();

export function setModelCallFacts(span: object, facts: ModelCallFacts): void {
  FACTS.set(span, facts);
}

export function modelCallFactsOf(span: object): ModelCallFacts | undefined {
  return FACTS.get(span);
}
