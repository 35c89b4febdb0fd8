// Global state has one owner: configureTracing() builds everything first, installs the globals in
// one step that takes itself back on failure, and its shutdown() takes back only what it installed.
import { runNodeApp } from "../helpers/child-app.js";
import { fileURLToPath } from "node:url";
import { diag, type TracerProvider, trace as otelTrace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { describe, expect, it } from "vitest";
import { configureTracing, createSpanProcessors, getActiveTracing, type InstrumentationOption, trace } from "../../src/index.js";
import { registeredGlobals } from "../../src/pipeline/globals/otel-api-slot.js";
import { DEFAULT_SETTINGS, getSettings, installSettings, resetSettings } from "../../src/settings/instrumentation-settings.js";
import { captureDiag, useDiagAndTracing } from "../helpers/diag-capture.js";

const diagnostics = useDiagAndTracing();
const memory = { exporters: [{ type: "memory" as const }], logLevel: "none" as const };

/**
 * An instrumentation in the shape of @opentelemetry/instrumentation's InstrumentationBase: while
 * enabled it patches `server.handle` so each request runs inside a SERVER span of its own,
 * made with the provider it was given, as instrumentation-http does for an HTTP server.
 */
class RequestInstrumentation implements InstrumentationOption {
  readonly instrumentationName = "test-request-instrumentation";
  provider: TracerProvider | undefined;
  enabled = false;
  private original: ((request: string) => Promise<string>) | undefined;

  constructor(
    private readonly server: { handle(request: string): Promise<string> },
    private readonly failOnEnable = false,
  ) {}

  setTracerProvider(provider: TracerProvider): void {
    this.provider = provider;
  }

  enable(): void {
    if (this.failOnEnable) throw new Error("cannot patch: the module is frozen");
    if (this.enabled) return;
    this.enabled = true;
    const original = this.server.handle;
    this.original = original;
    const tracer = () => this.provider!.getTracer(this.instrumentationName);
    this.server.handle = (request) =>
      tracer().startActiveSpan(`GET ${request}`, { kind: 1 }, (span) => original.call(this.server, request).finally(() => span.end()));
  }

  disable(): void {
    if (!this.enabled) return;
    this.enabled = false;
    this.server.handle = this.original!;
  }
}

function nothingLeftBehind() {
  const globals = registeredGlobals();
  expect(globals.trace).toBeUndefined();
  expect(globals.context).toBeUndefined();
  expect(globals.propagation).toBeUndefined();
  expect(getSettings()).toBe(DEFAULT_SETTINGS);
  expect(getActiveTracing()).toBeUndefined();
}

describe("a start that fails", () => {
  it("takes back everything already installed when a later part of the installation throws", async () => {
    diag.disable();
    const listeners = process.listenerCount("beforeExit");
    const server = { handle: async (request: string) => `ok ${request}` };
    const first = new RequestInstrumentation(server);
    const failing = new RequestInstrumentation({ handle: async () => "" }, true);

    expect(() => configureTracing({ exporters: [{ type: "memory" }], instrumentations: [first, failing] }, {})).toThrow("cannot patch: the module is frozen");

    nothingLeftBehind();
    expect(registeredGlobals().diag).toBeUndefined();
    expect(process.listenerCount("beforeExit")).toBe(listeners);
    // The instrumentation enabled before the failure is disabled again: its patch is off.
    expect(first.enabled).toBe(false);
    await server.handle("/after");
    expect(otelTrace.getTracer("x").startSpan("y").isRecording()).toBe(false);

    const tracing = configureTracing(memory, {});
    otelTrace.getTracer("app").startSpan("works").end();
    expect(tracing.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["works"]);
  });

  it("leaves no provider, settings, logger or handle behind when an exporter's package fails to load, and the next call works", async () => {
    const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
    const { code, stdout, stderr } = await runNodeApp(["--require", fixture("packages-missing.cjs"), "--import", "tsx", fixture("failed-start-app.ts")], {
      ...process.env,
      LLMTRACE_TEST_MISSING_PACKAGES: "@opentelemetry/exporter-zipkin,@pydantic/genai-prices",
    });
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout.trim()) as Record<string, { error?: string; left?: unknown }> & { recorded: string[] };

    const clean = { diagLogger: false, tracerProvider: false, contextManager: false, propagator: false, settings: false, activeHandle: false };
    expect(report["before"]).toMatchObject(clean);
    expect(report["zipkin"]!.error).toContain("Cannot find module '@opentelemetry/exporter-zipkin'");
    expect(report["zipkin"]!.left).toEqual(report["before"]);
    expect(report["prices"]!.error).toContain("Cannot find module '@pydantic/genai-prices'");
    expect(report["prices"]!.left).toEqual(report["before"]);
    expect(report.recorded).toEqual(["after-the-failures"]);
    expect(report["running"]).toMatchObject({ diagLogger: true, tracerProvider: true, contextManager: true, propagator: true, settings: true, activeHandle: true });
    expect(report["afterShutdown"]).toEqual(report["before"]);
  });
});

