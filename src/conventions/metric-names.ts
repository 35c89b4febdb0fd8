// Metric names, units and bucket boundaries: the OpenTelemetry GenAI conventions' client metrics,
// and llmtrace's own where no convention exists (requests, tokens by type, cost, operations).
// Listed for dashboards in docs/metrics.md.

export const METRIC_GEN_AI_TOKEN_USAGE = "gen_ai.client.token.usage";
export const METRIC_GEN_AI_OPERATION_DURATION = "gen_ai.client.operation.duration";
export const METRIC_GEN_AI_TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";
export const METRIC_GEN_AI_TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";

/** Model calls, a counter: Prometheus `llmtrace_llm_requests_total`. */
export const METRIC_LLM_REQUESTS = "llmtrace.llm.requests";
/** Tokens by `gen_ai.token.type` (input, output, cache_read, cache_creation, reasoning): `llmtrace_llm_tokens_total`. */
export const METRIC_LLM_TOKENS = "llmtrace.llm.tokens";
/** Cost in US dollars from the price table, a counter: `llmtrace_llm_cost_total`. */
export const METRIC_LLM_COST = "llmtrace.llm.cost";
/** Durations of tools, agents, workflows, tasks, retrievals, messages: a histogram in seconds. */
export const METRIC_OPERATION_DURATION = "llmtrace.operation.duration";
/** Those operations that ended in error, a counter: `llmtrace_operation_errors_total`. */
export const METRIC_OPERATION_ERRORS = "llmtrace.operation.errors";

/** Cache lookups by span name and status, a counter: `llmtrace_cache_lookups_total`. */
export const METRIC_CACHE_LOOKUPS = "llmtrace.cache.lookups";

export const ATTR_GEN_AI_TOKEN_TYPE = "gen_ai.token.type";
/** The span's kind and name on the operation metrics. */
export const ATTR_METRIC_SPAN_KIND = "llmtrace.span.kind";
export const ATTR_METRIC_SPAN_NAME = "llmtrace.span.name";

/** The GenAI conventions' recommended boundaries. */
export const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
export const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
export const CHUNK_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1, 2.5];

/** Operation names of model calls in the GenAI conventions. */
export const MODEL_OPERATIONS: ReadonlySet<string> = new Set(["chat", "text_completion", "generate_content", "embeddings", "create_embeddings"]);
