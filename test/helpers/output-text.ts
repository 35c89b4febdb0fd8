import type { AttributeValue } from "@opentelemetry/api";

/**
 * The answer a generation span records, read from `gen_ai.output.messages` (the text parts of its
 * messages, joined): the span writes its content once, there.
 */
export function outputText(attributes: Record<string, AttributeValue | undefined>): string | undefined {
  const json = attributes["gen_ai.output.messages"];
  if (typeof json !== "string") return undefined;
  const messages = JSON.parse(json) as { parts?: { type: string; content?: unknown }[] }[];
  return messages.flatMap((m) => (m.parts ?? []).filter((p) => p.type === "text").map((p) => String(p.content))).join("");
}
