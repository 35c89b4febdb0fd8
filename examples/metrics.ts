// Metrics beside the traces: an instrumented OpenAI client (pointed at a server on 127.0.0.1)
// answers three questions, and llmtrace's Prometheus endpoint serves the GenAI histograms and the
// request, token and cost counters — what a Prometheus server would scrape.
import { strict as assert } from "node:assert";
import { configureTracing, instrument, trace } from "llmtrace";
import OpenAI from "openai";
import { startFakeOpenAI } from "./fake-servers/openai-server.js";

const server = await startFakeOpenAI();
const port = 19464; // 9464 by default; another here so the example never collides with a real exporter
const tracing = configureTracing({
  serviceName: "metrics-example",
  exporters: [{ type: "memory" }],
  metrics: { exporters: [{ type: "prometheus", port }] },
});
const openai = instrument(new OpenAI({ apiKey: "sk-test-not-a-real-key-000000000000", baseURL: `${server.url}/v1` }));

await trace.agent({ name: "faq_bot" }, async () => {
  for (const question of ["How do I reset my password?", "Can I change my email?", "Where is my invoice?"]) {
    await trace.tool({ name: "search_faq", args: { question } }, async (t) => t.end({ result: "3 articles" }));
    await openai.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: question }] });
  }
});

// What Prometheus would scrape (curl http://127.0.0.1:19464/metrics):
const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
const lines = text.split("\n").filter((line) => /^(llmtrace_llm_(requests|tokens|cost)_total|gen_ai_client_operation_duration_count|llmtrace_operation_duration_count)\{/.test(line));
console.log(lines.join("\n"));
await tracing.shutdown();
await server.close();

const value = (pattern: RegExp) => lines.filter((line) => pattern.test(line)).reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
assert.equal(value(/^llmtrace_llm_requests_total\{/), 3, "three model calls");
assert.ok(value(/^llmtrace_llm_tokens_total\{.*gen_ai_token_type="input"/) > 0, "input tokens counted");
assert.ok(value(/^llmtrace_llm_cost_total\{/) > 0, "cost counted");
assert.equal(value(/^llmtrace_operation_duration_count\{.*llmtrace_span_name="tool.search_faq"/), 3, "three tool calls");
console.log(`ok: requests, tokens, cost and tool durations served on 127.0.0.1:${port}; ${JSON.stringify(tracing.stats().metrics)}`);
