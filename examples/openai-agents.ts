// The OpenAI Agents SDK with llmtrace's trace processor: an agent's run — its model reached through
// the openai client on a server on 127.0.0.1 — becomes a workflow, an agent and a generation with
// usage and cost.
import { strict as assert } from "node:assert";
import { Agent, run, setDefaultOpenAIClient, setOpenAIAPI, setTraceProcessors } from "@openai/agents";
import { configureTracing, createOpenAIAgentsProcessor } from "llmtrace";
import OpenAI from "openai";
import { startFakeOpenAI } from "./fake-servers/openai-server.js";

const server = await startFakeOpenAI();
const tracing = configureTracing({ serviceName: "agents-example", exporters: [{ type: "console" }, { type: "memory" }] });
setDefaultOpenAIClient(new OpenAI({ apiKey: "sk-test-not-a-real-key-000000000000", baseURL: `${server.url}/v1` }) as never);
setOpenAIAPI("chat_completions");
setTraceProcessors([createOpenAIAgentsProcessor()]);   // or addTraceProcessor() to keep the SDK's own export

const agent = new Agent({ name: "Support", instructions: "Be brief.", model: "gpt-4o-mini" });
const result = await run(agent, "How do I reset my password?");
console.log("answer:", result.finalOutput);

await tracing.shutdown();
await server.close();
const spans = tracing.memoryExporter!.getFinishedSpans();
const generation = spans.find((s) => s.attributes["llmtrace.span.kind"] === "generation")!;
assert.ok(Number(generation.attributes["gen_ai.usage.input_tokens"]) > 0);
assert.ok(Number(generation.attributes["ai.cost"]) > 0);
assert.ok(spans.some((s) => s.name === "agent.Support"));
console.log("ok: the agent's run traced as a workflow, an agent and a generation with usage and cost");
