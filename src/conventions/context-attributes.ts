import type { AttributeValue, Attributes } from "@opentelemetry/api";
import type { LlmContext } from "../types/llm-context.js";
import type { ProfileFlags } from "../types/span-kinds.js";
import {
  ATTR_AGENT_ID,
  ATTR_AI_METADATA_PREFIX,
  ATTR_AI_TAGS,
  ATTR_CONVERSATION_ID,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_LANGFUSE_SESSION_ID,
  ATTR_LANGFUSE_TRACE_METADATA_PREFIX,
  ATTR_LANGFUSE_TRACE_TAGS,
  ATTR_LANGFUSE_USER_ID,
  ATTR_OI_METADATA,
  ATTR_OI_TAGS,
  ATTR_ORGANIZATION_ID,
  ATTR_PROJECT_ID,
  ATTR_REQUEST_ID,
  ATTR_SESSION_ID,
  ATTR_TRACELOOP_ASSOCIATION_PREFIX,
  ATTR_USER_ID,
} from "./attribute-keys.js";

// Every span in a withContext scope shares one context object, so its attributes are built once.
const cache = new WeakMap<LlmContext, { flags: ProfileFlags; attributes: Attributes }>();

/** The attributes that stamp `llm` on a span, in the enabled profiles. Cached per context object. */
export function contextAttributes(llm: LlmContext, flags: ProfileFlags): Attributes {
  const hit = cache.get(llm);
  if (hit && hit.flags === flags) return hit.attributes;
  const attributes = Object.freeze(buildContextAttributes(llm, flags));
  cache.set(llm, { flags, attributes });
  return attributes;
}

function buildContextAttributes(llm: LlmContext, flags: ProfileFlags): Attributes {
  const a: Attributes = {};
  const set = (key: string, value: AttributeValue | undefined) => {
    if (value !== undefined) a[key] = value;
  };
  if (flags.ai) {
    set(ATTR_CONVERSATION_ID, llm.conversationId);
    set(ATTR_SESSION_ID, llm.sessionId);
    set(ATTR_USER_ID, llm.userId);
    set(ATTR_ORGANIZATION_ID, llm.organizationId);
    set(ATTR_PROJECT_ID, llm.projectId);
    set(ATTR_REQUEST_ID, llm.requestId);
    set(ATTR_AGENT_ID, llm.agentId);
    for (const [key, value] of Object.entries(llm.metadata ?? {})) a[ATTR_AI_METADATA_PREFIX + key] = value;
    if (llm.tags?.length) a[ATTR_AI_TAGS] = [...llm.tags];
  }
  if (flags.genAi) set(ATTR_GEN_AI_CONVERSATION_ID, llm.conversationId);
  if (flags.openinference) {
    // OpenInference's session and user keys are the same plain keys the ai profile writes.
    set(ATTR_SESSION_ID, llm.sessionId ?? llm.conversationId);
    set(ATTR_USER_ID, llm.userId);
    if (llm.metadata && Object.keys(llm.metadata).length > 0) a[ATTR_OI_METADATA] = JSON.stringify(llm.metadata);
    if (llm.tags?.length) a[ATTR_OI_TAGS] = [...llm.tags];
  }
  if (flags.traceloop) {
    const p = ATTR_TRACELOOP_ASSOCIATION_PREFIX;
    set(`${p}conversation_id`, llm.conversationId);
    set(`${p}session_id`, llm.sessionId);
    set(`${p}user_id`, llm.userId);
    set(`${p}organization_id`, llm.organizationId);
    set(`${p}project_id`, llm.projectId);
    set(`${p}request_id`, llm.requestId);
    for (const [key, value] of Object.entries(llm.metadata ?? {})) a[p + key] = value;
  }
  if (flags.langfuse) {
    set(ATTR_LANGFUSE_SESSION_ID, llm.sessionId ?? llm.conversationId);
    set(ATTR_LANGFUSE_USER_ID, llm.userId);
    if (llm.tags?.length) a[ATTR_LANGFUSE_TRACE_TAGS] = [...llm.tags];
    for (const [key, value] of Object.entries(llm.metadata ?? {})) a[ATTR_LANGFUSE_TRACE_METADATA_PREFIX + key] = value;
  }
  return a;
}
