// A class-based support agent traced with decorators (standard TypeScript decorators).
// Every call becomes a span; nothing about the methods changes: same `this`, same results,
// same errors, sync stays sync.
import { strict as assert } from "node:assert";
import { agent, configureTracing, task, tool, trace, withContext, workflow } from "llmtrace";

const tracing = configureTracing({ serviceName: "decorated-agent", exporters: [{ type: "console" }, { type: "memory" }] });

class OrderNotFound extends Error {}

class SupportAgent {
  private readonly orders = new Map([["o-1", "shipped"]]);

  @workflow({ name: "customer_chat", organizationId: "acme", projectId: "support" })
  async handle(question: string): Promise<string> {
    const orderId = this.extractOrderId(question);
    try {
      const status = await this.lookupOrder(orderId ?? "unknown");
      return await this.answer(question, status);
    } catch (error) {
      if (error instanceof OrderNotFound) return "I could not find that order.";
      throw error;
    }
  }

  @task()
  extractOrderId(question: string): string | undefined {
    return /o-\d+/.exec(question)?.[0];
  }

  @tool({ name: "lookup_order" })
  async lookupOrder(orderId: string): Promise<string> {
    const status = this.orders.get(orderId);
    if (!status) throw new OrderNotFound(`no order ${orderId}`);
    return status;
  }

  @agent({ name: "support_agent" })
  async answer(question: string, status: string): Promise<string> {
    return trace.generation({ model: "gpt-4o-mini", provider: "openai", input: question }, (gen) => {
      const text = `Your order is ${status}.`;
      gen.end({ output: text, usage: { inputTokens: 42, outputTokens: 7 } });
      return text;
    });
  }
}

const bot = new SupportAgent();
await withContext({ conversationId: "conv_1", userId: "u_7" }, async () => {
  console.log(await bot.handle("Where is o-1?"));
  console.log(await bot.handle("Where is o-9?"));
});
await tracing.shutdown();

const spans = tracing.memoryExporter!.getFinishedSpans();
assert.equal(spans.filter((s) => s.name === "workflow.customer_chat").length, 2);
const failedLookup = spans.find((s) => s.name === "tool.lookup_order" && s.status.code === 2)!;
assert.equal(failedLookup.attributes["error.type"], "OrderNotFound");
assert.ok(spans.every((s) => s.attributes["organization.id"] === "acme" && s.attributes["conversation.id"] === "conv_1"));
console.log("ok: every decorated call traced, the failed lookup recorded, the caller's error handling unchanged");
