import { diag } from "@opentelemetry/api";
import type { AnyValue, AnyValueMap } from "@opentelemetry/api-logs";
import type { LogRecordProcessor, SdkLogRecord } from "@opentelemetry/sdk-logs";
import type { Redactor } from "../../content/redaction/redactor.js";

const FAILED = "[REDACTED:redaction_error]";
/** Nested log fields deeper than this are summarized: a log call with a cyclic or huge object must stay cheap. */
const MAX_DEPTH = 8;

/**
 * The first step for every log record (pino's, winston's, the console's, evaluation events):
 * the body and every string attribute, at any depth, pass the same redaction as span attributes,
 * values under sensitive keys are replaced, and strings over the size limit are cut. A log line
 * is a leak channel too. A failure here replaces the record's strings rather than export them.
 */
export class RedactingLogProcessor implements LogRecordProcessor {
  private warned = false;
  /** Records seen, for `tracing.stats()` and the exit flush. */
  emitted = 0;

  constructor(
    private readonly redactor: Redactor | undefined,
    private readonly maxLength: number,
  ) {}

  onEmit(record: SdkLogRecord): void {
    this.emitted++;
    try {
      if (record.body !== undefined) record.body = this.clean("body", record.body, 0);
      const attributes = record.attributes as AnyValueMap;
      for (const key of Object.keys(attributes)) {
        const value = attributes[key];
        const cleaned = this.clean(key, value, 0);
        if (cleaned !== value) attributes[key] = cleaned;
      }
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        diag.warn(`llmtrace: redaction of a log record failed (${String(error)}); its strings are replaced instead of exported.`);
      }
      record.body = FAILED;
      const attributes = record.attributes as AnyValueMap;
      for (const key of Object.keys(attributes)) if (typeof attributes[key] !== "number" && typeof attributes[key] !== "boolean") attributes[key] = FAILED;
    }
  }

  private clean(key: string, value: AnyValue, depth: number): AnyValue {
    if (typeof value === "string") return this.cleanString(key, value);
    if (value === null || typeof value !== "object") return value;
    // Bytes cannot be redacted as text: their size is exported, never their content.
    if (value instanceof Uint8Array) return `[${value.length} bytes]`;
    if (this.redactor?.isSensitiveKey(key) && key !== "body") return this.redactor.replacementFor("secret");
    if (depth >= MAX_DEPTH) return "[nested too deep]";
    if (Array.isArray(value)) return value.map((item) => this.clean(key, item, depth + 1));
    const cleaned: AnyValueMap = {};
    for (const [name, item] of Object.entries(value)) cleaned[name] = this.clean(name, item, depth + 1);
    return cleaned;
  }

  private cleanString(key: string, value: string): string {
    let cleaned = value;
    if (this.redactor) {
      if (key !== "body" && this.redactor.isSensitiveKey(key)) return this.redactor.replacementFor("secret");
      cleaned = this.redactor.redact(value, { key, spanKind: undefined, spanName: "log" });
    }
    return cleaned.length <= this.maxLength ? cleaned : `${cleaned.slice(0, this.maxLength)}…[truncated ${cleaned.length - this.maxLength} chars]`;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
