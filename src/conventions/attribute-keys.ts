// Attribute keys as local constants: the GenAI conventions are unstable and live outside the
// stable semconv package, so we pin the spelling we emit here (DESIGN §3).

// Resource
export const ATTR_SERVICE_NAME = "service.name";
export const ATTR_SERVICE_VERSION = "service.version";
export const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = "deployment.environment.name";
export const ATTR_TELEMETRY_DISTRO_NAME = "telemetry.distro.name";
export const ATTR_TELEMETRY_DISTRO_VERSION = "telemetry.distro.version";

// Always written, whatever the profiles: they classify the span.
export const ATTR_LLMTRACE_SPAN_KIND = "llmtrace.span.kind";
export const ATTR_OPENINFERENCE_SPAN_KIND = "openinference.span.kind";
export const ATTR_ERROR_TYPE = "error.type";
/** On a span llmtrace ended because the process stopped before it did: what stopped it ("SIGINT", "shutdown", "process.exit", ...). */
export const ATTR_LLMTRACE_INTERRUPTED = "llmtrace.interrupted";

// "ai" profile (the design card's keys)
export const ATTR_AI_PROVIDER = "ai.provider";
export const ATTR_AI_MODEL = "ai.model";
export const ATTR_AI_PROMPT_TOKENS = "ai.prompt_tokens";
export const ATTR_AI_COMPLETION_TOKENS = "ai.completion_tokens";
export const ATTR_AI_TOTAL_TOKENS = "ai.total_tokens";
export const ATTR_AI_CACHED_TOKENS = "ai.cached_tokens";
export const ATTR_AI_CACHE_WRITE_TOKENS = "ai.cache_write_tokens";
export const ATTR_AI_REASONING_TOKENS = "ai.reasoning_tokens";
export const ATTR_AI_COST = "ai.cost";
export const ATTR_AI_DURATION_MS = "ai.duration_ms";
export const ATTR_AI_STREAM = "ai.stream";
export const ATTR_AI_TIME_TO_FIRST_TOKEN_MS = "ai.time_to_first_token_ms";
export const ATTR_AI_TOKENS_PER_SECOND = "ai.tokens_per_second";
export const ATTR_AI_CHUNK_COUNT = "ai.chunk_count";
export const ATTR_AI_DESCRIPTION = "ai.description";
export const ATTR_AI_MESSAGE_ROLE = "ai.message.role";
export const ATTR_AI_INPUT = "ai.input";
export const ATTR_AI_OUTPUT = "ai.output";
export const ATTR_AI_TAGS = "ai.tags";
export const ATTR_AI_METADATA_PREFIX = "ai.metadata.";
export const ATTR_AI_RETRIEVAL_QUERY = "ai.retrieval.query";
export const ATTR_AI_RETRIEVAL_TOP_K = "ai.retrieval.top_k";
export const ATTR_AI_RETRIEVAL_DOCUMENTS = "ai.retrieval.documents";
export const ATTR_AI_RETRIEVAL_DOCUMENT_COUNT = "ai.retrieval.document_count";
export const ATTR_AI_FEEDBACK_TAG = "ai.feedback.tag";
export const ATTR_AI_FEEDBACK_TEXT = "ai.feedback.text";
export const ATTR_AI_FEEDBACK_SCORE = "ai.feedback.score";
export const ATTR_AI_FEEDBACK_LABEL = "ai.feedback.label";
export const ATTR_AI_CONTENT_TRUNCATED = "ai.content.truncated";
export const ATTR_AI_ENTITY_VERSION = "ai.entity.version";
export const ATTR_AI_STREAM_CHUNKS = "ai.stream.chunks";
export const ATTR_AI_STREAM_CANCELLED = "ai.stream.cancelled";

// Context ids (the card's plain keys)
export const ATTR_CONVERSATION_ID = "conversation.id";
export const ATTR_SESSION_ID = "session.id";
export const ATTR_USER_ID = "user.id";
export const ATTR_ORGANIZATION_ID = "organization.id";
export const ATTR_PROJECT_ID = "project.id";
export const ATTR_REQUEST_ID = "request.id";
export const ATTR_AGENT_ID = "agent.id";

