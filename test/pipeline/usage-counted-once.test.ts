// One model call, its usage counted once: a span another instrumentation makes for the same call
// (the provider SDK's own, OpenLLMetry's, OpenInference's) nested under an llmtrace generation
// keeps its usage and cost only under llmtrace.nested.* — through configureTracing and through
// createSpanProcessors on the application's own provider. The nested spans are made with the
// OpenTelemetry API as those instrumentations make them.
import { context, trace as otelTrace, type Tracer } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, createSpanProcessors, getActiveTracing, trace } from "../../src/index.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

const USAGE = { "gen_ai.usage.input_tokens": 42, "gen_ai.usage.output_tokens": 7, "llm.token_count.prompt": 42, "llm.usage.total_tokens": 49, "gen_ai.request.model": "claude" };

/** A model call as an instrumentation records it: its own span, under whatever is active. */
function providerSpan(tracer: Tracer, name = "anthropic.chat"): void {
  tracer.startSpan(name, { attributes: USAGE }).end();
}

function sumInputTokens(spans: readonly { attributes: Record<string, unknown> }[]): number {
  return spans.reduce((sum, span) => sum + Number(span.attributes["gen_ai.usage.input_tokens"] ?? 0), 0);
}

describe("usage counted once", () => {
  it("moves a nested span's usage under llmtrace.nested.* and names the generation that counts it", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const sdk = otelTrace.getTracer("@anthropic-ai/sdk");
    await trace.generation({ model: "claude", provider: "anthropic", input: "hi" }, async (gen) => {
      providerSpan(sdk);
      gen.end({ output: "hello", usage: { inputTokens: 42, outputTokens: 7 } });
    });
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const generation = spans.find((s) => s.attributes["llmtrace.span.kind"] === "generation")!;
    const nested = spans.find((s) => s.name === "anthropic.chat")!;
    expect(sumInputTokens(spans)).toBe(42);
    expect(nested.attributes).toMatchObject({
      "llmtrace.nested.gen_ai.usage.input_tokens": 42,
      "llmtrace.nested.llm.token_count.prompt": 42,
      "llmtrace.nested.llm.usage.total_tokens": 49,
      "gen_ai.request.model": "claude",
      "llmtrace.usage.counted_on": generation.spanContext().spanId,
    });
    expect(Object.keys(nested.attributes).filter((k) => k.startsWith("gen_ai.usage.") || k.startsWith("llm.token_count."))).toEqual([]);
  });

  it("leaves usage where no generation counts it: a model call on its own, or under a tool", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const sdk = otelTrace.getTracer("openllmetry");
    providerSpan(sdk, "alone");
    trace.tool({ name: "summarize" }, () => providerSpan(sdk, "under a tool"));
    // A span started after its generation ended (a late callback) is not nested in it any more.
    const gen = trace.generation({ model: "m" });
    const parent = otelTrace.setSpan(context.active(), gen.span);
    gen.end();
    context.with(parent, () => providerSpan(sdk, "late"));
    const spans = tracing.memoryExporter!.getFinishedSpans();
    for (const name of ["alone", "under a tool", "late"]) expect(spans.find((s) => s.name === name)!.attributes["gen_ai.usage.input_tokens"]).toBe(42);
  });

  it("holds with createSpanProcessors on the application's own provider", async () => {
    const exporter = new InMemorySpanExporter();
    const processors = createSpanProcessors({ exporters: [exporter], processor: "simple" }, {});
    const provider = new NodeTracerProvider({ spanProcessors: processors });
    // llmtrace's builders use the global provider; with createSpanProcessors the application
    // registers its own, as it would in production.
    provider.register();
    try {
      await trace.generation({ model: "claude", provider: "anthropic" }, async (gen) => {
        providerSpan(provider.getTracer("@anthropic-ai/sdk"));
        gen.end({ usage: { inputTokens: 42, outputTokens: 7 } });
      });
      expect(sumInputTokens(exporter.getFinishedSpans())).toBe(42);
    } finally {
      await provider.shutdown();
      await processors.shutdown();
      otelTrace.disable();
      context.disable();
    }
  });
});
