import { sha256Hex } from "../platform/node.js";
import type { ContentField } from "../types/content-field.js";
import type { LlmSpanKind } from "../types/span-kinds.js";
import type { ContentSettings } from "./content-settings.js";
import { type SerializedContent, serializeContent } from "./serialize.js";

/** Where a piece of content is going, for the field switches, redaction rules and hooks. */
export interface ContentTarget {
  /** The attribute key, e.g. `gen_ai.input.messages`. */
  readonly key: string;
  readonly field: ContentField;
  readonly spanKind: LlmSpanKind;
}

/**
 * The one path every piece of captured content takes before it is set on a span: capture mode
 * and field switch, serialization within the size budget with every string leaf redacted
 * (and values under sensitive keys replaced), or a SHA-256 in hash mode. Undefined when the
 * content is not captured.
 */
export function prepareContent(value: unknown, target: ContentTarget, content: ContentSettings): SerializedContent | undefined {
  if (content.mode === "metadata" || value === undefined || !content.fields[target.field]) return undefined;
  if (content.mode === "hash") {
    const raw = serializeContent(value, Number.MAX_SAFE_INTEGER, undefined, content).text;
    return { text: `sha256:${sha256Hex(raw)}`, truncated: false };
  }
  // Only strings and objects hold text to redact: for numbers, booleans and the like no
  // redaction hooks are built.
  const redactor = typeof value === "string" || (typeof value === "object" && value !== null) ? content.redactor : undefined;
  // A text sent twice (an answer recorded as plain text, then inside the output messages) is
  // scanned once: the redactor remembers what it redacted.
  return serializeContent(
    value,
    content.maxLength,
    redactor && {
      text: (text) => redactor.redact(text, target),
      isSensitiveKey: (key) => redactor.isSensitiveKey(key),
      replacement: redactor.replacementFor("secret"),
    },
    content,
  );
}
