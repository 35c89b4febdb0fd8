
import type { ChatMessage } from "../types/chat-message.js";
/** A message in the OpenTelemetry GenAI conventions' JSON form (`gen_ai.input.messages`). */
export interface GenAiMessage {
  role: string;
  parts: GenAiPart[];
  name?: string;
  finish_reason?: string;
}

export type GenAiPart =
  | { type: "text"; content: string }
  | { type: "tool_call"; id?: string; name: string; arguments?: unknown }
  | { type: "tool_call_response"; id?: string; response: unknown }
  | { type: string; [key: string]: unknown };

/** The input of a model call as GenAI messages: a string is one user message. */
export function toInputMessages(input: unknown): GenAiMessage[] | undefined {
  if (typeof input === "string") return [{ role: "user", parts: [{ type: "text", content: input }] }];
  if (Array.isArray(input)) {
    const messages: GenAiMessage[] = [];
    for (const item of input) {
      const message = typeof item === "string" ? { role: "user", parts: [{ type: "text", content: item }] } : toMessage(item);
      if (message) messages.push(message);
    }
    return messages;
  }
  const single = toMessage(input);
  return single ? [single] : undefined;
}

/** The output of a model call as GenAI messages: a string is one assistant message. */
export function toOutputMessages(output: unknown, finishReason: string | undefined): GenAiMessage[] | undefined {
  const messages =
    typeof output === "string"
      ? [{ role: "assistant", parts: [{ type: "text", content: output }] } satisfies GenAiMessage]
      : toInputMessages(output);
  if (!messages) return undefined;
  if (finishReason !== undefined) for (const message of messages) message.finish_reason = finishReason;
  return messages;
}

/** System instructions as GenAI parts (`gen_ai.system_instructions`). */
export function toSystemInstructions(system: unknown): GenAiPart[] | undefined {
  if (system === undefined) return undefined;
  return toParts(system);
}

/** The text of a message's parts, for conventions that record one content string per message. */
export function messageText(message: GenAiMessage): string {
  let text = "";
  for (const part of message.parts) if (part.type === "text" && typeof part.content === "string") text += part.content;
  return text;
}

function toMessage(value: unknown): GenAiMessage | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const raw = value as ChatMessage;
  if (typeof raw.role !== "string") return undefined;
  const parts = raw.content === undefined || raw.content === null ? [] : toParts(raw.content);
  if (raw.role === "tool" && typeof raw.tool_call_id === "string") {
    return { role: "tool", parts: [{ type: "tool_call_response", id: raw.tool_call_id, response: raw.content }] };
  }
  if (Array.isArray(raw.tool_calls)) parts.push(...raw.tool_calls.map(toToolCallPart));
  const message: GenAiMessage = { role: raw.role, parts };
  if (typeof raw.name === "string") message.name = raw.name;
  return message;
}

function toParts(content: unknown): GenAiPart[] {
  if (typeof content === "string") return [{ type: "text", content }];
  // Structured content stays structured; the content serializer renders it as JSON.
  if (!Array.isArray(content)) return [{ type: "data", content }];
  return content.map((part): GenAiPart => {
    if (typeof part === "string") return { type: "text", content: part };
    if (typeof part !== "object" || part === null) return { type: "data", content: part };
    const p = part as Record<string, unknown>;
    if (p["type"] === "text" && typeof p["text"] === "string") return { type: "text", content: p["text"] };
    if (p["type"] === "tool_use") return { type: "tool_call", id: p["id"] as string, name: String(p["name"]), arguments: p["input"] };
    if (p["type"] === "tool_result") return { type: "tool_call_response", id: p["tool_use_id"] as string, response: p["content"] };
    return { ...p, type: typeof p["type"] === "string" ? p["type"] : "unknown" };
  });
}

function toToolCallPart(call: unknown): GenAiPart {
  const c = (call ?? {}) as { id?: unknown; function?: { name?: unknown; arguments?: unknown } };
  const part: GenAiPart = { type: "tool_call", name: String(c.function?.name ?? "unknown"), arguments: c.function?.arguments };
  if (typeof c.id === "string") part.id = c.id;
  return part;
}
