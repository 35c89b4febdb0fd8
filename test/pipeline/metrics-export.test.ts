// Metrics leaving the process: Prometheus scraped over loopback, OTLP decoded by a loopback receiver
// with the official protos (gRPC, HTTP/protobuf, HTTP/JSON), the console; failures said once.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing, trace } from "../../src/index.js";
import { captureDiag } from "../helpers/diag-capture.js";
import { useOtlpReceiver } from "../helpers/otlp-receiver.js";
import { refusedPort } from "../helpers/servers.js";
import { waitFor } from "../helpers/wait-for.js";

const receiver = useOtlpReceiver();

async function workload(): Promise<void> {
  await trace.generation({ model: "gpt-4o", provider: "openai", input: "hello" }, async (g) => g.end({ output: "hi", usage: { inputTokens: 120, outputTokens: 8 } }));
  await trace.tool({ name: "search" }, async (t) => t.end({ result: "ok" }));
}

async function fetchText(url: string): Promise<string> {
  let text: string | undefined;
  const deadline = Date.now() + 5000;
  while (text === undefined) {
    try {
      const response = await fetch(url);
      text = await response.text();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  return text;
}

describe("Prometheus", () => {
  it("serves the metrics on 127.0.0.1 in the Prometheus text format, with _total counters and GenAI histogram buckets", async () => {
    const port = await refusedPort();
    configureTracing({ exporters: [{ type: "memory" }], metrics: { exporters: [{ type: "prometheus", port }] }, serviceName: "shop-bot", logLevel: "none" }, {});
    await workload();
    const text = await fetchText(`http://127.0.0.1:${port}/metrics`);
    expect(text).toMatch(/^llmtrace_llm_requests_total\{[^}]*gen_ai_provider_name="openai"[^}]*\} 1$/m);
    expect(text).toMatch(/^llmtrace_llm_tokens_total\{[^}]*gen_ai_token_type="input"[^}]*\} 120$/m);
    expect(text).toMatch(/^llmtrace_llm_cost_total\{[^}]*\} [0-9.e-]+$/m);
    expect(text).toMatch(/^gen_ai_client_token_usage_bucket\{[^}]*gen_ai_token_type="output"[^}]*le="16"\} 1$/m);
    expect(text).toMatch(/^gen_ai_client_operation_duration_count\{/m);
    expect(text).toMatch(/^llmtrace_operation_duration_count\{[^}]*llmtrace_span_name="tool.search"[^}]*\} 1$/m);
    expect(text).toMatch(/^target_info\{[^}]*service_name="shop-bot"/m);
    // Loopback only: not on every interface (an IPv6 loopback connection is refused).
    await expect(fetch(`http://[::1]:${port}/metrics`)).rejects.toThrow();
    expect(getActiveTracing()!.stats().metrics!.exporters[0]).toMatchObject({ exporter: "prometheus", endpoint: `http://127.0.0.1:${port}/metrics`, exports: 1 });
  });

  it("port 0 picks a free port and reports it; the application's own instruments are served beside llmtrace's, labels escaped", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], metrics: { exporters: [{ type: "prometheus", port: 0 }] }, logLevel: "none" }, {});
    expect(tracing.stats().metrics!.exporters[0]!.endpoint).toBeNull();
    const endpoint = await waitFor(() => tracing.stats().metrics!.exporters[0]!.endpoint ?? undefined, 5000, () => "no port bound");
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    // Another library's counter, through the global meter provider llmtrace registered.
    const { metrics } = await import("@opentelemetry/api");
    metrics.getMeter("queue-lib").createCounter("jobs.done").add(2, { queue: 'say "hi"\\now' });
    await workload();
    const text = await fetchText(endpoint!);
    expect(text).toContain('jobs_done_total{queue="say \\"hi\\"\\\\now",otel_scope_name="queue-lib"} 2');
    expect(text).toMatch(/^# TYPE gen_ai_client_token_usage histogram$/m);
    expect(text).toMatch(/^gen_ai_client_token_usage_bucket\{[^}]*gen_ai_token_type="input"[^}]*le="256"\} 1$/m);
    expect(text).toMatch(/^gen_ai_client_token_usage_bucket\{[^}]*gen_ai_token_type="input"[^}]*le="64"\} 0$/m);
    expect(text).toMatch(/^gen_ai_client_token_usage_bucket\{[^}]*gen_ai_token_type="input"[^}]*le="\+Inf"\} 1$/m);
    expect(text).toMatch(/^gen_ai_client_token_usage_sum\{[^}]*gen_ai_token_type="input"[^}]*\} 120$/m);
    expect((await fetch(endpoint!.replace("/metrics", "/other"))).status).toBe(404);
  });

  it("says once, clearly, when the port is taken, and counts it", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    const diag = captureDiag();
    try {
      const tracing = configureTracing({ exporters: [{ type: "memory" }], metrics: { exporters: [{ type: "prometheus", port }] }, logLevel: "none" }, {});
      await waitFor(() => (tracing.stats().metrics!.exporters[0]!.failedExports > 0 ? true : undefined), 5000, () => "no failure counted");
      const said = diag.warnings.filter((warning) => warning.includes(`127.0.0.1:${port}`));
      expect(said).toHaveLength(1);
      expect(said[0]).toMatch(/could not listen.*EADDRINUSE.*port: 9465/);
      expect(said[0]).not.toMatch(/retried/);
      // No raw error dumps beside llmtrace's one line.
      expect(diag.errors).toEqual([]);
      await workload(); // recording still works, the application goes on
    } finally {
      await getActiveTracing()?.shutdown();
      diag.restore();
      busy.close();
    }
  });
});

