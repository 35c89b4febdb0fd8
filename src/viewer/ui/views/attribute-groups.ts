import type { Value } from "../../model/otlp-json.js";

export type GroupName = "model" | "usage" | "cost" | "context" | "other";

/** Attributes the chat and input/output sections already show: not repeated in the tables. */
const SHOWN_AS_CONTENT = /^(gen_ai\.(input|output)\.messages|gen_ai\.system_instructions|llm\.(input|output)_messages\..*|ai\.input|ai\.output|input\.value|output\.value|gen_ai\.tool\.call\.(arguments|result))$/;

const RULES: [GroupName, RegExp][] = [
  ["cost", /^(ai\.cost.*|llm\.cost\..*|gen_ai\.usage\.cost.*)$/],
  ["usage", /^(gen_ai\.usage\..*|ai\.(prompt|completion|total|cached|reasoning|cache_creation)_tokens|ai\.(chunk_count|time_to_first_token_ms|tokens_per_second|duration_ms)|gen_ai\.response\.time_to_first_chunk|gen_ai\.client\..*|llm\.token_count\..*)$/],
  ["model", /^(gen_ai\.(request|response|provider|system|operation|embeddings|output\.type)\b.*|ai\.(model|provider|stream)|llm\.(model_name|provider|system|invocation_parameters)|embedding\.model_name)$/],
  ["context", /^(conversation\.id|gen_ai\.conversation\.id|session\.id|user\.id|enduser\.id|organization\.id|ai\.metadata\..*|ai\.tags|tag\.tags|metadata|langfuse\.(session|user)\..*)$/],
];

export function groupOf(key: string): GroupName {
  for (const [group, pattern] of RULES) if (pattern.test(key)) return group;
  return "other";
}

/** The span's attributes by group, content keys left out; keys sorted within a group. */
export function groupAttributes(attributes: Record<string, Value>): Record<GroupName, [string, Value][]> {
  const groups: Record<GroupName, [string, Value][]> = { model: [], usage: [], cost: [], context: [], other: [] };
  for (const key of Object.keys(attributes).sort()) {
    if (SHOWN_AS_CONTENT.test(key)) continue;
    groups[groupOf(key)].push([key, attributes[key] as Value]);
  }
  return groups;
}
