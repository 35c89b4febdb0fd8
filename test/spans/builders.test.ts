import { SpanKind, SpanStatusCode, trace as otelTrace } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trace } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import { outputText } from "../helpers/output-text.js";

let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

describe("the seed-style builder code", () => {
  it("builds one trace with the tree, context and results it describes", async () => {
    const t = trace.start({ conversationId: "conv_123", sessionId: "s_1", userId: "u_1", metadata: { tier: "pro" } });
    const msg = t.message("User: What's the weather?");
    msg.retrieval("Searching knowledge base").end({ documents: [{ id: "kb-1", score: 0.82 }] });
    msg.tool("Calling weather API", { name: "weather", args: { city: "Paris" } }).end("sunny, 21C");
    msg.generation({ model: "gpt-4o-mini", provider: "openai" }).end({ output: "...", usage: { inputTokens: 5, outputTokens: 20 } });
    msg.end("Bot: It's sunny!");
    t.system("Initializing cache").end("Cache warmed up");
    t.feedback({ tag: "THUMBS_UP", text: "helpful", score: 1 });
    await capture.flush();

    const root = capture.get("trace");
    expect(new Set(capture.spans.map((s) => s.spanContext().traceId))).toEqual(new Set([root.spanContext().traceId]));
    expect(capture.childrenOf(root).map((s) => s.name)).toEqual(["message", "system.event", "feedback"]);
    const message = capture.get("message");
    expect(capture.childrenOf(message).map((s) => s.name)).toEqual(["retrieval.search", "tool.weather", "chat gpt-4o-mini"]);
    for (const span of capture.spans) {
      expect(span.attributes).toMatchObject({ "conversation.id": "conv_123", "session.id": "s_1", "user.id": "u_1", "ai.metadata.tier": "pro" });
    }
    expect(message.attributes).toMatchObject({ "ai.input": "User: What's the weather?", "ai.output": "Bot: It's sunny!" });
    expect(capture.get("tool.weather").attributes).toMatchObject({ "gen_ai.tool.call.arguments": '{"city":"Paris"}', "gen_ai.tool.call.result": "sunny, 21C" });
    expect(capture.get("system.event").attributes).toMatchObject({ "ai.description": "Initializing cache", "ai.output": "Cache warmed up" });
    expect(capture.get("feedback").attributes).toMatchObject({ "ai.feedback.tag": "THUMBS_UP", "ai.feedback.text": "helpful", "ai.feedback.score": 1 });
  });
});

describe("nesting", () => {
  it("nests trace.<kind>() under the active span, and handle.<kind>() under the handle", () => {
    const outer = otelTrace.getTracer("app").startSpan("outer");
    const agent = otelTrace.getTracer("app").startActiveSpan("active", (active) => {
      const a = trace.agent({ name: "planner" });
      active.end();
      return a;
    });
    agent.tool({ name: "search" }).end();
    agent.end();
    outer.end();
    expect(capture.parentOf(capture.get("agent.planner"))?.name).toBe("active");
    expect(capture.parentOf(capture.get("tool.search"))?.name).toBe("agent.planner");
  });

  it("makes the span active inside a callback, for any nested instrumentation", async () => {
    await trace.agent({ name: "support" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      otelTrace.getTracer("http").startSpan("GET /kb").end();
      await trace.tool({ name: "lookup" }, async () => "found");
    });
    const agent = capture.get("agent.support");
    expect(capture.childrenOf(agent).map((s) => s.name)).toEqual(["GET /kb", "tool.lookup"]);
  });

  it("starts a new trace with trace.start(), even inside another span", () => {
    otelTrace.getTracer("app").startActiveSpan("request", (request) => {
      trace.start({ name: "conversation" }).end();
      request.end();
    });
    expect(capture.get("conversation").spanContext().traceId).not.toBe(capture.get("request").spanContext().traceId);
    expect(capture.get("conversation").parentSpanContext).toBeUndefined();
  });
});

