// instrument(client): the openai and @anthropic-ai/sdk clients, pointed at servers on 127.0.0.1,
// record every call as a generation — plain and streamed — with no trace.generation() around them.
import { strict as assert } from "node:assert";
import Anthropic from "@anthropic-ai/sdk";
import { configureTracing, instrument, trace } from "llmtrace";
import OpenAI from "openai";
import { startFakeAnthropic } from "./fake-servers/anthropic-server.js";
import { startFakeOpenAI } from "./fake-servers/openai-server.js";

const [openaiServer, anthropicServer] = await Promise.all([startFakeOpenAI(), startFakeAnthropic()]);
const tracing = configureTracing({ serviceName: "instrument-example", exporters: [{ type: "console" }, { type: "memory" }] });
const openai = instrument(new OpenAI({ apiKey: "sk-test-not-a-real-key-000000000000", baseURL: `${openaiServer.url}/v1` }));
const anthropic = instrument(new Anthropic({ apiKey: "sk-ant-test-not-a-real-key-0000", baseURL: anthropicServer.url }));
const messages = [{ role: "user" as const, content: "How do I reset my password?" }];

await trace.agent({ name: "support_agent" }, async () => {
  const reply = await openai.chat.completions.create({ model: "gpt-4o-mini", messages });
  console.log("openai:", reply.choices[0]?.message.content);
  const stream = await openai.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
  let streamed = "";
  for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? "";
  console.log("openai, streamed:", streamed);
  const message = await anthropic.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 256, messages });
  console.log("anthropic:", message.content[0]?.type === "text" ? message.content[0].text : "");
});

await tracing.shutdown();
await Promise.all([openaiServer.close(), anthropicServer.close()]);

const generations = tracing.memoryExporter!.getFinishedSpans().filter((s) => s.attributes["llmtrace.span.kind"] === "generation");
assert.equal(generations.length, 3);
for (const span of generations) {
  assert.ok(Number(span.attributes["gen_ai.usage.input_tokens"]) > 0, `${span.name} records usage`);
  assert.ok(Number(span.attributes["ai.cost"]) > 0, `${span.name} records cost`);
  assert.equal(span.parentSpanContext?.spanId, tracing.memoryExporter!.getFinishedSpans().find((s) => s.name === "agent.support_agent")!.spanContext().spanId);
}
console.log("ok: three model calls, three generations under the agent, with usage and cost");
