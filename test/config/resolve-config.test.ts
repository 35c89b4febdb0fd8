import { describe, expect, it } from "vitest";
import { resolveConfig } from "../../src/config/resolve-config.js";

const resolve = (options: Parameters<typeof resolveConfig>[0], env: Record<string, string> = {}) => resolveConfig(options, env);

describe("defaults", () => {
  it("runs enabled, to the console, sampling everything, with W3C propagation", () => {
    const { config, warnings } = resolve({});
    expect(warnings).toEqual([]);
    expect(config).toMatchObject({
      enabled: true,
      serviceName: "unknown_service:node",
      serviceVersion: undefined,
      environment: undefined,
      exporters: [{ type: "console" }],
      processor: "batch",
      batch: { maxQueueSize: 65_536, maxExportBatchSize: 512, scheduledDelayMillis: 1000, exportTimeoutMillis: 30_000 },
      sampling: { kind: "always_on", parentBased: true },
      propagators: ["tracecontext", "baggage"],
      logLevel: "warn",
      shutdownTimeoutMillis: 10_000,
    });
  });

  it("is frozen, nested parts included", () => {
    const { config } = resolve({ exporters: [{ type: "otlp", headers: { a: "1" } }], attributes: { team: "ml" } });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.exporters)).toBe(true);
    expect(Object.isFrozen(config.exporters[0])).toBe(true);
    expect(Object.isFrozen((config.exporters[0] as { headers: object }).headers)).toBe(true);
    expect(Object.isFrozen(config.attributes)).toBe(true);
    expect(Object.isFrozen(config.batch)).toBe(true);
    expect(Object.isFrozen(config.sampling)).toBe(true);
  });

  it("sends to OTLP instead of the console when the environment names a collector", () => {
    expect(resolve({}, { OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4317" }).config.exporters).toEqual([
      { type: "otlp", protocol: "grpc", endpoint: "http://collector:4317", headers: {}, compression: "none", timeoutMillis: 10_000 },
    ]);
    expect(resolve({}, { LLMTRACE_ENDPOINT: "http://c:4317" }).config.exporters[0]).toMatchObject({ type: "otlp", endpoint: "http://c:4317" });
  });
});

describe("enabled", () => {
  it.each([
    [{}, {}, true],
    [{}, { OTEL_SDK_DISABLED: "true" }, false],
    [{}, { OTEL_SDK_DISABLED: "false" }, true],
    [{}, { LLMTRACE_ENABLED: "false" }, false],
    [{}, { LLMTRACE_ENABLED: "true", OTEL_SDK_DISABLED: "true" }, true],
    [{ enabled: true }, { OTEL_SDK_DISABLED: "true" }, true],
    [{ enabled: false }, { LLMTRACE_ENABLED: "true" }, false],
  ])("options %j with env %j → %s", (options, env, expected) => {
    expect(resolve(options, env).config.enabled).toBe(expected);
  });
});

