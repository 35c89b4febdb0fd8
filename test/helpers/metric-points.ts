// Reading what llmtrace's memory metric exporter holds, as flat points.
import type { Attributes } from "@opentelemetry/api";
import type { Histogram, InMemoryMetricExporter } from "@opentelemetry/sdk-metrics";
import type { ReceivedPoint } from "./otlp-signals.js";

/** The latest export's points (values are cumulative, so the latest holds everything). */
export function memoryPoints(exporter: InMemoryMetricExporter | undefined): ReceivedPoint[] {
  if (!exporter) throw new Error("no memory metric exporter: configure metrics: { exporters: [{ type: \"memory\" }] }");
  const latest = exporter.getMetrics().at(-1);
  const points: ReceivedPoint[] = [];
  for (const scope of latest?.scopeMetrics ?? []) {
    for (const metric of scope.metrics) {
      for (const point of metric.dataPoints) {
        const base = { metric: metric.descriptor.name, unit: metric.descriptor.unit, attributes: point.attributes as Attributes, resource: latest!.resource.attributes };
        if (typeof point.value === "number") points.push({ ...base, value: point.value });
        else {
          const histogram = point.value as Histogram;
          points.push({ ...base, count: histogram.count, sum: histogram.sum ?? 0, explicitBounds: histogram.buckets.boundaries, bucketCounts: histogram.buckets.counts });
        }
      }
    }
  }
  return points;
}

/** Points of one metric whose attributes include `match`. */
export function pointsOf(points: readonly ReceivedPoint[], metric: string, match: Record<string, unknown> = {}): ReceivedPoint[] {
  return points.filter((point) => point.metric === metric && Object.entries(match).every(([key, value]) => point.attributes[key] === value));
}

/** The sum of values (counters) or of sums (histograms) over the matching points. */
export function total(points: readonly ReceivedPoint[], metric: string, match: Record<string, unknown> = {}): number {
  return pointsOf(points, metric, match).reduce((sum, point) => sum + (point.value ?? point.sum ?? 0), 0);
}

/** The number of recordings of a histogram over the matching points. */
export function recordings(points: readonly ReceivedPoint[], metric: string, match: Record<string, unknown> = {}): number {
  return pointsOf(points, metric, match).reduce((sum, point) => sum + (point.count ?? 0), 0);
}
