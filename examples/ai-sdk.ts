// The Vercel AI SDK with its mock language model: gen.end(result) reads generateText's result,
// traceStream(gen, result.fullStream) a streamText stream; with the SDK's experimental_telemetry
// on, its own spans get llmtrace's kinds, usage and cost.
import { strict as assert } from "node:assert";
import { generateText, simulateReadableStream, streamText } from "ai";
import { MockLanguageModelV2 } from "ai/test";
import { configureTracing, trace, traceStream } from "llmtrace";

const tracing = configureTracing({ serviceName: "ai-sdk-example", exporters: [{ type: "console" }, { type: "memory" }] });
const usage = { inputTokens: 42, outputTokens: 9, totalTokens: 51 };
const model = new MockLanguageModelV2({
  modelId: "gpt-4o-mini",
  doGenerate: async () => ({ content: [{ type: "text", text: "It's sunny in Paris." }], finishReason: "stop", usage, warnings: [] }),
  doStream: async () => ({
    stream: simulateReadableStream({
      chunkDelayInMs: 5,
      chunks: [
        { type: "text-start", id: "t" },
        { type: "text-delta", id: "t", delta: "It's sunny " },
        { type: "text-delta", id: "t", delta: "in Paris." },
        { type: "text-end", id: "t" },
        { type: "finish", finishReason: "stop", usage },
      ],
    }),
  }),
});

const generated = await trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "Weather in Paris?" }, async (gen) => {
  const result = await generateText({ model, prompt: "Weather in Paris?" });
  gen.end(result);
  return result.text;
});

const streamed = await trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "Weather in Paris?", stream: true }, async (gen) => {
  const result = streamText({ model, prompt: "Weather in Paris?" });
  let text = "";
  for await (const part of traceStream(gen, result.fullStream)) if (part.type === "text-delta") text += part.text;
  return text;
});

// Or let the AI SDK record its own spans: llmtrace gives them its kinds, usage and cost.
await generateText({ model, prompt: "Weather in Paris?", experimental_telemetry: { isEnabled: true, functionId: "weather" } });

await tracing.shutdown();
const spans = tracing.memoryExporter!.getFinishedSpans();
const sdkCall = spans.find((s) => s.name === "ai.generateText.doGenerate")!;
assert.equal(sdkCall.attributes["llmtrace.span.kind"], "generation");
assert.ok(Number(sdkCall.attributes["ai.cost"]) > 0);
assert.equal(spans.find((s) => s.name === "ai.generateText")!.attributes["llmtrace.span.kind"], "task");
for (const span of spans.filter((s) => s.instrumentationScope.name === "llmtrace")) {
  assert.equal(span.attributes["gen_ai.usage.input_tokens"], 42);
  assert.equal(span.attributes["gen_ai.usage.output_tokens"], 9);
  assert.deepEqual(span.attributes["gen_ai.response.finish_reasons"], ["stop"]);
  // The answer is recorded once, in the GenAI output messages.
  assert.equal(JSON.parse(String(span.attributes["gen_ai.output.messages"]))[0].parts[0].content, "It's sunny in Paris.");
  assert.ok(Number(span.attributes["ai.cost"]) > 0);
}
assert.equal(generated, streamed);
console.log("ok: generateText and streamText traced with usage and cost, and the AI SDK's own spans classified");
