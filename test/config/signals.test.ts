// Resolving `metrics` and `logs`: off by default, the standard environment, exporters that follow
// the traces', and one error listing every problem.
import { InMemoryLogRecordExporter } from "@opentelemetry/sdk-logs";
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { describe, expect, it } from "vitest";
import { problemsOf } from "../helpers/config-problems.js";
import { resolveConfig } from "../../src/config/resolve-config.js";
import type { TracingOptions } from "../../src/index.js";

const resolve = (options: TracingOptions, env: Record<string, string> = {}) => resolveConfig(options, env);


describe("metrics and logs options", () => {
  it("are off unless asked for", () => {
    const { config } = resolve({});
    expect(config.metrics).toBeUndefined();
    expect(config.logs).toBeUndefined();
    expect(resolve({ metrics: false, logs: false }, { OTEL_METRICS_EXPORTER: "prometheus", OTEL_LOGS_EXPORTER: "otlp" }).config.metrics).toBeUndefined();
    expect(resolve({}, { OTEL_METRICS_EXPORTER: "none" }).config.metrics).toBeUndefined();
  });

  it("follow the traces: OTLP to the same collector (the signal's path), the console, memory", () => {
    const otlp = resolve({ exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: "https://c.example/v1/traces", headers: { auth: "t" }, compression: "gzip" }], metrics: true, logs: true }).config;
    expect(otlp.metrics!.exporters).toEqual([{ type: "otlp", protocol: "http/protobuf", endpoint: "https://c.example/v1/metrics", headers: { auth: "t" }, compression: "gzip", timeoutMillis: 10_000 }]);
    expect(otlp.logs!.exporters).toEqual([{ type: "otlp", protocol: "http/protobuf", endpoint: "https://c.example/v1/logs", headers: { auth: "t" }, compression: "gzip", timeoutMillis: 10_000 }]);
    const grpc = resolve({ exporters: [{ type: "otlp", endpoint: "http://collector:4317" }], metrics: true }).config;
    expect(grpc.metrics!.exporters[0]).toMatchObject({ protocol: "grpc", endpoint: "http://collector:4317" });
    expect(resolve({ metrics: true }).config.metrics!.exporters).toEqual([{ type: "console", write: undefined }]);
    expect(resolve({ exporters: [{ type: "memory" }], metrics: true, logs: true }).config.logs!.exporters).toEqual([{ type: "memory" }]);
    expect(resolve({ metrics: true }).config.metrics).toMatchObject({ exportIntervalMillis: 60_000, cardinalityLimit: 2000 });
  });

  it("never export logs to the console by inference (the application's own lines are there)", () => {
    const error = problemsOf({ logs: true });
    expect(error.problems).toEqual([expect.objectContaining({ path: "logs", message: expect.stringContaining("console") })]);
    expect(resolve({ logs: { console: true } }).config.logs).toEqual({ exporters: [], console: true });
  });

  it("send the traces' headers only where the traces go", () => {
    const traces = { type: "otlp" as const, protocol: "http/protobuf" as const, endpoint: "https://api.vendor.example/v1/traces", headers: { "x-vendor-team": "SECRET" } };
    const followed = resolve({ exporters: [traces], metrics: true }).config.metrics!.exporters[0];
    expect(followed).toMatchObject({ endpoint: "https://api.vendor.example/v1/metrics", headers: { "x-vendor-team": "SECRET" } });
    const elsewhere = resolve({ exporters: [traces], metrics: { exporters: [{ type: "otlp", endpoint: "http://metrics.internal:4318/v1/metrics" }] } }).config.metrics!.exporters[0];
    expect(elsewhere).toMatchObject({ endpoint: "http://metrics.internal:4318/v1/metrics", headers: {} });
    const fromEnv = resolve({ exporters: [traces], metrics: true }, { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: "http://m:4318/v1/metrics" }).config.metrics!.exporters[0];
    expect(fromEnv).toMatchObject({ endpoint: "http://m:4318/v1/metrics", headers: {} });
  });

  it("for createSpanProcessors(), need no metrics exporter (the application's readers export) and take no logs", () => {
    const custom = { export: () => {}, shutdown: () => Promise.resolve() };
    const { config } = resolveConfig({ exporters: [custom], metrics: true, logs: true }, {}, "createSpanProcessors");
    expect(config.metrics).toMatchObject({ exporters: [], cardinalityLimit: 2000 });
    expect(config.logs).toBeUndefined();
  });

  it("read the standard environment", () => {
    const { config } = resolve(
      {},
      {
        OTEL_METRICS_EXPORTER: "prometheus,otlp",
        OTEL_EXPORTER_PROMETHEUS_PORT: "9500",
        OTEL_EXPORTER_PROMETHEUS_HOST: "0.0.0.0",
        OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: "http://metrics:4318/v1/metrics",
        OTEL_EXPORTER_OTLP_METRICS_PROTOCOL: "http/json",
        OTEL_EXPORTER_OTLP_METRICS_HEADERS: "x-team=ai",
        OTEL_METRIC_EXPORT_INTERVAL: "5000",
        OTEL_LOGS_EXPORTER: "otlp",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      },
    );
    expect(config.metrics!.exporters).toEqual([
      { type: "prometheus", host: "0.0.0.0", port: 9500, path: "/metrics" },
      { type: "otlp", protocol: "http/json", endpoint: "http://metrics:4318/v1/metrics", headers: { "x-team": "ai" }, compression: "none", timeoutMillis: 10_000 },
    ]);
    expect(config.metrics!.exportIntervalMillis).toBe(5000);
    expect(config.logs!.exporters[0]).toMatchObject({ type: "otlp", protocol: "http/protobuf", endpoint: "http://collector:4318/v1/logs" });
  });

  it("the option wins over the environment; a prometheus exporter listens on loopback at 9464 by default", () => {
    const { config } = resolve({ metrics: { exporters: [{ type: "prometheus" }] } }, { OTEL_METRICS_EXPORTER: "console" });
    expect(config.metrics!.exporters).toEqual([{ type: "prometheus", host: "127.0.0.1", port: 9464, path: "/metrics" }]);
  });

  it("take a MetricReader or a LogRecordExporter as they are", () => {
    const reader = new PeriodicExportingMetricReader({ exporter: new InMemoryMetricExporter(AggregationTemporality.DELTA) });
    const logExporter = new InMemoryLogRecordExporter();
    const { config } = resolve({ metrics: { exporters: [reader] }, logs: { exporters: [logExporter] } });
    expect(config.metrics!.exporters).toEqual([{ type: "reader", reader }]);
    expect(config.logs!.exporters).toEqual([{ type: "custom", exporter: logExporter }]);
  });

  it("list every problem in one error, each with a fix", () => {
    const error = problemsOf({
      metrics: { exporters: [{ type: "prometheus", port: 70_000 }, { type: "statsd" }], exportIntervalMillis: 0, cardinalityLimt: 5 },
      logs: { exporters: [{ type: "otlp", endpoint: "collector" }], console: "yes" },
    });
    expect(error.problems.map((p) => p.path).sort()).toEqual(
      ["logs.console", "logs.exporters[0].endpoint", "metrics.cardinalityLimt", "metrics.exportIntervalMillis", "metrics.exporters[0].port", "metrics.exporters[1].type"].sort(),
    );
    for (const problem of error.problems) expect(problem.fix.length).toBeGreaterThan(5);
    expect(error.message).toContain('did you mean "cardinalityLimit"');
    expect(error.message).toMatch(/"statsd" is not an exporter type\n {4}Fix: use one of "otlp", "prometheus", "console", "none", "memory", or pass a MetricReader instance/);
  });

  it("metrics: true with traces going only to a file names the fix", () => {
    const error = problemsOf({ exporters: [{ type: "jsonl" }], metrics: true });
    expect(error.problems[0]).toMatchObject({ path: "metrics", fix: expect.stringContaining('type: "prometheus"') });
  });
});
