// A function handler on a platform that freezes the process once the handler answers (AWS Lambda,
// Vercel, Cloud Run functions): tracing.flushAfter() delivers the handler's spans before its promise
// resolves, so nothing waits in a queue that may never run again. The "platform" here calls the
// handler as Lambda's Node runtime does; the backend is an OTLP/HTTP (JSON) receiver on 127.0.0.1.
import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { configureTracing, trace } from "llmtrace";

let received = 0;
const backend = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    for (const rs of JSON.parse(body).resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) received += (ss.spans ?? []).length;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
await new Promise<void>((resolve) => backend.listen(0, "127.0.0.1", resolve));

// Module scope: runs once per cold start.
const tracing = configureTracing({
  serviceName: "serverless-demo",
  exporters: [{ type: "otlp", protocol: "http/json", endpoint: `http://127.0.0.1:${(backend.address() as AddressInfo).port}/v1/traces` }],
  logLevel: "none",
});

interface ApiEvent {
  readonly body: string;
}

// What a Lambda module would `export const handler = ...`.
const handler = tracing.flushAfter(async (event: ApiEvent, context: { awsRequestId: string }) => {
  const { question } = JSON.parse(event.body) as { question: string };
  const answer = await trace.agent({ name: "support_agent" }, async (agent) => {
    const order = await agent.tool({ name: "lookup_order", args: { question } }, async () => ({ status: "shipped" }));
    return `Your order has ${order.status}.`;
  });
  return { statusCode: 200, body: JSON.stringify({ answer, requestId: context.awsRequestId }) };
});

for (let invocation = 1; invocation <= 3; invocation++) {
  const response = await handler({ body: JSON.stringify({ question: "where is my order?" }) }, { awsRequestId: `req-${invocation}` });
  // The platform freezes the process here: every span of this invocation must already be delivered.
  assert.equal(received, invocation * 2);
  assert.equal(tracing.stats().spansQueued, 0);
  console.log(`invocation ${invocation}: ${response.body}; ${received} spans at the backend`);
}

await tracing.shutdown();
backend.close();
console.log(`ok: every invocation's spans delivered before its handler's promise resolved`);
