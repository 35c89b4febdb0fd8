// Decoding OTLP metrics and logs requests (protobufjs messages or OTLP/JSON) into flat points and records.
import { attributesOf, idOf, type RawAnyValue, type RawKeyValue, valueOf } from "./otlp-decode.js";

export interface ReceivedPoint {
  metric: string;
  unit: string;
  attributes: Record<string, unknown>;
  /** Sum points: the value. Histograms: count and sum, bounds and bucket counts. */
  value?: number;
  count?: number;
  sum?: number;
  explicitBounds?: number[];
  bucketCounts?: number[];
  resource: Record<string, unknown>;
}

export interface ReceivedLogRecord {
  body: unknown;
  severityText: string;
  attributes: Record<string, unknown>;
  traceId: string;
  spanId: string;
  eventName: string;
  scope: string;
}

type RawPoint = { attributes?: RawKeyValue[]; asInt?: unknown; asDouble?: number; count?: unknown; sum?: number; explicitBounds?: number[]; bucketCounts?: unknown[] };
type RawMetric = { name: string; unit?: string; sum?: { dataPoints?: RawPoint[] }; histogram?: { dataPoints?: RawPoint[] }; gauge?: { dataPoints?: RawPoint[] } };

export function pointsOfRequest(request: unknown): ReceivedPoint[] {
  const points: ReceivedPoint[] = [];
  const raw = request as { resourceMetrics?: { resource?: { attributes?: RawKeyValue[] }; scopeMetrics?: { metrics?: RawMetric[] }[] }[] };
  for (const resourceMetrics of raw.resourceMetrics ?? []) {
    const resource = attributesOf(resourceMetrics.resource?.attributes);
    for (const scope of resourceMetrics.scopeMetrics ?? []) {
      for (const metric of scope.metrics ?? []) {
        for (const point of metric.sum?.dataPoints ?? metric.gauge?.dataPoints ?? []) {
          const has = (key: string) => Object.hasOwn(point, key);
          points.push({ metric: metric.name, unit: metric.unit ?? "", attributes: attributesOf(point.attributes), value: has("asInt") ? Number(String(point.asInt)) : Number(point.asDouble), resource });
        }
        for (const point of metric.histogram?.dataPoints ?? []) {
          points.push({
            metric: metric.name,
            unit: metric.unit ?? "",
            attributes: attributesOf(point.attributes),
            count: Number(String(point.count)),
            sum: Number(point.sum),
            explicitBounds: [...(point.explicitBounds ?? [])],
            bucketCounts: (point.bucketCounts ?? []).map((c) => Number(String(c))),
            resource,
          });
        }
      }
    }
  }
  return points;
}

export function logRecordsOfRequest(request: unknown): ReceivedLogRecord[] {
  const records: ReceivedLogRecord[] = [];
  type RawRecord = { body?: RawAnyValue; severityText?: string; attributes?: RawKeyValue[]; traceId?: Uint8Array | string; spanId?: Uint8Array | string; eventName?: string };
  const raw = request as { resourceLogs?: { scopeLogs?: { scope?: { name?: string }; logRecords?: RawRecord[] }[] }[] };
  for (const resourceLogs of raw.resourceLogs ?? []) {
    for (const scope of resourceLogs.scopeLogs ?? []) {
      for (const record of scope.logRecords ?? []) {
        records.push({
          body: valueOf(record.body),
          severityText: record.severityText ?? "",
          attributes: attributesOf(record.attributes),
          traceId: idOf(record.traceId),
          spanId: idOf(record.spanId),
          eventName: record.eventName ?? "",
          scope: scope.scope?.name ?? "",
        });
      }
    }
  }
  return records;
}
