// Metrics recorded from spans as they end, through a real MeterProvider and the memory exporter:
// each instrument's values for a known workload, one count per model call, foreign GenAI spans,
// bounded dimensions and the cardinality limit, flush and stats.
import { trace as otelTrace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { DURATION_BUCKETS, TOKEN_BUCKETS } from "../../src/conventions/metric-names.js";
import { configureTracing, trace, withContext } from "../../src/index.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";
import { memoryPoints, pointsOf, recordings, total } from "../helpers/metric-points.js";

const diag = useDiagAndTracing();

function withMemoryMetrics(extra: Record<string, unknown> = {}) {
  return configureTracing({ exporters: [{ type: "memory" }], metrics: { exporters: [{ type: "memory" }], ...extra }, logLevel: "none" }, {});
}

/** A small agent turn: two OpenAI calls (one with cached and reasoning tokens), a failed Anthropic call, a tool and a failing tool. */
async function knownWorkload(): Promise<void> {
  await trace.agent({ name: "support" }, async () => {
    await trace.generation({ model: "gpt-4o", provider: "openai", input: "Where is order 4411?" }, async (g) => {
      g.end({ output: "Shipped.", usage: { inputTokens: 1200, outputTokens: 80, cacheReadTokens: 1000, reasoningTokens: 30 } });
    });
    await trace.tool({ name: "lookup_order", args: { id: 4411 } }, async (t) => t.end({ result: { status: "shipped" } }));
    await trace.tool({ name: "refund" }, async () => {
      throw new TypeError("refund service down");
    }).catch(() => undefined);
    await trace.generation({ model: "gpt-4o", provider: "openai", input: "Summarize." }, async (g) => {
      g.end({ output: "Done.", usage: { inputTokens: 300, outputTokens: 20 } });
    });
    await trace.generation({ model: "claude-sonnet-4-5", provider: "anthropic", input: "x" }, async () => {
      throw new RangeError("rate limited");
    }).catch(() => undefined);
  });
}

describe("metrics from spans", () => {
  it("records tokens per type, requests, cost equal to the spans' cost, and operation durations for a known workload", async () => {
    const tracing = withMemoryMetrics();
    await knownWorkload();
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    const openai = { "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o" };

    expect(total(points, "gen_ai.client.token.usage", { ...openai, "gen_ai.token.type": "input" })).toBe(1500);
    expect(total(points, "gen_ai.client.token.usage", { ...openai, "gen_ai.token.type": "output" })).toBe(100);
    expect(recordings(points, "gen_ai.client.token.usage", { ...openai, "gen_ai.token.type": "input" })).toBe(2);
    expect(total(points, "llmtrace.llm.tokens", { ...openai, "gen_ai.token.type": "input" })).toBe(1500);
    expect(total(points, "llmtrace.llm.tokens", { ...openai, "gen_ai.token.type": "cache_read" })).toBe(1000);
    expect(total(points, "llmtrace.llm.tokens", { ...openai, "gen_ai.token.type": "reasoning" })).toBe(30);
    expect(total(points, "llmtrace.llm.requests", openai)).toBe(2);
    expect(total(points, "llmtrace.llm.requests", { "gen_ai.provider.name": "anthropic", "error.type": "RangeError" })).toBe(1);
    expect(recordings(points, "gen_ai.client.operation.duration")).toBe(3);
    expect(recordings(points, "gen_ai.client.operation.duration", { "error.type": "RangeError" })).toBe(1);

    // Cost: the same figure as the sum of the generation spans' ai.cost.
    const spanCost = tracing.memoryExporter!.getFinishedSpans().reduce((sum, span) => sum + Number(span.attributes["ai.cost"] ?? 0), 0);
    expect(spanCost).toBeGreaterThan(0);
    expect(total(points, "llmtrace.llm.cost")).toBeCloseTo(spanCost, 9);

    // Tools and the agent: durations by kind and name, errors counted.
    expect(recordings(points, "llmtrace.operation.duration", { "llmtrace.span.kind": "tool", "llmtrace.span.name": "tool.lookup_order" })).toBe(1);
    expect(recordings(points, "llmtrace.operation.duration", { "llmtrace.span.kind": "agent" })).toBe(1);
    expect(total(points, "llmtrace.operation.errors", { "llmtrace.span.name": "tool.refund", "error.type": "TypeError" })).toBe(1);
    expect(pointsOf(points, "llmtrace.operation.errors", { "llmtrace.span.name": "tool.lookup_order" })).toEqual([]);
  });

  it("records the same figures whatever conventions the spans are written in", async () => {
    const figures: unknown[] = [];
    for (const conventions of [["ai", "gen_ai"], ["langfuse"], ["traceloop"], ["openinference"]] as const) {
      const tracing = configureTracing({ exporters: [{ type: "memory" }], conventions: [...conventions], metrics: { exporters: [{ type: "memory" }] }, logLevel: "none" }, {});
      await trace.generation({ model: "gpt-4o", provider: "openai", input: "q", stream: true }, async (g) => {
        g.chunk("a");
        g.chunk("b");
        g.end({ usage: { inputTokens: 1000, outputTokens: 100, cacheReadTokens: 500 } });
      });
      await tracing.shutdown();
      const points = memoryPoints(tracing.memoryMetricExporter);
      figures.push({
        input: total(points, "llmtrace.llm.tokens", { "gen_ai.token.type": "input" }),
        cacheRead: total(points, "llmtrace.llm.tokens", { "gen_ai.token.type": "cache_read" }),
        cost: total(points, "llmtrace.llm.cost").toFixed(9),
        firstChunk: recordings(points, "gen_ai.client.operation.time_to_first_chunk"),
        perChunk: recordings(points, "gen_ai.client.operation.time_per_output_chunk"),
      });
    }
    expect(figures[0]).toEqual({ input: 1000, cacheRead: 500, cost: expect.any(String), firstChunk: 1, perChunk: 1 });
    expect(new Set(figures.map((f) => JSON.stringify(f))).size).toBe(1);
  });

  it("uses the GenAI conventions' bucket boundaries and units", async () => {
    const tracing = withMemoryMetrics();
    await knownWorkload();
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    const [tokens] = pointsOf(points, "gen_ai.client.token.usage");
    const [duration] = pointsOf(points, "gen_ai.client.operation.duration");
    expect(tokens!.explicitBounds).toEqual(TOKEN_BUCKETS);
    expect(tokens!.unit).toBe("{token}");
    expect(duration!.explicitBounds).toEqual(DURATION_BUCKETS);
    expect(duration!.unit).toBe("s");
    expect(pointsOf(points, "llmtrace.llm.cost")[0]!.unit).toBe("{USD}");
  });

  it("records time to first chunk and time per output chunk for a streamed call", async () => {
    const tracing = withMemoryMetrics();
    await trace.generation({ model: "gpt-4o", provider: "openai", input: "count" }, async (g) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      for (const word of ["one ", "two ", "three"]) {
        g.chunk(word);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      g.end({ usage: { inputTokens: 5, outputTokens: 3 } });
    });
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    const [first] = pointsOf(points, "gen_ai.client.operation.time_to_first_chunk");
    expect(first!.count).toBe(1);
    expect(first!.sum).toBeGreaterThanOrEqual(0.015);
    const [perChunk] = pointsOf(points, "gen_ai.client.operation.time_per_output_chunk");
    expect(perChunk!.count).toBe(1);
    expect(perChunk!.sum).toBeGreaterThan(0.005);
  });

  it("counts one request when a provider SDK's own span nests under an llmtrace generation", async () => {
    const tracing = withMemoryMetrics();
    const sdk = otelTrace.getTracer("@anthropic-ai/sdk");
    await trace.generation({ model: "claude-sonnet-4-5", provider: "anthropic", input: "hi" }, async (g) => {
      sdk
        .startSpan("chat claude-sonnet-4-5", {
          attributes: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "anthropic", "gen_ai.request.model": "claude-sonnet-4-5", "gen_ai.usage.input_tokens": 40, "gen_ai.usage.output_tokens": 9 },
        })
        .end();
      g.end({ output: "hello", usage: { inputTokens: 40, outputTokens: 9 } });
    });
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    expect(total(points, "llmtrace.llm.requests")).toBe(1);
    expect(total(points, "llmtrace.llm.tokens", { "gen_ai.token.type": "input" })).toBe(40);
    expect(recordings(points, "gen_ai.client.operation.duration")).toBe(1);
  });

  it("counts one request when the nested provider span failed or carried no usage", async () => {
    const tracing = withMemoryMetrics();
    const sdk = otelTrace.getTracer("@anthropic-ai/sdk");
    await trace
      .generation({ model: "claude-sonnet-4-5", provider: "anthropic", input: "hi" }, async () => {
        const span = sdk.startSpan("chat claude-sonnet-4-5", { attributes: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "anthropic" } });
        span.setStatus({ code: 2, message: "429" });
        span.setAttribute("error.type", "429");
        span.end();
        throw new Error("rate limited");
      })
      .catch(() => undefined);
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    expect(total(points, "llmtrace.llm.requests")).toBe(1);
    expect(recordings(points, "gen_ai.client.operation.duration")).toBe(1);
  });

  it("counts one call when two other instrumentations' model spans nest (a framework's LLM span around the provider's)", async () => {
    const tracing = withMemoryMetrics();
    const llm = { "openinference.span.kind": "LLM", "llm.model_name": "gpt-4o", "llm.provider": "openai" };
    const outer = otelTrace.getTracer("openinference-instrumentation-langchain").startSpan("ChatOpenAI", { attributes: llm });
    const { context: api } = await import("@opentelemetry/api");
    api.with(otelTrace.setSpan(api.active(), outer), () => {
      otelTrace.getTracer("openinference-instrumentation-openai").startSpan("OpenAI Chat Completions", { attributes: { ...llm, "llm.token_count.prompt": 100, "llm.token_count.completion": 10 } }).end();
    });
    outer.setAttributes({ "llm.token_count.prompt": 100, "llm.token_count.completion": 10 });
    outer.end();
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    expect(total(points, "llmtrace.llm.requests")).toBe(1);
    expect(total(points, "llmtrace.llm.tokens", { "gen_ai.token.type": "input" })).toBe(100);
  });

  it("records other instrumentations' GenAI spans, priced from the price table when they carry no cost", async () => {
    const tracing = withMemoryMetrics();
    otelTrace
      .getTracer("opentelemetry-instrumentation-openai")
      .startSpan("chat gpt-4o-mini", {
        attributes: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o-mini", "gen_ai.response.model": "gpt-4o-mini-2024-07-18", "gen_ai.usage.input_tokens": 1_000_000, "gen_ai.usage.output_tokens": 0 },
      })
      .end();
    // An HTTP span: no metrics of ours.
    otelTrace.getTracer("http").startSpan("GET /health").end();
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    expect(total(points, "llmtrace.llm.requests", { "gen_ai.response.model": "gpt-4o-mini-2024-07-18" })).toBe(1);
    // gpt-4o-mini input is $0.15 per million tokens in the bundled prices.
    expect(total(points, "llmtrace.llm.cost")).toBeCloseTo(0.15, 6);
    expect(points.every((point) => point.metric.startsWith("gen_ai.") || point.metric.startsWith("llmtrace.llm."))).toBe(true);
    expect(tracing.stats().metrics?.spansRecorded).toBe(1);
  });

  it("never puts user, conversation or content values in dimensions", async () => {
    const tracing = withMemoryMetrics();
    await withContext({ userId: "u-981", conversationId: "c-55", sessionId: "s-1", metadata: { tier: "pro" } }, () => knownWorkload());
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    expect(points.length).toBeGreaterThan(10);
    const allowed = new Set(["gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model", "gen_ai.response.model", "gen_ai.token.type", "error.type", "llmtrace.span.kind", "llmtrace.span.name"]);
    for (const point of points) for (const key of Object.keys(point.attributes)) expect(allowed.has(key), `${point.metric} has ${key}`).toBe(true);
    expect(JSON.stringify(points.map((point) => point.attributes))).not.toMatch(/u-981|c-55|4411|Summarize/);
  });

  it("keeps each instrument within the cardinality limit: a model name per request overflows into one series", async () => {
    const tracing = withMemoryMetrics({ cardinalityLimit: 5 });
    for (let i = 0; i < 40; i++) {
      await trace.generation({ model: `ft:gpt-4o:acme:${i}`, provider: "openai", input: "x" }, async (g) => g.end({ usage: { inputTokens: 10, outputTokens: 1 } }));
    }
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    const requests = pointsOf(points, "llmtrace.llm.requests");
    expect(requests.length).toBe(5);
    expect(requests.some((point) => point.attributes["otel.metric.overflow"] === true)).toBe(true);
    // Nothing is lost: the overflow series holds the rest.
    expect(total(points, "llmtrace.llm.requests")).toBe(40);
  });

  it("flushes at shutdown, reports exports in stats(), and records nothing when metrics are off", async () => {
    const tracing = withMemoryMetrics({ exportIntervalMillis: 60_000 });
    await knownWorkload();
    await tracing.shutdown();
    expect(total(memoryPoints(tracing.memoryMetricExporter), "llmtrace.llm.requests")).toBe(3);
    const stats = tracing.stats().metrics!;
    expect(stats.spansRecorded).toBe(6);
    expect(stats.exporters[0]).toMatchObject({ exporter: "memory", failedExports: 0 });
    expect(stats.exporters[0]!.exports).toBeGreaterThanOrEqual(1);

    const off = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    await knownWorkload();
    expect(off.stats().metrics).toBeUndefined();
    expect(off.memoryMetricExporter).toBeUndefined();
    expect(diag().warnings).toEqual([]);
  });
});

describe("metrics with your own OpenTelemetry setup", () => {
  it("createSpanProcessors() hands its metrics to the application's reader as a metric producer", async () => {
    const { NodeTracerProvider } = await import("@opentelemetry/sdk-trace-node");
    const { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } = await import("@opentelemetry/sdk-metrics");
    const { createSpanProcessors } = await import("../../src/index.js");
    const processors = createSpanProcessors({ exporters: [{ type: "memory" }], metrics: true, logLevel: "none" }, {});
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const meterProvider = new MeterProvider({ readers: [new PeriodicExportingMetricReader({ exporter, metricProducers: [processors.metricProducer!] })] });
    const provider = new NodeTracerProvider({ spanProcessors: processors });
    const tracer = provider.getTracer("app");
    tracer
      .startSpan("chat gpt-4o", { attributes: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 77 } })
      .end();
    await meterProvider.forceFlush();
    expect(total(memoryPoints(exporter), "llmtrace.llm.tokens", { "gen_ai.token.type": "input" })).toBe(77);
    await provider.shutdown();
    await processors.shutdown();
    await meterProvider.shutdown();
  });
});
