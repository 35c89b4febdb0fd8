// The documented way to keep whole distributed traces: every service exports everything, and the
// OpenTelemetry Collector's tail sampling processor decides once per trace. Jaeger v2 (a Collector)
// runs examples/collector/tail-sampling-processor.yaml as it is, on a second OTLP receiver; what it
// stores is read back through its query API.
import { context, SpanStatusCode, trace as otelTrace } from "@opentelemetry/api";
import { afterEach, expect, it } from "vitest";
import { configureTracing, getActiveTracing, trace } from "../../src/index.js";
import { getJson, JAEGER } from "./backends.js";
import { jaegerTrace } from "./jaeger-api.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

/** A root with one child, made with explicit times so a slow trace takes no real time. */
function apiTrace(name: string, durationMillis: number, failed = false): string {
  const tracer = otelTrace.getTracer("app");
  const start = Date.now();
  const root = tracer.startSpan(name, { startTime: start });
  const child = tracer.startSpan("step", { startTime: start + 1 }, otelTrace.setSpan(context.active(), root));
  if (failed) child.setStatus({ code: SpanStatusCode.ERROR, message: "failed" });
  child.end(start + 2);
  root.end(start + durationMillis);
  return root.spanContext().traceId;
}

it("the Collector keeps the error, slow and expensive traces whole, and about 1% of the rest", async () => {
  const tracing = configureTracing({ serviceName: `llmtrace-e2e-tail-${Date.now()}`, exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: JAEGER.otlpHttpTail }], logLevel: "warn" }, {});
  const failed = apiTrace("handle_request", 20, true);
  const slow = apiTrace("handle_request", 1500);
  let expensive = "";
  await trace.agent({ name: "support" }, async (agent) => {
    expensive = agent.span.spanContext().traceId;
    // 30,000 gpt-4o input tokens cost $0.075, above the policy's $0.05.
    await trace.generation({ model: "gpt-4o", provider: "openai", input: "long document" }, async (g) => g.end({ output: "summary", usage: { inputTokens: 30_000, outputTokens: 10 } }));
  });
  const ordinary = Array.from({ length: 50 }, () => apiTrace("handle_request", 20));
  await tracing.forceFlush();

  // Each kept trace arrives whole, after the processor's decision_wait (2 s).
  expect((await jaegerTrace(failed, 2)).length).toBe(2);
  expect((await jaegerTrace(slow, 2)).length).toBe(2);
  expect((await jaegerTrace(expensive, 2)).map((span) => span.name).sort()).toEqual(["agent.support", "chat gpt-4o"]);
  // The ordinary ones had their decision at the same time; about 1% are kept (more than 5 of 50 has a chance below 1e-6).
  let keptOrdinary = 0;
  for (const traceId of ordinary) {
    const body = (await getJson(`${JAEGER.query}/api/v3/traces/${traceId}`)) as { result?: unknown } | undefined;
    if (body?.result) keptOrdinary++;
  }
  expect(keptOrdinary).toBeLessThanOrEqual(5);
}, 60_000);
