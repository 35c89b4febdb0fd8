// Tail sampling through configureTracing() with the memory exporter: whole traces kept for an
// error, slowness, cost or a priority rule anywhere in them, the rest by rate; bounds that decide
// early and count it; the head sampler seeing withContext values. Slow traces are made with the
// OpenTelemetry API's explicit start and end times, so no test waits for real.
import { context, type Span, SpanStatusCode, trace as otelTrace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { configureTracing, type TracingOptions, trace, withContext } from "../../src/index.js";
import { problemsOf } from "../helpers/config-problems.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";

useDiagAndTracing();

function tailTracing(sampling: NonNullable<TracingOptions["sampling"]>) {
  return configureTracing({ exporters: [{ type: "memory" }], sampling, logLevel: "none" }, {});
}

const tracer = () => otelTrace.getTracer("app");

/** A root with two children; `shape` decides what makes it special. Returns its trace id. */
function makeTrace(shape: "ordinary" | "error" | "slow" | "exception", name = "handle_request"): string {
  const start = Date.now();
  const root = tracer().startSpan(name, { startTime: start });
  const ctx = otelTrace.setSpan(context.active(), root);
  const child = (childName: string, f?: (span: Span) => void) => {
    const span = tracer().startSpan(childName, { startTime: start + 1 }, ctx);
    f?.(span);
    span.end(start + 2);
  };
  child("load_user");
  child("call_tool", (span) => {
    if (shape === "error") span.setStatus({ code: SpanStatusCode.ERROR, message: "tool failed" });
    if (shape === "exception") span.recordException(new Error("boom"));
  });
  root.end(start + (shape === "slow" ? 1500 : 20));
  return root.spanContext().traceId;
}

function exportedTraces(tracing: ReturnType<typeof tailTracing>): Map<string, number> {
  const byTrace = new Map<string, number>();
  for (const span of tracing.memoryExporter!.getFinishedSpans()) byTrace.set(span.spanContext().traceId, (byTrace.get(span.spanContext().traceId) ?? 0) + 1);
  return byTrace;
}

describe("tail sampling", () => {
  it("at rate 0 keeps every trace with an error or exception anywhere, every slow trace and every costly one, whole, and none of the others", async () => {
    const tracing = tailTracing({ rate: 0, keep: { errors: true, slowerThanMillis: 1000, costAbove: 0.01 } });
    const expected = new Set<string>();
    const others = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const shape = (["ordinary", "error", "slow", "exception", "ordinary"] as const)[i % 5]!;
      (shape === "ordinary" ? others : expected).add(makeTrace(shape));
    }
    // Costly: 10,000 gpt-4o input tokens cost $0.025; a cheap one $0.000025.
    for (const inputTokens of [10_000, 10]) {
      let traceId = "";
      await trace.agent({ name: "support" }, async (agent) => {
        traceId = agent.span.spanContext().traceId;
        await trace.generation({ model: "gpt-4o", provider: "openai", input: "q" }, async (g) => g.end({ output: "a", usage: { inputTokens, outputTokens: 1 } }));
      });
      (inputTokens > 100 ? expected : others).add(traceId);
    }
    const exported = exportedTraces(tracing);
    expect(new Set(exported.keys())).toEqual(expected);
    for (const [traceId, spans] of exported) expect(spans, traceId).toBe(traceId === [...expected].at(-1) ? 2 : 3);
    // Per five traces: two ordinary, one error status, one slow, one exception event.
    expect(tracing.stats().sampling).toMatchObject({ tracesKept: 31, tracesDropped: 21, keptBy: { error: 20, slow: 10, cost: 1 }, droppedBy: { rate: 21 } });
  });

  it("keeps the fraction `rate` of ordinary traces (10,000 traces, within 5σ), decided by trace id", () => {
    // Trace ids come from the SDK's random generator; at n = 10,000 and p = 0.1, 5σ is 0.015.
    const tracing = tailTracing({ rate: 0.1, keep: { errors: true } });
    for (let i = 0; i < 10_000; i++) tracer().startSpan("ping").end();
    const kept = tracing.stats().sampling!.tracesKept / 10_000;
    expect(Math.abs(kept - 0.1)).toBeLessThan(5 * Math.sqrt((0.1 * 0.9) / 10_000));
    expect(tracing.memoryExporter!.getFinishedSpans().length).toBe(tracing.stats().sampling!.tracesKept);
  });

  it("a priority operation anywhere keeps the trace; a low-priority root gets its own low rate", () => {
    const tracing = tailTracing({ rate: 1, keep: {}, rules: [{ name: "refund_*", rate: 1 }, { name: "health_check", rate: 0 }] });
    makeTrace("ordinary", "health_check");
    const ordinary = makeTrace("ordinary");
    const priority = tracer().startSpan("health_check");
    tracer().startSpan("refund_payment", {}, otelTrace.setSpan(context.active(), priority)).end();
    priority.end();
    const exported = exportedTraces(tracing);
    expect([...exported.keys()].sort()).toEqual([ordinary, priority.spanContext().traceId].sort());
    expect(tracing.stats().sampling).toMatchObject({ keptBy: { rule: 1, rate: 1 }, droppedBy: { rule: 1 } });
  });

  it("at rate 0 drops priority-less traces but keeps a rule-matched one anywhere in the trace", () => {
    const tracing = tailTracing({ rate: 0, keep: {}, rules: [{ attributes: { "payment.kind": "refund" }, rate: 1 }] });
    makeTrace("ordinary");
    const root = tracer().startSpan("checkout");
    tracer().startSpan("charge", { attributes: { "payment.kind": "refund" } }, otelTrace.setSpan(context.active(), root)).end();
    root.end();
    expect([...exportedTraces(tracing).keys()]).toEqual([root.spanContext().traceId]);
  });

  it("lets a decide function choose, seeing the trace's spans, duration, cost, tokens and errors", () => {
    const seen: { spans: number; hasError: boolean; durationMillis: number }[] = [];
    const tracing = tailTracing({
      rate: 1,
      decide: (finished) => {
        seen.push({ spans: finished.spans.length, hasError: finished.hasError, durationMillis: finished.durationMillis });
        return finished.root?.name === "keep_me" ? true : finished.hasError ? undefined : false;
      },
      keep: { errors: true },
    });
    makeTrace("ordinary", "keep_me");
    makeTrace("ordinary", "other");
    makeTrace("slow", "other");
    expect(seen).toEqual([
      { spans: 3, hasError: false, durationMillis: 20 },
      { spans: 3, hasError: false, durationMillis: 20 },
      { spans: 3, hasError: false, durationMillis: 1500 },
    ]);
    expect(tracing.stats().sampling).toMatchObject({ tracesKept: 1, keptBy: { decide: 1 }, droppedBy: { decide: 2 } });
  });

  it("keeps what a caller in another process kept: a root whose remote parent is sampled", () => {
    const tracing = tailTracing({ rate: 0, keep: { errors: true } });
    const remote = otelTrace.setSpanContext(context.active(), { traceId: "4bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", traceFlags: 1, isRemote: true });
    tracer().startSpan("GET /orders", {}, remote).end();
    const unsampled = otelTrace.setSpanContext(context.active(), { traceId: "5bf92f3577b34da6a3ce929d0e0e4736", spanId: "00f067aa0ba902b7", traceFlags: 0, isRemote: true });
    tracer().startSpan("GET /orders", {}, unsampled).end();
    expect([...exportedTraces(tracing).keys()]).toEqual(["4bf92f3577b34da6a3ce929d0e0e4736"]);
    expect(tracing.stats().sampling!.keptBy).toEqual({ parent: 1 });
  });

  it("holds at most maxTraces open traces: 100,000 traces whose roots never end stay within the bound, decided early and counted", () => {
    const tracing = tailTracing({ rate: 0, keep: { errors: true }, limits: { maxTraces: 1000 } });
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100_000; i++) {
      const root = tracer().startSpan("never_ends");
      tracer().startSpan("child", {}, otelTrace.setSpan(context.active(), root)).end();
    }
    const stats = tracing.stats().sampling!;
    expect(stats.tracesHeld).toBe(1000);
    expect(stats.spansHeld).toBe(1000);
    expect(stats.decidedEarly).toEqual({ trace_limit: 99_000 });
    expect(stats.tracesDropped).toBe(99_000);
    // A loose bound: 100,000 unbounded traces would hold ~100,000 spans (hundreds of MB).
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(150 * 1024 * 1024);
  });

  it("decides a trace whose root never ends at the maximum wait; its later spans follow the decision", async () => {
    const tracing = tailTracing({ rate: 1, keep: {}, limits: { maxWaitMillis: 50 } });
    const root = tracer().startSpan("long_agent_run");
    const ctx = otelTrace.setSpan(context.active(), root);
    tracer().startSpan("step_1", {}, ctx).end();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(tracing.stats().sampling!.decidedEarly).toEqual({ max_wait: 1 });
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["step_1"]);
    tracer().startSpan("step_2", {}, ctx).end();
    root.end();
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["step_1", "step_2", "long_agent_run"]);
  });

  it("a trace past maxSpansPerTrace is decided early; a flush leaves in-flight traces held, shutdown ends their roots (interrupted) and so decides them", async () => {
    const tracing = tailTracing({ rate: 1, keep: {}, limits: { maxSpansPerTrace: 5 } });
    const root = tracer().startSpan("batch");
    const ctx = otelTrace.setSpan(context.active(), root);
    for (let i = 0; i < 7; i++) tracer().startSpan(`item ${i}`, {}, ctx).end();
    expect(tracing.stats().sampling!.decidedEarly).toEqual({ span_limit: 1 });
    expect(tracing.memoryExporter!.getFinishedSpans()).toHaveLength(7);
    const other = tracer().startSpan("open");
    tracer().startSpan("done", {}, otelTrace.setSpan(context.active(), other)).end();
    await tracing.forceFlush();
    expect(tracing.stats().sampling!.tracesHeld).toBe(1);
    await tracing.shutdown();
    // The roots still open are ended as interrupted: the held trace is decided by its root's end, whole.
    expect(tracing.stats().sampling!.decidedEarly).toEqual({ span_limit: 1 });
    const exported = tracing.memoryExporter!.getFinishedSpans();
    expect(exported.map((s) => s.name)).toEqual(expect.arrayContaining(["done", "open", "batch"]));
    expect(exported.find((s) => s.name === "open")?.attributes["llmtrace.interrupted"]).toBe("shutdown");
  });

  it("a flush (flushAfter in a server) does not decide another request's trace before its error is known", async () => {
    const tracing = tailTracing({ rate: 0, keep: { errors: true } });
    const inFlight = tracer().startSpan("POST /chat");
    const ctx = otelTrace.setSpan(context.active(), inFlight);
    tracer().startSpan("retrieve", {}, ctx).end();
    await tracing.forceFlush(); // another request's flushAfter()
    const failing = tracer().startSpan("call_model", {}, ctx);
    failing.setStatus({ code: SpanStatusCode.ERROR });
    failing.end();
    inFlight.end();
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["retrieve", "call_model", "POST /chat"]);
    expect(tracing.stats().sampling!.keptBy).toEqual({ error: 1 });
  });

  it("holds at most maxHeldSpans spans across traces: the oldest trace is decided first", () => {
    const tracing = tailTracing({ rate: 1, keep: {}, limits: { maxHeldSpans: 50 } });
    for (let t = 0; t < 20; t++) {
      const root = tracer().startSpan(`job ${t}`);
      for (let i = 0; i < 5; i++) tracer().startSpan("step", {}, otelTrace.setSpan(context.active(), root)).end();
    }
    const stats = tracing.stats().sampling!;
    expect(stats.spansHeld).toBeLessThanOrEqual(50);
    expect(stats.decidedEarly.held_limit).toBe(10);
  });

  it("marks its roots deferred in tracestate; a called service that tail-samples decides its part itself", () => {
    const tracing = tailTracing({ rate: 0, keep: { errors: true } });
    const root = tracer().startSpan("client");
    expect(root.spanContext().traceState?.get("llmtrace")).toBe("tail");
    root.end();
    const remote = (traceId: string, deferred: boolean) =>
      otelTrace.setSpanContext(context.active(), {
        traceId,
        spanId: "00f067aa0ba902b7",
        traceFlags: 1,
        isRemote: true,
        ...(deferred && { traceState: root.spanContext().traceState! }),
      });
    tracer().startSpan("GET /deferred", {}, remote("1bf92f3577b34da6a3ce929d0e0e4736", true)).end();
    tracer().startSpan("GET /decided", {}, remote("2bf92f3577b34da6a3ce929d0e0e4736", false)).end();
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["GET /decided"]);
    expect(tracing.stats().sampling).toMatchObject({ keptBy: { parent: 1 }, droppedBy: { rate: 2 } });
  });

  it("rules: a low-rate rule lowers the trace only where it matched the root; metadata keys match by their own names", async () => {
    const tracing = tailTracing({ rate: 1, keep: {}, rules: [{ name: "task.health_check", rate: 0 }, { attributes: { "user.tier": "free" }, rate: 0 }] });
    await trace.agent({ name: "support" }, async () => trace.task({ name: "health_check" }, async () => undefined));
    await trace.task({ name: "health_check" }, async () => undefined);
    await withContext({ metadata: { "user.tier": "free" } }, () => trace.agent({ name: "free_user" }, async () => undefined));
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name).sort()).toEqual(["agent.support", "task.health_check"]);
    expect(tracing.stats().sampling).toMatchObject({ keptBy: { rule: 1 }, droppedBy: { rule: 2 } });
  });

  it("a decide that answers neither true, false nor undefined is said once and left to the rules; a limits option without tail sampling is an error", async () => {
    const { captureDiag } = await import("../helpers/diag-capture.js");
    const diag = captureDiag();
    try {
      const tracing = tailTracing({ rate: 1, decide: (() => Promise.resolve(false)) as never });
      makeTrace("ordinary");
      makeTrace("ordinary");
      expect(tracing.stats().sampling!.keptBy).toEqual({ rate: 2 });
      expect(diag.warnings.filter((w) => w.includes("returned a promise"))).toHaveLength(1);
    } finally {
      diag.restore();
    }
    expect(problemsOf({ sampling: { rate: 0.1, limits: { maxTraces: 10 } } }).problems[0]).toMatchObject({ path: "sampling.limits" });
  });

  it("head samplers see the withContext values: a function sampler and rules read metadata and ids", () => {
    const seen: unknown[] = [];
    const tracing = configureTracing(
      {
        exporters: [{ type: "memory" }],
        sampling: { sampler: (_name, _ctx, _id, attributes) => (seen.push(attributes), attributes["user.tier"] !== "free") },
        logLevel: "none",
      },
      {},
    );
    withContext({ userId: "u-1", metadata: { "user.tier": "free" } }, () => tracer().startSpan("GET /chat").end());
    withContext({ userId: "u-2", metadata: { "user.tier": "pro" } }, () => tracer().startSpan("GET /chat").end());
    expect(seen[0]).toMatchObject({ "user.tier": "free", "user.id": "u-1", "ai.metadata.user.tier": "free" });
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.attributes["user.id"])).toEqual(["u-2"]);
  });

  it("head-only configurations have no tail step; a head sampler and keep together are a configuration error", () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], sampling: { rate: 0.5 }, logLevel: "none" }, {});
    expect(tracing.stats().sampling).toBeUndefined();
    expect(tracing.config.tailSampling).toBeUndefined();
    const error = problemsOf({ sampling: { sampler: "always_on", keep: { errors: true } } });
    expect(error.problems[0]).toMatchObject({ path: "sampling.sampler", fix: expect.stringContaining("remove sampler") });
  });
});
