import { createRequire } from "node:module";

// Exporter packages load on first use: gRPC and the OTLP encoders add ~100 ms to start-up that
// a process exporting only to the console or a file should not pay. These packages have no
// "exports" map, so `import` and `require` resolve them to the same CommonJS modules.
const load = createRequire(import.meta.url);

export const loadOtlpGrpcExporter = (): typeof import("@opentelemetry/exporter-trace-otlp-grpc") =>
  load("@opentelemetry/exporter-trace-otlp-grpc");
export const loadOtlpProtoExporter = (): typeof import("@opentelemetry/exporter-trace-otlp-proto") =>
  load("@opentelemetry/exporter-trace-otlp-proto");
export const loadOtlpHttpExporter = (): typeof import("@opentelemetry/exporter-trace-otlp-http") =>
  load("@opentelemetry/exporter-trace-otlp-http");
export const loadZipkinExporter = (): typeof import("@opentelemetry/exporter-zipkin") => load("@opentelemetry/exporter-zipkin");
export const loadGrpc = (): typeof import("@grpc/grpc-js") => load("@grpc/grpc-js");
export const loadOtlpTransformer = (): typeof import("@opentelemetry/otlp-transformer") => load("@opentelemetry/otlp-transformer");
export const loadOtlpNodeHttp = (): typeof import("@opentelemetry/otlp-exporter-base/node-http") => load("@opentelemetry/otlp-exporter-base/node-http");
export const loadOtlpGrpcBase = (): typeof import("@opentelemetry/otlp-grpc-exporter-base") => load("@opentelemetry/otlp-grpc-exporter-base");
export const loadOtlpExporterBase = (): typeof import("@opentelemetry/otlp-exporter-base") => load("@opentelemetry/otlp-exporter-base");
export const loadLogsOtlpGrpcExporter = (): typeof import("@opentelemetry/exporter-logs-otlp-grpc") => load("@opentelemetry/exporter-logs-otlp-grpc");
export const loadLogsOtlpProtoExporter = (): typeof import("@opentelemetry/exporter-logs-otlp-proto") => load("@opentelemetry/exporter-logs-otlp-proto");
export const loadLogsOtlpHttpExporter = (): typeof import("@opentelemetry/exporter-logs-otlp-http") => load("@opentelemetry/exporter-logs-otlp-http");
