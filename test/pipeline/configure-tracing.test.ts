import { trace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { describe, expect, it } from "vitest";
import { configureTracing, createSpanProcessors, getActiveTracing, TracingConfigError, VERSION } from "../../src/index.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";

const diagnostics = useDiagAndTracing();

const memory = { exporters: [{ type: "memory" as const }], logLevel: "none" as const };

describe("configureTracing", () => {
  it("registers a global provider whose spans reach the exporters", () => {
    const tracing = configureTracing(memory, {});
    trace.getTracer("app").startSpan("hello").end();
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["hello"]);
    expect(getActiveTracing()).toBe(tracing);
  });

  it("keeps the running pipeline when called twice, and says so", () => {
    const first = configureTracing(memory, {});
    const second = configureTracing({ ...memory, serviceName: "other" }, {});
    expect(second).toBe(first);
    expect(diagnostics().warnings.some((w) => w.includes("configureTracing() was called while tracing is already configured"))).toBe(true);
  });

  it("can be configured again after shutdown, with the new options", async () => {
    const first = configureTracing({ ...memory, serviceName: "one" }, {});
    trace.getTracer("app").startSpan("before").end();
    await first.shutdown();
    expect(getActiveTracing()).toBeUndefined();
    const second = configureTracing({ ...memory, serviceName: "two" }, {});
    expect(second).not.toBe(first);
    trace.getTracer("app").startSpan("after").end();
    const [span] = second.memoryExporter!.getFinishedSpans();
    expect(span!.resource.attributes["service.name"]).toBe("two");
    expect(first.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["before"]);
  });

  it("keeps memory-exported spans readable after shutdown", async () => {
    const tracing = configureTracing(memory, {});
    trace.getTracer("app").startSpan("recorded").end();
    await tracing.shutdown();
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["recorded"]);
  });

  it("makes shutdown idempotent", async () => {
    const tracing = configureTracing(memory, {});
    const one = tracing.shutdown();
    expect(tracing.shutdown()).toBe(one);
    await one;
  });

  it.each([
    [{ enabled: false }, {}],
    [{}, { OTEL_SDK_DISABLED: "true" }],
    [{}, { LLMTRACE_ENABLED: "false" }],
  ])("registers nothing when disabled (options %j, env %j)", async (options, env) => {
    const tracing = configureTracing({ ...memory, ...options }, env);
    expect(tracing.config.enabled).toBe(false);
    expect(getActiveTracing()).toBeUndefined();
    const span = trace.getTracer("app").startSpan("ignored");
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(tracing.tracerProvider.getTracer("x").startSpan("y").isRecording()).toBe(false);
    await tracing.shutdown();
  });

  it("throws one TracingConfigError for bad options and registers nothing", () => {
    expect(() => configureTracing({ exporters: [{ type: "otlp", endpoint: "nope" }] }, {})).toThrow(TracingConfigError);
    expect(getActiveTracing()).toBeUndefined();
  });

  it("reports each ignored environment variable as a warning naming it", () => {
    configureTracing(memory, { LLMTRACE_SAMPLE_RATE: "lots" });
    expect(diagnostics().warnings).toContain('llmtrace: LLMTRACE_SAMPLE_RATE="lots" is not a number from 0 to 1; ignored. Fix: use a number such as 0.25.');
  });

  it("leaves an application's own global provider in place and says how to combine them", async () => {
    const theirs = new BasicTracerProvider();
    trace.setGlobalTracerProvider(theirs);
    try {
      const tracing = configureTracing(memory, {});
      expect(diagnostics().warnings.filter((w) => w.includes("another OpenTelemetry setup is already registered"))).toHaveLength(1);
      expect(diagnostics().errors).toEqual([]);
      trace.getTracer("app").startSpan("theirs").end();
      expect(tracing.memoryExporter!.getFinishedSpans()).toEqual([]);
      await tracing.shutdown();
      // Our shutdown must not unregister what we did not register.
      expect((trace.getTracerProvider() as unknown as { getDelegate(): unknown }).getDelegate()).toBe(theirs);
    } finally {
      trace.disable();
    }
  });
});

describe("resource and stamped attributes", () => {
  it("puts service, version, environment, user and distro attributes on the resource", () => {
    const tracing = configureTracing(
      { ...memory, serviceName: "support-bot", serviceVersion: "2.1.0", environment: "production", resourceAttributes: { team: "ml-platform" } },
      { OTEL_RESOURCE_ATTRIBUTES: "region=eu-west-1,team=from-env" },
    );
    trace.getTracer("app").startSpan("s").end();
    const attributes = tracing.memoryExporter!.getFinishedSpans()[0]!.resource.attributes;
    expect(attributes).toMatchObject({
      "service.name": "support-bot",
      "service.version": "2.1.0",
      "deployment.environment.name": "production",
      team: "ml-platform",
      region: "eu-west-1",
      "telemetry.distro.name": "llmtrace",
      "telemetry.distro.version": VERSION,
      "telemetry.sdk.language": "nodejs",
    });
  });

  it("stamps the attributes option on every span, without overwriting a span's own value", () => {
    const tracing = configureTracing({ ...memory, attributes: { team: "ml-platform", tier: "default" } }, {});
    const tracer = trace.getTracer("other-instrumentation");
    tracer.startSpan("plain").end();
    tracer.startSpan("own", { attributes: { tier: "pro" } }).end();
    const [plain, own] = tracing.memoryExporter!.getFinishedSpans();
    expect(plain!.attributes).toEqual({ team: "ml-platform", tier: "default" });
    expect(own!.attributes).toEqual({ team: "ml-platform", tier: "pro" });
  });
});

describe("createSpanProcessors", () => {
  it("adds llmtrace's processing to a provider the application builds, registering nothing", async () => {
    const exporter = new InMemorySpanExporter();
    const processors = createSpanProcessors({ exporters: [exporter], attributes: { team: "ml" }, processor: "simple" }, {});
    const provider = new NodeTracerProvider({ spanProcessors: processors });
    expect(getActiveTracing()).toBeUndefined();
    expect(trace.getTracer("global").startSpan("x").isRecording()).toBe(false);

    provider.getTracer("app").startSpan("mine").end();
    expect(exporter.getFinishedSpans().map((s) => [s.name, s.attributes["team"]])).toEqual([["mine", "ml"]]);
    await provider.shutdown();
    await processors.shutdown();
  });

  it("returns no processors when tracing is disabled", async () => {
    const processors = createSpanProcessors({ enabled: false }, {});
    expect(processors).toEqual([]);
    await processors.shutdown();
  });
});
