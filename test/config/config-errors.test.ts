import { describe, expect, it } from "vitest";
import { problemsOf } from "../helpers/config-problems.js";

describe("TracingConfigError", () => {
  it("lists every problem at once, each with its path and a fix", () => {
    const error = problemsOf({
      sevriceName: "bot",
      sampling: { rate: 1.5 },
      exporters: [{ type: "otel" }, { type: "otlp", endpoint: "localhost:4317", timeoutMillis: -1 }],
      processor: "fast",
    });
    expect(error.problems.map((p) => p.path).sort()).toEqual(
      ["sevriceName", "exporters[0].type", "exporters[1].endpoint", "exporters[1].timeoutMillis", "processor", "sampling.rate"].sort(),
    );
    expect(error.problems).toHaveLength(6);
    expect(error.message).toContain("invalid tracing configuration (6 problems)");
    for (const problem of error.problems) expect(error.message).toContain(`- ${problem.path}: ${problem.message}\n    Fix: ${problem.fix}`);
  });

  it("says how to write a bad exit bound", () => {
    const [problem] = problemsOf({ exitTimeoutMillis: 0 }).problems;
    expect(problem).toMatchObject({ path: "exitTimeoutMillis", fix: "use a whole number of milliseconds above 0, such as 2000" });
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
    [{ shutdownTimeoutMillis: 0 }, "shutdownTimeoutMillis", "use a whole number of milliseconds above 0, such as 10000"],
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

  it("shows the object a bare value stands for", () => {
    expect(problemsOf({ sampling: 0.5 }).problems).toEqual([{ path: "sampling", message: "0.5 is not an object", fix: "write { rate: 0.5 }" }]);
    expect(problemsOf({ sampling: "always_off" }).problems[0]).toMatchObject({ path: "sampling", fix: 'write { sampler: "always_off" }' });
    expect(problemsOf({ content: false }).problems[0]).toMatchObject({ path: "content", fix: "write { capture: false }" });
  });

  it("reports a wrong value deep inside an object at its own path, not at the option that holds it", () => {
    expect(problemsOf({ content: { redact: { pii: "yes" } } }).problems).toEqual([
      {
        path: "content.redact.pii",
        message: '"yes" is not true or false, or an object',
        fix: "use true, false, or an object turning single detectors on or off, such as { ipv4: false }",
      },
    ]);
    const { problems } = problemsOf({ content: { redact: { secrets: { jwt: "no" }, pii: { emial: false } } } });
    expect(problems).toEqual([
      { path: "content.redact.secrets.jwt", message: '"no" is not true or false', fix: "use true or false" },
      { path: "content.redact.pii.emial", message: "is not an option llmtrace knows", fix: 'did you mean "email"? Otherwise remove it' },
    ]);
  });

  it("lists instrumentations that are not instrumentations with the other problems", () => {
    class HttpInstrumentation {}
    const error = problemsOf({ serviceName: "", instrumentations: [{ name: "http" }, HttpInstrumentation, [{}]] });
    expect(error.problems).toEqual([
      { path: "serviceName", message: expect.any(String), fix: 'use a non-empty string such as "support-bot"' },
      {
        path: "instrumentations[0]",
        message: "an object is not an OpenTelemetry instrumentation (an object with instrumentationName, setTracerProvider, enable and disable) or a list of them",
        fix: "pass instrumentation instances (or arrays of them), such as new HttpInstrumentation() from @opentelemetry/instrumentation-http",
      },
      { path: "instrumentations[1]", message: expect.stringContaining("a function is not an OpenTelemetry instrumentation"), fix: "create an instance: new HttpInstrumentation()" },
      { path: "instrumentations[2]", message: expect.stringContaining("an array is not an OpenTelemetry instrumentation"), fix: expect.any(String) },
    ]);
  });

  it("rejects a duration given under both its old and its new name", () => {
    expect(problemsOf({ shutdownTimeoutMs: 100, shutdownTimeoutMillis: 200 }).problems).toEqual([
      { path: "shutdownTimeoutMs", message: "is the old name of shutdownTimeoutMillis, which is also given", fix: "remove shutdownTimeoutMs and keep shutdownTimeoutMillis" },
    ]);
    expect(problemsOf({ exporters: [{ type: "otlp", timeoutMs: 1, timeoutMillis: 2 }] }).problems[0]).toMatchObject({ path: "exporters[0].timeoutMs" });
  });

  it("suggests the new ...Millis names for misspelt durations, never the deprecated ones", () => {
    expect(problemsOf({ shutdownTimeoutMilis: 5 }).problems[0]!.fix).toBe('did you mean "shutdownTimeoutMillis"? Otherwise remove it');
    expect(problemsOf({ exporters: [{ type: "otlp", timeoutMilis: 5 }] }).problems[0]!.fix).toBe('did you mean "timeoutMillis"? Otherwise remove it');
  });

  it("is an Error with a stable name", () => {
    const error = problemsOf({ processor: 1 });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("TracingConfigError");
  });
});
