// 1,000 conversations at once, each an agent turn with awaits at every level, interleaved on one event
// loop: every span must have its own conversation's parent and context, never a neighbour's.
import { afterEach, expect, it } from "vitest";
import { configureTracing, getActiveTracing, trace, withContext } from "../../src/index.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

const pause = (i: number) => new Promise((resolve) => setTimeout(resolve, i % 7));

async function conversation(i: number): Promise<void> {
  await withContext({ conversationId: `conv-${i}`, userId: `user-${i % 37}` }, () =>
    trace.agent({ name: `agent-${i}` }, async (agent) => {
      await pause(i);
      await agent.tool({ name: `tool-${i}` }, async () => {
        await pause(i + 1);
        return { i };
      });
      await agent.generation({ model: "gpt-4o-mini", provider: "openai", input: `question ${i}` }, async (gen) => {
        await pause(i + 2);
        gen.end({ output: `answer ${i}`, usage: { inputTokens: i, outputTokens: 1 } });
      });
    }),
  );
}

it("keeps parents and context right across 1,000 concurrent conversations", async () => {
  const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
  await Promise.all(Array.from({ length: 1000 }, (_, i) => conversation(i)));
  const spans = tracing.memoryExporter!.getFinishedSpans();
  expect(spans).toHaveLength(3000);
  const agents = new Map(spans.filter((s) => s.name.startsWith("agent.")).map((s) => [s.name.slice("agent.agent-".length), s]));
  expect(agents.size).toBe(1000);
  for (const span of spans) {
    const i = String(span.attributes["conversation.id"]).slice("conv-".length);
    expect(span.attributes["user.id"]).toBe(`user-${Number(i) % 37}`);
    const agent = agents.get(i)!;
    if (span === agent) {
      expect(span.parentSpanContext).toBeUndefined();
      continue;
    }
    expect(span.spanContext().traceId).toBe(agent.spanContext().traceId);
    expect(span.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
    if (span.name.startsWith("tool.")) expect(span.name).toBe(`tool.tool-${i}`);
    else expect(span.attributes["gen_ai.usage.input_tokens"]).toBe(Number(i));
  }
  expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1000);
});
