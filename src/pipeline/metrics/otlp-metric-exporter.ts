import type { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { AggregationTemporality, type PushMetricExporter, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import type { ResolvedOtlp } from "../../config/resolved-config.js";
import { loadGrpc, loadOtlpExporterBase, loadOtlpGrpcBase, loadOtlpNodeHttp, loadOtlpTransformer } from "../exporters/load-on-demand.js";

/**
 * An OTLP metrics exporter (gRPC, HTTP/protobuf or HTTP/JSON) built from the same OTLP packages as
 * the trace and log exporters: the transport and retry logic of `otlp-exporter-base`, the
 * encoders of `otlp-transformer`. OpenTelemetry published no metrics exporter for the release
 * those are at, and one from the release before would install a second copy of the SDK in every
 * application (scripts/check-package.sh checks there is one). Values are cumulative.
 */
export function createOtlpMetricExporter(config: ResolvedOtlp): PushMetricExporter {
  const { OTLPExporterBase } = loadOtlpExporterBase();
  const { ProtobufMetricsSerializer, JsonMetricsSerializer, MetricsExporterMetricsHelper } = loadOtlpTransformer();
  const compression = config.compression as CompressionAlgorithm;
  let delegate;
  if (config.protocol === "grpc") {
    const { convertLegacyOtlpGrpcOptions, createOtlpGrpcExportDelegate } = loadOtlpGrpcBase();
    const metadata = new (loadGrpc().Metadata)();
    for (const [key, value] of Object.entries(config.headers)) metadata.set(key, value);
    const options = convertLegacyOtlpGrpcOptions({ url: config.endpoint, metadata, compression, timeoutMillis: config.timeoutMillis }, "METRICS");
    delegate = createOtlpGrpcExportDelegate(
      options,
      ProtobufMetricsSerializer,
      "otlp_grpc_metric_exporter",
      MetricsExporterMetricsHelper,
      undefined,
      "MetricsExportService",
      "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export",
    );
  } else {
    const { convertLegacyHttpOptions, createOtlpHttpExportDelegate } = loadOtlpNodeHttp();
    const json = config.protocol === "http/json";
    const options = convertLegacyHttpOptions({ url: config.endpoint, headers: { ...config.headers }, compression, timeoutMillis: config.timeoutMillis }, "METRICS", "v1/metrics", {
      "Content-Type": json ? "application/json" : "application/x-protobuf",
    });
    delegate = createOtlpHttpExportDelegate(options, json ? JsonMetricsSerializer : ProtobufMetricsSerializer, "otlp_http_metric_exporter", MetricsExporterMetricsHelper, undefined);
  }
  class OtlpMetricExporter extends OTLPExporterBase<ResourceMetrics> implements PushMetricExporter {
    selectAggregationTemporality(): AggregationTemporality {
      return AggregationTemporality.CUMULATIVE;
    }
  }
  return new OtlpMetricExporter(delegate);
}