// "gen_ai" profile (OpenTelemetry GenAI semantic conventions)
export const ATTR_GEN_AI_OPERATION_NAME = "gen_ai.operation.name";
export const EVENT_GEN_AI_EVALUATION_RESULT = "gen_ai.evaluation.result";
export const ATTR_GEN_AI_EVALUATION_NAME = "gen_ai.evaluation.name";
export const ATTR_GEN_AI_EVALUATION_SCORE_VALUE = "gen_ai.evaluation.score.value";
export const ATTR_GEN_AI_EVALUATION_SCORE_LABEL = "gen_ai.evaluation.score.label";
export const ATTR_GEN_AI_EVALUATION_EXPLANATION = "gen_ai.evaluation.explanation";
export const ATTR_GEN_AI_PROVIDER_NAME = "gen_ai.provider.name";
export const ATTR_GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = "gen_ai.request.temperature";
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = "gen_ai.request.max_tokens";
export const ATTR_GEN_AI_REQUEST_TOP_P = "gen_ai.request.top_p";
export const ATTR_GEN_AI_REQUEST_TOP_K = "gen_ai.request.top_k";
export const ATTR_GEN_AI_REQUEST_STOP_SEQUENCES = "gen_ai.request.stop_sequences";
export const ATTR_GEN_AI_REQUEST_SEED = "gen_ai.request.seed";
export const ATTR_GEN_AI_REQUEST_FREQUENCY_PENALTY = "gen_ai.request.frequency_penalty";
export const ATTR_GEN_AI_REQUEST_PRESENCE_PENALTY = "gen_ai.request.presence_penalty";
export const ATTR_GEN_AI_REQUEST_STREAM = "gen_ai.request.stream";
export const ATTR_GEN_AI_RESPONSE_MODEL = "gen_ai.response.model";
export const ATTR_GEN_AI_RESPONSE_ID = "gen_ai.response.id";
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = "gen_ai.response.finish_reasons";
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = "gen_ai.response.time_to_first_chunk";
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
export const ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS = "gen_ai.usage.cache_read.input_tokens";
export const ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS = "gen_ai.usage.cache_creation.input_tokens";
export const ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS = "gen_ai.usage.reasoning.output_tokens";
export const ATTR_GEN_AI_INPUT_MESSAGES = "gen_ai.input.messages";
export const ATTR_GEN_AI_OUTPUT_MESSAGES = "gen_ai.output.messages";
export const ATTR_GEN_AI_SYSTEM_INSTRUCTIONS = "gen_ai.system_instructions";
export const ATTR_GEN_AI_CONVERSATION_ID = "gen_ai.conversation.id";
export const ATTR_GEN_AI_AGENT_NAME = "gen_ai.agent.name";
export const ATTR_GEN_AI_AGENT_ID = "gen_ai.agent.id";
export const ATTR_GEN_AI_AGENT_DESCRIPTION = "gen_ai.agent.description";
export const ATTR_GEN_AI_TOOL_NAME = "gen_ai.tool.name";
export const ATTR_GEN_AI_TOOL_CALL_ID = "gen_ai.tool.call.id";
export const ATTR_GEN_AI_TOOL_DESCRIPTION = "gen_ai.tool.description";
export const ATTR_GEN_AI_TOOL_CALL_ARGUMENTS = "gen_ai.tool.call.arguments";
export const ATTR_GEN_AI_TOOL_CALL_RESULT = "gen_ai.tool.call.result";
export const ATTR_GEN_AI_DATA_SOURCE_ID = "gen_ai.data_source.id";