describe("service and resource", () => {
  it("takes service name from the option, then OTEL_SERVICE_NAME, then OTEL_RESOURCE_ATTRIBUTES", () => {
    const env = { OTEL_SERVICE_NAME: "from-env", OTEL_RESOURCE_ATTRIBUTES: "service.name=from-resource" };
    expect(resolve({ serviceName: "opt" }, env).config.serviceName).toBe("opt");
    expect(resolve({}, env).config.serviceName).toBe("from-env");
    expect(resolve({}, { OTEL_RESOURCE_ATTRIBUTES: "service.name=from-resource" }).config.serviceName).toBe("from-resource");
  });

  it("takes the environment from the option, then LLMTRACE_ENVIRONMENT, then deployment.environment.name", () => {
    const env = { LLMTRACE_ENVIRONMENT: "staging", OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=dev" };
    expect(resolve({ environment: "production" }, env).config.environment).toBe("production");
    expect(resolve({}, env).config.environment).toBe("staging");
    expect(resolve({}, { OTEL_RESOURCE_ATTRIBUTES: "deployment.environment.name=dev" }).config.environment).toBe("dev");
  });

  it("merges resource attributes from the option over OTEL_RESOURCE_ATTRIBUTES, percent-decoding values", () => {
    const { config } = resolve(
      { resourceAttributes: { team: "ml-platform", region: "eu" } },
      { OTEL_RESOURCE_ATTRIBUTES: "team=search,host.name=box%201,service.version=1.2.3" },
    );
    expect(config.resourceAttributes).toEqual({ team: "ml-platform", region: "eu", "host.name": "box 1", "service.version": "1.2.3" });
    expect(config.serviceVersion).toBe("1.2.3");
  });
});

describe("exporters", () => {
  it("takes exporter types from LLMTRACE_EXPORTER over OTEL_TRACES_EXPORTER, and options over both", () => {
    const env = { LLMTRACE_EXPORTER: "zipkin,jsonl", OTEL_TRACES_EXPORTER: "otlp" };
    expect(resolve({}, env).config.exporters.map((e) => e.type)).toEqual(["zipkin", "jsonl"]);
    expect(resolve({}, { OTEL_TRACES_EXPORTER: "otlp,console" }).config.exporters.map((e) => e.type)).toEqual(["otlp", "console"]);
    expect(resolve({ exporters: [{ type: "memory" }] }, env).config.exporters.map((e) => e.type)).toEqual(["memory"]);
  });

  it("treats none as no exporter", () => {
    expect(resolve({ exporters: [{ type: "none" }] }).config.exporters).toEqual([]);
    expect(resolve({}, { OTEL_TRACES_EXPORTER: "none" }).config.exporters).toEqual([]);
  });

  it("fills OTLP fields from the environment where the option leaves them out", () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://base:4318",
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_EXPORTER_OTLP_HEADERS: "api-key=env-key,x-team=search",
      OTEL_EXPORTER_OTLP_COMPRESSION: "gzip",
      OTEL_EXPORTER_OTLP_TIMEOUT: "5000",
    };
    expect(resolve({ exporters: [{ type: "otlp", headers: { "api-key": "opt-key" } }] }, env).config.exporters[0]).toEqual({
      type: "otlp",
      protocol: "http/protobuf",
      endpoint: "http://base:4318/v1/traces",
      headers: { "api-key": "opt-key", "x-team": "search" },
      compression: "gzip",
      timeoutMillis: 5000,
    });
  });

  it("prefers the per-signal OTLP variables over the general ones", () => {
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://base:4318",
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://traces:4318/custom/path",
      OTEL_EXPORTER_OTLP_PROTOCOL: "grpc",
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json",
      OTEL_EXPORTER_OTLP_HEADERS: "a=general,b=general",
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: "a=traces",
      OTEL_EXPORTER_OTLP_COMPRESSION: "none",
      OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: "gzip",
      OTEL_EXPORTER_OTLP_TIMEOUT: "1000",
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: "2000",
    };
    expect(resolve({ exporters: [{ type: "otlp" }] }, env).config.exporters[0]).toEqual({
      type: "otlp",
      protocol: "http/json",
      endpoint: "http://traces:4318/custom/path",
      headers: { a: "traces", b: "general" },
      compression: "gzip",
      timeoutMillis: 2000,
    });
  });

  it("lets LLMTRACE_ENDPOINT win over the OTel endpoint variables, and an explicit endpoint over both", () => {
    const env = { LLMTRACE_ENDPOINT: "http://ours:4317", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://otel:4317" };
    expect(resolve({ exporters: [{ type: "otlp" }] }, env).config.exporters[0]).toMatchObject({ endpoint: "http://ours:4317" });
    expect(resolve({ exporters: [{ type: "otlp", endpoint: "http://explicit:4317" }] }, env).config.exporters[0]).toMatchObject({
      endpoint: "http://explicit:4317",
    });
  });

  it.each([
    ["grpc", undefined, "http://localhost:4317"],
    ["http/protobuf", undefined, "http://localhost:4318/v1/traces"],
    ["http/json", undefined, "http://localhost:4318/v1/traces"],
    ["http/protobuf", "http://c:4318", "http://c:4318/v1/traces"],
    ["http/protobuf", "http://c:4318/", "http://c:4318/v1/traces"],
    ["http/protobuf", "http://c:4318/custom", "http://c:4318/custom"],
    ["grpc", "http://c:4317", "http://c:4317"],
  ] as const)("OTLP %s with endpoint %s sends to %s", (protocol, endpoint, expected) => {
    const exporter = endpoint ? { type: "otlp" as const, protocol, endpoint } : { type: "otlp" as const, protocol };
    expect(resolve({ exporters: [exporter] }).config.exporters[0]).toMatchObject({ endpoint: expected });
  });

  it("appends /v1/traces to a base OTEL_EXPORTER_OTLP_ENDPOINT that has a path, as the OTel spec says", () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://gw:4318/otlp/", OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf" };
    expect(resolve({}, env).config.exporters[0]).toMatchObject({ endpoint: "http://gw:4318/otlp/v1/traces" });
  });

  it("takes the Zipkin endpoint from the option, then LLMTRACE_ENDPOINT, then OTEL_EXPORTER_ZIPKIN_ENDPOINT, then the default", () => {
    const zipkin = { exporters: [{ type: "zipkin" as const }] };
    expect(resolve(zipkin).config.exporters[0]).toMatchObject({ endpoint: "http://localhost:9411/api/v2/spans" });
    expect(resolve(zipkin, { OTEL_EXPORTER_ZIPKIN_ENDPOINT: "http://z:9411/api/v2/spans" }).config.exporters[0]).toMatchObject({
      endpoint: "http://z:9411/api/v2/spans",
    });
    expect(
      resolve(zipkin, { OTEL_EXPORTER_ZIPKIN_ENDPOINT: "http://z:9411/api/v2/spans", LLMTRACE_ENDPOINT: "http://l:9411/api/v2/spans" }).config
        .exporters[0],
    ).toMatchObject({ endpoint: "http://l:9411/api/v2/spans" });
  });

  it("takes the JSONL path from the option, then LLMTRACE_JSONL_PATH, then the default", () => {
    expect(resolve({ exporters: [{ type: "jsonl" }] }).config.exporters[0]).toEqual({ type: "jsonl", path: "llmtrace-spans.jsonl" });
    expect(resolve({}, { LLMTRACE_EXPORTER: "jsonl", LLMTRACE_JSONL_PATH: "t/s.jsonl" }).config.exporters[0]).toEqual({ type: "jsonl", path: "t/s.jsonl" });
    expect(resolve({ exporters: [{ type: "jsonl", path: "x.jsonl" }] }, { LLMTRACE_JSONL_PATH: "t/s.jsonl" }).config.exporters[0]).toEqual({
      type: "jsonl",
      path: "x.jsonl",
    });
  });

  it("accepts any object with the SpanExporter methods as a custom exporter", () => {
    const mine = { export: () => {}, shutdown: () => Promise.resolve() };
    expect(resolve({ exporters: [mine as never] }).config.exporters[0]).toEqual({ type: "custom", exporter: mine });
  });
});

