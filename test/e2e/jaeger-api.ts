// Reads traces back from Jaeger's /api/v3/traces/{traceId}, which answers in OTLP/JSON.
import { eventually, getJson, JAEGER } from "./backends.js";

export interface BackendSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  service: string;
  attributes: Record<string, unknown>;
  status: { code: number | string; message?: string };
  events: { name: string; attributes: Record<string, unknown> }[];
}

/** Jaeger's API v3 answers in OTLP/JSON; ids may come as hex or base64, int64 values as strings. */
export function jaegerSpans(body: unknown): BackendSpan[] {
  const resourceSpans = ((body as { result?: { resourceSpans?: unknown[] } })?.result?.resourceSpans ?? []) as {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: RawSpan[] }[];
  }[];
  const spans: BackendSpan[] = [];
  for (const rs of resourceSpans) {
    const service = String(attributesOf(rs.resource?.attributes)["service.name"] ?? "");
    for (const ss of rs.scopeSpans ?? []) {
      for (const span of ss.spans ?? []) {
        spans.push({
          traceId: hexId(span.traceId),
          spanId: hexId(span.spanId),
          parentSpanId: hexId(span.parentSpanId),
          name: span.name,
          service,
          attributes: attributesOf(span.attributes),
          status: { code: span.status?.code ?? 0, ...(span.status?.message ? { message: span.status.message } : {}) },
          events: (span.events ?? []).map((e) => ({ name: e.name, attributes: attributesOf(e.attributes) })),
        });
      }
    }
  }
  return spans;
}

interface KeyValue {
  key: string;
  value: Record<string, unknown>;
}
interface RawSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name: string;
  attributes?: KeyValue[];
  status?: { code?: number | string; message?: string };
  events?: { name: string; attributes?: KeyValue[] }[];
}

function hexId(id: string | undefined): string {
  if (!id) return "";
  return /^[0-9a-f]+$/.test(id) && (id.length === 32 || id.length === 16) ? id : Buffer.from(id, "base64").toString("hex");
}

function attributesOf(list: KeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) {
    if ("stringValue" in value) out[key] = value["stringValue"];
    else if ("intValue" in value) out[key] = Number(value["intValue"]);
    else if ("doubleValue" in value) out[key] = Number(value["doubleValue"]);
    else if ("boolValue" in value) out[key] = value["boolValue"];
    else if ("arrayValue" in value) out[key] = ((value["arrayValue"] as { values?: Record<string, unknown>[] }).values ?? []).map((v) => Object.values(v)[0]);
  }
  return out;
}

export async function jaegerTrace(traceId: string, count: number): Promise<BackendSpan[]> {
  return eventually(`${count} spans of trace ${traceId} in Jaeger`, async () => {
    const spans = jaegerSpans(await getJson(`${JAEGER.query}/api/v3/traces/${traceId}`));
    return spans.length >= count ? spans : undefined;
  });
}
