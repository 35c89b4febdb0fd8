import type { LogRecordExporter } from "@opentelemetry/sdk-logs";
import type { MetricReader } from "@opentelemetry/sdk-metrics";

export type OtlpProtocol = "grpc" | "http/protobuf" | "http/json";

/**
 * Metrics recorded from spans as they end: the GenAI histograms, requests, tokens and cost of
 * model calls, durations and errors of tools, agents, workflows and retrievals. See docs/metrics.md.
 */
export interface MetricsOptions {
  /**
   * Where metrics go. Several may be given.
   * @default OTLP to the traces' OTLP endpoint, or the console when traces print to the console, or memory with a memory span exporter
   * @env OTEL_METRICS_EXPORTER (comma-separated: otlp, prometheus, console, none)
   */
  exporters?: readonly MetricExporterOption[];
  /**
   * How often pushing exporters (otlp, console, memory) export, in milliseconds. Prometheus is
   * pulled: it reads the current values at each scrape.
   * @default 60000
   * @env OTEL_METRIC_EXPORT_INTERVAL
   */
  exportIntervalMillis?: number;
  /**
   * Most attribute sets kept per instrument; past it, values are recorded under one series with
   * `otel.metric.overflow=true` (the OpenTelemetry SDK's cardinality limit), so a model name per
   * request cannot grow memory without end.
   * @default 2000
   */
  cardinalityLimit?: number;
}

export type MetricExporterOption =
  | OtlpSignalExporterOption
  | PrometheusExporterOption
  | { type: "console"; write?: (text: string) => void }
  | { type: "memory" }
  | { type: "none" }
  | MetricReader;

/** OTLP for metrics or logs: without an endpoint, the traces' OTLP exporter's (its path changed to the signal's). */
export interface OtlpSignalExporterOption {
  type: "otlp";
  /** @env OTEL_EXPORTER_OTLP_METRICS_ENDPOINT / OTEL_EXPORTER_OTLP_LOGS_ENDPOINT, then the traces' endpoint */
  endpoint?: string;
  /** @env OTEL_EXPORTER_OTLP_METRICS_PROTOCOL / OTEL_EXPORTER_OTLP_LOGS_PROTOCOL, then the traces' protocol */
  protocol?: OtlpProtocol;
  headers?: Readonly<Record<string, string>>;
  compression?: "gzip" | "none";
  timeoutMillis?: number;
}

/** Serves the current values at `http://<host>:<port><path>` for Prometheus to scrape. */
export interface PrometheusExporterOption {
  type: "prometheus";
  /** @default 9464 @env OTEL_EXPORTER_PROMETHEUS_PORT */
  port?: number;
  /**
   * The address to listen on: loopback unless you say otherwise, so metrics are not served to the
   * network by accident (use "0.0.0.0" for a scraper on another machine).
   * @default "127.0.0.1" @env OTEL_EXPORTER_PROMETHEUS_HOST
   */
  host?: string;
  /** @default "/metrics" */
  path?: string;
}

/** Log records exported beside the spans, redacted as spans are. See docs/logs.md. */
export interface LogsOptions {
  /**
   * Where log records go. Several may be given.
   * @default OTLP to the traces' OTLP endpoint, or memory with a memory span exporter (never the console by inference: the application's own lines are there)
   * @env OTEL_LOGS_EXPORTER (comma-separated: otlp, console, none)
   */
  exporters?: readonly LogExporterOption[];
  /**
   * Also correlate `console.log/info/warn/error/debug`: inside a span, each line gets
   * ` trace_id=… span_id=…`, and with an exporter the line is also exported as a log record.
   * Restored at `shutdown()`.
   * @default false
   */
  console?: boolean;
}

export type LogExporterOption = OtlpSignalExporterOption | { type: "console" } | { type: "memory" } | { type: "none" } | LogRecordExporter;
