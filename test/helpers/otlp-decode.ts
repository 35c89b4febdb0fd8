// Decoding an OTLP ExportTraceServiceRequest (or the same shape from a query API) into flat spans.

/** A span as a receiver decoded it from the wire, with its resource and scope attached. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status: { code: number; message: string };
  resource: Record<string, unknown>;
  scope: string;
}

/** Every span of an OTLP trace request, as protobufjs decodes it or as OTLP/JSON writes it. */
export function spansOfRequest(request: unknown): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const resourceSpans of (request as RawRequest | undefined)?.resourceSpans ?? []) {
    const resource = attributesOf(resourceSpans.resource?.attributes);
    for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
      for (const span of scopeSpans.spans ?? []) {
        spans.push({
          traceId: idOf(span.traceId),
          spanId: idOf(span.spanId),
          parentSpanId: idOf(span.parentSpanId),
          name: span.name,
          kind: enumOf(span.kind, SPAN_KINDS),
          attributes: attributesOf(span.attributes),
          events: (span.events ?? []).map((event) => ({ name: event.name, attributes: attributesOf(event.attributes) })),
          status: { code: enumOf(span.status?.code, STATUS_CODES), message: span.status?.message ?? "" },
          resource,
          scope: scopeSpans.scope?.name ?? "",
        });
      }
    }
  }
  return spans;
}

// The decoded message's shape: protobufjs gives Buffers and Longs, OTLP/JSON gives hex strings and numbers.
export interface RawKeyValue {
  key: string;
  value?: RawAnyValue;
}
export interface RawAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string | { toString(): string };
  doubleValue?: number;
  arrayValue?: { values?: RawAnyValue[] };
  kvlistValue?: { values?: RawKeyValue[] };
}
interface RawRequest {
  resourceSpans?: {
    resource?: { attributes?: RawKeyValue[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId?: Uint8Array | string;
        spanId?: Uint8Array | string;
        parentSpanId?: Uint8Array | string;
        name: string;
        kind?: number | string;
        attributes?: RawKeyValue[];
        events?: { name: string; attributes?: RawKeyValue[] }[];
        status?: { code?: number | string; message?: string };
      }[];
    }[];
  }[];
}

// OTLP/JSON writes ids in hex; some servers answer in base64 (the protobuf JSON mapping of bytes).
export function idOf(id: Uint8Array | string | undefined): string {
  if (id === undefined || id === "") return "";
  if (typeof id !== "string") return Buffer.from(id).toString("hex");
  return /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/.test(id) ? id : Buffer.from(id, "base64").toString("hex");
}

// Enums arrive as numbers (protobuf, OTLP/JSON) or as their names (the protobuf JSON mapping).
function enumOf(value: number | string | undefined, names: readonly string[]): number {
  if (typeof value === "string") return Math.max(0, names.indexOf(value));
  return Number(value ?? 0);
}
const STATUS_CODES = ["STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"];
const SPAN_KINDS = ["SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER", "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"];

export function attributesOf(list: RawKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) out[key] = valueOf(value);
  return out;
}

export function valueOf(value: RawAnyValue | undefined): unknown {
  if (value === undefined) return undefined;
  // protobufjs keeps proto3 defaults on the prototype; the member of the oneof that was sent is an own property.
  const has = (key: keyof RawAnyValue) => Object.hasOwn(value, key);
  if (has("stringValue")) return value.stringValue;
  if (has("boolValue")) return value.boolValue;
  if (has("intValue")) return Number(String(value.intValue));
  if (has("doubleValue")) return value.doubleValue;
  if (has("arrayValue")) return (value.arrayValue?.values ?? []).map(valueOf);
  if (has("kvlistValue")) return attributesOf(value.kvlistValue?.values);
  return undefined;
}
