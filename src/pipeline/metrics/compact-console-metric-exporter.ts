import type { Attributes } from "@opentelemetry/api";
import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import { AggregationTemporality, DataPointType, type Histogram, type InstrumentType, type PushMetricExporter, type ResourceMetrics } from "@opentelemetry/sdk-metrics";

/**
 * Prints each export as one line per series — `name{attributes} value unit`, a histogram as its
 * count, sum and mean — rather than the SDK console exporter's object dumps, so metrics read
 * beside the console's trace trees. Only series with data are printed; values are cumulative.
 */
export class CompactConsoleMetricExporter implements PushMetricExporter {
  private lastPrinted = "";

  constructor(private readonly write: (text: string) => void = (text) => process.stdout.write(text)) {}

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    try {
      const lines: string[] = [];
      for (const scope of metrics.scopeMetrics) {
        for (const metric of scope.metrics) {
          const unit = metric.descriptor.unit && !metric.descriptor.unit.startsWith("{") ? ` ${metric.descriptor.unit}` : "";
          for (const point of metric.dataPoints) {
            const series = `${metric.descriptor.name}${formatAttributes(point.attributes)}`;
            if (metric.dataPointType === DataPointType.HISTOGRAM || metric.dataPointType === DataPointType.EXPONENTIAL_HISTOGRAM) {
              const { count, sum = 0 } = point.value as Histogram;
              lines.push(`  ${series} count=${count} sum=${round(sum)}${unit} mean=${round(count ? sum / count : 0)}${unit}`);
            } else {
              lines.push(`  ${series} ${round(point.value as number)}${unit}`);
            }
          }
        }
      }
      const text = lines.join("\n");
      // Cumulative values that did not move since the last print are not printed again.
      if (lines.length > 0 && text !== this.lastPrinted) {
        this.lastPrinted = text;
        const service = metrics.resource.attributes["service.name"];
        this.write(`llmtrace metrics${typeof service === "string" ? ` (${service})` : ""}:\n${text}\n`);
      }
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  selectAggregationTemporality(_instrumentType: InstrumentType): AggregationTemporality {
    return AggregationTemporality.CUMULATIVE;
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function formatAttributes(attributes: Attributes): string {
  const entries = Object.entries(attributes);
  return entries.length === 0 ? "" : `{${entries.map(([key, value]) => `${key}=${String(value)}`).join(",")}}`;
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, "");
}
