import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";

/** Accepts and drops every span: the benchmarks measure making spans, not shipping them. */
export const discardExporter: SpanExporter = {
  export: (_spans, resultCallback) => resultCallback({ code: 0 }),
  shutdown: () => Promise.resolve(),
};

/**
 * Encodes each batch as an OTLP/protobuf export request, as the OTLP exporters do on the
 * application's thread, then drops the bytes: what exporting costs the process short of the
 * network. For comparisons where how many spans are exported is the difference (tail sampling).
 */
export const encodingExporter: SpanExporter = {
  export: (spans, resultCallback) => {
    encodedBytes += ProtobufTraceSerializer.serializeRequest(spans)?.length ?? 0;
    resultCallback({ code: 0 });
  },
  shutdown: () => Promise.resolve(),
};

/** Bytes the encoding exporter produced, so the work is not optimized away. */
export let encodedBytes = 0;
