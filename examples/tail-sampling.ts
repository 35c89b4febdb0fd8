// Tail sampling: keep every failing, slow or expensive trace and 1% of the rest, decided when each
// trace ends — so the traces a team needs are never among the 99% it samples away.
import { strict as assert } from "node:assert";
import { configureTracing, trace } from "llmtrace";

const tracing = configureTracing({
  serviceName: "tail-sampling-example",
  exporters: [{ type: "memory" }],
  sampling: {
    rate: 0.01,
    keep: { errors: true, slowerThanMillis: 1000, costAbove: 0.05 },
    rules: [{ name: "agent.refund_*", rate: 1 }, { name: "task.health_check", rate: 0 }],
  },
});

async function answer(question: string, options: { fail?: boolean; inputTokens?: number } = {}): Promise<void> {
  await trace.agent({ name: "support" }, async () => {
    await trace.generation({ model: "gpt-4o", provider: "openai", input: question }, async (g) =>
      g.end({ output: "…", usage: { inputTokens: options.inputTokens ?? 200, outputTokens: 40 } }),
    );
    await trace.tool({ name: "lookup_order" }, async () => {
      if (options.fail) throw new Error("order service unavailable");
    });
  });
}

for (let i = 0; i < 200; i++) await answer(`question ${i}`); // ordinary: about 1% kept
await answer("where is my order?", { fail: true }).catch(() => undefined); // an error: kept
await answer("summarize this contract", { inputTokens: 40_000 }); // $0.10: kept
await trace.agent({ name: "refund_payment" }, async () => undefined); // a priority operation: kept
for (let i = 0; i < 50; i++) await trace.task({ name: "health_check" }, async () => undefined); // never kept

await tracing.shutdown();
const stats = tracing.stats().sampling!;
console.log(JSON.stringify(stats, null, 2));
assert.equal(stats.keptBy.error, 1);
assert.equal(stats.keptBy.cost, 1);
assert.equal(stats.keptBy.rule, 1);
assert.ok((stats.keptBy.rate ?? 0) <= 10, "about 1% of 200 ordinary traces");
assert.equal(stats.droppedBy.rule, 50, "every health check, by its rule");
assert.ok(tracing.memoryExporter!.getFinishedSpans().every((span) => !span.name.startsWith("task.health_check")));
console.log(`ok: ${stats.tracesKept} of ${stats.tracesKept + stats.tracesDropped} traces exported`);
