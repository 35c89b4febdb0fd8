// Callback forms and request context: every span started inside withContext carries the ids,
// spans nest under the active one, and a failing tool is recorded without changing the error
// the caller sees.
import { strict as assert } from "node:assert";
import { configureTracing, trace, withContext } from "llmtrace";

const tracing = configureTracing({ serviceName: "agent-example", exporters: [{ type: "console" }, { type: "memory" }], processor: "simple" });

class RateLimited extends Error {}

async function handleRequest(requestId: string, question: string): Promise<string> {
  return withContext({ requestId, userId: "u_7", organizationId: "acme" }, () =>
    trace.agent({ name: "support_agent" }, async () => {
      const orders = await trace.tool({ name: "list_orders", args: { user: "u_7" } }, async () => [{ id: "o-1", status: "shipped" }]);
      try {
        await trace.tool({ name: "refund" }, async () => {
          throw new RateLimited("refund API rate limited");
        });
      } catch (error) {
        assert.ok(error instanceof RateLimited, "the caller sees its own error, unchanged");
      }
      return trace.generation({ model: "gpt-4o", provider: "openai", input: question }, () => `Your order ${orders[0]!.id} has ${orders[0]!.status}.`);
    }),
  );
}

console.log(await handleRequest("req_1", "Where is my order?"));
await tracing.shutdown();

const spans = tracing.memoryExporter!.getFinishedSpans();
const refund = spans.find((s) => s.name === "tool.refund")!;
assert.equal(refund.status.code, 2);
assert.equal(refund.attributes["error.type"], "RateLimited");
assert.ok(spans.every((s) => s.attributes["request.id"] === "req_1" && s.attributes["organization.id"] === "acme"));
console.log("ok: context on every span, the failed tool recorded as an error");
