import type { AttributeValue, Attributes, Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";

/**
 * Stamps fixed attributes (the `attributes` option) on every span as it starts, including spans
 * of other instrumentations. A span's own value for the same key is kept.
 */
export class StaticAttributesProcessor implements SpanProcessor {
  private readonly entries: readonly (readonly [string, AttributeValue])[];

  constructor(attributes: Attributes) {
    this.entries = Object.entries(attributes).filter((entry): entry is [string, AttributeValue] => entry[1] !== undefined);
  }

  onStart(span: Span, _parentContext: Context): void {
    for (const [key, value] of this.entries) {
      if (span.attributes[key] === undefined) span.setAttribute(key, value);
    }
  }

  onEnd(_span: ReadableSpan): void {}

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
