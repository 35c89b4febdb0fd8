import type { LogRecordExporter } from "@opentelemetry/sdk-logs";
import type { MetricReader } from "@opentelemetry/sdk-metrics";
import { type ConfigProblem, TracingConfigError } from "./config-error.js";
import { DEFAULT_ENDPOINTS, type EnvSettings } from "./env.js";
import type { OtlpProtocol } from "./options.js";
import type { ResolvedExporter, ResolvedLogExporter, ResolvedLogs, ResolvedMetricExporter, ResolvedMetrics, ResolvedOtlp } from "./resolved-config.js";
import type { ParsedOptions } from "./schema.js";
import type { OtlpSignalEnv } from "./signal-env.js";

export const SIGNAL_DEFAULTS = {
  exportIntervalMillis: 60_000,
  // The OpenTelemetry SDK's own default per instrument.
  cardinalityLimit: 2000,
  prometheusHost: "127.0.0.1",
  prometheusPort: 9464,
  prometheusPath: "/metrics",
  otlpTimeoutMillis: 10_000,
} as const;

type Signal = "metrics" | "logs";
type OtlpInput = { endpoint?: string | undefined; protocol?: string | undefined; headers?: Record<string, string> | undefined; compression?: "gzip" | "none" | undefined; timeoutMillis?: number | undefined };
type MetricInput = NonNullable<Exclude<ParsedOptions["metrics"], boolean | undefined>["exporters"]>[number];
type LogInput = NonNullable<Exclude<ParsedOptions["logs"], boolean | undefined>["exporters"]>[number];

/**
 * Metrics: off unless the option or OTEL_METRICS_EXPORTER turns them on. Without exporters
 * named, they follow the traces: OTLP to the traces' collector, the console, or memory.
 */
export function resolveMetrics(opts: ParsedOptions, env: EnvSettings, traces: readonly ResolvedExporter[], ownReaders = false): ResolvedMetrics | undefined {
  const option = opts.metrics;
  if (option === false) return undefined;
  const envTypes = env.metrics.exporterTypes;
  if (option === undefined && envTypes === undefined) return undefined;
  const given = option === true || option === undefined ? {} : option;
  // createSpanProcessors(): the application's own readers export, through processors.metricProducer.
  if (ownReaders) return Object.freeze({ exporters: Object.freeze([]), exportIntervalMillis: SIGNAL_DEFAULTS.exportIntervalMillis, cardinalityLimit: given.cardinalityLimit ?? SIGNAL_DEFAULTS.cardinalityLimit });
  const inputs: readonly MetricInput[] =
    given.exporters ?? envTypes?.map((type) => ({ type }) as MetricInput) ?? followTraces("metrics", traces, option === true ? "true" : "given");
  const exporters: ResolvedMetricExporter[] = [];
  for (const input of inputs) {
    switch (input.type) {
      case "otlp":
        exporters.push(otlpSignal("metrics", input, env, traces));
        break;
      case "prometheus":
        exporters.push({
          type: "prometheus",
          host: input.host ?? env.metrics.prometheusHost ?? SIGNAL_DEFAULTS.prometheusHost,
          port: input.port ?? env.metrics.prometheusPort ?? SIGNAL_DEFAULTS.prometheusPort,
          path: input.path ?? SIGNAL_DEFAULTS.prometheusPath,
        });
        break;
      case "console":
        exporters.push({ type: "console", write: input.write });
        break;
      case "memory":
        exporters.push({ type: "memory" });
        break;
      case "reader":
        exporters.push({ type: "reader", reader: input.reader as MetricReader });
        break;
      case "none":
        break;
    }
  }
  if (exporters.length === 0) return undefined;
  return Object.freeze({
    exporters: Object.freeze(exporters.map((exporter) => Object.freeze(exporter))),
    exportIntervalMillis: given.exportIntervalMillis ?? env.metrics.exportIntervalMillis ?? SIGNAL_DEFAULTS.exportIntervalMillis,
    cardinalityLimit: given.cardinalityLimit ?? SIGNAL_DEFAULTS.cardinalityLimit,
  });
}

/**
 * Log export: off unless the option or OTEL_LOGS_EXPORTER turns it on. Without exporters named,
 * OTLP when the traces go to a collector, memory beside a memory span exporter; never the
 * console by inference, where the application's own log lines already go.
 */
