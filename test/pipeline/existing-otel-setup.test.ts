// Beside an application's own OpenTelemetry setup, configureTracing() checks what is registered
// before registering, leaves it in place with one warning and no stack traces; and the provider it
// builds reads no environment of its own, so a bad sampler variable is reported once, by llmtrace.
import { runNodeApp } from "../helpers/child-app.js";
import { fileURLToPath } from "node:url";
import { context, propagation, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { describe, expect, it } from "vitest";
import { configureTracing } from "../../src/index.js";
import { registeredGlobals } from "../../src/pipeline/globals/otel-api-slot.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";

const diagnostics = useDiagAndTracing();
const memory = { exporters: [{ type: "memory" as const }], logLevel: "none" as const };

interface Report {
  theirs: string[];
  ours: string[];
  sampling: unknown;
  keptTheirs: Record<string, boolean>;
  theirsAfterShutdown: Record<string, boolean>;
  propagatorFields: string[];
}

/** Runs the fixture app in a fresh node with only `env` of the tracing variables; returns what it printed. */
async function runApp(mode: string, env: Record<string, string> = {}): Promise<{ report: Report; output: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(OTEL_|LLMTRACE_)/.test(name)));
  const app = fileURLToPath(new URL("./fixtures/existing-otel-app.ts", import.meta.url));
  const { code, stdout, stderr } = await runNodeApp(["--import", "tsx", app, mode], { ...inherited, ...env });
  expect(code, stderr).toBe(0);
  // Diag's console logger writes to stderr; the report is the last line of stdout.
  const lines = stdout.trim().split("\n");
  const report = JSON.parse(lines.pop()!) as Report;
  return { report, output: [...lines, stderr].join("\n") };
}

const printedLines = (output: string) => output.split("\n").filter((line) => line.trim() !== "");

describe("beside an application's own registered provider, context manager and propagator (as NodeSDK.start() leaves them)", () => {
  it.each(["own-provider", "own-provider-logger"])("%s: leaves all three in place with one warning and no stack traces", async (mode) => {
    const { report, output } = await runApp(mode);

    expect(output).not.toContain("Attempted duplicate registration");
    expect(output).not.toMatch(/^\s+at /m);
    const lines = printedLines(output);
    expect(lines, output).toHaveLength(1);
    expect(lines[0]).toBe(
      "llmtrace: another OpenTelemetry setup is already registered; its global context manager, propagator and tracer provider were left in place. " +
        "Spans made through the global API, llmtrace's own included, go to that tracer provider, without llmtrace's redaction and exporters. " +
        "To send them through llmtrace, add createSpanProcessors() to that provider (spanProcessors: [...yours, ...createSpanProcessors(options)]) instead of calling configureTracing().",
    );

    // Their provider gets the global API's spans; llmtrace's provider still works when used directly.
    expect(report.theirs).toEqual(["through-the-global-api"]);
    expect(report.ours).toEqual(["through-llmtrace-provider"]);
    expect(report.keptTheirs).toEqual({ trace: true, context: true, propagation: true });
    expect(report.theirsAfterShutdown).toEqual({ trace: true, context: true, propagation: true });
    expect(report.propagatorFields).toEqual(["traceparent", "tracestate", "baggage"]);
  });
});

describe("sampler variables", () => {
  const badRatio = { OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "abc" };
  const expected =
    'llmtrace: OTEL_TRACES_SAMPLER_ARG="abc" is not a number from 0 to 1; ignored, so the ratio is 1 (every trace kept), as the OpenTelemetry specification says. Fix: use a number such as 0.25.';

  it.each(["sampler", "sampler-no-logger"])("%s: a bad OTEL_TRACES_SAMPLER_ARG is reported once, by llmtrace, not again by the SDK", async (mode) => {
    const { report, output } = await runApp(mode, badRatio);
    expect(printedLines(output), output).toEqual([expected]);
    expect(report.sampling).toEqual({ kind: "ratio", rate: 1, parentBased: false });
    expect(report.ours).toEqual(["through-the-global-api", "through-llmtrace-provider"]);
  });

  it("an unsupported OTEL_TRACES_SAMPLER is reported once, by llmtrace", async () => {
    const { output } = await runApp("sampler", { OTEL_TRACES_SAMPLER: "jaeger_remote" });
    expect(printedLines(output), output).toEqual([
      'llmtrace: OTEL_TRACES_SAMPLER="jaeger_remote" is not supported; ignored, so the default sampler is used (parentbased_always_on: every trace kept). Fix: use one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio.',
    ]);
  });
});

