import { GEN_AI_OPERATIONS } from "./span-kinds.js";
import type { LlmSpanKind } from "../types/span-kinds.js";

/**
 * The span name for a named unit of work: `agent.<name>` by default, or the GenAI conventions'
 * `invoke_agent <name>` / `execute_tool <name>` / `invoke_workflow <name>` when configured.
 */
export function entitySpanName(kind: LlmSpanKind, name: string, spanNames: "llmtrace" | "gen_ai"): string {
  const operation = GEN_AI_OPERATIONS[kind];
  if (spanNames === "gen_ai" && operation !== undefined && kind !== "retrieval") return `${operation} ${name}`;
  return `${kind}.${name}`;
}
