// Attribute keys as local constants: the GenAI conventions are unstable and live outside the
// stable semconv package, so we pin the spelling we emit here (DESIGN §3).

export const ATTR_SERVICE_NAME = "service.name";
export const ATTR_SERVICE_VERSION = "service.version";
export const ATTR_DEPLOYMENT_ENVIRONMENT_NAME = "deployment.environment.name";
export const ATTR_TELEMETRY_DISTRO_NAME = "telemetry.distro.name";
export const ATTR_TELEMETRY_DISTRO_VERSION = "telemetry.distro.version";

export const ATTR_AI_MODEL = "ai.model";
export const ATTR_AI_PROMPT_TOKENS = "ai.prompt_tokens";
export const ATTR_AI_COMPLETION_TOKENS = "ai.completion_tokens";
export const ATTR_AI_COST = "ai.cost";
export const ATTR_AI_TIME_TO_FIRST_TOKEN_MS = "ai.time_to_first_token_ms";

export const ATTR_GEN_AI_REQUEST_MODEL = "gen_ai.request.model";
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = "gen_ai.usage.input_tokens";
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = "gen_ai.usage.output_tokens";
export const ATTR_GEN_AI_TOOL_NAME = "gen_ai.tool.name";
export const ATTR_GEN_AI_CONVERSATION_ID = "gen_ai.conversation.id";

export const ATTR_CONVERSATION_ID = "conversation.id";
