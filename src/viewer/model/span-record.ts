import { decodeAttributes, nanosToMillis, type OtlpResourceSpans, type OtlpSpan, PARENT_IS_REMOTE_FLAG, type Value } from "./otlp-json.js";

/** A span with everything the file holds, decoded: what the span detail shows. */
export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OpenTelemetry's span kind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  otelKind: number;
  startMs: number;
  endMs: number;
  status: { code: number; message?: string };
  attributes: Record<string, Value>;
  events: { name: string; timeMs: number; attributes: Record<string, Value> }[];
  links: { traceId: string; spanId: string; attributes: Record<string, Value> }[];
  resource: Record<string, Value>;
  scope: { name: string; version?: string };
  /** The parent ran in another process (context propagated to this one). */
  remoteParent: boolean;
}

/** Calls `visit` for each span of a parsed line, with its resource and scope. */
export function forEachSpan(
  resourceSpans: OtlpResourceSpans[],
  visit: (span: OtlpSpan, resource: OtlpResourceSpans["resource"], scope: { name?: string; version?: string } | undefined) => void,
): void {
  for (const rs of resourceSpans) {
    if (!rs || !Array.isArray(rs.scopeSpans)) continue;
    for (const ss of rs.scopeSpans) {
      if (!ss || !Array.isArray(ss.spans)) continue;
      for (const span of ss.spans) if (hasValidIds(span)) visit(span, rs.resource, ss.scope);
    }
  }
}

const TRACE_ID = /^[0-9a-f]{32}$/i;
const SPAN_ID = /^[0-9a-f]{16}$/i;

/** OTLP/JSON ids are hex: 32 digits for a trace, 16 for a span. A span without them cannot be placed. */
export function hasValidIds(span: OtlpSpan | null | undefined): span is OtlpSpan {
  return !!span && typeof span.traceId === "string" && TRACE_ID.test(span.traceId) && typeof span.spanId === "string" && SPAN_ID.test(span.spanId);
}

/** The number of spans in a line without valid ids (counted by the index as skipped). */
export function countInvalidSpans(resourceSpans: OtlpResourceSpans[]): number {
  let invalid = 0;
  for (const rs of resourceSpans) for (const ss of rs?.scopeSpans ?? []) for (const span of ss?.spans ?? []) if (!hasValidIds(span)) invalid++;
  return invalid;
}

/** The full record of span `spanId` in a parsed line, or undefined. */
export function findSpanRecord(resourceSpans: OtlpResourceSpans[], spanId: string): SpanRecord | undefined {
  let found: SpanRecord | undefined;
  forEachSpan(resourceSpans, (span, resource, scope) => {
    if (found === undefined && span.spanId?.toLowerCase() === spanId) found = toSpanRecord(span, resource, scope);
  });
  return found;
}

export function toSpanRecord(span: OtlpSpan, resource: OtlpResourceSpans["resource"], scope: { name?: string; version?: string } | undefined): SpanRecord {
  const record: SpanRecord = {
    traceId: (span.traceId ?? "").toLowerCase(),
    spanId: (span.spanId ?? "").toLowerCase(),
    name: typeof span.name === "string" ? span.name : "",
    otelKind: span.kind ?? 1,
    startMs: nanosToMillis(span.startTimeUnixNano),
    endMs: nanosToMillis(span.endTimeUnixNano),
    status: { code: typeof span.status?.code === "number" ? span.status.code : 0, ...(typeof span.status?.message === "string" && span.status.message ? { message: span.status.message } : {}) },
    attributes: decodeAttributes(span.attributes),
    events: (Array.isArray(span.events) ? span.events : []).map((e) => ({ name: e.name ?? "", timeMs: nanosToMillis(e.timeUnixNano), attributes: decodeAttributes(e.attributes) })),
    links: (Array.isArray(span.links) ? span.links : []).map((l) => ({ traceId: l.traceId ?? "", spanId: l.spanId ?? "", attributes: decodeAttributes(l.attributes) })),
    resource: decodeAttributes(resource?.attributes),
    scope: { name: scope?.name ?? "", ...(scope?.version ? { version: scope.version } : {}) },
    remoteParent: ((span.flags ?? 0) & PARENT_IS_REMOTE_FLAG) !== 0,
  };
  if (typeof span.parentSpanId === "string" && span.parentSpanId !== "") record.parentSpanId = span.parentSpanId.toLowerCase();
  return record;
}
