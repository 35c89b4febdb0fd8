import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { contextAttributes } from "../conventions/context-attributes.js";
import { getLlmContext } from "../context/llm-context.js";
import { getSettings } from "../settings/instrumentation-settings.js";
import { TRACER_NAME } from "../spans/tracer.js";

/**
 * Stamps the withContext ids (conversation, session, user, organization...) on spans that other
 * instrumentations start — an HTTP client call inside a conversation belongs to it too.
 * llmtrace's own spans are stamped when they start, so they are skipped here.
 */
export class ContextAttributesProcessor implements SpanProcessor {
  onStart(span: Span, parentContext: Context): void {
    if (span.instrumentationScope.name === TRACER_NAME) return;
    const llm = getLlmContext(parentContext);
    if (!llm) return;
    const attributes = contextAttributes(llm, getSettings().profiles);
    for (const key in attributes) {
      if (span.attributes[key] === undefined) span.setAttribute(key, attributes[key]!);
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
