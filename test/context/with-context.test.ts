import { context, ROOT_CONTEXT, trace as otelTrace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, extract, getActiveTracing, getLlmContext, inject, trace, withContext } from "../../src/index.js";
import { captureSpans } from "../../src/testing/index.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("withContext", () => {
  // Context travels through the context manager configureTracing registers; without any, there is none.
  const configureNothing = () => configureTracing({ exporters: [{ type: "none" }], logLevel: "none" }, {});

  it("merges nested calls: inner keys win, outer keys stay, metadata merges, tags add up", () => {
    configureNothing();
    const seen = withContext({ conversationId: "outer", userId: "u_1", metadata: { tier: "pro", region: "eu" }, tags: ["a"] }, () =>
      withContext({ conversationId: "inner", metadata: { tier: "free" }, tags: ["b", "a"] }, () => getLlmContext()),
    );
    expect(seen).toEqual({ conversationId: "inner", userId: "u_1", metadata: { tier: "free", region: "eu" }, tags: ["a", "b"] });
    expect(getLlmContext()).toBeUndefined();
  });

  it("returns the function's value, sync or async, and rethrows its errors", async () => {
    expect(withContext({ userId: "u" }, () => 7)).toBe(7);
    await expect(withContext({ userId: "u" }, async () => 8)).resolves.toBe(8);
    const error = new Error("boom");
    expect(() =>
      withContext({ userId: "u" }, () => {
        throw error;
      }),
    ).toThrow(error);
  });

  it("ignores ids that are not strings and metadata values that are not attribute values", () => {
    configureNothing();
    const seen = withContext({ userId: 42 as never, conversationId: "", metadata: { ok: 1, bad: { nested: true } as never, nan: Number.NaN } }, () => getLlmContext());
    expect(seen).toEqual({ metadata: { ok: 1 } });
  });

  it("keeps 200 concurrent conversations apart, across awaits and timers", async () => {
    const capture = captureSpans();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        withContext({ conversationId: `conv_${i}`, userId: `user_${i % 7}` }, () =>
          trace.agent({ name: `agent_${i}` }, async (agent) => {
            await sleep(Math.random() * 5);
            await trace.tool({ name: `tool_${i}` }, async () => {
              await sleep(Math.random() * 5);
              await new Promise<void>((resolve) => setImmediate(resolve));
            });
            await new Promise<void>((resolve) => setTimeout(resolve, 1));
            agent.generation({ model: `model_${i}` }).end({ usage: { inputTokens: i, outputTokens: 1 } });
          }),
        ),
      ),
    );
    expect(capture.spans).toHaveLength(600);
    for (let i = 0; i < 200; i++) {
      const agent = capture.get(`agent.agent_${i}`);
      const tool = capture.get(`tool.tool_${i}`);
      const gen = capture.get(`chat model_${i}`);
      expect(capture.parentOf(tool)).toBe(agent);
      expect(capture.parentOf(gen)).toBe(agent);
      for (const span of [agent, tool, gen]) {
        expect(span.attributes["conversation.id"]).toBe(`conv_${i}`);
        expect(span.attributes["user.id"]).toBe(`user_${i % 7}`);
      }
    }
    await capture.shutdown();
  });

  it("stamps spans of other instrumentations when configureTracing owns the pipeline", () => {
    const capture = captureSpans();
    withContext({ conversationId: "conv_9", organizationId: "acme" }, () => {
      otelTrace.getTracer("@opentelemetry/instrumentation-http").startSpan("GET /api").end();
    });
    otelTrace.getTracer("@opentelemetry/instrumentation-http").startSpan("outside").end();
    expect(capture.get("GET /api").attributes).toMatchObject({ "conversation.id": "conv_9", "organization.id": "acme", "gen_ai.conversation.id": "conv_9" });
    expect(capture.get("outside").attributes).toEqual({});
  });

  it("carries the ids to another service as W3C baggage when contextBaggage is on", () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], contextBaggage: true, logLevel: "none" }, {});
    const headers = withContext({ conversationId: "conv_x", userId: "u_x" }, () => inject({}));
    expect(headers["baggage"]).toContain("conversation.id=conv_x");
    // The receiving side: only the headers cross over.
    context.with(extract(headers, ROOT_CONTEXT), () => trace.tool({ name: "remote" }).end());
    expect(tracing.memoryExporter!.getFinishedSpans()[0]!.attributes).toMatchObject({ "conversation.id": "conv_x", "user.id": "u_x" });
  });

  it("keeps the ids out of baggage by default", () => {
    configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const headers = withContext({ conversationId: "conv_x" }, () => inject({}));
    expect(headers["baggage"]).toBeUndefined();
  });
});
