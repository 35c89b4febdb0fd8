// Spans still running when tracing is shut down are ended there, marked as interrupted, and
// exported: the request a stop cut short is the one a user wants to see, and it is said once.
// (Signals and crashes in real child processes: crash-exit.test.ts.)
import { context, trace as otelTrace } from "@opentelemetry/api";
import { InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { describe, expect, it } from "vitest";
import { configureTracing, createSpanProcessors, trace } from "../../src/index.js";
import { OpenSpans } from "../../src/pipeline/open-spans.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";

const diag = useDiagAndTracing();
const never = new Promise<void>(() => {});

describe("spans still open at shutdown", () => {
  it("shutdown() ends a running request's spans as interrupted and exports them; spans that ended are untouched", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none", metrics: { exporters: [{ type: "memory" }] } }, {});
    void trace.start({ name: "request" }, () => trace.agent({ name: "support" }, () => trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "hi" }, () => never)));
    trace.tool({ name: "done", args: {} }).end("ok");
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["tool.done"]);
    await tracing.shutdown();
    const spans = tracing.memoryExporter!.getFinishedSpans();
    expect(spans.map((s) => s.name).sort()).toEqual(["agent.support", "chat gpt-4o-mini", "request", "tool.done"]);
    for (const span of spans.filter((s) => s.name !== "tool.done")) {
      expect(span.attributes["llmtrace.interrupted"], span.name).toBe("shutdown");
      expect(span.attributes["error.type"], span.name).toBe("interrupted");
      expect(span.status).toEqual({ code: 2, message: "interrupted: still running at shutdown()" });
    }
    expect(spans.find((s) => s.name === "tool.done")?.attributes["llmtrace.interrupted"]).toBeUndefined();
    // The interrupted model call is a failed request in the metrics, as it is in the spans.
    const requests = tracing.memoryMetricExporter!.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics)).find((m) => m.descriptor.name === "llmtrace.llm.requests");
    expect(requests?.dataPoints.map((p) => p.attributes["error.type"])).toEqual(["interrupted"]);
    expect(diag().warnings).toEqual([
      'llmtrace: 3 span(s) had not ended at shutdown() ("request", "agent.support", "chat gpt-4o-mini"): they were ended there with status ERROR and llmtrace.interrupted="shutdown", and go to the exporters like any ended span (sampling applies).',
    ]);
  });

  it("ends children before their parents, so tail sampling decides on the whole trace (decide sees every span)", async () => {
    const seen: string[][] = [];
    const tracing = configureTracing(
      {
        exporters: [{ type: "memory" }],
        logLevel: "none",
        sampling: {
          rate: 0,
          decide: (held) => {
            seen.push(held.spans.map((span) => span.name).sort());
            return held.spans.some((span) => span.name.startsWith("chat")) ? true : undefined;
          },
        },
      },
      {},
    );
    void trace.start({ name: "request" }, () => trace.agent({ name: "support" }, () => trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "hi" }, () => never)));
    await tracing.shutdown();
    expect(seen).toEqual([["agent.support", "chat gpt-4o-mini", "request"]]);
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["chat gpt-4o-mini", "agent.support", "request"]);
    // Each ends no later than its parent.
    const [chat, agent, request] = tracing.memoryExporter!.getFinishedSpans().map((s) => s.endTime[0] * 1e9 + s.endTime[1]);
    expect(chat).toBeLessThanOrEqual(agent!);
    expect(agent).toBeLessThanOrEqual(request!);
  });

  it("keeps an error.type the span already had, and ending a span after shutdown does not throw", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const span = otelTrace.getTracer("app").startSpan("upload", { attributes: { "error.type": "timeout" } });
    await tracing.shutdown();
    expect(() => span.end()).not.toThrow();
    const [exported] = tracing.memoryExporter!.getFinishedSpans();
    expect(exported?.attributes).toMatchObject({ "error.type": "timeout", "llmtrace.interrupted": "shutdown" });
    // Said once by llmtrace; the late end() is the SDK's to note ("Cannot execute the operation on
    // ended Span"), heard only by an application that keeps its own diag logger after shutdown.
    expect(diag().warnings.filter((warning) => warning.startsWith("llmtrace:"))).toHaveLength(1);
  });

  it("the console tree shows them: failed ones with their status, a process.exit(0)'s as interrupted", async () => {
    const printed: string[] = [];
    const tracing = configureTracing({ exporters: [{ type: "console", write: (text: string) => printed.push(text) }], logLevel: "none" }, {});
    void trace.start({ name: "request" }, () => trace.tool({ name: "slow", args: {} }, () => never));
    await tracing.shutdown();
    expect(printed.join("")).toMatch(/tool\.slow +[\d.]+ (ms|µs) +ERROR: interrupted: still running at shutdown\(\)/);
    // What a process.exit(0) leaves: the attribute, no error status.
    const exited = otelTrace.getTracer("cli");
    const second = configureTracing({ exporters: [{ type: "console", write: (text: string) => printed.push(text) }], logLevel: "none" }, {});
    exited.startSpan("cli_command", { attributes: { "llmtrace.interrupted": "process.exit" } }).end();
    await second.shutdown();
    expect(printed.join("")).toMatch(/cli_command +[\d.]+ (ms|µs) +interrupted \(process\.exit\)/);
  });

  it("says nothing when every span ended", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    await trace.start({ name: "request" }, () => trace.tool({ name: "lookup", args: {} }, async () => "ok"));
    await tracing.shutdown();
    expect(tracing.memoryExporter!.getFinishedSpans()).toHaveLength(2);
    expect(diag().warnings).toEqual([]);
  });

  it("a provider the application builds (createSpanProcessors) ends them at its shutdown too", async () => {
    const processors = createSpanProcessors({ exporters: [{ type: "memory" }] });
    const provider = new NodeTracerProvider({ spanProcessors: processors });
    const tracer = provider.getTracer("app");
    const root = tracer.startSpan("job");
    tracer.startSpan("step", {}, otelTrace.setSpan(context.active(), root));
    await provider.shutdown();
    await processors.shutdown();
    const names = processors.memoryExporter!.getFinishedSpans().map((s) => [s.name, s.attributes["llmtrace.interrupted"]]);
    // Children first.
    expect(names).toEqual([
      ["step", "shutdown"],
      ["job", "shutdown"],
    ]);
  });

  it("tracks at most MAX_TRACKED spans, so an application leaking spans does not leak memory through it; the rest are said lost", async () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
    const open = new OpenSpans();
    const tracer = provider.getTracer("leaky");
    const spans = Array.from({ length: OpenSpans.MAX_TRACKED + 5 }, (_, i) => tracer.startSpan(`leaked ${i}`));
    for (const span of spans) open.add(span as never);
    expect(open.size).toBe(OpenSpans.MAX_TRACKED + 5);
    // One tracked and one untracked span end on their own.
    open.delete(spans[0] as never);
    open.delete(spans[OpenSpans.MAX_TRACKED + 4] as never);
    expect(open.size).toBe(OpenSpans.MAX_TRACKED + 3);
    // Told once, when it fills: the application has a leak to look at.
    expect(diag().warnings).toHaveLength(1);
    expect(diag().warnings[0]).toContain('llmtrace: 10000 spans are open at once (started and not ended; the oldest: "leaked 0")');
    expect(open.endAll("SIGTERM")).toBe(OpenSpans.MAX_TRACKED - 1);
    expect(diag().warnings).toHaveLength(2);
    expect(diag().warnings[1]).toContain(`llmtrace: ${OpenSpans.MAX_TRACKED - 1} span(s) had not ended at SIGTERM ("leaked 1", "leaked 2", "leaked 3", ...)`);
    expect(diag().warnings[1]).toContain("4 more open span(s) were not tracked (over 10000 open at once: spans started and never ended?) and are lost.");
    expect(open.size).toBe(0);
    await provider.shutdown();
  });
});