it("a configureTracing() that fails after building lets its Prometheus port go", async () => {
  const port = await refusedPort();
  const failing = {
    instrumentationName: "broken",
    setTracerProvider: () => {},
    enable: () => {
      throw new Error("cannot patch");
    },
    disable: () => {},
  };
  expect(() => configureTracing({ exporters: [{ type: "memory" }], metrics: { exporters: [{ type: "prometheus", port }] }, instrumentations: [failing], logLevel: "none" }, {})).toThrow("cannot patch");
  // The same port binds again: the first server was closed (the OS frees the port a turn later).
  await new Promise((resolve) => setTimeout(resolve, 50));
  const tracing = configureTracing({ exporters: [{ type: "memory" }], metrics: { exporters: [{ type: "prometheus", port }] }, logLevel: "none" }, {});
  await workload();
  const text = await fetchText(`http://127.0.0.1:${port}/metrics`);
  expect(text).toMatch(/^llmtrace_llm_requests_total\{/m);
  expect(tracing.stats().metrics!.exporters[0]!.failedExports).toBe(0);
});

describe("OTLP", () => {
  for (const protocol of ["grpc", "http/protobuf", "http/json"] as const) {
    it(`metrics: true sends to the traces' collector over ${protocol}, with their headers`, async () => {
      const endpoint = protocol === "grpc" ? receiver().grpcUrl : `${receiver().httpUrl}/v1/traces`;
      const tracing = configureTracing(
        { exporters: [{ type: "otlp", protocol, endpoint, headers: { "x-api-key": "k-123" } }], metrics: true, logLevel: "none" },
        {},
      );
      expect(tracing.config.metrics!.exporters[0]).toMatchObject({ type: "otlp", protocol, endpoint: protocol === "grpc" ? endpoint : `${receiver().httpUrl}/v1/metrics` });
      await workload();
      await tracing.forceFlush();
      const points = await waitFor(() => (receiver().points.length > 0 ? receiver().points : undefined), 10_000, () => "no metrics received");
      const input = points.find((point) => point.metric === "llmtrace.llm.tokens" && point.attributes["gen_ai.token.type"] === "input");
      expect(input?.value).toBe(120);
      const usage = points.find((point) => point.metric === "gen_ai.client.token.usage" && point.attributes["gen_ai.token.type"] === "input");
      expect(usage).toMatchObject({ count: 1, sum: 120, unit: "{token}" });
      expect(usage!.explicitBounds!.slice(0, 3)).toEqual([1, 4, 16]);
      expect(input!.resource["service.name"]).toBe("unknown_service:node");
      const request = receiver().requests.find((r) => (protocol === "grpc" ? r.path.includes("MetricsService") : r.path === "/v1/metrics"));
      expect(request?.headers["x-api-key"]).toBe("k-123");
      expect(tracing.stats().metrics!.exporters[0]).toMatchObject({ exporter: `otlp ${protocol}`, failedExports: 0 });
    });
  }

  it("an unreachable collector is counted and said once, and shutdown still ends by its deadline", async () => {
    const port = await refusedPort();
    const diag = captureDiag();
    try {
      const tracing = configureTracing({ exporters: [{ type: "memory" }], metrics: { exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `http://127.0.0.1:${port}/v1/metrics` }] }, logLevel: "none" }, {});
      await workload();
      await tracing.forceFlush({ timeoutMillis: 3000 });
      await tracing.forceFlush({ timeoutMillis: 3000 });
      const stats = tracing.stats().metrics!.exporters[0]!;
      expect(stats.failedExports).toBeGreaterThanOrEqual(1);
      expect(stats.lastError?.message).toBeTruthy();
      expect(diag.warnings.filter((warning) => warning.includes("metrics could not be exported"))).toHaveLength(1);
      expect(diag.errors).toEqual([]);
    } finally {
      await getActiveTracing()?.shutdown({ timeoutMillis: 3000 });
      diag.restore();
    }
  });
});

describe("console", () => {
  it("metrics: true beside console traces prints compact series lines", async () => {
    const lines: string[] = [];
    const tracing = configureTracing({ exporters: [{ type: "console", write: () => {} }], metrics: { exporters: [{ type: "console", write: (text) => lines.push(text) }] }, logLevel: "none" }, {});
    await workload();
    await tracing.forceFlush();
    const printed = lines.join("");
    expect(printed).toMatch(/^llmtrace metrics \(unknown_service:node\):$/m);
    expect(printed).toMatch(/^ {2}llmtrace\.llm\.tokens\{.*gen_ai\.token\.type=input\} 120$/m);
    expect(printed).toMatch(/^ {2}gen_ai\.client\.operation\.duration\{.*\} count=1 sum=[0-9.e-]+ s mean=/m);
  });
});
