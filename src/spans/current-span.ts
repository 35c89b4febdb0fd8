import { type AttributeValue, type Attributes, diag, INVALID_SPAN_CONTEXT, type Span, trace } from "@opentelemetry/api";
import { type CacheInfo, cacheAttributes } from "../conventions/cache-attributes.js";
import { writeToolCallId } from "../conventions/span-attributes.js";
import { getSettings } from "../settings/instrumentation-settings.js";
import { describeError, recordError } from "./record-error.js";

/**
 * Whatever span is active — llmtrace's or another instrumentation's — for code that did not
 * start it: add attributes, events, an error, or the model's tool call id. Attributes set here
 * are redacted at export like every other string. Never throws into the caller.
 */
export class CurrentSpan {
  /** @internal */
  constructor(
    /** The OpenTelemetry span behind this handle (a non-recording one when none is active). */
    readonly span: Span,
  ) {}

  /** The active trace's id; 32 zeros when no span is active. */
  get traceId(): string {
    return this.span.spanContext().traceId;
  }

  /** The active span's id; 16 zeros when no span is active. */
  get spanId(): string {
    return this.span.spanContext().spanId;
  }

  /** False when no span is active, or it is not sampled: the setters then do nothing. */
  get isRecording(): boolean {
    return this.span.isRecording();
  }

  setAttribute(key: string, value: AttributeValue): this {
    return this.apply("setAttribute", () => this.span.setAttribute(key, value));
  }

  setAttributes(attributes: Attributes): this {
    return this.apply("setAttributes", () => this.span.setAttributes(attributes));
  }

  addEvent(name: string, attributes?: Attributes): this {
    return this.apply("addEvent", () => this.span.addEvent(name, attributes));
  }

  /** Marks the span failed: status ERROR, an exception event with the cause chain, `error.type`. */
  recordError(error: unknown): this {
    return this.apply("recordError", () => recordError(this.span, error, getSettings()));
  }

  /** What a cache did for the active span's work; see SpanHandle.cache. */
  cache(info: CacheInfo): this {
    return this.apply("cache", () => {
      const attributes = cacheAttributes(info);
      if (attributes) this.span.setAttributes(attributes);
    });
  }

  /** The id the model gave the tool call this span runs (`gen_ai.tool.call.id`). */
  setToolCallId(id: string): this {
    if (typeof id !== "string" || id === "") return this;
    return this.apply("setToolCallId", () => {
      const attributes: Attributes = {};
      writeToolCallId(attributes, id, getSettings().profiles);
      this.span.setAttributes(attributes);
    });
  }

  private apply(method: string, step: () => void): this {
    if (!this.span.isRecording()) return this;
    try {
      step();
    } catch (error) {
      diag.warn(`llmtrace: trace.current().${method}() failed: ${describeError(error)}`);
    }
    return this;
  }
}

const NO_SPAN = new CurrentSpan(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));

/** `trace.current()`: the active span, or a handle whose calls do nothing when none is active. */
export function currentSpan(): CurrentSpan {
  const span = trace.getActiveSpan();
  return span ? new CurrentSpan(span) : NO_SPAN;
}
