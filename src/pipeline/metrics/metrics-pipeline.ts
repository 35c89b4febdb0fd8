import { diag } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import type { Resource } from "@opentelemetry/resources";
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  type IMetricReader,
  MeterProvider,
  type MetricReader,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from "@opentelemetry/sdk-metrics";
import type { ResolvedMetricExporter, ResolvedMetrics } from "../../config/resolved-config.js";
import { withoutInnerRetries } from "../exporters/otlp-single-attempt.js";
import { createOtlpMetricExporter } from "./otlp-metric-exporter.js";
import { CompactConsoleMetricExporter } from "./compact-console-metric-exporter.js";
import { prometheusReader, prometheusUrl } from "./prometheus-endpoint.js";
import { SignalExportCounters, type SignalExporterStats } from "../export/signal-export-counters.js";
import { SignalPipeline } from "../signal-pipeline.js";
import { SpanMetrics } from "./span-metrics.js";

/** `tracing.stats().metrics`. */
export interface MetricsStats {
  /** Spans whose ending recorded metrics (model calls and operations). */
  readonly spansRecorded: number;
  readonly exporters: readonly SignalExporterStats[];
}

/** The meter provider configureTracing() owns, the span metrics recorded into it, and its exporters' counts. */
export class MetricsPipeline extends SignalPipeline {
  readonly provider: MeterProvider;
  readonly spanMetrics: SpanMetrics;
  /** The first memory exporter, when `{ type: "memory" }` is configured. */
  readonly memoryExporter: InMemoryMetricExporter | undefined;
  private readonly counters: SignalExportCounters[] = [];

  constructor(config: ResolvedMetrics, resource: Resource) {
    super();
    this.spanMetrics = new SpanMetrics(config.cardinalityLimit, resource);
    const metricProducers = [this.spanMetrics];
    const readers: IMetricReader[] = [];
    let memory: InMemoryMetricExporter | undefined;
    for (const exporter of config.exporters) {
      const counters = new SignalExportCounters("metrics", exporterName(exporter), endpointOf(exporter));
      this.counters.push(counters);
      if (exporter.type === "reader") {
        readers.push(withProducer(exporter.reader, this.spanMetrics));
        continue;
      }
      if (exporter.type === "prometheus") {
        readers.push(prometheusReader(exporter, counters, this.spanMetrics));
        continue;
      }
      const push = pushExporter(exporter);
      if (push instanceof InMemoryMetricExporter) memory ??= push;
      readers.push(new PeriodicExportingMetricReader({ exporter: countExports(push, counters), metricProducers, exportIntervalMillis: config.exportIntervalMillis, exportTimeoutMillis: Math.min(30_000, config.exportIntervalMillis) }));
    }
    this.memoryExporter = memory;
    // Registered globally, so other instrumentations' metrics (HTTP durations...) go to the same readers.
    this.provider = new MeterProvider({ resource, readers });
  }

  protected recordedCount(): number {
    return this.spanMetrics.recorded;
  }

  stats(): MetricsStats {
    return { spansRecorded: this.spanMetrics.recorded, exporters: this.counters.map((counters) => counters.snapshot()) };
  }
}

/**
 * A reader the application built: llmtrace's metrics are added to what it collects. A reader
 * takes its extra producers when it is constructed; this one was constructed already, so its
 * list (an internal of sdk-metrics 2.x) is extended — and if its shape differs, that is said.
 */
function withProducer(reader: MetricReader, producer: SpanMetrics): MetricReader {
  const producers = (reader as unknown as { _metricProducers?: unknown })._metricProducers;
  if (Array.isArray(producers)) producers.push(producer);
  else {
    diag.warn(
      "llmtrace: the MetricReader given in metrics.exporters has no list of extra metric producers (not an sdk-metrics 2.x reader?), so llmtrace's metrics do not reach it. Use an exporter llmtrace builds ({ type: \"otlp\" | \"prometheus\" | \"console\" | \"memory\" }).",
    );
  }
  return reader;
}

function pushExporter(exporter: Exclude<ResolvedMetricExporter, { type: "prometheus" | "reader" }>): PushMetricExporter {
  switch (exporter.type) {
    case "console":
      return new CompactConsoleMetricExporter(exporter.write);
    case "memory":
      return new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    case "otlp":
      // Values are cumulative: a failed export loses nothing the next one does not send, so one
      // attempt per export, its failure said at once, rather than the exporter's ~10 s of retries.
      return withoutInnerRetries(createOtlpMetricExporter(exporter));
  }
}

/**
 * Counts each export's outcome for `tracing.stats()` and says a failure streak once. The exporter
 * is changed in place rather than wrapped, so the reader still asks it (not a wrapper) for its
 * temporality and aggregation.
 */
function countExports(exporter: PushMetricExporter, counters: SignalExportCounters): PushMetricExporter {
  const send = exporter.export.bind(exporter);
  exporter.export = (metrics, resultCallback) => {
    try {
      send(metrics, counters.counted(resultCallback));
    } catch (error) {
      counters.failed(error);
      // Said and counted: see SignalExportCounters.counted.
      resultCallback({ code: ExportResultCode.SUCCESS });
    }
  };
  return exporter;
}

function exporterName(exporter: ResolvedMetricExporter): string {
  if (exporter.type === "otlp") return `otlp ${exporter.protocol}`;
  return exporter.type === "reader" ? "custom" : exporter.type;
}

function endpointOf(exporter: ResolvedMetricExporter): string | undefined {
  if (exporter.type === "otlp") return exporter.endpoint;
  if (exporter.type === "prometheus") return prometheusUrl(exporter.host, exporter.port, exporter.path);
  return undefined;
}
