import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { GEN_AI_OPERATIONS, type LlmSpanKind } from "./span-kinds.js";

/**
 * The span name for a named unit of work: `agent.<name>` by default, or the GenAI conventions'
 * `invoke_agent <name>` / `execute_tool <name>` / `invoke_workflow <name>` when configured.
 */
export function entitySpanName(kind: LlmSpanKind, name: string, settings: InstrumentationSettings): string {
  const operation = GEN_AI_OPERATIONS[kind];
  if (settings.spanNames === "gen_ai" && operation !== undefined && kind !== "retrieval") return `${operation} ${name}`;
  return `${kind}.${name}`;
}
