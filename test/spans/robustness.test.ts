import { trace as otelTrace } from "@opentelemetry/api";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing, MemorySpanExporter, trace, withContext } from "../../src/index.js";
import { SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import { captureDiag } from "../helpers/diag-capture.js";

let capture: SpanCapture | undefined;
afterEach(async () => {
  await capture?.shutdown();
  capture = undefined;
  await getActiveTracing()?.shutdown();
});

const hostile = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error("hostile getter");
      },
    },
  );

describe("bad input never reaches the caller as an exception", () => {
  let diagnostics: ReturnType<typeof captureDiag>;
  beforeEach(() => {
    diagnostics = captureDiag();
  });
  afterEach(() => {
    diagnostics.restore();
  });

  it("accepts any arguments to any builder", () => {
    capture = captureSpans({ logLevel: "none" });
    const calls: (() => unknown)[] = [
      () => (trace.tool as (...a: unknown[]) => unknown)(null),
      () => (trace.generation as (...a: unknown[]) => unknown)(123, Symbol("s"), [1, 2]),
      () => (trace.message as (...a: unknown[]) => unknown)(undefined, undefined),
      () => trace.agent(hostile() as never),
      () => trace.retrieval({ topK: "three" as never, dataSource: 5 as never }),
      () => trace.generation({ model: "m", input: hostile() }),
      () => trace.start(hostile() as never),
      () => trace.feedback(hostile() as never),
      () => trace.feedback(undefined as never),
    ];
    for (const call of calls) {
      const handle = call() as { end?: (r?: unknown) => void } | undefined;
      expect(() => handle?.end?.(hostile())).not.toThrow();
    }
    for (const span of capture.spans) expect(span.ended).toBe(true);
    // Hostile content costs the content, not the span.
    expect(capture.get("chat m").attributes["gen_ai.request.model"]).toBe("m");
    expect(diagnostics.warnings).toContain('llmtrace: could not record the prompt of span "chat m": Error: hostile getter');
    // Options that throw when read cost the options, not the span.
    expect(diagnostics.warnings).toContain("llmtrace: trace.start() could not read its options, so the trace is recorded without them: Error: hostile getter");
    expect(diagnostics.warnings).toContain("llmtrace: agent() could not read its options, so the span is recorded without them: Error: hostile getter");
    expect(capture.spans.map((s) => s.name)).toEqual(expect.arrayContaining(["trace", "agent.agent"]));
  });

  it("survives options that throw something that cannot even be printed", () => {
    capture = captureSpans({ logLevel: "none" });
    const unprintable = new Proxy({}, { get: () => { throw new Error("no"); } });
    const options = Object.defineProperty({}, "name", { enumerable: true, get: () => { throw unprintable; } });
    expect(() => trace.tool(options as never)?.end()).not.toThrow();
    expect(() => trace.start(options as never).end()).not.toThrow();
    expect(() => trace.feedback(options as never)).not.toThrow();
    expect(capture.spans.map((s) => s.name)).toEqual(expect.arrayContaining(["tool.tool", "trace", "feedback"]));
  });

  it("survives hostile results at end()", () => {
    capture = captureSpans({ logLevel: "none" });
    const gen = trace.generation({ model: "m" });
    expect(() => gen.end({ usage: hostile() as never, output: hostile(), finishReasons: hostile() as never, cost: Number.NaN })).not.toThrow();
    const retrieval = trace.retrieval({ name: "r" });
    expect(() => retrieval.end({ documents: [hostile(), null, 5] as never })).not.toThrow();
    expect(capture.spans.map((s) => s.name)).toEqual(["chat m", "retrieval.r"]);
  });

  it("does not make a callback's error ours: the caller sees exactly its own error", () => {
    capture = captureSpans();
    class DomainError extends Error {}
    const thrown = new DomainError("domain");
    let caught: unknown;
    try {
      trace.agent({ name: "a" }, () => {
        throw thrown;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBe(thrown);
  });
});

describe("when nothing is recorded", () => {
  it("runs callbacks and returns their values with tracing disabled, recording nothing", async () => {
    const tracing = configureTracing({ enabled: false, exporters: [{ type: "memory" }] }, {});
    const result = await trace.agent({ name: "a" }, async (agent) => {
      agent.tool({ name: "t" }).end("x");
      return trace.generation({ model: "m" }, () => "answer");
    });
    expect(result).toBe("answer");
    expect(otelTrace.getTracer("x").startSpan("y").isRecording()).toBe(false);
    await tracing.shutdown();
  });

  it("runs callbacks normally for sampled-out traces", () => {
    capture = captureSpans({ sampling: { sampler: "always_off" } });
    expect(trace.tool({ name: "t" }, () => 5)).toBe(5);
    expect(capture.spans).toEqual([]);
  });
});

describe("content capture", () => {
  it("keeps metadata but no content when capture is off", () => {
    capture = captureSpans({ content: { capture: false } });
    trace.generation({ model: "gpt-4o", provider: "openai", input: "secret prompt" }).end({ output: "secret answer", usage: { inputTokens: 10, outputTokens: 5 } });
    trace.tool({ name: "t", args: { q: "secret" } }).end("secret result");
    const gen = capture.get("chat gpt-4o").attributes;
    expect(gen).toMatchObject({ "ai.prompt_tokens": 10, "ai.completion_tokens": 5, "gen_ai.request.model": "gpt-4o" });
    expect(typeof gen["ai.cost"]).toBe("number");
    const everything = JSON.stringify(capture.spans.map((s) => s.attributes));
    expect(everything).not.toContain("secret");
  });

  it("cuts content over the size limit, visibly, and marks the span", () => {
    capture = captureSpans({ content: { maxLength: 50 } });
    trace.tool({ name: "t" }).end("y".repeat(80));
    const span = capture.get("tool.t");
    expect(span.attributes["gen_ai.tool.call.result"]).toBe(`${"y".repeat(50)}…[truncated 30 chars]`);
    expect(span.attributes["ai.content.truncated"]).toBe(true);
  });

  it("reads the capture switch and the size limit from the environment", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, { LLMTRACE_CAPTURE_CONTENT: "false" });
    trace.tool({ name: "t", args: "hidden" }).end("hidden");
    expect(JSON.stringify(tracing.memoryExporter!.getFinishedSpans()[0]!.attributes)).not.toContain("hidden");
    await tracing.shutdown();
    const limited = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, { LLMTRACE_MAX_CONTENT_LENGTH: "3" });
    trace.tool({ name: "t" }).end("abcdef");
    expect(limited.memoryExporter!.getFinishedSpans()[0]!.attributes["gen_ai.tool.call.result"]).toBe("abc…[truncated 3 chars]");
  });
});

