import { trace as otelTrace } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { llm, tool, trace, withContext } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";

let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

describe("trace.current()", () => {
  it("reaches an llmtrace span started elsewhere: attributes, events, errors, tool call id", () => {
    trace.tool({ name: "lookup" }, () => {
      const current = trace.current();
      current.setAttribute("cache.hit", true).setAttributes({ rows: 3 }).addEvent("fetched", { n: 3 });
      current.setToolCallId("call_42");
      current.recordError(new Error("partial failure"));
    });
    const span = capture.get("tool.lookup");
    expect(span.attributes).toMatchObject({ "cache.hit": true, rows: 3, "gen_ai.tool.call.id": "call_42", "error.type": "Error" });
    expect(span.events.map((e) => e.name)).toEqual(["fetched", "exception"]);
    expect(span.status.code).toBe(2);
  });

  it("reaches another instrumentation's span, and gives its ids", () => {
    const tracer = otelTrace.getTracer("someone-else");
    tracer.startActiveSpan("GET /users", (span) => {
      const current = trace.current();
      expect(current.traceId).toBe(span.spanContext().traceId);
      expect(current.spanId).toBe(span.spanContext().spanId);
      current.setAttribute("user.tier", "pro");
      span.end();
    });
    expect(capture.get("GET /users").attributes["user.tier"]).toBe("pro");
  });

  it("redacts what is set through it at export, like every other string", () => {
    trace.task({ name: "t" }, () => trace.current().setAttribute("note", "mail jane.doe@example.com"));
    expect(capture.get("task.t").attributes["note"]).toBe("mail [REDACTED:email]");
  });

  it("is a no-op handle when no span is active, and never throws", () => {
    const none = trace.current();
    expect(none.isRecording).toBe(false);
    expect(none.traceId).toBe("0".repeat(32));
    expect(() => none.setAttribute("x", 1).addEvent("e").recordError(new Error("x")).setToolCallId("c")).not.toThrow();
    expect(capture.spans).toHaveLength(0);
  });
});

describe("trace.workflow / trace.task", () => {
  it("create the same spans as the decorators, in callback and handle form, and nest", async () => {
    const out = await trace.workflow({ name: "answer", input: "q" }, async () => {
      const step = trace.task({ name: "retrieve" });
      step.end(["doc"]);
      return "a";
    });
    expect(out).toBe("a");
    const wf = capture.get("workflow.answer");
    expect(wf.attributes).toMatchObject({ "llmtrace.span.kind": "workflow", "ai.input": "q", "ai.output": "a", "gen_ai.operation.name": "invoke_workflow" });
    expect(capture.parentOf(capture.get("task.retrieve"))).toBe(wf);
  });

  it("are also children of a handle", () => {
    const t = trace.start({ name: "turn" });
    t.workflow({ name: "w" }).end();
    t.end();
    expect(capture.parentOf(capture.get("workflow.w"))?.name).toBe("turn");
  });
});

describe("tool call ids", () => {
  it("are recorded from trace.tool({ toolCallId }) and from a wrapper's toolCallId option", async () => {
    trace.tool({ name: "a", toolCallId: "call_1" }).end();
    const search = tool({ name: "b", toolCallId: (call: { id: string; q: string }) => call.id }, async (call: { id: string; q: string }) => call.q);
    await search({ id: "call_2", q: "x" });
    expect(capture.get("tool.a").attributes["gen_ai.tool.call.id"]).toBe("call_1");
    expect(capture.get("tool.b").attributes["gen_ai.tool.call.id"]).toBe("call_2");
  });

  it("can be set inside the tool, per call", async () => {
    const run = tool({ name: "c" }, async (id: string) => {
      trace.current().setToolCallId(id);
      return "ok";
    });
    await run("call_3");
    expect(capture.get("tool.c").attributes["gen_ai.tool.call.id"]).toBe("call_3");
  });
});

describe("one attribute rule", () => {
  it("an attribute given on the span wins over the withContext value, on llmtrace's and other instrumentations' spans alike", () => {
    withContext({ userId: "from-context", sessionId: "s1" }, () => {
      trace.tool({ name: "own", attributes: { "user.id": "from-span" } }).end();
      otelTrace.getTracer("other").startSpan("foreign", { attributes: { "user.id": "from-span" } }).end();
    });
    for (const name of ["tool.own", "foreign"]) {
      expect(capture.get(name).attributes).toMatchObject({ "user.id": "from-span", "session.id": "s1" });
    }
  });
});

describe("llm", () => {
  it("is trace under a name that does not clash with @opentelemetry/api", () => {
    expect(llm).toBe(trace);
  });
});
