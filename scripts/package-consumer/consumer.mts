import { configureTracing, inject, type TracingHandle, type TracingOptions } from "llmtrace";
import { captureSpans, type SpanCapture } from "llmtrace/testing";

const options: TracingOptions = {
  serviceName: "consumer",
  exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: "http://localhost:4318" }, { type: "console" }],
  sampling: { rate: 0.5, rules: [{ name: "chat *", rate: 1 }] },
};
const handle: TracingHandle = configureTracing(options);
const headers: Record<string, string> = inject({});
const capture: SpanCapture = captureSpans();
void handle.shutdown();
void headers;
void capture;
