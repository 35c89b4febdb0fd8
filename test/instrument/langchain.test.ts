// createLangChainHandler(): runs of the real @langchain/core — a prompt piped into a chat model,
// a tool, a retriever, a failing runnable — become nested llmtrace spans. The chat model is the
// package's own fake (FakeListChatModel), which answers from a list: no provider to call.
import { AIMessage } from "@langchain/core/messages";
import { ChatPromptTemplate } from "@langchain/core/prompts";
import { RunnableLambda } from "@langchain/core/runnables";
import { tool } from "@langchain/core/tools";
import { FakeListChatModel, FakeRetriever } from "@langchain/core/utils/testing";
import { SpanStatusCode } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLangChainHandler, trace } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";

let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

const kindOf = (name: string) => capture.spans.find((s) => s.name.endsWith(name))?.attributes["llmtrace.span.kind"];

describe("createLangChainHandler()", () => {
  it("records a chain as a workflow with the prompt and the chat model nested, usage and answer included", async () => {
    class CountingChat extends FakeListChatModel {
      // The fake answers without usage; a provider's model reports it on the message.
      override async _generate(...args: Parameters<FakeListChatModel["_generate"]>) {
        const result = await super._generate(...args);
        const message = result.generations[0]!.message as AIMessage;
        message.usage_metadata = { input_tokens: 21, output_tokens: 5, total_tokens: 26 };
        return result;
      }
    }
    const chain = ChatPromptTemplate.fromMessages([["system", "Be brief."], ["human", "{question}"]]).pipe(new CountingChat({ responses: ["Sunny in Paris."] }));
    const answer = await chain.invoke({ question: "Weather in Paris?" }, { callbacks: [createLangChainHandler()], runName: "weather_chain" });
    expect(answer.content).toBe("Sunny in Paris.");
    expect(kindOf("weather_chain")).toBe("workflow");
    const generation = capture.spans.find((s) => s.attributes["llmtrace.span.kind"] === "generation")!;
    expect(generation.attributes).toMatchObject({ "gen_ai.usage.input_tokens": 21, "gen_ai.usage.output_tokens": 5 });
    expect(String(generation.attributes["gen_ai.input.messages"])).toContain("Weather in Paris?");
    expect(String(generation.attributes["gen_ai.output.messages"])).toContain("Sunny in Paris.");
    const workflow = capture.spans.find((s) => s.name.endsWith("weather_chain"))!;
    // Nested: the model's span descends from the chain's.
    const ids = new Set(capture.spans.filter((s) => s.spanContext().traceId === workflow.spanContext().traceId).map((s) => s.name));
    expect(ids.size).toBeGreaterThanOrEqual(3);
    expect(generation.spanContext().traceId).toBe(workflow.spanContext().traceId);
  });

  it("records tools and retrievers, and nests the outermost run in the active llmtrace span", async () => {
    const handler = createLangChainHandler();
    const weather = tool(async (input) => `${(input as { city: string }).city}: sunny`, { name: "weather", description: "The weather", schema: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } });
    const retriever = new FakeRetriever();
    await trace.agent({ name: "support" }, async () => {
      expect(await weather.invoke({ city: "Paris" }, { callbacks: [handler] })).toBe("Paris: sunny");
      await retriever.invoke("reset password", { callbacks: [handler] });
    });
    const agent = capture.spans.find((s) => s.name === "agent.support")!;
    const toolSpan = capture.spans.find((s) => s.attributes["llmtrace.span.kind"] === "tool")!;
    const retrieval = capture.spans.find((s) => s.attributes["llmtrace.span.kind"] === "retrieval")!;
    expect(toolSpan.attributes).toMatchObject({ "gen_ai.tool.name": "weather", "gen_ai.tool.call.result": "Paris: sunny" });
    expect(String(toolSpan.attributes["gen_ai.tool.call.arguments"])).toContain("Paris");
    expect(retrieval.attributes["ai.retrieval.query"]).toBe("reset password");
    for (const span of [toolSpan, retrieval]) expect(span.parentSpanContext?.spanId).toBe(agent.spanContext().spanId);
  });

  it("records a failing run as an error, and the error reaches the caller unchanged", async () => {
    const failing = RunnableLambda.from(() => {
      throw new Error("boom");
    }).withConfig({ runName: "failing_step" });
    await expect(failing.invoke("x", { callbacks: [createLangChainHandler()] })).rejects.toThrow("boom");
    const span = capture.spans.find((s) => s.name.endsWith("failing_step"))!;
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });
});
