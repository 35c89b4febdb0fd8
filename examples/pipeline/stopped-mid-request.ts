// A server stopped while a request is still waiting on its model: the request's spans are not lost.
// shutdown() (or SIGTERM / SIGINT with shutdownOnSignals(), a crash, process.exit()) ends the spans
// still running, marked as interrupted, and exports them; llmtrace says so once on stderr.
import { strict as assert } from "node:assert";
import { configureTracing, trace } from "llmtrace";

const tracing = configureTracing({ serviceName: "stopped-mid-request", exporters: [{ type: "memory" }] });

// The model never answers in time: the request is still running when the server stops.
const slowModel = new Promise<string>(() => {});
void trace.start({ name: "POST /chat" }, () =>
  trace.agent({ name: "support" }, () => trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "Where is my order?" }, () => slowModel)),
);

await tracing.shutdown(); // prints: llmtrace: 3 span(s) had not ended at shutdown() ("POST /chat", ...)

const spans = tracing.memoryExporter!.getFinishedSpans();
for (const span of spans) console.log(`${span.name.padEnd(20)} status=${span.status.code === 2 ? "ERROR" : "OK"}  llmtrace.interrupted=${String(span.attributes["llmtrace.interrupted"])}`);
assert.deepEqual(spans.map((span) => span.name), ["chat gpt-4o-mini", "agent.support", "POST /chat"]);
assert.ok(spans.every((span) => span.attributes["llmtrace.interrupted"] === "shutdown" && span.status.code === 2));
