import { afterEach, describe, expect, it } from "vitest";
import { type ConventionProfile, trace, withContext } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";

let capture: SpanCapture | undefined;
afterEach(async () => {
  await capture?.shutdown();
  capture = undefined;
});

/** One agent turn through every kind, in the given profiles; returns the spans by name. */
async function turnIn(conventions: ConventionProfile[], spanNames?: "llmtrace" | "gen_ai") {
  capture = captureSpans(spanNames ? { conventions, spanNames } : { conventions });
  await withContext({ conversationId: "conv_1", sessionId: "sess_1", userId: "u_1", metadata: { tier: "pro" }, tags: ["beta"] }, async () => {
    await trace.agent({ name: "support", id: "agent-7", description: "answers questions" }, async (agent) => {
      agent.retrieval({ query: "reset password", dataSource: "kb", topK: 3 }).end({ documents: [{ id: "kb-1", score: 0.9, content: "Go to settings" }] });
      agent.tool({ name: "lookup", callId: "call_1", args: { id: 42 } }).end({ status: "ok" });
      agent
        .generation({ model: "gpt-4o", provider: "openai", input: "How do I reset?", temperature: 0.1 })
        .end({ output: "Go to settings.", usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 20, cacheWriteTokens: 5, reasoningTokens: 2 }, finishReasons: ["stop"] });
    });
  });
  const c = capture!;
  return { agent: c.get(/support$/).attributes, retrieval: c.get(/^retrieval/).attributes, tool: c.get(/lookup$/).attributes, gen: c.get(/gpt-4o/).attributes, names: c.spans.map((s) => s.name) };
}

