// A streamed model call: chunk() on every piece records the time to first token, the chunk count
// and the streamed text; end() adds usage, and the cost is computed from it.
import { strict as assert } from "node:assert";
import { configureTracing, trace } from "llmtrace";

const tracing = configureTracing({ serviceName: "streaming-example", exporters: [{ type: "console" }, { type: "memory" }], processor: "simple" });

async function* fakeStream(): AsyncGenerator<string> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const piece of ["Streams ", "arrive ", "piece ", "by ", "piece."]) {
    yield piece;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const answer = await trace.generation({ model: "claude-sonnet-4-20250514", provider: "anthropic", input: "Say something", stream: true }, async (gen) => {
  let text = "";
  for await (const piece of fakeStream()) {
    gen.chunk(piece);
    text += piece;
  }
  gen.end({ usage: { inputTokens: 12, outputTokens: 6 }, finishReasons: ["end_turn"] });
  return text;
});

await tracing.shutdown();
const [span] = tracing.memoryExporter!.getFinishedSpans();
assert.equal(answer, "Streams arrive piece by piece.");
assert.equal(span!.attributes["ai.chunk_count"], 5);
assert.ok(Number(span!.attributes["ai.time_to_first_token_ms"]) >= 45, "time to first token covers the model's pause");
// The answer is recorded once, in the GenAI output messages.
assert.equal(JSON.parse(String(span!.attributes["gen_ai.output.messages"]))[0].parts[0].content, answer);
console.log(`ok: streamed in ${span!.attributes["ai.chunk_count"]} chunks, first after ${Math.round(Number(span!.attributes["ai.time_to_first_token_ms"]))} ms`);
