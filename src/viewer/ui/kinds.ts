import type { ViewKind } from "../model/span-summary.js";

/** A short label per kind, drawn as a coloured badge (text, not emoji: it reads the same in every font). */
export const KIND_LABELS: Record<ViewKind, string> = {
  trace: "TRACE", workflow: "FLOW", task: "TASK", agent: "AGENT", tool: "TOOL", generation: "LLM", embedding: "EMB", retrieval: "RAG",
  message: "MSG", system: "SYS", feedback: "EVAL", chain: "CHAIN", map: "MAP", item: "ITEM", server: "SRV", client: "CLI", producer: "PUB", consumer: "SUB", span: "SPAN",
};
