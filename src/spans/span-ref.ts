import { isSpanContextValid, type SpanContext, TraceFlags } from "@opentelemetry/api";

const REF_PATTERN = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** A span's reference in W3C `traceparent` form: `00-<trace id>-<span id>-<flags>`. */
export function formatSpanRef(spanContext: SpanContext): string {
  return `00-${spanContext.traceId}-${spanContext.spanId}-${spanContext.traceFlags.toString(16).padStart(2, "0")}`;
}

/** The span context a reference points to (as a remote parent), or undefined when it is not a valid reference. */
export function parseSpanRef(ref: unknown): SpanContext | undefined {
  if (typeof ref !== "string") return undefined;
  const match = REF_PATTERN.exec(ref.trim().toLowerCase());
  if (!match) return undefined;
  const spanContext: SpanContext = {
    traceId: match[1]!,
    spanId: match[2]!,
    traceFlags: Number.parseInt(match[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
  };
  return isSpanContextValid(spanContext) ? spanContext : undefined;
}
