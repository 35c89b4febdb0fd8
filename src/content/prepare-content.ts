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
 * The first text a caller sent through redaction and its result, kept by a caller that sends the
 * same text through the content path twice (an answer recorded as plain text, then inside the
 * output messages), so it is scanned once. Only used when the result does not depend on the key
 * (no redaction hook).
 */
export interface SameTextMemo {
  input?: string;
  output?: string;
}

/**
 * The one path every piece of captured content takes before it is set on a span: capture mode
 * and field switch, serialization within the size budget with every string leaf redacted
 * (and values under sensitive keys replaced), or a SHA-256 in hash mode. Undefined when the
 * content is not captured.
 */
export function prepareContent(value: unknown, target: ContentTarget, content: ContentSettings, memo?: SameTextMemo): SerializedContent | undefined {
  if (content.mode === "metadata" || value === undefined || !content.fields[target.field]) return undefined;
  if (content.mode === "hash") {
    const raw = serializeContent(value, Number.MAX_SAFE_INTEGER, undefined, content).text;
    return { text: `sha256:${sha256Hex(raw)}`, truncated: false };
  }
  // Only strings and objects hold text to redact: for numbers, booleans and the like no
  // redaction hooks are built.
  const redactor = typeof value === "string" || (typeof value === "object" && value !== null) ? content.redactor : undefined;
  const reuse = memo !== undefined && redactor !== undefined && redactor.contextFree ? memo : undefined;
  return serializeContent(
    value,
    content.maxLength,
    redactor && {
      text: reuse
        ? (text) => {
            if (text === reuse.input) return reuse.output!;
            const redacted = redactor.redact(text, target);
            // The first text only: the messages' other leaves ("assistant", "text") come before the answer.
            if (reuse.input === undefined) {
              reuse.input = text;
              reuse.output = redacted;
            }
            return redacted;
          }
        : (text) => redactor.redact(text, target),
      isSensitiveKey: (key) => redactor.isSensitiveKey(key),
      replacement: redactor.replacementFor("secret"),
    },
    content,
  );
}