export function resolveLogs(opts: ParsedOptions, env: EnvSettings, traces: readonly ResolvedExporter[]): ResolvedLogs | undefined {
  const option = opts.logs;
  if (option === false) return undefined;
  const envTypes = env.logs.exporterTypes;
  if (option === undefined && envTypes === undefined) return undefined;
  const given = option === true || option === undefined ? {} : option;
  const inputs: readonly LogInput[] =
    given.exporters ?? envTypes?.map((type) => ({ type }) as LogInput) ?? followTraces("logs", traces, option === true ? "true" : "given", given.console === true);
  const exporters: ResolvedLogExporter[] = [];
  for (const input of inputs) {
    if (input.type === "otlp") exporters.push(otlpSignal("logs", input, env, traces));
    else if (input.type === "console" || input.type === "memory") exporters.push({ type: input.type });
    else if (input.type === "custom") exporters.push({ type: "custom", exporter: input.exporter as LogRecordExporter });
  }
  const consoleCorrelation = given.console === true;
  if (exporters.length === 0 && !consoleCorrelation) return undefined;
  return Object.freeze({ exporters: Object.freeze(exporters.map((exporter) => Object.freeze(exporter))), console: consoleCorrelation });
}

function followTraces(signal: Signal, traces: readonly ResolvedExporter[], optionText: string, consoleOnly = false): { type: "otlp" | "console" | "memory" }[] {
  const types = new Set<"otlp" | "console" | "memory">();
  for (const exporter of traces) {
    if (exporter.type === "otlp" || exporter.type === "memory") types.add(exporter.type);
    else if (exporter.type === "console" && signal === "metrics") types.add("console");
  }
  if (types.size > 0 || consoleOnly) return [...types].map((type) => ({ type }));
  const tracesGo = traces.map((exporter) => exporter.type).join(", ") || "nowhere";
  const problem: ConfigProblem = {
    path: signal,
    message: `${optionText === "true" ? "true" : "is given"} but names no exporter, and none follows from where traces go (${tracesGo})`,
    fix:
      signal === "metrics"
        ? 'name one: metrics: { exporters: [{ type: "prometheus" }] } (or "otlp", "console", "memory")'
        : 'name one: logs: { exporters: [{ type: "otlp", endpoint: "http://collector:4318/v1/logs" }] } (or "console", "memory")',
  };
  throw new TracingConfigError([problem]);
}

/**
 * An OTLP exporter for metrics or logs. The signal's own option and variables come first; then
 * the traces' OTLP exporter (endpoint with its path changed to the signal's, protocol, headers,
 * compression, timeout), so `metrics: true` sends to the same collector with the same credentials.
 */
function otlpSignal(signal: Signal, input: OtlpInput, env: EnvSettings, traces: readonly ResolvedExporter[]): ResolvedOtlp {
  const own: OtlpSignalEnv = env[signal].otlp;
  const traceOtlp = traces.find((exporter): exporter is Extract<ResolvedExporter, { type: "otlp" }> => exporter.type === "otlp");
  const protocol = (input.protocol as OtlpProtocol | undefined) ?? own.protocol ?? traceOtlp?.protocol ?? env.otlpProtocol ?? "grpc";
  // The traces' headers (a vendor's API key) go only where the traces go: not to an endpoint named for this signal.
  const followsTraces = input.endpoint === undefined && own.endpoint === undefined && traceOtlp !== undefined;
  const endpoint =
    input.endpoint ??
    own.endpoint ??
    (traceOtlp && signalUrl(traceOtlp.endpoint, protocol, signal)) ??
    (env.genericEndpoint && signalUrl(env.genericEndpoint, protocol, signal)) ??
    (env.otlpEndpoint?.kind === "base" ? signalUrl(env.otlpEndpoint.url, protocol, signal) : undefined) ??
    signalUrl(protocol === "grpc" ? DEFAULT_ENDPOINTS.otlpGrpc : DEFAULT_ENDPOINTS.otlpHttp, protocol, signal);
  return {
    type: "otlp",
    endpoint,
    protocol,
    headers: Object.freeze({ ...(followsTraces ? traceOtlp.headers : env.otlpHeaders), ...own.headers, ...input.headers }),
    compression: input.compression ?? own.compression ?? traceOtlp?.compression ?? env.otlpCompression ?? "none",
    timeoutMillis: input.timeoutMillis ?? own.timeoutMillis ?? traceOtlp?.timeoutMillis ?? env.otlpTimeoutMillis ?? SIGNAL_DEFAULTS.otlpTimeoutMillis,
  };
}

/** The traces' URL for another signal: gRPC uses one address; HTTP ends in `/v1/<signal>`. */
function signalUrl(url: string, protocol: OtlpProtocol, signal: Signal): string {
  if (protocol === "grpc") return url;
  const parsed = new URL(url);
  const path = parsed.pathname.replace(/\/+$/, "");
  if (/\/traces$/.test(path)) parsed.pathname = path.replace(/traces$/, signal);
  else parsed.pathname = `${path}/v1/${signal}`;
  return parsed.toString();
}
