// createOpenAIAgentsProcessor(): a run of the real @openai/agents SDK — an agent calling a function
// tool, its model reached through the openai client on a loopback server — becomes llmtrace spans.
import { Agent, run, setDefaultOpenAIClient, setOpenAIAPI, setTraceProcessors, setTracingDisabled, tool } from "@openai/agents";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { createOpenAIAgentsProcessor, trace } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import { ANSWER, type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";

let capture: SpanCapture;
let server: FakeLlm;
beforeAll(async () => {
  server = await startFakeLlm();
  // The SDK bundles its own copy of the openai client; ours is the same class at run time.
  setDefaultOpenAIClient(new OpenAI({ apiKey: "test-key", baseURL: `${server.url}/v1`, maxRetries: 0 }) as never);
  // The SDK turns its tracing off when NODE_ENV is "test", as it is here.
  setTracingDisabled(false);
  // Instead of the SDK's own export to OpenAI: llmtrace's processor alone.
  setTraceProcessors([createOpenAIAgentsProcessor()]);
});
afterAll(async () => {
  setTraceProcessors([]);
  await server.close();
});
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

describe("createOpenAIAgentsProcessor()", () => {
  it("turns an agent run into a workflow, an agent, generations with usage and cost, and a tool", async () => {
    const weather = tool({ name: "weather", description: "The weather in a city", parameters: z.object({ city: z.string() }), execute: async ({ city }) => `${city}: sunny` });
    const agent = new Agent({ name: "Support", instructions: "Be brief.", model: "gpt-4.1", tools: [weather] });
    const result = await trace.agent({ name: "app" }, () => run(agent, "Weather in Paris?"));
    expect(result.finalOutput).toBe(ANSWER);
    const byKind = (kind: string) => capture.spans.filter((s) => s.attributes["llmtrace.span.kind"] === kind);
    expect(byKind("workflow").map((s) => s.name)).toEqual(["workflow.Agent workflow"]);
    expect(byKind("agent").map((s) => s.name).sort()).toEqual(["agent.Support", "agent.app"]);
    expect(capture.spans.find((s) => s.name === "agent.Support")!.attributes["ai.agent.tools"]).toEqual(["weather"]);
    const generations = byKind("generation");
    expect(generations).toHaveLength(2);
    for (const g of generations) {
      expect(g.name).toBe("chat gpt-4.1-2025-04-14");
      expect(g.attributes).toMatchObject({ "gen_ai.usage.input_tokens": 42, "gen_ai.provider.name": "openai" });
      expect(Number(g.attributes["ai.cost"])).toBeGreaterThan(0);
    }
    const toolSpan = byKind("tool")[0]!;
    expect(toolSpan.attributes).toMatchObject({ "gen_ai.tool.name": "weather", "gen_ai.tool.call.result": "Paris: sunny" });
    expect(String(toolSpan.attributes["gen_ai.tool.call.arguments"])).toContain("Paris");
    // One trace, under the application's own agent span; usage only on the model calls.
    const app = capture.spans.find((s) => s.name === "agent.app")!;
    expect(new Set(capture.spans.map((s) => s.spanContext().traceId))).toEqual(new Set([app.spanContext().traceId]));
    expect(capture.spans.reduce((sum, s) => sum + Number(s.attributes["gen_ai.usage.input_tokens"] ?? 0), 0)).toBe(84);
  });

  it("reads the model call when the SDK talks Chat Completions (a generation span listing the responses)", async () => {
    setOpenAIAPI("chat_completions");
    try {
      const result = await run(new Agent({ name: "Support", instructions: "Be brief.", model: "gpt-4o-mini" }), "Weather in Paris?");
      expect(result.finalOutput).toBe(ANSWER);
    } finally {
      setOpenAIAPI("responses");
    }
    const generation = capture.spans.find((s) => s.attributes["llmtrace.span.kind"] === "generation")!;
    expect(generation.name).toBe("chat gpt-4o-mini-2024-07-18");
    expect(generation.attributes).toMatchObject({ "gen_ai.usage.input_tokens": 42, "gen_ai.usage.output_tokens": 7 });
    expect(Number(generation.attributes["ai.cost"])).toBeGreaterThan(0);
  });
});
