import type { SpanExporter } from "@opentelemetry/sdk-trace-base";

/** Accepts and drops every span: the benchmarks measure making spans, not shipping them. */
export const discardExporter: SpanExporter = {
  export: (_spans, resultCallback) => resultCallback({ code: 0 }),
  shutdown: () => Promise.resolve(),
};
