import type { Value } from "./otlp-json.js";
import type { SpanRecord } from "./span-record.js";

/** A message of a model call as the chat view shows it. */
export interface ChatMessage {
  role: string;
  parts: ChatPart[];
  finishReason?: string;
}

export type ChatPart =
  | { type: "text"; content: string }
  | { type: "tool_call"; id?: string; name: string; arguments: Value }
  | { type: "tool_call_response"; id?: string; response: Value }
  | { type: "other"; label: string; content: Value };

/** Parses JSON held in a string attribute; other values (and JSON that does not parse) are kept as they are. */
export function parseJsonValue(value: Value | undefined): Value | undefined {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (!(trimmed.startsWith("{") || trimmed.startsWith("["))) return value;
  try {
    return JSON.parse(trimmed) as Value;
  } catch {
    return value;
  }
}

function asRecord(value: Value | undefined): Record<string, Value> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : undefined;
}

function toPart(raw: Value): ChatPart {
  const part = asRecord(raw);
  if (!part) return { type: "text", content: typeof raw === "string" ? raw : JSON.stringify(raw) };
  switch (part.type) {
    case "text":
      return { type: "text", content: typeof part.content === "string" ? part.content : JSON.stringify(part.content ?? "") };
    case "tool_call":
      return { type: "tool_call", ...(typeof part.id === "string" ? { id: part.id } : {}), name: String(part.name ?? ""), arguments: parseJsonValue(part.arguments ?? null) ?? null };
    case "tool_call_response":
      return { type: "tool_call_response", ...(typeof part.id === "string" ? { id: part.id } : {}), response: parseJsonValue(part.response ?? part.result ?? null) ?? null };
    default:
      return { type: "other", label: String(part.type ?? "part"), content: raw };
  }
}

/** GenAI semantic conventions' messages: `[{ role, parts: [...], finish_reason? }]`, or older `{ role, content }`. */
function fromGenAiMessages(value: Value | undefined): ChatMessage[] {
  const parsed = parseJsonValue(value);
  if (!Array.isArray(parsed)) return typeof parsed === "string" ? [{ role: "user", parts: [{ type: "text", content: parsed }] }] : [];
  return parsed.map((raw) => {
    const message = asRecord(raw) ?? {};
    const parts = Array.isArray(message.parts) ? message.parts.map(toPart) : message.content !== undefined ? [toPart(typeof message.content === "string" ? message.content : (message.content ?? ""))] : [];
    const chat: ChatMessage = { role: String(message.role ?? "user"), parts };
    if (typeof message.finish_reason === "string") chat.finishReason = message.finish_reason;
    return chat;
  });
}

/** OpenInference's flattened messages: `llm.input_messages.0.message.role`, `.content`, `.tool_calls.0.tool_call.function.name`. */
function fromFlattened(attributes: Record<string, Value>, prefix: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  for (let i = 0; i < 1000; i++) {
    const base = `${prefix}.${i}.message.`;
    const role = attributes[`${base}role`];
    const content = attributes[`${base}content`];
    const firstCall = attributes[`${base}tool_calls.0.tool_call.function.name`];
    if (role === undefined && content === undefined && firstCall === undefined) break;
    const parts: ChatPart[] = [];
    if (typeof content === "string") parts.push({ type: "text", content });
    for (let j = 0; j < 100; j++) {
      const name = attributes[`${base}tool_calls.${j}.tool_call.function.name`];
      if (name === undefined) break;
      const id = attributes[`${base}tool_calls.${j}.tool_call.id`];
      parts.push({ type: "tool_call", ...(typeof id === "string" ? { id } : {}), name: String(name), arguments: parseJsonValue(attributes[`${base}tool_calls.${j}.tool_call.function.arguments`] ?? null) ?? null });
    }
    messages.push({ role: String(role ?? "user"), parts });
  }
  return messages;
}

/** The model call's messages: system instructions and input, then output. Empty when the span has none. */
export function chatOf(record: SpanRecord): { input: ChatMessage[]; output: ChatMessage[] } {
  const a = record.attributes;
  const input: ChatMessage[] = [];
  const system = parseJsonValue(a["gen_ai.system_instructions"]);
  if (system !== undefined && system !== null) input.push({ role: "system", parts: Array.isArray(system) ? system.map(toPart) : [toPart(system)] });
  if (a["gen_ai.input.messages"] !== undefined) input.push(...fromGenAiMessages(a["gen_ai.input.messages"]));
  else input.push(...fromFlattened(a, "llm.input_messages"));
  const output = a["gen_ai.output.messages"] !== undefined ? fromGenAiMessages(a["gen_ai.output.messages"]) : fromFlattened(a, "llm.output_messages");
  return { input, output };
}

function textOf(messages: ChatMessage[]): string | undefined {
  const texts = messages.flatMap((m) => m.parts.filter((p): p is Extract<ChatPart, { type: "text" }> => p.type === "text").map((p) => p.content));
  return texts.length > 0 ? texts.join("\n") : undefined;
}

function stringOf(value: Value | undefined): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** What a turn said and answered: its input and output, or its model call's last user and assistant text. */
export function turnText(record: SpanRecord): { input?: string; output?: string } {
  const a = record.attributes;
  const chat = chatOf(record);
  const input = stringOf(a["ai.input"]) ?? textOf(chat.input.filter((m) => m.role === "user").slice(-1)) ?? stringOf(a["input.value"]);
  const output = stringOf(a["ai.output"]) ?? textOf(chat.output) ?? stringOf(a["output.value"]);
  return { ...(input !== undefined ? { input } : {}), ...(output !== undefined ? { output } : {}) };
}