describe("beside part of a setup", () => {
  it("registers its provider beside an application's own context manager and propagator, naming what it left in place", async () => {
    const theirContext = new AsyncLocalStorageContextManager().enable();
    const theirPropagator = new W3CTraceContextPropagator();
    context.setGlobalContextManager(theirContext);
    propagation.setGlobalPropagator(theirPropagator);
    try {
      const tracing = configureTracing(memory, {});
      expect(diagnostics().errors).toEqual([]);
      expect(diagnostics().warnings).toEqual([
        "llmtrace: a global OpenTelemetry context manager and propagator were already registered and left in place; llmtrace registered its tracer provider, which works with them. " +
          "If they come from an OpenTelemetry setup of your own, add createSpanProcessors() to its provider instead of calling configureTracing().",
      ]);
      trace.getTracer("app").startActiveSpan("parent", (parent) => {
        trace.getTracer("app").startSpan("child").end();
        parent.end();
      });
      const [child, parent] = tracing.memoryExporter!.getFinishedSpans();
      expect(child!.parentSpanContext?.spanId).toBe(parent!.spanContext().spanId);

      await tracing.shutdown();
      expect(registeredGlobals().context).toBe(theirContext);
      expect(registeredGlobals().propagation).toBe(theirPropagator);
      expect(registeredGlobals().trace).toBeUndefined();
    } finally {
      context.disable();
      propagation.disable();
      theirContext.disable();
    }
  });

  it("says nothing about a propagator it would not have registered (propagators: none)", async () => {
    const theirPropagator = new W3CTraceContextPropagator();
    propagation.setGlobalPropagator(theirPropagator);
    try {
      const tracing = configureTracing({ ...memory, propagators: ["none"] }, {});
      expect(diagnostics().warnings).toEqual([]);
      expect(diagnostics().errors).toEqual([]);
      await tracing.shutdown();
      expect(registeredGlobals().propagation).toBe(theirPropagator);
    } finally {
      propagation.disable();
    }
  });
});

describe("the environment given to configureTracing", () => {
  it("a bad endpoint variable keeps the OTLP exporter on its default endpoint, with one warning", async () => {
    const tracing = configureTracing({ logLevel: "none" }, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://" });
    expect(tracing.config.exporters).toEqual([expect.objectContaining({ type: "otlp", protocol: "grpc", endpoint: "http://localhost:4317" })]);
    expect(diagnostics().warnings).toEqual([
      'llmtrace: OTEL_EXPORTER_OTLP_ENDPOINT="http://" is not a usable http(s) URL; ignored, and the OTLP exporter keeps its default endpoint. Fix: use a full URL such as http://localhost:4318.',
    ]);
    await tracing.shutdown({ timeoutMillis: 1000 });
  });

  it("an endpoint without a scheme is read as http://, with one warning", async () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: "localhost:4318", OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" };
    const tracing = configureTracing({ logLevel: "none" }, env);
    expect(tracing.config.exporters).toEqual([expect.objectContaining({ type: "otlp", endpoint: "http://localhost:4318/v1/traces" })]);
    expect(diagnostics().warnings).toEqual([
      'llmtrace: OTEL_EXPORTER_OTLP_ENDPOINT="localhost:4318" has no scheme; read as "http://localhost:4318". Fix: write the scheme, http:// or https://.',
    ]);
    await tracing.shutdown({ timeoutMillis: 1000 });
  });

  it("span limit variables are read from it (the provider reads no process.env of its own)", () => {
    const tracing = configureTracing(memory, { OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT: "2", OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT: "3" });
    trace.getTracer("app").startSpan("limited", { attributes: { a: "12345", b: "x", c: "y" } }).end();
    const [span] = tracing.memoryExporter!.getFinishedSpans();
    expect(span!.attributes).toEqual({ a: "123", b: "x" });
    expect(span!.droppedAttributesCount).toBe(1);
  });
});
