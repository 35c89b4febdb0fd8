import { context, ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { RandomIdGenerator } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, extract, getActiveTracing, type SamplingOptions, TraceIdRatioSampler } from "../../src/index.js";
import { keepsTrace } from "../../src/pipeline/samplers/ratio-sampler.js";
import { captureDiag } from "../helpers/diag-capture.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

function configure(sampling: SamplingOptions) {
  return configureTracing({ exporters: [{ type: "memory" }], sampling, logLevel: "none" }, {});
}

function recordedNames(): string[] {
  return getActiveTracing()!.memoryExporter!.getFinishedSpans().map((span) => span.name);
}

describe("ratio sampling", () => {
  it("keeps a share of 10,000 traces within 5 standard deviations of the rate", () => {
    const tracing = configure({ rate: 0.25 });
    const tracer = trace.getTracer("test");
    const traces = 10_000;
    for (let i = 0; i < traces; i++) tracer.startSpan("root").end();
    const kept = tracing.memoryExporter!.getFinishedSpans().length;
    const sd = Math.sqrt(traces * 0.25 * 0.75);
    expect(Math.abs(kept - traces * 0.25)).toBeLessThan(5 * sd);
  });

  it("never cuts a trace in half: every span of a kept trace is kept, none of a dropped one", () => {
    const tracing = configure({ rate: 0.5 });
    const tracer = trace.getTracer("test");
    for (let i = 0; i < 2000; i++) {
      tracer.startActiveSpan("root", (root) => {
        tracer.startActiveSpan("child", (child) => {
          tracer.startSpan("grandchild").end();
          child.end();
        });
        root.end();
      });
    }
    const perTrace = new Map<string, number>();
    for (const span of tracing.memoryExporter!.getFinishedSpans()) {
      const id = span.spanContext().traceId;
      perTrace.set(id, (perTrace.get(id) ?? 0) + 1);
    }
    expect(perTrace.size).toBeGreaterThan(800);
    expect(perTrace.size).toBeLessThan(1200);
    expect([...perTrace.values()].every((count) => count === 3)).toBe(true);
  });

  it("decides from the trace id alone, so separate processes agree", () => {
    const ids = new RandomIdGenerator();
    const inProcessA = new TraceIdRatioSampler(0.3);
    const inProcessB = new TraceIdRatioSampler(0.3);
    for (let i = 0; i < 1000; i++) {
      const traceId = ids.generateTraceId();
      expect(inProcessB.shouldSample(ROOT_CONTEXT, traceId).decision).toBe(inProcessA.shouldSample(ROOT_CONTEXT, traceId).decision);
    }
  });

  it("reads the low 56 bits of the trace id as the random value, as the OTel spec does", () => {
    expect(keepsTrace("ffffffffffffffffff00000000000000", 0.000001)).toBe(true);
    expect(keepsTrace("00000000000000000fffffffffffffff", 0.999999)).toBe(false);
    expect(keepsTrace("000000000000000000" + "80000000000000", 0.5)).toBe(false);
    expect(keepsTrace("000000000000000000" + "7fffffffffffff", 0.5)).toBe(true);
    expect(keepsTrace("not-a-trace-id", 0.5)).toBe(false);
  });

  it("follows a remote parent's sampled flag over its own rate", async () => {
    configure({ rate: 0 });
    const sampled = extract({ traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" }, ROOT_CONTEXT);
    context.with(sampled, () => trace.getTracer("test").startSpan("remote-sampled").end());
    context.with(ROOT_CONTEXT, () => trace.getTracer("test").startSpan("root-at-rate-0").end());
    expect(recordedNames()).toEqual(["remote-sampled"]);

    await reconfigure({ rate: 1 });
    const notSampled = extract({ traceparent: "00-0af7651916cd43dd8448eb211c80319d-b7ad6b7169203331-00" }, ROOT_CONTEXT);
    context.with(notSampled, () => trace.getTracer("test").startSpan("remote-not-sampled").end());
    context.with(ROOT_CONTEXT, () => trace.getTracer("test").startSpan("root-at-rate-1").end());
    expect(recordedNames()).toEqual(["root-at-rate-1"]);
  });
});

async function reconfigure(sampling: SamplingOptions) {
  await getActiveTracing()?.shutdown();
  return configure(sampling);
}

describe("rule sampling", () => {
  it("uses the first rule whose name glob matches, and the rate for the rest", () => {
    configure({ rules: [{ name: "chat *", rate: 1 }, { name: "tool.*", rate: 0 }], rate: 0 });
    const tracer = trace.getTracer("test");
    for (const name of ["chat gpt-4o", "tool.search", "workflow.answer", "chat claude"]) tracer.startSpan(name).end();
    expect(recordedNames()).toEqual(["chat gpt-4o", "chat claude"]);
  });

  it("matches attributes given at span start", async () => {
    await reconfigure({ rules: [{ attributes: { "gen_ai.request.model": "gpt-4o", tier: "pro" }, rate: 1 }], rate: 0 });
    const tracer = trace.getTracer("test");
    tracer.startSpan("a", { attributes: { "gen_ai.request.model": "gpt-4o", tier: "pro" } }).end();
    tracer.startSpan("b", { attributes: { "gen_ai.request.model": "gpt-4o", tier: "free" } }).end();
    tracer.startSpan("c", { attributes: { "gen_ai.request.model": "gpt-4o-mini" } }).end();
    expect(recordedNames()).toEqual(["a"]);
  });
});

describe("function sampling", () => {
  it("passes span name, trace id and attributes, and applies to roots only by default", () => {
    const calls: [string, string, unknown][] = [];
    configure({
      sampler: (name, _ctx, traceId, attributes) => {
        calls.push([name, traceId, attributes["user.tier"]]);
        return attributes["user.tier"] === "pro";
      },
    });
    const tracer = trace.getTracer("test");
    tracer.startActiveSpan("pro-turn", { attributes: { "user.tier": "pro" } }, (span) => {
      tracer.startSpan("child").end();
      span.end();
    });
    tracer.startSpan("free-turn", { attributes: { "user.tier": "free" } }).end();
    expect(recordedNames()).toEqual(["child", "pro-turn"]);
    expect(calls.map(([name, , tier]) => [name, tier])).toEqual([
      ["pro-turn", "pro"],
      ["free-turn", "free"],
    ]);
    expect(calls[0]![1]).toMatch(/^[0-9a-f]{32}$/);
  });

  it("keeps traces and warns once when the function throws", () => {
    const diagnostics = captureDiag();
    try {
      configure({
        sampler: () => {
          throw new Error("boom");
        },
      });
      const tracer = trace.getTracer("test");
      tracer.startSpan("one").end();
      tracer.startSpan("two").end();
      expect(recordedNames()).toEqual(["one", "two"]);
      expect(diagnostics.warnings.filter((w) => w.includes("sampling function threw"))).toHaveLength(1);
    } finally {
      diagnostics.restore();
    }
  });
});

describe("fixed decisions", () => {
  it("always_off records nothing and always_on everything", async () => {
    configure({ sampler: "always_off" });
    trace.getTracer("test").startSpan("dropped").end();
    expect(recordedNames()).toEqual([]);
    await reconfigure({ sampler: "always_on" });
    trace.getTracer("test").startSpan("kept").end();
    expect(recordedNames()).toEqual(["kept"]);
  });

  it("accepts any OpenTelemetry Sampler", () => {
    configure({ sampler: new TraceIdRatioSampler(0) });
    trace.getTracer("test").startSpan("dropped").end();
    expect(recordedNames()).toEqual([]);
  });
});
