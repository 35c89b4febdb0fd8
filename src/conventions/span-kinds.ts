import type { LlmSpanKind } from "../types/span-kinds.js";

// openinference.span.kind is always written, so LLM-aware backends (Phoenix) classify every span.
export const OPENINFERENCE_KINDS: Readonly<Record<LlmSpanKind, string>> = {
  trace: "CHAIN",
  workflow: "CHAIN",
  task: "CHAIN",
  agent: "AGENT",
  tool: "TOOL",
  generation: "LLM",
  retrieval: "RETRIEVER",
  message: "CHAIN",
  system: "CHAIN",
  feedback: "EVALUATOR",
};

export const TRACELOOP_KINDS: Readonly<Record<LlmSpanKind, string | undefined>> = {
  trace: "workflow",
  workflow: "workflow",
  task: "task",
  agent: "agent",
  tool: "tool",
  generation: undefined,
  retrieval: "task",
  message: "task",
  system: "task",
  feedback: "task",
};

export const LANGFUSE_TYPES: Readonly<Record<LlmSpanKind, string>> = {
  trace: "span",
  workflow: "chain",
  task: "span",
  agent: "agent",
  tool: "tool",
  generation: "generation",
  retrieval: "retriever",
  message: "span",
  system: "span",
  feedback: "event",
};

/** `gen_ai.operation.name` of the kinds the GenAI conventions name. */
export const GEN_AI_OPERATIONS: Readonly<Partial<Record<LlmSpanKind, string>>> = {
  workflow: "invoke_workflow",
  agent: "invoke_agent",
  tool: "execute_tool",
  retrieval: "retrieval",
};
