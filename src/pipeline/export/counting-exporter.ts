import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { ExporterCounters } from "../stats.js";
import { DropWarnings } from "./drop-warnings.js";
import { diagnoseFailure } from "./export-failure.js";
import { ExportHealth } from "./export-health.js";
import type { ExportTarget } from "./export-target.js";

/**
 * Counts what goes through an exporter driven by OpenTelemetry's SimpleSpanProcessor (the
 * `processor: "simple"` setting and memory exporters), and names its failures as the export
 * queue does. That processor never retries, so a failed export is a drop.
 */
export class CountingExporter implements SpanExporter {
  private readonly drops: DropWarnings;
  private readonly health: ExportHealth;

  constructor(
    private readonly exporter: SpanExporter,
    private readonly counters: ExporterCounters,
    private readonly target: ExportTarget,
  ) {
    this.drops = new DropWarnings(counters, target);
    this.health = new ExportHealth(counters, target);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.counters.queued += spans.length;
    let settled = false;
    const startedAt = Date.now();
    const settle = (result: ExportResult) => {
      if (settled) return;
      settled = true;
      this.counters.queued -= spans.length;
      if (result.code === ExportResultCode.SUCCESS) {
        this.health.succeeded(spans.length, 0);
      } else {
        const failure = diagnoseFailure(result.error, this.target);
        this.health.failed(failure, spans.length, 0, startedAt);
        this.drops.drop(spans.length, `not retried with processor: "simple": ${failure.cause}`, true);
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
