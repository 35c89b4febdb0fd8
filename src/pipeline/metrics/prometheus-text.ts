import type { Attributes } from "@opentelemetry/api";
import { DataPointType, type Histogram, type MetricData, type ResourceMetrics } from "@opentelemetry/sdk-metrics";

/**
 * The Prometheus text exposition format (0.0.4) of one collection, as OpenTelemetry's Prometheus
 * exporter writes it: names with `.` and other characters turned into `_`, monotonic sums as
 * counters ending in `_total`, non-monotonic sums and gauges as gauges, histograms as cumulative
 * `_bucket{le}` lines with `_sum` and `_count`, each series labelled with its instrumentation scope
 * (`otel_scope_name`, `otel_scope_version`), and the resource as `target_info`.
 */
export function prometheusText(resourceMetrics: ResourceMetrics): string {
  const families = new Map<string, { help: string; type: string; lines: string[] }>();
  for (const { scope, metrics } of resourceMetrics.scopeMetrics) {
    const scopeLabels: Attributes = { otel_scope_name: scope.name, ...(scope.version && { otel_scope_version: scope.version }) };
    for (const metric of metrics) {
      const family = familyOf(metric);
      if (!family) continue;
      const existing = families.get(family.name) ?? { help: metric.descriptor.description, type: family.type, lines: [] };
      families.set(family.name, existing);
      existing.lines.push(...linesOf(metric, family.name, scopeLabels));
    }
  }
  const out: string[] = [];
  const target = labels(resourceMetrics.resource.attributes);
  if (target) out.push("# HELP target_info Target metadata", "# TYPE target_info gauge", `target_info${target} 1`);
  for (const [name, family] of families) {
    if (family.help) out.push(`# HELP ${name} ${family.help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`);
    out.push(`# TYPE ${name} ${family.type}`, ...family.lines);
  }
  return out.length === 0 ? "" : `${out.join("\n")}\n`;
}

function familyOf(metric: MetricData): { name: string; type: string } | undefined {
  const base = sanitize(metric.descriptor.name);
  switch (metric.dataPointType) {
    case DataPointType.SUM:
      return metric.isMonotonic ? { name: base.endsWith("_total") ? base : `${base}_total`, type: "counter" } : { name: base, type: "gauge" };
    case DataPointType.GAUGE:
      return { name: base, type: "gauge" };
    case DataPointType.HISTOGRAM:
      return { name: base, type: "histogram" };
    default:
      // Exponential histograms have no text form here; no SDK default produces them.
      return undefined;
  }
}

function linesOf(metric: MetricData, name: string, scopeLabels: Attributes): string[] {
  const lines: string[] = [];
  for (const point of metric.dataPoints) {
    const attributes = { ...point.attributes, ...scopeLabels };
    if (metric.dataPointType !== DataPointType.HISTOGRAM) {
      lines.push(`${name}${labels(attributes)} ${number(point.value as number)}`);
      continue;
    }
    const histogram = point.value as Histogram;
    let cumulative = 0;
    histogram.buckets.boundaries.forEach((bound, i) => {
      cumulative += histogram.buckets.counts[i] ?? 0;
      lines.push(`${name}_bucket${labels({ ...attributes, le: number(bound) })} ${cumulative}`);
    });
    lines.push(`${name}_bucket${labels({ ...attributes, le: "+Inf" })} ${histogram.count}`);
    lines.push(`${name}_sum${labels(attributes)} ${number(histogram.sum ?? 0)}`);
    lines.push(`${name}_count${labels(attributes)} ${histogram.count}`);
  }
  return lines;
}

function sanitize(name: string): string {
  return name.replace(/[^a-zA-Z0-9_:]/g, "_").replace(/_{2,}/g, "_");
}

function labels(attributes: Attributes): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null) continue;
    const text = Array.isArray(value) ? JSON.stringify(value) : String(value);
    parts.push(`${sanitize(key)}="${text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"')}"`);
  }
  return parts.length === 0 ? "" : `{${parts.join(",")}}`;
}

function number(value: number): string {
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}
