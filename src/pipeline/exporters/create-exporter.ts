import type { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { ResolvedExporter } from "../../config/resolved-config.js";
import { ConsoleTreeExporter } from "./console-exporter.js";
import { JsonlFileExporter } from "./jsonl-exporter.js";
import { loadGrpc, loadOtlpGrpcExporter, loadOtlpHttpExporter, loadOtlpProtoExporter, loadZipkinExporter } from "./load-on-demand.js";
import { MemorySpanExporter } from "./memory-exporter.js";
import { withoutInnerRetries } from "./otlp-single-attempt.js";
import { viewerLinks } from "./viewer-links.js";

/** Builds the OpenTelemetry exporter for one resolved exporter entry; `jsonlPaths` are the config's JSONL files. */
export function createExporter(config: ResolvedExporter, jsonlPaths: readonly string[] = []): SpanExporter {
  switch (config.type) {
    case "otlp":
      return createOtlpExporter(config);
    case "zipkin":
      return new (loadZipkinExporter().ZipkinExporter)({ url: config.endpoint, headers: { ...config.headers } });
    case "console":
      return new ConsoleTreeExporter(config.write, viewerLinks(jsonlPaths));
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
  return withoutInnerRetries(new OTLPTraceExporter(options));
}

/** The exporter's name and destination, for messages and `tracing.stats()`. */
export function exportTarget(config: ResolvedExporter): { exporter: string; endpoint: string | undefined } {
  switch (config.type) {
    case "otlp":
      return { exporter: `otlp ${config.protocol}`, endpoint: config.endpoint };
    case "zipkin":
      return { exporter: "zipkin", endpoint: config.endpoint };
    case "jsonl":
      return { exporter: "jsonl", endpoint: config.path };
    default:
      return { exporter: config.type, endpoint: undefined };
  }
}
