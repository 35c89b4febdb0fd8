import { type AttributeValue, type Attributes, type Context, diag, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { cleanTextsOf } from "../content/redaction/clean-strings.js";
import type { Redactor } from "../content/redaction/redactor.js";
import { ATTR_AI_CONTENT_TRUNCATED, ATTR_LLMTRACE_SPAN_KIND } from "../conventions/attribute-keys.js";
import type { LlmSpanKind } from "../types/span-kinds.js";

const FAILED = "[REDACTED:redaction_error]";

/**
 * The last step before export for every span of the pipeline — llmtrace's and any other
 * instrumentation's: the span name, every string attribute and string-array element, event name
 * and event attribute, link attribute and status message passes redaction, and strings over the size
 * limit are cut with a visible marker. Runs in `onEnding`, while the span can still change.
 */
export class RedactionProcessor implements SpanProcessor {
  private warned = false;
  /** Set by cleanString when it cut its text: a flag rather than a result object per string. */
  private cut = false;
  /** Texts of the span being cleaned that llmtrace's content path already redacted. */
  private clean: readonly string[] | undefined;

  constructor(
    private readonly redactor: Redactor | undefined,
    private readonly maxLength: number,
  ) {}

  onStart(_span: Span, _parentContext: Context): void {}

  onEnding(span: Span): void {
    try {
      this.clean = cleanTextsOf(span);
      const spanKind = span.attributes[ATTR_LLMTRACE_SPAN_KIND] as LlmSpanKind | undefined;
      // Names carry data too: an HTTP route with an email in it, a query in a database span.
      const name = this.cleanString("span.name", span.name, spanKind, span.name);
      if (name !== span.name) span.updateName(name);
      let truncated = this.cleanAttributes(span.attributes as Attributes, spanKind, span.name);
      for (const event of span.events) {
        const mutable = event as { name: string; attributes?: Attributes };
        mutable.name = this.cleanString("event.name", mutable.name, spanKind, span.name);
        if (mutable.attributes) truncated = this.cleanAttributes(mutable.attributes, spanKind, span.name) || truncated;
      }
      for (const link of span.links) {
        if (link.attributes) truncated = this.cleanAttributes(link.attributes as Attributes, spanKind, span.name) || truncated;
      }
      const message = span.status.message;
      if (message) span.setStatus({ code: span.status.code, message: this.cleanString("status.message", message, spanKind, span.name) });
      if (truncated) (span.attributes as Attributes)[ATTR_AI_CONTENT_TRUNCATED] = true;
    } catch (error) {
      this.failClosed(span, error);
    } finally {
      this.clean = undefined;
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  /** Cleans every string value in place; returns whether one was cut to the size limit. */
  private cleanAttributes(attributes: Attributes, spanKind: LlmSpanKind | undefined, spanName: string): boolean {
    let truncated = false;
    for (const key in attributes) {
      const value = attributes[key];
      if (typeof value === "string") {
        const cleaned = this.cleanString(key, value, spanKind, spanName);
        if (cleaned !== value) attributes[key] = cleaned;
        truncated ||= this.cut;
      } else if (Array.isArray(value)) {
        // Copied only when an element changes: most arrays (finish reasons, ids) pass as they are.
        let cleanedArray: unknown[] | undefined;
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          if (typeof item !== "string") continue;
          const cleaned = this.cleanString(key, item, spanKind, spanName);
          truncated ||= this.cut;
          if (cleaned !== item) (cleanedArray ??= [...value])[i] = cleaned;
        }
        if (cleanedArray) attributes[key] = cleanedArray as AttributeValue;
      }
    }
    return truncated;
  }

  /** `value` redacted and cut to the size limit; sets `this.cut` when it was cut. */
  private cleanString(key: string, value: string, spanKind: LlmSpanKind | undefined, spanName: string): string {
    this.cut = false;
    // Produced by llmtrace's content path: already redacted and within the limit.
    if (this.clean !== undefined && this.clean.includes(value)) return value;
    let cleaned = value;
    if (this.redactor) {
      if (this.redactor.isSensitiveKey(key)) return this.redactor.replacementFor("secret");
      // Names, kinds and models recur on every span: most are remembered, and need no context.
      cleaned = this.redactor.remembered(value) ?? this.redactor.redact(value, { key, spanKind, spanName });
    }
    if (cleaned.length <= this.maxLength) return cleaned;
    this.cut = true;
    return `${cleaned.slice(0, this.maxLength)}…[truncated ${cleaned.length - this.maxLength} chars]`;
  }

  /** A bug here must not let raw data out: every string on the span is replaced. */
  private failClosed(span: Span, error: unknown): void {
    if (!this.warned) {
      this.warned = true;
      diag.warn(`llmtrace: redaction failed (${String(error)}); the span's strings are replaced instead of exported.`);
    }
    try {
      const attributes = span.attributes as Attributes;
      for (const key in attributes) if (typeof attributes[key] === "string") attributes[key] = FAILED;
      for (const event of span.events) {
        for (const key in event.attributes ?? {}) if (typeof event.attributes![key] === "string") (event.attributes as Attributes)[key] = FAILED;
      }
      if (span.status.message) span.setStatus({ code: SpanStatusCode.ERROR, message: FAILED });
    } catch {
      // Nothing more can be done for this span.
    }
  }
}
