// An ES module application traced by llmtrace with OpenTelemetry's HTTP instrumentation.
// Run it as users do, with the set-up loaded first:
//
//   node --import ./register.mjs app.mjs
//
// The HTTP server span that instrumentation-http records for each request is the parent of the
// llmtrace spans made while answering it, all in one trace.
import { strict as assert } from "node:assert";
import { createServer, request } from "node:http";
import { SpanKind } from "@opentelemetry/api";
import { getActiveTracing, trace } from "llmtrace";

const tracing = getActiveTracing();
assert.ok(tracing, "configureTracing() did not run: start the app with `node --import ./register.mjs app.mjs`");

const server = createServer(async (req, res) => {
  const answer = await trace.workflow({ name: "answer_question" }, async () => {
    const weather = await trace.tool("Calling weather API", { name: "weather", args: { city: "Paris" } }, async () => "sunny, 21C");
    return trace.generation({ model: "gpt-4o-mini", provider: "openai", input: `Weather: ${weather}` }, (generation) => {
      generation.end({ output: "It's sunny in Paris.", usage: { inputTokens: 12, outputTokens: 6 } });
      return "It's sunny in Paris.";
    });
  });
  res.end(answer);
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));

const body = await new Promise((resolve, reject) => {
  const req = request({ host: "127.0.0.1", port: server.address().port, path: "/ask", timeout: 5000 }, (res) => {
    let text = "";
    res.setEncoding("utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve(text)).on("error", reject);
  });
  req.on("timeout", () => req.destroy(new Error("no answer in 5 s"))).on("error", reject).end();
});
assert.equal(body, "It's sunny in Paris.");
await new Promise((resolve) => server.close(resolve));
await tracing.shutdown();

const spans = tracing.memoryExporter.getFinishedSpans();
const scope = "@opentelemetry/instrumentation-http";
const httpServer = spans.find((s) => s.kind === SpanKind.SERVER && s.instrumentationScope.name === scope);
const httpClient = spans.find((s) => s.kind === SpanKind.CLIENT && s.instrumentationScope.name === scope);
assert.ok(httpServer, `no HTTP server span from ${scope}: was the instrumentation registered? (spans: ${spans.map((s) => s.name).join(", ")})`);
// The client span shows the ESM hook at work: `request` imported from "node:http" was patched.
assert.ok(httpClient, `no HTTP client span from ${scope}: was the ESM hook registered before the app loaded?`);
assert.equal(httpServer.parentSpanContext?.spanId, httpClient.spanContext().spanId, "the server span continues the client's trace");

const workflow = spans.find((s) => s.name === "workflow.answer_question");
const tool = spans.find((s) => s.name === "tool.weather");
const generation = spans.find((s) => s.name === "chat gpt-4o-mini");
assert.ok(workflow && tool && generation, `llmtrace spans missing (spans: ${spans.map((s) => s.name).join(", ")})`);
assert.equal(workflow.parentSpanContext?.spanId, httpServer.spanContext().spanId, "the HTTP server span is the workflow's parent");
assert.equal(tool.parentSpanContext?.spanId, workflow.spanContext().spanId);
assert.equal(generation.parentSpanContext?.spanId, workflow.spanContext().spanId);
const traceId = httpServer.spanContext().traceId;
for (const span of [httpClient, workflow, tool, generation]) assert.equal(span.spanContext().traceId, traceId, `${span.name} is in the request's trace`);
console.log("ok: the HTTP server span of an ESM app is the parent of llmtrace's spans, in one trace");