// "openinference" profile
export const ATTR_OI_INPUT_VALUE = "input.value";
export const ATTR_OI_INPUT_MIME_TYPE = "input.mime_type";
export const ATTR_OI_OUTPUT_VALUE = "output.value";
export const ATTR_OI_OUTPUT_MIME_TYPE = "output.mime_type";
export const ATTR_OI_LLM_MODEL_NAME = "llm.model_name";
export const ATTR_OI_LLM_PROVIDER = "llm.provider";
export const ATTR_OI_LLM_INVOCATION_PARAMETERS = "llm.invocation_parameters";
export const ATTR_OI_LLM_INPUT_MESSAGES = "llm.input_messages";
export const ATTR_OI_LLM_OUTPUT_MESSAGES = "llm.output_messages";
export const ATTR_OI_TOKEN_COUNT_PROMPT = "llm.token_count.prompt";
export const ATTR_OI_TOKEN_COUNT_COMPLETION = "llm.token_count.completion";
export const ATTR_OI_TOKEN_COUNT_TOTAL = "llm.token_count.total";
export const ATTR_OI_TOKEN_COUNT_CACHE_READ = "llm.token_count.prompt_details.cache_read";
export const ATTR_OI_TOKEN_COUNT_CACHE_WRITE = "llm.token_count.prompt_details.cache_write";
export const ATTR_OI_TOKEN_COUNT_REASONING = "llm.token_count.completion_details.reasoning";
export const ATTR_OI_COST_PROMPT = "llm.cost.prompt";
export const ATTR_OI_COST_COMPLETION = "llm.cost.completion";
export const ATTR_OI_COST_TOTAL = "llm.cost.total";
export const ATTR_OI_TOOL_NAME = "tool.name";
export const ATTR_OI_TOOL_DESCRIPTION = "tool.description";
export const ATTR_OI_TOOL_PARAMETERS = "tool.parameters";
export const ATTR_OI_TOOL_CALL_ID = "tool_call.id";
export const ATTR_OI_RETRIEVAL_DOCUMENTS = "retrieval.documents";
export const ATTR_OI_AGENT_NAME = "agent.name";
export const ATTR_OI_METADATA = "metadata";
export const ATTR_OI_TAGS = "tag.tags";

// "traceloop" profile (OpenLLMetry)
export const ATTR_TRACELOOP_SPAN_KIND = "traceloop.span.kind";
export const ATTR_TRACELOOP_ENTITY_NAME = "traceloop.entity.name";
export const ATTR_TRACELOOP_ENTITY_INPUT = "traceloop.entity.input";
export const ATTR_TRACELOOP_ENTITY_OUTPUT = "traceloop.entity.output";
export const ATTR_TRACELOOP_ENTITY_VERSION = "traceloop.entity.version";
export const ATTR_TRACELOOP_ASSOCIATION_PREFIX = "traceloop.association.properties.";
export const ATTR_TRACELOOP_LLM_REQUEST_TYPE = "llm.request.type";
export const ATTR_TRACELOOP_USAGE_TOTAL_TOKENS = "llm.usage.total_tokens";
export const ATTR_TRACELOOP_GEN_AI_SYSTEM = "gen_ai.system";

// "langfuse" profile
export const ATTR_LANGFUSE_OBSERVATION_TYPE = "langfuse.observation.type";
export const ATTR_LANGFUSE_OBSERVATION_INPUT = "langfuse.observation.input";
export const ATTR_LANGFUSE_OBSERVATION_OUTPUT = "langfuse.observation.output";
export const ATTR_LANGFUSE_OBSERVATION_MODEL_NAME = "langfuse.observation.model.name";
export const ATTR_LANGFUSE_OBSERVATION_MODEL_PARAMETERS = "langfuse.observation.model.parameters";
export const ATTR_LANGFUSE_OBSERVATION_USAGE_DETAILS = "langfuse.observation.usage_details";
export const ATTR_LANGFUSE_OBSERVATION_COST_DETAILS = "langfuse.observation.cost_details";
export const ATTR_LANGFUSE_OBSERVATION_COMPLETION_START_TIME = "langfuse.observation.completion_start_time";
export const ATTR_LANGFUSE_OBSERVATION_LEVEL = "langfuse.observation.level";
export const ATTR_LANGFUSE_OBSERVATION_STATUS_MESSAGE = "langfuse.observation.status_message";
export const ATTR_LANGFUSE_TRACE_NAME = "langfuse.trace.name";
export const ATTR_LANGFUSE_TRACE_TAGS = "langfuse.trace.tags";
export const ATTR_LANGFUSE_TRACE_METADATA_PREFIX = "langfuse.trace.metadata.";
export const ATTR_LANGFUSE_USER_ID = "langfuse.user.id";
export const ATTR_LANGFUSE_SESSION_ID = "langfuse.session.id";