describe("on an application's own provider", () => {
  it("works without configureTracing, with the default conventions", async () => {
    const exporter = new MemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    provider.register();
    try {
      await withContext({ conversationId: "conv_own" }, () => trace.agent({ name: "own" }, async (agent) => agent.generation({ model: "gpt-4o", provider: "openai" }).end({ usage: { inputTokens: 1, outputTokens: 1 } })));
      const names = exporter.getFinishedSpans().map((s) => [s.name, s.attributes["conversation.id"], s.instrumentationScope.name]);
      expect(names).toEqual([
        ["chat gpt-4o", "conv_own", "llmtrace"],
        ["agent.own", "conv_own", "llmtrace"],
      ]);
    } finally {
      await provider.shutdown();
      otelTrace.disable();
      const { context, propagation } = await import("@opentelemetry/api");
      context.disable();
      propagation.disable();
    }
  });
});

describe("llmtrace/testing helpers", () => {
  it("finds spans by kind and asserts attributes with a readable difference", () => {
    capture = captureSpans();
    trace.agent({ name: "a" }, (agent) => agent.tool({ name: "t" }).end("ok"));
    expect(capture.byKind("tool").map((s) => s.name)).toEqual(["tool.t"]);
    expect(capture.get({ kind: "agent" }).name).toBe("agent.a");
    expect(capture.expectAttributes({ kind: "tool", name: "tool.t" }, { "gen_ai.tool.name": "t" }).name).toBe("tool.t");
    expect(() => capture!.expectAttributes("tool.t", { "gen_ai.tool.name": "other", missing: 1 })).toThrow(
      'span "tool.t" attributes differ:\n  gen_ai.tool.name: expected "other", got "t"\n  missing: expected 1, got undefined',
    );
    expect(capture.tree()).toMatch(/agent\.a .*\n└─ tool\.t /);
  });
});
