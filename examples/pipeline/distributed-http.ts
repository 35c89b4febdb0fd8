// One trace across two services: the client injects the trace context into its request headers,
// the server extracts it, so the server's spans join the client's trace. Both run here, on 127.0.0.1.
import { strict as assert } from "node:assert";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { context, propagation, trace } from "@opentelemetry/api";
import { configureTracing, inject, withExtractedContext } from "llmtrace";

const tracing = configureTracing({ serviceName: "agent", exporters: [{ type: "console" }, { type: "memory" }], processor: "simple" });
const tracer = trace.getTracer("example");

const toolService = createServer((req, res) => {
  withExtractedContext(req.headers, () => {
    tracer.startActiveSpan("tool.lookup_order", (span) => {
      const conversation = propagation.getActiveBaggage()?.getEntry("conversation.id")?.value ?? "";
      span.setAttribute("conversation.id", conversation);
      span.end();
      res.end(JSON.stringify({ status: "shipped" }));
    });
  });
});
await new Promise<void>((resolve) => toolService.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(toolService.address() as AddressInfo).port}/orders/42`;

const baggage = propagation.createBaggage({ "conversation.id": { value: "conv_7" } });
await tracer.startActiveSpan("agent.support_agent", async (span) => {
  // The active context holds this span; baggage added to it travels with the request.
  const outgoing = propagation.setBaggage(context.active(), baggage);
  const response = await fetch(url, { headers: inject({}, outgoing) });
  console.log("tool service said:", await response.text());
  span.end();
});
toolService.close();
await tracing.shutdown();

const spans = tracing.memoryExporter!.getFinishedSpans();
const client = spans.find((s) => s.name === "agent.support_agent")!;
const server = spans.find((s) => s.name === "tool.lookup_order")!;
assert.equal(server.spanContext().traceId, client.spanContext().traceId);
assert.equal(server.parentSpanContext?.spanId, client.spanContext().spanId);
assert.equal(server.attributes["conversation.id"], "conv_7");
console.log("ok: one trace across client and server, conversation id carried in baggage");
