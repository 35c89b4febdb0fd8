/**
 * Reading the OTLP/JSON lines llmtrace's JSONL exporter writes (one `ExportTraceServiceRequest` per
 * line, the OpenTelemetry Collector's file exporter format). Pure code: it runs in the viewer's server
 * and, for a static report, in the browser.
 */

/** An attribute value as JSON gives it back: OTLP's `AnyValue` unwrapped. */
export type Value = string | number | boolean | null | Value[] | { [key: string]: Value };

export interface OtlpKeyValue {
  key: string;
  value?: OtlpAnyValue;
}

export interface OtlpAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number | string;
  arrayValue?: { values?: OtlpAnyValue[] };
  kvlistValue?: { values?: OtlpKeyValue[] };
  bytesValue?: string;
}

export interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  kind?: number;
  startTimeUnixNano?: string | number;
  endTimeUnixNano?: string | number;
  attributes?: OtlpKeyValue[];
  events?: { name?: string; timeUnixNano?: string | number; attributes?: OtlpKeyValue[] }[];
  links?: { traceId?: string; spanId?: string; attributes?: OtlpKeyValue[] }[];
  status?: { code?: number; message?: string };
  flags?: number;
}

export interface OtlpResourceSpans {
  resource?: { attributes?: OtlpKeyValue[] };
  scopeSpans?: { scope?: { name?: string; version?: string }; spans?: OtlpSpan[] }[];
}

/** Why a line is not a trace line; counted and shown in the viewer, never thrown out of it. */
export class MalformedLine extends Error {}

/** Parses one line into its resource spans, or throws `MalformedLine`. */
export function parseTraceLine(line: string): OtlpResourceSpans[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    // A line that starts as an object and stops before its end was cut short (a crash mid-write).
    const text = line.trim();
    throw new MalformedLine(text.startsWith("{") && !text.endsWith("}") ? "truncated JSON" : "not JSON");
  }
  const resourceSpans = (parsed as { resourceSpans?: unknown } | null)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) throw new MalformedLine("not an OTLP/JSON trace line (no resourceSpans)");
  return resourceSpans as OtlpResourceSpans[];
}

export function decodeValue(value: OtlpAnyValue | undefined): Value {
  if (value === undefined || value === null) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return Number(value.doubleValue);
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(decodeValue);
  if (value.kvlistValue !== undefined) return decodeAttributes(value.kvlistValue.values);
  if (value.bytesValue !== undefined) return `<${Math.floor((value.bytesValue.length * 3) / 4)} bytes>`;
  return null;
}

export function decodeAttributes(list: OtlpKeyValue[] | undefined): Record<string, Value> {
  const out: Record<string, Value> = {};
  if (!Array.isArray(list)) return out;
  for (const item of list) if (item && typeof item.key === "string") out[item.key] = decodeValue(item.value);
  return out;
}

/** Unix nanoseconds (a decimal string in OTLP/JSON) as milliseconds; precise to a fraction of a microsecond. */
export function nanosToMillis(nanos: unknown): number {
  if (typeof nanos === "number") return Number.isFinite(nanos) ? nanos / 1e6 : 0;
  if (typeof nanos !== "string" || !/^\d+$/.test(nanos)) return 0;
  // Splitting keeps the sub-millisecond part exact: 1.8e18 is past a double's integer precision.
  if (nanos.length > 6) return Number(nanos.slice(0, -6)) + Number(nanos.slice(-6)) / 1e6;
  return Number(nanos) / 1e6;
}

/** The span flags bit that says the parent was in another process (OTLP `SPAN_FLAGS_CONTEXT_IS_REMOTE`). */
export const PARENT_IS_REMOTE_FLAG = 0x200;
