// A backend that fails for a while and then recovers: llmtrace keeps the spans, retries, delivers
// every one once it is back, and tracing.stats() shows what happened. The backend is a small OTLP/HTTP
// receiver on 127.0.0.1 that answers 503 to its first three requests.
import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { configureTracing, shutdownOnSignals, trace } from "llmtrace";

let requests = 0;
let received = 0;
const backend = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    if (++requests <= 3) return void res.writeHead(503).end();
    for (const rs of JSON.parse(body).resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) received += (ss.spans ?? []).length;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));

const tracing = configureTracing({
  serviceName: "outage-demo",
  exporters: [{ type: "otlp", protocol: "http/json", endpoint: `http://127.0.0.1:${(backend.address() as AddressInfo).port}/v1/traces`, timeoutMillis: 500 }],
  batch: { scheduledDelayMillis: 50 },
  logLevel: "none",
});
// On SIGTERM / SIGINT, flush before the process goes (opt-in).
const removeSignalHandlers = shutdownOnSignals(tracing);

for (let turn = 0; turn < 20; turn++) {
  await trace.agent({ name: "support_agent" }, async (agent) => {
    await agent.tool({ name: "lookup_order", args: { order: turn } }, async () => ({ status: "shipped" }));
  });
}
console.log("while the backend fails:", tracing.stats());

// Wait (bounded) until the retries have delivered everything.
for (let waited = 0; received < 40 && waited < 20_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
removeSignalHandlers();
await tracing.shutdown();
backend.close();

const stats = tracing.stats();
console.log("after recovery:", stats);
assert.equal(received, 40);
assert.equal(stats.spansExported, 40);
assert.equal(stats.spansDropped, 0);
assert.ok(stats.failedExports >= 1);
console.log(`ok: ${received} spans delivered after ${stats.failedExports} failed export(s), none dropped`);
