import { Metadata } from "@grpc/grpc-js";
import { OTLPTraceExporter as OtlpGrpcExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as OtlpHttpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OtlpHttpProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { ZipkinExporter } from "@opentelemetry/exporter-zipkin";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { ResolvedExporter } from "../../config/resolved-config.js";
import { ConsoleTreeExporter } from "./console-exporter.js";
import { JsonlFileExporter } from "./jsonl-exporter.js";
import { MemorySpanExporter } from "./memory-exporter.js";

/** Builds the OpenTelemetry exporter for one resolved exporter entry. */
export function createExporter(config: ResolvedExporter): SpanExporter {
  switch (config.type) {
    case "otlp":
      return createOtlpExporter(config);
    case "zipkin":
      return new ZipkinExporter({ url: config.endpoint, headers: { ...config.headers } });
    case "console":
      return new ConsoleTreeExporter(config.write);
    case "jsonl":
      return new JsonlFileExporter(config.path);
    case "memory":
      return new MemorySpanExporter();
    case "custom":
      return config.exporter;
  }
}

function createOtlpExporter(config: Extract<ResolvedExporter, { type: "otlp" }>): SpanExporter {
  const compression = config.compression === "gzip" ? CompressionAlgorithm.GZIP : CompressionAlgorithm.NONE;
  if (config.protocol === "grpc") {
    const metadata = new Metadata();
    for (const [key, value] of Object.entries(config.headers)) metadata.set(key, value);
    return new OtlpGrpcExporter({ url: config.endpoint, metadata, compression, timeoutMillis: config.timeoutMs });
  }
  const options = { url: config.endpoint, headers: { ...config.headers }, compression, timeoutMillis: config.timeoutMs };
  return config.protocol === "http/json" ? new OtlpHttpJsonExporter(options) : new OtlpHttpProtoExporter(options);
}
