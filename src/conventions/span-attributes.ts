import type { Attributes } from "@opentelemetry/api";
import type { ProfileFlags } from "../types/span-kinds.js";
import {
  ATTR_AI_INPUT,
  ATTR_AI_OUTPUT,
  ATTR_LANGFUSE_OBSERVATION_INPUT,
  ATTR_LANGFUSE_OBSERVATION_OUTPUT,
  ATTR_LANGFUSE_OBSERVATION_TYPE,
  ATTR_LLMTRACE_SPAN_KIND,
  ATTR_OI_INPUT_MIME_TYPE,
  ATTR_OI_INPUT_VALUE,
  ATTR_OI_OUTPUT_MIME_TYPE,
  ATTR_OI_OUTPUT_VALUE,
  ATTR_OPENINFERENCE_SPAN_KIND,
  ATTR_TRACELOOP_ENTITY_INPUT,
  ATTR_TRACELOOP_ENTITY_NAME,
  ATTR_TRACELOOP_ENTITY_OUTPUT,
  ATTR_TRACELOOP_SPAN_KIND,
  ATTR_GEN_AI_TOOL_CALL_ID,
  ATTR_OI_TOOL_CALL_ID,
} from "./attribute-keys.js";
import { LANGFUSE_TYPES, OPENINFERENCE_KINDS, TRACELOOP_KINDS } from "./span-kinds.js";
import type { LlmSpanKind } from "../types/span-kinds.js";

/** The attributes that classify a span: always `llmtrace.span.kind` and `openinference.span.kind`, plus profile ones. */
export function kindAttributes(kind: LlmSpanKind, entityName: string, flags: ProfileFlags, embeddings = false): Attributes {
  const a: Attributes = {
    [ATTR_LLMTRACE_SPAN_KIND]: kind,
    [ATTR_OPENINFERENCE_SPAN_KIND]: embeddings ? "EMBEDDING" : OPENINFERENCE_KINDS[kind],
  };
  if (flags.traceloop) {
    const traceloopKind = TRACELOOP_KINDS[kind];
    if (traceloopKind) a[ATTR_TRACELOOP_SPAN_KIND] = traceloopKind;
    a[ATTR_TRACELOOP_ENTITY_NAME] = entityName;
  }
  if (flags.langfuse) a[ATTR_LANGFUSE_OBSERVATION_TYPE] = embeddings ? "embedding" : LANGFUSE_TYPES[kind];
  return a;
}

/**
 * Generic input / output content in every enabled profile. `text` has already passed the content
 * path. `heldElsewhere`: a more specific key of the span (`gen_ai.input.messages`,
 * `gen_ai.tool.call.result`, `ai.retrieval.query`) holds the same content, so `ai.input` /
 * `ai.output` would only copy it: content is recorded once (other profiles the user asks for add
 * their own keys).
 */
export function writeContent(a: Attributes, direction: "input" | "output", text: string, flags: ProfileFlags, heldElsewhere = false): void {
  const input = direction === "input";
  if (flags.ai && !heldElsewhere) a[input ? ATTR_AI_INPUT : ATTR_AI_OUTPUT] = text;
  if (flags.openinference) {
    a[input ? ATTR_OI_INPUT_VALUE : ATTR_OI_OUTPUT_VALUE] = text;
    a[input ? ATTR_OI_INPUT_MIME_TYPE : ATTR_OI_OUTPUT_MIME_TYPE] = looksLikeJson(text) ? "application/json" : "text/plain";
  }
  if (flags.traceloop) a[input ? ATTR_TRACELOOP_ENTITY_INPUT : ATTR_TRACELOOP_ENTITY_OUTPUT] = text;
  if (flags.langfuse) a[input ? ATTR_LANGFUSE_OBSERVATION_INPUT : ATTR_LANGFUSE_OBSERVATION_OUTPUT] = text;
}

function looksLikeJson(text: string): boolean {
  const first = text.charCodeAt(0);
  return first === 0x7b /* { */ || first === 0x5b /* [ */;
}

/** The id the model gave a tool call, so the call can be matched with the model's request for it. */
export function writeToolCallId(a: Attributes, id: string, flags: ProfileFlags): void {
  if (flags.genAi) a[ATTR_GEN_AI_TOOL_CALL_ID] = id;
  if (flags.openinference) a[ATTR_OI_TOOL_CALL_ID] = id;
}
