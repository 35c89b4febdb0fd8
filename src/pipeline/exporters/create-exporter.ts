import type { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { ResolvedExporter } from "../../config/resolved-config.js";
import { ConsoleTreeExporter } from "./console-exporter.js";
import { JsonlFileExporter } from "./jsonl-exporter.js";
import { loadGrpc, loadOtlpGrpcExporter, loadOtlpHttpExporter, loadOtlpProtoExporter, loadZipkinExporter } from "./load-on-demand.js";
import { MemorySpanExporter } from "./memory-exporter.js";

/** Builds the OpenTelemetry exporter for one resolved exporter entry. */
export function createExporter(config: ResolvedExporter): SpanExporter {
  switch (config.type) {
    case "otlp":
      return createOtlpExporter(config);
    case "zipkin":
      return new (loadZipkinExporter().ZipkinExporter)({ url: config.endpoint, headers: { ...config.headers } });
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
  // The enum's values are these strings; naming them avoids loading the package for a constant.
  const compression = config.compression as CompressionAlgorithm;
  if (config.protocol === "grpc") {
    const metadata = new (loadGrpc().Metadata)();
    for (const [key, value] of Object.entries(config.headers)) metadata.set(key, value);
    return new (loadOtlpGrpcExporter().OTLPTraceExporter)({ url: config.endpoint, metadata, compression, timeoutMillis: config.timeoutMillis });
  }
  const options = { url: config.endpoint, headers: { ...config.headers }, compression, timeoutMillis: config.timeoutMillis };
  const { OTLPTraceExporter } = config.protocol === "http/json" ? loadOtlpHttpExporter() : loadOtlpProtoExporter();
  return new OTLPTraceExporter(options);
}
