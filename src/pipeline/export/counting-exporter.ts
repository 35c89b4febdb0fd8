import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { ExporterCounters } from "../stats.js";
import { DropWarnings } from "./drop-warnings.js";

/**
 * Counts what goes through an exporter driven by OpenTelemetry's SimpleSpanProcessor (the
 * `processor: "simple"` setting and memory exporters). That processor never retries, so a failed
 * export is a drop.
 */
export class CountingExporter implements SpanExporter {
  private readonly drops: DropWarnings;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly counters: ExporterCounters,
  ) {
    this.drops = new DropWarnings(counters);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.counters.queued += spans.length;
    const settle = (result: ExportResult) => {
      this.counters.queued -= spans.length;
      if (result.code === ExportResultCode.SUCCESS) {
        this.counters.exported += spans.length;
      } else {
        this.counters.failedExports++;
        this.drops.drop(spans.length, `the export failed: ${result.error?.message ?? "no reason given"}`);
      }
      resultCallback(result);
    };
    try {
      this.exporter.export(spans, settle);
    } catch (error) {
      settle({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  shutdown(): Promise<void> {
    this.drops.flush();
    return this.exporter.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.exporter.forceFlush?.() ?? Promise.resolve();
  }
}
