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
import { loadGrpc, loadMetricsOtlpGrpcExporter, loadMetricsOtlpHttpExporter, loadMetricsOtlpProtoExporter, loadPrometheusExporter } from "../exporters/load-on-demand.js";
import { withoutInnerRetries } from "../exporters/otlp-single-attempt.js";
import { ConsoleMetricExporter } from "./console-metric-exporter.js";
import { SignalExportCounters, type SignalExporterStats } from "./signal-export-stats.js";
import { SpanMetrics } from "./span-metrics.js";

/** `tracing.stats().metrics`. */
export interface MetricsStats {
  /** Spans whose ending recorded metrics (model calls and operations). */
  readonly spansRecorded: number;
  readonly exporters: readonly SignalExporterStats[];
}

/** The meter provider configureTracing() owns, the span metrics recorded into it, and its exporters' counts. */
export class MetricsPipeline {
  readonly provider: MeterProvider;
  readonly spanMetrics: SpanMetrics;
  /** The first memory exporter, when `{ type: "memory" }` is configured. */
  readonly memoryExporter: InMemoryMetricExporter | undefined;
  private readonly counters: SignalExportCounters[] = [];
  private flushedAt = 0;

  constructor(config: ResolvedMetrics, resource: Resource) {
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

  /** Whether spans were recorded since the last flush (an exiting process flushes only then). */
  get unflushed(): boolean {
    return this.spanMetrics.recorded !== this.flushedAt;
  }

  async forceFlush(): Promise<void> {
    this.flushedAt = this.spanMetrics.recorded;
    await this.provider.forceFlush();
  }

  async shutdown(): Promise<void> {
    this.flushedAt = this.spanMetrics.recorded;
    await this.provider.shutdown();
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
      return new ConsoleMetricExporter(exporter.write);
    case "memory":
      return new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    case "otlp": {
      const common = { url: exporter.endpoint, compression: exporter.compression as never, timeoutMillis: exporter.timeoutMillis };
      if (exporter.protocol === "grpc") {
        const metadata = new (loadGrpc().Metadata)();
        for (const [key, value] of Object.entries(exporter.headers)) metadata.set(key, value);
        return new (loadMetricsOtlpGrpcExporter().OTLPMetricExporter)({ ...common, metadata });
      }
      const { OTLPMetricExporter } = exporter.protocol === "http/json" ? loadMetricsOtlpHttpExporter() : loadMetricsOtlpProtoExporter();
      // Values are cumulative: a failed export loses nothing the next one does not send, so one
      // attempt per export, its failure said at once, rather than the exporter's ~10 s of retries.
      return withoutInnerRetries(new OTLPMetricExporter({ ...common, headers: { ...exporter.headers } }));
    }
  }
}

/**
 * Prometheus pulls: the exporter serves `/metrics` and reads the values at each scrape. Listening
 * is asynchronous, so a port in use is said once, clearly, rather than thrown at start-up.
 */
function prometheusReader(exporter: Extract<ResolvedMetricExporter, { type: "prometheus" }>, counters: SignalExportCounters, producer: SpanMetrics): MetricReader {
  const { PrometheusExporter } = loadPrometheusExporter();
  const reader = new PrometheusExporter({ host: exporter.host, port: exporter.port, endpoint: exporter.path, metricProducers: [producer] }, (error) => {
    if (error) counters.failed(new Error(`could not listen on ${exporter.host}:${exporter.port} (${error.message}); metrics are not served. Choose another port: metrics: { exporters: [{ type: "prometheus", port: 9465 }] }`));
    else diag.debug(`llmtrace: Prometheus metrics served at ${endpointOf(exporter)}`);
  });
  // Each scrape collects: counted as an export.
  const collect = reader.collect.bind(reader);
  reader.collect = async (options) => {
    try {
      const result = await collect(options);
      counters.succeeded();
      return result;
    } catch (error) {
      counters.failed(error);
      throw error;
    }
  };
  return reader;
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
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
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
  if (exporter.type === "prometheus") return `http://${exporter.host.includes(":") ? `[${exporter.host}]` : exporter.host}:${exporter.port}${exporter.path}`;
  return undefined;
}