describe("callback forms", () => {
  it("returns a sync callback's value unchanged and ends the span with it as output", () => {
    const result = trace.tool({ name: "add" }, () => 42);
    expect(result).toBe(42);
    expect(capture.get("tool.add").attributes["gen_ai.tool.call.result"]).toBe("42");
  });

  it("resolves to an async callback's value and ends the span when it settles", async () => {
    const pending = trace.retrieval({ name: "kb" }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { documents: [{ id: "a", score: 1 }] };
    });
    expect(capture.find("retrieval.kb")).toBeUndefined();
    await expect(pending).resolves.toEqual({ documents: [{ id: "a", score: 1 }] });
    expect(capture.get("retrieval.kb").attributes["ai.retrieval.document_count"]).toBe(1);
  });

  it("keeps what the callback recorded when it ends the span itself", async () => {
    await trace.generation({ model: "gpt-4o" }, async (gen) => {
      gen.end({ output: "explicit" });
      return "returned";
    });
    expect(outputText(capture.get("chat gpt-4o").attributes)).toBe("explicit");
  });

  it("records a thrown error with its cause chain and rethrows the very same error", () => {
    const cause = new TypeError("socket closed");
    const error = new RangeError("model unavailable", { cause });
    expect(() =>
      trace.generation({ model: "gpt-4o" }, () => {
        throw error;
      }),
    ).toThrow(error);
    const span = capture.get("chat gpt-4o");
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "model unavailable" });
    expect(span.attributes["error.type"]).toBe("RangeError");
    const [event] = span.events;
    expect(event!.name).toBe("exception");
    expect(event!.attributes).toMatchObject({ "exception.type": "RangeError", "exception.message": "model unavailable" });
    expect(String(event!.attributes!["exception.stacktrace"])).toMatch(/^RangeError: model unavailable[\s\S]*Caused by: TypeError: socket closed/);
  });

  it("records a rejection and rejects with the same value, even a non-Error", async () => {
    const reason = { code: 429 };
    await expect(trace.tool({ name: "flaky" }, async () => Promise.reject(reason))).rejects.toBe(reason);
    const span = capture.get("tool.flaky");
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes["error.type"]).toBe("Object");
  });

  it("accepts every argument shape", () => {
    trace.system("desc only").end();
    trace.system("desc and options", { name: "cache" }).end();
    trace.system({ name: "options-only" }).end();
    trace.system("desc and callback", () => undefined);
    trace.system("all three", { name: "all" }, () => undefined);
    expect(capture.spans.map((s) => s.name)).toEqual(["system.event", "system.cache", "system.options-only", "system.event", "system.all"]);
  });
});

describe("handle lifecycle", () => {
  it("ignores end() and setters after the span ended", () => {
    const tool = trace.tool({ name: "once" });
    tool.end("first");
    tool.end("second");
    tool.setAttribute("late", 1).addEvent("late").recordError(new Error("late"));
    const spans = capture.findAll("tool.once");
    expect(spans).toHaveLength(1);
    expect(spans[0]!.attributes["gen_ai.tool.call.result"]).toBe("first");
    expect(spans[0]!.attributes["late"]).toBeUndefined();
    expect(spans[0]!.events).toEqual([]);
    expect(tool.ended).toBe(true);
  });

  it("ends on Symbol.dispose (a `using` declaration)", () => {
    {
      using span = trace.system({ name: "scoped" });
      span.setAttribute("inside", true);
    }
    expect(capture.get("system.scoped").attributes["inside"]).toBe(true);
  });

  it("gives a ref in traceparent form pointing at the span", () => {
    const agent = trace.agent({ name: "a" });
    const { traceId, spanId } = agent.spanContext();
    expect(agent.ref()).toBe(`00-${traceId}-${spanId}-01`);
    agent.end();
  });

  it("delivers a trace.start() root that was waiting to end when shutdown comes first", async () => {
    const printed: string[] = [];
    await capture.shutdown();
    const { configureTracing } = await import("../../src/index.js");
    const tracing = configureTracing({ exporters: [{ type: "console", write: (t) => printed.push(t) }], logLevel: "none" }, {});
    const t = trace.start({ name: "turn" });
    t.message("hi").end("hello");
    await tracing.shutdown();
    expect(printed.join("")).toMatch(/^trace \w+…  unknown_service:node  2 spans .*\nturn .*\n└─ message /);
    expect(printed.join("")).not.toContain("incomplete");
    capture = captureSpans();
  });
});

describe("span kinds and names", () => {
  it("names and classifies each kind", () => {
    trace.agent({ name: "support" }).end();
    trace.tool({ name: "search" }).end();
    trace.retrieval({ dataSource: "kb" }).end();
    trace.generation({ model: "text-embedding-3-small", operation: "embeddings" }).end();
    trace.generation({ operation: "text_completion" }).end();
    trace.message("hi").end();
    trace.system({ name: "warmup" }).end();
    const kinds = capture.spans.map((s) => [s.name, s.attributes["llmtrace.span.kind"], s.attributes["openinference.span.kind"], s.kind]);
    expect(kinds).toEqual([
      ["agent.support", "agent", "AGENT", SpanKind.INTERNAL],
      ["tool.search", "tool", "TOOL", SpanKind.INTERNAL],
      ["retrieval.kb", "retrieval", "RETRIEVER", SpanKind.INTERNAL],
      ["embeddings text-embedding-3-small", "generation", "EMBEDDING", SpanKind.CLIENT],
      ["text_completion", "generation", "LLM", SpanKind.CLIENT],
      ["message", "message", "CHAIN", SpanKind.INTERNAL],
      ["system.warmup", "system", "CHAIN", SpanKind.INTERNAL],
    ]);
  });
});
