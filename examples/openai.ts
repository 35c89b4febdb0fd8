// The openai client, pointed at an OpenAI-compatible server on 127.0.0.1: gen.end(response) and
// traceStream(gen, stream) record model, usage (cached tokens too), finish reason, answer and cost.
import { strict as assert } from "node:assert";
import { configureTracing, trace, traceStream } from "llmtrace";
import OpenAI from "openai";
import { startFakeOpenAI } from "./fake-servers/openai-server.js";

const server = await startFakeOpenAI();
const tracing = configureTracing({ serviceName: "openai-example", exporters: [{ type: "console" }, { type: "memory" }] });
const client = new OpenAI({ apiKey: "sk-test-not-a-real-key-000000000000", baseURL: `${server.url}/v1` });
const messages = [{ role: "user" as const, content: "How do I reset my password?" }];

const answer = await trace.generation({ model: "gpt-4o-mini", provider: "openai", input: messages }, async (gen) => {
  const response = await client.chat.completions.create({ model: "gpt-4o-mini", messages });
  gen.end(response);
  return response.choices[0]?.message.content;
});
console.log("answer:", answer);

const streamed = await trace.generation({ model: "gpt-4o-mini", provider: "openai", input: messages, stream: true }, async (gen) => {
  const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
  let text = "";
  for await (const chunk of traceStream(gen, stream)) text += chunk.choices[0]?.delta?.content ?? "";
  return text;
});
console.log("streamed:", streamed);

await tracing.shutdown();
await server.close();

const [plain, stream] = tracing.memoryExporter!.getFinishedSpans();
for (const span of [plain!, stream!]) {
  assert.equal(span.attributes["gen_ai.response.model"], "gpt-4o-mini-2024-07-18");
  assert.equal(span.attributes["gen_ai.usage.input_tokens"], 120);
  assert.equal(span.attributes["gen_ai.usage.cache_read.input_tokens"], 64);
  assert.deepEqual(span.attributes["gen_ai.response.finish_reasons"], ["stop"]);
  assert.ok(Number(span.attributes["ai.cost"]) > 0);
  // The answer is recorded once, in the GenAI output messages.
  assert.equal(JSON.parse(String(span.attributes["gen_ai.output.messages"]))[0].parts[0].content, answer);
}
assert.ok(Number(stream!.attributes["ai.time_to_first_token_ms"]) > 0);
assert.equal(streamed, answer);
console.log("ok: plain and streamed OpenAI calls traced with usage and cost");
