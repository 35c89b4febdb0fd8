// Keep your own OpenTelemetry provider and add llmtrace's processing to it.
// Nothing global is touched by llmtrace: the provider, its sampler and resource stay yours.
import { strict as assert } from "node:assert";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { createSpanProcessors, MemorySpanExporter } from "llmtrace";

const captured = new MemorySpanExporter();
const llmtrace = createSpanProcessors({
  attributes: { team: "ml-platform" },
  exporters: [{ type: "console" }, captured],
  processor: "simple",
});
const provider = new NodeTracerProvider({
  resource: resourceFromAttributes({ "service.name": "existing-app" }),
  spanProcessors: [...llmtrace],
});
provider.register();

const tracer = provider.getTracer("existing-app");
tracer.startActiveSpan("workflow.nightly_eval", (span) => {
  tracer.startSpan("task.score_answers").end();
  span.end();
});
await provider.shutdown();
// Stops what the provider has not already stopped and puts back the llmtrace settings in force before.
await llmtrace.shutdown();

const spans = captured.getFinishedSpans();
assert.deepEqual(spans.map((s) => s.name), ["task.score_answers", "workflow.nightly_eval"]);
assert.ok(spans.every((s) => s.attributes["team"] === "ml-platform"));
console.log("ok: llmtrace processors ran inside an application-owned provider");
