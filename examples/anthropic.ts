// The @anthropic-ai/sdk client, pointed at a Messages server on 127.0.0.1: cache reads and writes
// are counted and priced as Anthropic charges them.
import { strict as assert } from "node:assert";
import Anthropic from "@anthropic-ai/sdk";
import { configureTracing, trace, traceStream } from "llmtrace";
import { startFakeAnthropic } from "./fake-servers/anthropic-server.js";

const server = await startFakeAnthropic();
const tracing = configureTracing({ serviceName: "anthropic-example", exporters: [{ type: "console" }, { type: "memory" }] });
const client = new Anthropic({ apiKey: "sk-ant-api03-test-not-a-real-key-0000000000", baseURL: server.url });
const model = "claude-sonnet-4-20250514";
const messages = [{ role: "user" as const, content: "What's the weather in Paris?" }];

const answer = await trace.generation({ model, provider: "anthropic", input: messages }, async (gen) => {
  const message = await client.messages.create({ model, max_tokens: 256, messages });
  gen.end(message);
  return message.content.map((block) => (block.type === "text" ? block.text : "")).join("");
});
console.log("answer:", answer);

const streamed = await trace.generation({ model, provider: "anthropic", input: messages, stream: true }, async (gen) => {
  const stream = await client.messages.create({ model, max_tokens: 256, messages, stream: true });
  let text = "";
  for await (const event of traceStream(gen, stream)) if (event.type === "content_block_delta" && event.delta.type === "text_delta") text += event.delta.text;
  return text;
});
console.log("streamed:", streamed);

await tracing.shutdown();
await server.close();

// Recent Anthropic SDKs emit OpenTelemetry spans of their own, nested under llmtrace's generation;
// the checks below are about llmtrace's spans.
const spans = tracing.memoryExporter!.getFinishedSpans();
const ours = spans.filter((s) => s.instrumentationScope.name === "llmtrace");
assert.equal(ours.length, 2);
for (const span of ours) {
  assert.equal(span.attributes["gen_ai.usage.input_tokens"], 80 + 200 + 40, "cache reads and writes count as input");
  assert.equal(span.attributes["gen_ai.usage.cache_read.input_tokens"], 200);
  assert.equal(span.attributes["gen_ai.usage.cache_creation.input_tokens"], 40);
  assert.deepEqual(span.attributes["gen_ai.response.finish_reasons"], ["end_turn"]);
  assert.ok(Number(span.attributes["ai.cost"]) > 0);
  // The answer is recorded once, in the GenAI output messages.
  assert.equal(JSON.parse(String(span.attributes["gen_ai.output.messages"]))[0].parts[0].content, answer);
}
assert.equal(streamed, answer);
console.log("ok: plain and streamed Anthropic calls traced with cache tokens and cost");
