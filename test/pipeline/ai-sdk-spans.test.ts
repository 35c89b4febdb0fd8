// The Vercel AI SDK's own telemetry spans (experimental_telemetry), made by the real `ai` package
// with its mock language model (the package's own test double: no provider to call), are given
// llmtrace's kinds, usage and cost, and each model call is counted once.
import { generateText, jsonSchema, simulateReadableStream, stepCountIs, streamText, tool } from "ai";
import { MockLanguageModelV2 } from "ai/test";
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing, trace, withContext } from "../../src/index.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

const usage = { inputTokens: 42, outputTokens: 9, totalTokens: 51 };
const telemetry = { isEnabled: true, functionId: "weather" };

function mockModel(): MockLanguageModelV2 {
  let call = 0;
  return new MockLanguageModelV2({
    provider: "openai.chat",
    modelId: "gpt-4o-mini",
    // The first step asks for the tool, the second answers.
    doGenerate: async () =>
      call++ === 0
        ? { content: [{ type: "tool-call", toolCallId: "call_1", toolName: "weather", input: '{"city":"Paris"}' }], finishReason: "tool-calls", usage, warnings: [] }
        : { content: [{ type: "text", text: "It's sunny in Paris." }], finishReason: "stop", usage, warnings: [] },
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: "text-start", id: "t" },
          { type: "text-delta", id: "t", delta: "It's sunny." },
          { type: "text-end", id: "t" },
          { type: "finish", finishReason: "stop", usage },
        ],
      }),
    }),
  });
}

const weather = tool({ description: "The weather", inputSchema: jsonSchema<{ city: string }>({ type: "object", properties: { city: { type: "string" } } }), execute: async ({ city }) => `${city}: sunny` });

describe("the AI SDK's telemetry spans", () => {
  it("become generations, a tool and a task, with usage and cost counted on the provider calls only", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    await withContext({ conversationId: "conv-7" }, () =>
      generateText({ model: mockModel(), prompt: "Weather in Paris?", tools: { weather }, stopWhen: stepCountIs(3), experimental_telemetry: telemetry }),
    );
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const kinds = spans.map((s) => [s.name, s.attributes["llmtrace.span.kind"]]).sort();
    expect(kinds).toEqual([
      ["ai.generateText", "task"],
      ["ai.generateText.doGenerate", "generation"],
      ["ai.generateText.doGenerate", "generation"],
      ["ai.toolCall", "tool"],
    ]);
    const generations = spans.filter((s) => s.attributes["llmtrace.span.kind"] === "generation");
    for (const g of generations) {
      expect(g.attributes).toMatchObject({ "openinference.span.kind": "LLM", "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "ai.model": "gpt-4o-mini", "ai.prompt_tokens": 42, "conversation.id": "conv-7" });
      expect(Number(g.attributes["ai.cost"])).toBeGreaterThan(0);
    }
    expect(spans.find((s) => s.name === "ai.toolCall")!.attributes).toMatchObject({ "gen_ai.tool.name": "weather", "gen_ai.operation.name": "execute_tool", "openinference.span.kind": "TOOL" });
    // Summed over every span, usage is the two provider calls', once each.
    const total = spans.reduce((sum, s) => sum + Number(s.attributes["gen_ai.usage.input_tokens"] ?? 0), 0);
    expect(total).toBe(84);
    expect(spans.find((s) => s.name === "ai.generateText")!.attributes["ai.cost"]).toBeUndefined();
  });

  it("records a streamed call's provider span as a generation", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const result = streamText({ model: mockModel(), prompt: "Weather?", experimental_telemetry: telemetry });
    expect(await result.text).toBe("It's sunny.");
    await tracing.forceFlush();
    const stream = tracing.memoryExporter!.getFinishedSpans().find((s) => s.name === "ai.streamText.doStream")!;
    expect(stream.attributes).toMatchObject({ "llmtrace.span.kind": "generation", "gen_ai.usage.input_tokens": 42 });
  });

  it("counts nothing again under an llmtrace generation that records the same call", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    await trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "Weather?" }, async (gen) => {
      gen.end(await generateText({ model: mockModel(), prompt: "Weather?", experimental_telemetry: telemetry }));
    });
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const counted = spans.filter((s) => s.attributes["gen_ai.usage.input_tokens"] !== undefined);
    expect(counted.map((s) => s.instrumentationScope.name)).toEqual(["llmtrace"]);
    const inner = spans.find((s) => s.name === "ai.generateText.doGenerate")!;
    expect(inner.attributes["llmtrace.nested.gen_ai.usage.input_tokens"]).toBe(42);
    expect(inner.attributes["ai.cost"]).toBeUndefined();
  });
});