describe("conventions profiles", () => {
  it("always classifies spans with llmtrace.span.kind and openinference.span.kind", async () => {
    const { agent, gen } = await turnIn([]);
    expect(agent).toEqual({ "llmtrace.span.kind": "agent", "openinference.span.kind": "AGENT" });
    expect(gen).toEqual({ "llmtrace.span.kind": "generation", "openinference.span.kind": "LLM" });
  });

  it("ai: the card's keys and plain context ids", async () => {
    const { agent, gen, retrieval } = await turnIn(["ai"]);
    expect(agent).toMatchObject({ "conversation.id": "conv_1", "session.id": "sess_1", "user.id": "u_1", "agent.id": "agent-7", "ai.metadata.tier": "pro", "ai.tags": ["beta"] });
    expect(gen).toMatchObject({
      "ai.model": "gpt-4o",
      "ai.provider": "openai",
      "ai.prompt_tokens": 100,
      "ai.completion_tokens": 10,
      "ai.total_tokens": 110,
      "ai.cached_tokens": 20,
      "ai.cache_write_tokens": 5,
      "ai.reasoning_tokens": 2,
      "ai.output": "Go to settings.",
    });
    expect(typeof gen["ai.cost"]).toBe("number");
    expect(retrieval).toMatchObject({ "ai.retrieval.top_k": 3, "ai.retrieval.document_count": 1, "ai.retrieval.query": "reset password" });
    expect(Object.keys(gen).some((key) => key.startsWith("gen_ai."))).toBe(false);
  });

  it("gen_ai: OpenTelemetry GenAI conventions only", async () => {
    const { agent, tool, gen, retrieval } = await turnIn(["gen_ai"]);
    expect(agent).toMatchObject({
      "gen_ai.operation.name": "invoke_agent",
      "gen_ai.agent.name": "support",
      "gen_ai.agent.id": "agent-7",
      "gen_ai.agent.description": "answers questions",
      "gen_ai.conversation.id": "conv_1",
    });
    expect(tool).toMatchObject({ "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup", "gen_ai.tool.call.id": "call_1", "gen_ai.tool.call.arguments": '{"id":42}', "gen_ai.tool.call.result": '{"status":"ok"}' });
    expect(gen).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.request.temperature": 0.1,
      "gen_ai.usage.input_tokens": 100,
      "gen_ai.usage.output_tokens": 10,
      "gen_ai.usage.cache_read.input_tokens": 20,
      "gen_ai.usage.cache_creation.input_tokens": 5,
      "gen_ai.usage.reasoning.output_tokens": 2,
      "gen_ai.response.finish_reasons": ["stop"],
    });
    expect(retrieval).toMatchObject({ "gen_ai.operation.name": "retrieval", "gen_ai.data_source.id": "kb" });
    expect(Object.keys(gen).some((key) => key.startsWith("ai."))).toBe(false);
  });

  it("openinference: what Phoenix reads", async () => {
    const { agent, tool, gen, retrieval } = await turnIn(["openinference"]);
    expect(agent).toMatchObject({ "agent.name": "support", "session.id": "sess_1", "user.id": "u_1", metadata: '{"tier":"pro"}', "tag.tags": ["beta"] });
    expect(tool).toMatchObject({ "tool.name": "lookup", "tool_call.id": "call_1", "tool.parameters": '{"id":42}', "input.value": '{"id":42}', "input.mime_type": "application/json", "output.value": '{"status":"ok"}' });
    expect(gen).toMatchObject({
      "llm.model_name": "gpt-4o",
      "llm.provider": "openai",
      "llm.invocation_parameters": '{"temperature":0.1}',
      "llm.token_count.prompt": 100,
      "llm.token_count.completion": 10,
      "llm.token_count.total": 110,
      "llm.token_count.prompt_details.cache_read": 20,
      "llm.token_count.prompt_details.cache_write": 5,
      "llm.token_count.completion_details.reasoning": 2,
      "llm.input_messages.0.message.role": "user",
      "llm.input_messages.0.message.content": "How do I reset?",
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.content": "Go to settings.",
      "output.value": "Go to settings.",
      "output.mime_type": "text/plain",
    });
    expect(Number(gen["llm.cost.total"])).toBeCloseTo(Number(gen["llm.cost.prompt"]) + Number(gen["llm.cost.completion"]), 12);
    expect(retrieval).toMatchObject({
      "retrieval.documents.0.document.id": "kb-1",
      "retrieval.documents.0.document.score": 0.9,
      "retrieval.documents.0.document.content": "Go to settings",
    });
  });

  it("traceloop: OpenLLMetry's keys", async () => {
    const { agent, tool, gen } = await turnIn(["traceloop"]);
    expect(agent).toMatchObject({
      "traceloop.span.kind": "agent",
      "traceloop.entity.name": "support",
      "traceloop.association.properties.conversation_id": "conv_1",
      "traceloop.association.properties.user_id": "u_1",
      "traceloop.association.properties.tier": "pro",
    });
    expect(tool).toMatchObject({ "traceloop.span.kind": "tool", "traceloop.entity.input": '{"id":42}', "traceloop.entity.output": '{"status":"ok"}' });
    expect(gen).toMatchObject({
      "llm.request.type": "chat",
      "gen_ai.system": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.usage.input_tokens": 100,
      "gen_ai.usage.output_tokens": 10,
      "llm.usage.total_tokens": 110,
      "gen_ai.prompt.0.role": "user",
      "gen_ai.prompt.0.content": "How do I reset?",
      "gen_ai.completion.0.role": "assistant",
      "gen_ai.completion.0.content": "Go to settings.",
    });
  });

  it("langfuse: observation types, model, usage and cost details", async () => {
    const { agent, gen, retrieval } = await turnIn(["langfuse"]);
    expect(agent).toMatchObject({ "langfuse.observation.type": "agent", "langfuse.session.id": "sess_1", "langfuse.user.id": "u_1", "langfuse.trace.tags": ["beta"], "langfuse.trace.metadata.tier": "pro" });
    expect(retrieval["langfuse.observation.type"]).toBe("retriever");
    expect(gen).toMatchObject({
      "langfuse.observation.type": "generation",
      "langfuse.observation.model.name": "gpt-4o",
      "langfuse.observation.model.parameters": '{"temperature":0.1}',
      "langfuse.observation.input": expect.stringContaining("How do I reset?"),
      "langfuse.observation.output": "Go to settings.",
    });
    expect(JSON.parse(String(gen["langfuse.observation.usage_details"]))).toEqual({ input: 100, output: 10, total: 110, cache_read: 20, cache_write: 5, reasoning: 2 });
    const cost = JSON.parse(String(gen["langfuse.observation.cost_details"])) as { total: number; input: number; output: number };
    expect(cost.total).toBeGreaterThan(0);
  });

  it("can write several profiles at once", async () => {
    const { gen } = await turnIn(["ai", "gen_ai", "openinference", "traceloop", "langfuse"]);
    expect(gen).toMatchObject({ "ai.prompt_tokens": 100, "gen_ai.usage.input_tokens": 100, "llm.token_count.prompt": 100, "llm.usage.total_tokens": 110, "langfuse.observation.type": "generation" });
  });

  it("names workflow, agent and tool spans as the GenAI conventions do when asked", async () => {
    const { names } = await turnIn(["gen_ai"], "gen_ai");
    expect(names).toEqual(["retrieval.kb", "execute_tool lookup", "chat gpt-4o", "invoke_agent support"]);
  });

  it("reads the profiles from LLMTRACE_CONVENTIONS", async () => {
    const { configureTracing } = await import("../../src/index.js");
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, { LLMTRACE_CONVENTIONS: "langfuse", LLMTRACE_SPAN_NAMES: "gen_ai" });
    trace.agent({ name: "x" }).end();
    const [span] = tracing.memoryExporter!.getFinishedSpans();
    expect(span!.name).toBe("invoke_agent x");
    expect(span!.attributes["langfuse.observation.type"]).toBe("agent");
    expect(span!.attributes["gen_ai.agent.name"]).toBeUndefined();
    await tracing.shutdown();
  });
});
