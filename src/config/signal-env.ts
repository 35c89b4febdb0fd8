import type { OtlpProtocol } from "./options.js";

// The environment variables of metrics and logs (the OpenTelemetry SDK's names). Read by
// readEnv with its reader, so a bad value is a warning like any other.

export const METRIC_EXPORTER_TYPES = ["otlp", "prometheus", "console", "none"] as const;
export const LOG_EXPORTER_TYPES = ["otlp", "console", "none"] as const;
const PROTOCOLS: readonly OtlpProtocol[] = ["grpc", "http/protobuf", "http/json"];

/** The typed readers of env.ts this file uses (named here so the two files do not import each other). */
export interface SignalEnvReader {
  string(name: string): string | undefined;
  integer(name: string, min: number): number | undefined;
  endpoint(name: string, instead: string): string | undefined;
  oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined;
  list<T extends string>(name: string, allowed: readonly T[]): T[] | undefined;
  keyValueList(name: string): Record<string, string> | undefined;
}

/** OTEL_EXPORTER_OTLP_<SIGNAL>_*: the signal's own OTLP settings, before the traces' are inherited. */
export interface OtlpSignalEnv {
  readonly endpoint?: string | undefined;
  readonly protocol?: OtlpProtocol | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly compression?: "gzip" | "none" | undefined;
  readonly timeoutMillis?: number | undefined;
}

export interface MetricsEnv {
  readonly exporterTypes?: readonly (typeof METRIC_EXPORTER_TYPES)[number][] | undefined;
  readonly otlp: OtlpSignalEnv;
  readonly exportIntervalMillis?: number | undefined;
  readonly prometheusHost?: string | undefined;
  readonly prometheusPort?: number | undefined;
}

export interface LogsEnv {
  readonly exporterTypes?: readonly (typeof LOG_EXPORTER_TYPES)[number][] | undefined;
  readonly otlp: OtlpSignalEnv;
}

export function readMetricsEnv(read: SignalEnvReader): MetricsEnv {
  const port = read.integer("OTEL_EXPORTER_PROMETHEUS_PORT", 0);
  return Object.freeze({
    exporterTypes: read.list("OTEL_METRICS_EXPORTER", METRIC_EXPORTER_TYPES),
    otlp: readOtlp(read, "METRICS"),
    exportIntervalMillis: read.integer("OTEL_METRIC_EXPORT_INTERVAL", 1),
    prometheusHost: read.string("OTEL_EXPORTER_PROMETHEUS_HOST"),
    prometheusPort: port !== undefined && port <= 65_535 ? port : undefined,
  });
}

export function readLogsEnv(read: SignalEnvReader): LogsEnv {
  return Object.freeze({ exporterTypes: read.list("OTEL_LOGS_EXPORTER", LOG_EXPORTER_TYPES), otlp: readOtlp(read, "LOGS") });
}

function readOtlp(read: SignalEnvReader, signal: "METRICS" | "LOGS"): OtlpSignalEnv {
  const prefix = `OTEL_EXPORTER_OTLP_${signal}_`;
  return Object.freeze({
    endpoint: read.endpoint(`${prefix}ENDPOINT`, "and the traces' OTLP endpoint is used instead"),
    protocol: read.oneOf(`${prefix}PROTOCOL`, PROTOCOLS),
    headers: read.keyValueList(`${prefix}HEADERS`) ?? {},
    compression: read.oneOf(`${prefix}COMPRESSION`, ["gzip", "none"] as const),
    timeoutMillis: read.integer(`${prefix}TIMEOUT`, 1),
  });
}