describe("shutdown() takes back only what its handle installed", () => {
  it("puts back the settings that were in force before, and leaves settings installed since", async () => {
    const theirs = Object.freeze({ ...DEFAULT_SETTINGS, spanNames: "gen_ai" as const });
    installSettings(theirs);
    try {
      const tracing = configureTracing({ ...memory, conventions: ["openinference"] }, {});
      expect(getSettings()).not.toBe(theirs);
      await tracing.shutdown();
      expect(getSettings()).toBe(theirs);

      const next = configureTracing(memory, {});
      const later = Object.freeze({ ...DEFAULT_SETTINGS, contextBaggage: true });
      installSettings(later);
      await next.shutdown();
      expect(getSettings()).toBe(later);
    } finally {
      resetSettings();
    }
  });

  it("leaves a provider registered after its own was taken down by someone else", async () => {
    const tracing = configureTracing(memory, {});
    otelTrace.disable();
    const theirs = new NodeTracerProvider();
    otelTrace.setGlobalTracerProvider(theirs);
    try {
      await tracing.shutdown();
      expect((registeredGlobals().trace as unknown as { getDelegate(): unknown }).getDelegate()).toBe(theirs);
    } finally {
      otelTrace.disable();
    }
  });
});

describe("the diagnostic logger", () => {
  it("is the application's own when it has one and no level is asked for: llmtrace's warnings go to it", async () => {
    const appLogger = registeredGlobals().diag;
    const tracing = configureTracing({ exporters: [{ type: "memory" }] }, { LLMTRACE_SAMPLE_RATE: "lots" });
    expect(registeredGlobals().diag).toBe(appLogger);
    expect(diagnostics().warnings.some((w) => w.includes("LLMTRACE_SAMPLE_RATE"))).toBe(true);
    await tracing.shutdown();
    expect(registeredGlobals().diag).toBe(appLogger);
  });

  it("is installed when the application has none, and removed at shutdown", async () => {
    diag.disable();
    const tracing = configureTracing({ exporters: [{ type: "memory" }] }, {});
    expect(registeredGlobals().diag).toBeDefined();
    await tracing.shutdown();
    expect(registeredGlobals().diag).toBeUndefined();
  });

  it.each([
    ["the option", { logLevel: "error" as const }, {}],
    ["OTEL_LOG_LEVEL", {}, { OTEL_LOG_LEVEL: "error" }],
  ])("replaces the application's logger when the level is given by %s, and puts it back at shutdown", async (_, options, env) => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], ...options }, env);
    diag.warn("while llmtrace's logger is installed");
    expect(diagnostics().warnings).not.toContain("while llmtrace's logger is installed");
    await tracing.shutdown();
    diag.warn("after shutdown");
    expect(diagnostics().warnings).toContain("after shutdown");
  });

  it("leaves a logger the application installed while tracing ran", async () => {
    diag.disable();
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "error" }, {});
    const later = captureDiag();
    await tracing.shutdown();
    diag.warn("still the application's");
    expect(later.warnings).toEqual(["still the application's"]);
  });

  it("is left alone with logLevel: \"none\"", async () => {
    diag.disable();
    const tracing = configureTracing(memory, {});
    expect(registeredGlobals().diag).toBeUndefined();
    await tracing.shutdown();
  });
});

