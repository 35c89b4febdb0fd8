import type { LlmSpanKind } from "../conventions/span-kinds.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type SerializedContent, serializeContent } from "./serialize.js";

/** Where a piece of content is going, for redaction rules and hooks. */
export interface ContentTarget {
  /** The attribute key, e.g. `gen_ai.input.messages`. */
  readonly key: string;
  readonly spanKind: LlmSpanKind;
}

/**
 * The one path every piece of captured content takes before it is set on a span: capture
 * switch, serialization within the size budget, then redaction (the hook point the redaction
 * layer fills). Returns undefined when content is not captured.
 */
export function prepareContent(value: unknown, _target: ContentTarget, settings: InstrumentationSettings): SerializedContent | undefined {
  if (!settings.captureContent || value === undefined) return undefined;
  return serializeContent(value, settings.maxContentLength);
}
