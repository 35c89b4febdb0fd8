import type { Value } from "../../model/otlp-json.js";
import { parseJsonValue } from "../../model/chat-messages.js";

/** A value as text: JSON (held in a string too) pretty-printed, plain text as it is. */
export function JsonBlock({ value }: { value: Value | undefined }) {
  const parsed = parseJsonValue(value);
  if (typeof parsed === "string") return <pre class="text">{parsed}</pre>;
  return <pre class="json">{JSON.stringify(parsed, null, 2)}</pre>;
}

export function InlineValue({ value }: { value: Value }) {
  if (value === null) return <span class="null">null</span>;
  if (typeof value === "object") return <code>{JSON.stringify(value)}</code>;
  const parsed = parseJsonValue(value);
  if (typeof parsed === "object" && parsed !== null) return <JsonBlock value={parsed} />;
  return <span>{String(value)}</span>;
}