describe("instrumentations", () => {
  it("records an instrumentation's spans with llmtrace's provider, as parents of llmtrace spans, and disables it at shutdown", async () => {
    const server = {
      async handle(request: string) {
        return trace.tool({ name: "lookup" }, async () => `answer for ${request}`);
      },
    };
    const instrumentation = new RequestInstrumentation(server);
    const tracing = configureTracing({ ...memory, instrumentations: [[instrumentation]] }, {});
    expect(instrumentation.provider).toBe(tracing.tracerProvider);
    expect(instrumentation.enabled).toBe(true);

    expect(await server.handle("/weather")).toBe("answer for /weather");
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const request = spans.find((s) => s.name === "GET /weather")!;
    const tool = spans.find((s) => s.name === "tool.lookup")!;
    expect(tool.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
    expect(tool.spanContext().traceId).toBe(request.spanContext().traceId);

    await tracing.shutdown();
    expect(instrumentation.enabled).toBe(false);
    await server.handle("/after");
    expect(tracing.memoryExporter!.getFinishedSpans().some((s) => s.name === "GET /after")).toBe(false);
  });

  it("are enabled again with the new provider by the next configureTracing()", async () => {
    const server = { handle: async (request: string) => request };
    const instrumentation = new RequestInstrumentation(server);
    await configureTracing({ ...memory, instrumentations: [instrumentation] }, {}).shutdown();
    const second = configureTracing({ ...memory, instrumentations: [instrumentation] }, {});
    expect(instrumentation.provider).toBe(second.tracerProvider);
    await server.handle("/again");
    expect(second.memoryExporter!.getFinishedSpans().map((s) => s.name)).toEqual(["GET /again"]);
  });
});

describe("createSpanProcessors", () => {
  it("is the processors list itself and has its own shutdown, which puts back the settings it installed", async () => {
    const exporter = new InMemorySpanExporter();
    const processors = createSpanProcessors({ exporters: [exporter], processor: "simple", spanNames: "gen_ai" }, {});
    expect(Array.isArray(processors)).toBe(true);
    expect(processors.processors).toEqual([...processors]);
    expect(getSettings().spanNames).toBe("gen_ai");
    // A slice owns nothing: it is a plain array.
    expect(processors.slice(1).constructor).toBe(Array);

    const provider = new NodeTracerProvider({ spanProcessors: processors });
    provider.getTracer("app").startSpan("mine").end();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toContain("mine");
    expect(processors.stats().spansEnded).toBe(1);

    await provider.shutdown();
    await processors.shutdown();
    await processors.shutdown();
    expect(getSettings()).toBe(DEFAULT_SETTINGS);
  });

  it("never replaces the settings a running configureTracing() installed, and says so", async () => {
    const tracing = configureTracing({ ...memory, spanNames: "gen_ai" }, {});
    const running = getSettings();
    const processors = createSpanProcessors({ exporters: [new InMemorySpanExporter()], spanNames: "llmtrace", conventions: ["langfuse"] }, {});
    expect(getSettings()).toBe(running);
    expect(diagnostics().warnings.some((w) => w.includes("createSpanProcessors() was called while configureTracing() is running"))).toBe(true);
    await processors.shutdown();
    expect(getSettings()).toBe(running);
    await tracing.shutdown();
    expect(getSettings()).toBe(DEFAULT_SETTINGS);
  });

  it("is given back by configureTracing()'s shutdown when it was installed first", async () => {
    const processors = createSpanProcessors({ exporters: [new InMemorySpanExporter()], spanNames: "gen_ai" }, {});
    const theirs = getSettings();
    const tracing = configureTracing(memory, {});
    await tracing.shutdown();
    expect(getSettings()).toBe(theirs);
    await processors.shutdown();
    expect(getSettings()).toBe(DEFAULT_SETTINGS);
  });

  it("is not put back by configureTracing()'s shutdown once it was shut down itself", async () => {
    const processors = createSpanProcessors({ exporters: [new InMemorySpanExporter()], spanNames: "gen_ai" }, {});
    const tracing = configureTracing(memory, {});
    await processors.shutdown();
    await tracing.shutdown();
    expect(getSettings()).toBe(DEFAULT_SETTINGS);
  });

  it("warns that instrumentations need a provider of their own", async () => {
    const instrumentation = new RequestInstrumentation({ handle: async () => "" });
    const processors = createSpanProcessors({ exporters: [new InMemorySpanExporter()], instrumentations: [instrumentation] }, {});
    expect(instrumentation.enabled).toBe(false);
    expect(diagnostics().warnings.some((w) => w.includes("createSpanProcessors() ignores the instrumentations option"))).toBe(true);
    await processors.shutdown();
  });
});

describe("deprecated duration names", () => {
  it("still work, with one DeprecationWarning per name and process", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      for (let i = 0; i < 2; i++) {
        const tracing = configureTracing({ ...memory, shutdownTimeoutMs: 1234, exporters: [{ type: "memory" }, { type: "otlp", timeoutMs: 50 }] }, {});
        expect(tracing.config.shutdownTimeoutMillis).toBe(1234);
        expect(tracing.config.exporters[1]).toMatchObject({ timeoutMillis: 50 });
        await tracing.shutdown({ timeoutMs: 500 });
      }
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.map((w) => [w.name, w.message])).toEqual([
      ["DeprecationWarning", "llmtrace: the option shutdownTimeoutMs is deprecated and will be removed in 1.0; use shutdownTimeoutMillis instead."],
      ["DeprecationWarning", "llmtrace: the option exporters[1].timeoutMs is deprecated and will be removed in 1.0; use exporters[1].timeoutMillis instead."],
      ["DeprecationWarning", "llmtrace: the forceFlush() / shutdown() option timeoutMs is deprecated and will be removed in 1.0; use timeoutMillis instead."],
    ]);
  });
});
