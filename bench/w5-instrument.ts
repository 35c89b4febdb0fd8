// W5: an instrumented client's call against the same call inside a manual trace.generation, the
// client's transport answering at once (its `fetch` option), so the comparison is of the two ways
// of recording, not of a network.
import { configureTracing, instrument, trace } from "llmtrace";
import OpenAI from "openai";
import { type Comparison, compare } from "./harness.js";
import { discardExporter } from "./discard-exporter.js";

const BODY = JSON.stringify({
  id: "chatcmpl-bench",
  object: "chat.completion",
  created: 0,
  model: "gpt-4o-mini-2024-07-18",
  choices: [{ index: 0, message: { role: "assistant", content: "Open Settings, then Security, then Reset password." }, finish_reason: "stop" }],
  usage: { prompt_tokens: 42, completion_tokens: 12, total_tokens: 54, prompt_tokens_details: { cached_tokens: 0 } },
});
const answerAtOnce = async () => new Response(BODY, { status: 200, headers: { "content-type": "application/json" } });
const messages = [{ role: "user" as const, content: "How do I reset my password? My account is jane@example.com." }];

export async function runInstrumentBenchmark(): Promise<Comparison> {
  const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none" }, {});
  const client = () => new OpenAI({ apiKey: "sk-bench-not-a-real-key-0000000000", baseURL: "http://127.0.0.1:9/v1", maxRetries: 0, fetch: answerAtOnce });
  const plain = client();
  const instrumented = instrument(client());
  const manual = () =>
    trace.generation({ model: "gpt-4o-mini", provider: "openai", input: messages }, async (gen) => {
      gen.end(await plain.chat.completions.create({ model: "gpt-4o-mini", messages }));
    });
  const automatic = () => instrumented.chat.completions.create({ model: "gpt-4o-mini", messages });
  const result = await compare(
    "W5 instrument(client) against a manual trace.generation around the same call",
    { label: "trace.generation + gen.end(response)", fn: manual },
    { label: "instrument(new OpenAI())", fn: automatic },
    { budget: { ratio: 1.05 } },
  );
  await tracing.shutdown();
  return result;
}
