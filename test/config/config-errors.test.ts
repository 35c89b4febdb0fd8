import { describe, expect, it } from "vitest";
import { TracingConfigError } from "../../src/config/config-error.js";
import { resolveConfig } from "../../src/config/resolve-config.js";
import type { TracingOptions } from "../../src/index.js";

function problemsOf(options: unknown): TracingConfigError {
  try {
    resolveConfig(options as TracingOptions, {});
  } catch (error) {
    if (error instanceof TracingConfigError) return error;
    throw error;
  }
  throw new Error("expected a TracingConfigError");
}

describe("TracingConfigError", () => {
  it("lists every problem at once, each with its path and a fix", () => {
    const error = problemsOf({
      sevriceName: "bot",
      sampling: { rate: 1.5 },
      exporters: [{ type: "otel" }, { type: "otlp", endpoint: "localhost:4317", timeoutMs: -1 }],
      processor: "fast",
    });
    expect(error.problems.map((p) => p.path).sort()).toEqual(
      ["sevriceName", "exporters[0].type", "exporters[1].endpoint", "exporters[1].timeoutMs", "processor", "sampling.rate"].sort(),
    );
    expect(error.problems).toHaveLength(6);
    expect(error.message).toContain("invalid tracing configuration (6 problems)");
    for (const problem of error.problems) expect(error.message).toContain(`- ${problem.path}: ${problem.message}\n    Fix: ${problem.fix}`);
  });

  it("suggests the option a misspelt key was meant to be", () => {
    const [problem] = problemsOf({ sevriceName: "bot" }).problems;
    expect(problem).toEqual({ path: "sevriceName", message: "is not an option llmtrace knows", fix: 'did you mean "serviceName"? Otherwise remove it' });
  });

  it("finds misspelt keys inside exporters too", () => {
    const [problem] = problemsOf({ exporters: [{ type: "otlp", endpont: "http://c:4317" }] }).problems;
    expect(problem).toEqual({ path: "exporters[0].endpont", message: "is not an option llmtrace knows", fix: 'did you mean "endpoint"? Otherwise remove it' });
  });

  it("says which exporter types exist", () => {
    const [problem] = problemsOf({ exporters: [{ type: "datadog" }] }).problems;
    expect(problem).toEqual({
      path: "exporters[0].type",
      message: '"datadog" is not an exporter type',
      fix: 'use one of "otlp", "zipkin", "console", "jsonl", "memory", "none", or pass a SpanExporter instance',
    });
  });

  it("shows the object form when an exporter is given by its type alone", () => {
    const problems = problemsOf({ exporters: ["memory", 42] }).problems;
    expect(problems).toEqual([
      { path: "exporters[0]", message: '"memory" is not an object', fix: 'write { type: "memory" }' },
      { path: "exporters[1]", message: "42 is not an object", fix: 'write each exporter as an object, such as { type: "console" }, or pass a SpanExporter instance' },
    ]);
  });

  it("explains a bad URL", () => {
    const [problem] = problemsOf({ exporters: [{ type: "zipkin", endpoint: "zipkin:9411" }] }).problems;
    expect(problem).toMatchObject({ path: "exporters[0].endpoint", message: '"zipkin:9411" is not an http(s) URL', fix: 'use a full URL such as "http://localhost:4317"' });
  });

  it.each([
    [{ sampling: { rate: 2 } }, "sampling.rate", "use a number from 0 to 1, such as 0.25"],
    [{ sampling: { rate: Number.NaN } }, "sampling.rate", "use a number from 0 to 1, such as 0.25"],
    [{ sampling: { rules: [{ name: "chat *", rate: -0.5 }] } }, "sampling.rules[0].rate", "use a number from 0 to 1, such as 0.25"],
    [{ sampling: { sampler: "sometimes" } }, "sampling.sampler", "use \"always_on\", \"always_off\", a function (name, context, traceId, attributes) => boolean, or an OpenTelemetry Sampler"],
    [{ enabled: "yes" }, "enabled", "use true or false"],
    [{ serviceName: "" }, "serviceName", 'use a non-empty string such as "support-bot"'],
    [{ exporters: "console" }, "exporters", 'use an array, such as [{ type: "console" }]'],
    [{ exporters: [{ type: "otlp", protocol: "http" }] }, "exporters[0].protocol", 'use "grpc", "http/protobuf" or "http/json"'],
    [{ exporters: [{ type: "otlp", compression: "brotli" }] }, "exporters[0].compression", 'use "gzip" or "none"'],
    [{ exporters: [{ type: "otlp", headers: { "api-key": 42 } }] }, "exporters[0].headers.api-key", "use a string"],
    [{ exporters: [{ type: "jsonl", path: "" }] }, "exporters[0].path", 'use a file path such as "traces/spans.jsonl"'],
    [{ exporters: [{ type: "console", write: "stdout" }] }, "exporters[0].write", "see docs/configuration.md for the accepted values"],
    [{ propagators: ["xray"] }, "propagators[0]", 'use "tracecontext", "baggage", "b3", "b3multi", "jaeger" or "none"'],
    [{ logLevel: "loud" }, "logLevel", 'use "none", "error", "warn", "info", "debug", "verbose" or "all"'],
    [{ shutdownTimeoutMs: 0 }, "shutdownTimeoutMs", "use a whole number of milliseconds above 0, such as 10000"],
    [{ attributes: { team: { name: "ml" } } }, "attributes.team", "use a string, number or boolean, or an array of one of those"],
    [{ resourceAttributes: { region: null } }, "resourceAttributes.region", "use a string, number or boolean, or an array of one of those"],
    [{ batch: { maxQueueSize: 1.5 } }, "batch.maxQueueSize", "use a whole number"],
    [{ batch: { maxQueueSize: 10, maxExportBatchSize: 20 } }, "batch.maxExportBatchSize", "make maxExportBatchSize at most maxQueueSize"],
  ])("%j → problem at %s with fix %j", (options, path, fix) => {
    const { problems } = problemsOf(options);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ path, fix });
    expect(problems[0]!.message.length).toBeGreaterThan(5);
  });

  it("is an Error with a stable name", () => {
    const error = problemsOf({ processor: 1 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("TracingConfigError");
  });
});