describe("batch", () => {
  it("takes each batch setting from the option, then OTEL_BSP_*, then the default", () => {
    const env = { OTEL_BSP_MAX_QUEUE_SIZE: "100", OTEL_BSP_MAX_EXPORT_BATCH_SIZE: "10", OTEL_BSP_SCHEDULE_DELAY: "50", OTEL_BSP_EXPORT_TIMEOUT: "700" };
    expect(resolve({}, env).config.batch).toEqual({ maxQueueSize: 100, maxExportBatchSize: 10, scheduledDelayMillis: 50, exportTimeoutMillis: 700 });
    expect(resolve({ batch: { maxQueueSize: 200, scheduledDelayMillis: 0 } }, env).config.batch).toEqual({
      maxQueueSize: 200,
      maxExportBatchSize: 10,
      scheduledDelayMillis: 0,
      exportTimeoutMillis: 700,
    });
  });
});

describe("sampling", () => {
  it("takes the rate from the option, then LLMTRACE_SAMPLE_RATE, then the OTel sampler variables", () => {
    const env = { LLMTRACE_SAMPLE_RATE: "0.5", OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.1" };
    expect(resolve({ sampling: { rate: 0.25 } }, env).config.sampling).toEqual({ kind: "ratio", rate: 0.25, parentBased: true });
    expect(resolve({}, env).config.sampling).toEqual({ kind: "ratio", rate: 0.5, parentBased: true });
    expect(resolve({}, { OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "0.1" }).config.sampling).toEqual({
      kind: "ratio",
      rate: 0.1,
      parentBased: false,
    });
  });

  it.each([
    ["always_on", { kind: "always_on", parentBased: false }],
    ["always_off", { kind: "always_off", parentBased: false }],
    ["parentbased_always_on", { kind: "always_on", parentBased: true }],
    ["parentbased_always_off", { kind: "always_off", parentBased: true }],
    ["parentbased_traceidratio", { kind: "ratio", rate: 1, parentBased: true }],
    ["TraceIdRatio", { kind: "ratio", rate: 1, parentBased: false }],
  ])("OTEL_TRACES_SAMPLER=%s", (sampler, expected) => {
    expect(resolve({}, { OTEL_TRACES_SAMPLER: sampler }).config.sampling).toEqual(expected);
  });

  it("lets an explicit sampler win over rate and rules", () => {
    const decide = () => true;
    expect(resolve({ sampling: { sampler: "always_off", rate: 0.5 } }).config.sampling).toEqual({ kind: "always_off", parentBased: true });
    expect(resolve({ sampling: { sampler: decide, rules: [{ rate: 0 }] } }).config.sampling).toEqual({ kind: "function", decide, parentBased: true });
  });

  it("uses rate as the fallback of rules, and honours parentBased: false", () => {
    expect(resolve({ sampling: { rules: [{ name: "chat *", rate: 1 }], rate: 0.1, parentBased: false } }).config.sampling).toEqual({
      kind: "rules",
      rules: [{ name: "chat *", attributes: {}, rate: 1 }],
      rate: 0.1,
      parentBased: false,
    });
  });
});

describe("propagators, log level, shutdown timeout", () => {
  it("takes propagators from the option, then OTEL_PROPAGATORS", () => {
    expect(resolve({}, { OTEL_PROPAGATORS: "b3, jaeger" }).config.propagators).toEqual(["b3", "jaeger"]);
    expect(resolve({ propagators: ["b3multi"] }, { OTEL_PROPAGATORS: "b3" }).config.propagators).toEqual(["b3multi"]);
  });

  it("takes the log level from the option, then OTEL_LOG_LEVEL", () => {
    expect(resolve({}, { OTEL_LOG_LEVEL: "DEBUG" }).config.logLevel).toBe("debug");
    expect(resolve({ logLevel: "error" }, { OTEL_LOG_LEVEL: "debug" }).config.logLevel).toBe("error");
  });

  it("takes the shutdown timeout from the option, then LLMTRACE_SHUTDOWN_TIMEOUT_MS", () => {
    expect(resolve({}, { LLMTRACE_SHUTDOWN_TIMEOUT_MS: "2500" }).config.shutdownTimeoutMillis).toBe(2500);
    expect(resolve({ shutdownTimeoutMillis: 100 }, { LLMTRACE_SHUTDOWN_TIMEOUT_MS: "2500" }).config.shutdownTimeoutMillis).toBe(100);
  });

  it("takes the exit bound from the option, then LLMTRACE_EXIT_TIMEOUT_MS, else 2000 ms", () => {
    expect(resolve({}, {}).config.exitTimeoutMillis).toBe(2000);
    expect(resolve({}, { LLMTRACE_EXIT_TIMEOUT_MS: "500" }).config.exitTimeoutMillis).toBe(500);
    expect(resolve({ exitTimeoutMillis: 100 }, { LLMTRACE_EXIT_TIMEOUT_MS: "500" }).config.exitTimeoutMillis).toBe(100);
  });
});

describe("durations in milliseconds, and their deprecated names", () => {
  it("reads the ...Millis names", () => {
    const { config, deprecations } = resolve({
      shutdownTimeoutMillis: 1500,
      exporters: [{ type: "otlp", timeoutMillis: 700 }],
      priceUpdates: { refreshMillis: 60_000 },
    });
    expect(config.shutdownTimeoutMillis).toBe(1500);
    expect(config.exporters[0]).toMatchObject({ timeoutMillis: 700 });
    expect(config.priceUpdates).toEqual({ url: undefined, refreshMillis: 60_000 });
    expect(deprecations).toEqual([]);
  });

  it("still takes the old names, and names each one to be warned about", () => {
    const { config, deprecations } = resolve({
      shutdownTimeoutMs: 1500,
      exporters: [{ type: "console" }, { type: "otlp", timeoutMs: 700 }],
      priceUpdates: { refreshHours: 2 },
    });
    expect(config.shutdownTimeoutMillis).toBe(1500);
    expect(config.exporters[1]).toMatchObject({ timeoutMillis: 700 });
    expect(config.priceUpdates).toEqual({ url: undefined, refreshMillis: 7_200_000 });
    expect(deprecations.map((d) => [d.oldName, d.newName, d.warningKey])).toEqual([
      ["shutdownTimeoutMs", "shutdownTimeoutMillis", "shutdownTimeoutMs"],
      ["exporters[1].timeoutMs", "exporters[1].timeoutMillis", "exporters[].timeoutMs"],
      ["priceUpdates.refreshHours", "priceUpdates.refreshMillis", "priceUpdates.refreshHours"],
    ]);
    expect(deprecations[0]!.warning).toBe("llmtrace: the option shutdownTimeoutMs is deprecated and will be removed in 1.0; use shutdownTimeoutMillis instead.");
  });

  it("refreshes prices every 24 hours by default", () => {
    expect(resolve({ priceUpdates: true }).config.priceUpdates).toEqual({ url: undefined, refreshMillis: 86_400_000 });
  });
});

describe("instrumentations and the log level's origin", () => {
  const instrumentation = (name: string) => ({ instrumentationName: name, setTracerProvider() {}, enable() {}, disable() {} });

  it("flattens nested lists and keeps each instrumentation once", () => {
    const http = instrumentation("http");
    const undici = instrumentation("undici");
    expect(resolve({ instrumentations: [http, [undici, http]] }).config.instrumentations).toEqual([http, undici]);
    expect(resolve({}).config.instrumentations).toEqual([]);
  });

  it("knows whether the log level was asked for or is the default", () => {
    expect(resolve({}).config.logLevelExplicit).toBe(false);
    expect(resolve({ logLevel: "warn" }).config.logLevelExplicit).toBe(true);
    expect(resolve({}, { OTEL_LOG_LEVEL: "warn" }).config.logLevelExplicit).toBe(true);
    expect(resolve({}, { OTEL_LOG_LEVEL: "loud" }).config.logLevelExplicit).toBe(false);
  });
});
