// Export failures as a user meets them: real OTLP exporters against real misbehaving servers on
// 127.0.0.1. Each test asserts what is said (once, at the warning level), what stats() shows,
// that nothing is sent twice and that nothing within the queue's capacity is lost. Every wait is
// bounded and every server is closed by the test that made it.
import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { configureTracing, type ExporterStats } from "../../src/index.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";
import { HttpSink } from "../helpers/http-sink.js";
import { OtlpReceiver } from "../helpers/otlp-receiver.js";
import { refusedPort, silentServer } from "../helpers/servers.js";
import { waitFor } from "../helpers/wait-for.js";
import { ControllableExporter } from "./controllable-exporter.js";

const diagnostics = useDiagAndTracing();

function endSpans(count: number, from = 0): string[] {
  const ids: string[] = [];
  for (let i = from; i < from + count; i++) {
    const span = trace.getTracer("faults").startSpan(`op ${i}`);
    ids.push(span.spanContext().spanId);
    span.end();
  }
  return ids;
}

const llmtraceWarnings = () => diagnostics().warnings.filter((w) => w.startsWith("llmtrace:"));
const warningsAbout = (text: string) => llmtraceWarnings().filter((w) => w.includes(text));
const only = (tracing: { stats(): { exporters: readonly ExporterStats[] } }) => tracing.stats().exporters[0]!;
// Batches leave at once; no test waits for a timer to send them.
const batch = { scheduledDelayMillis: 10 };

describe("a failure is named when it happens, once, with a hint", () => {
  it("gRPC pointed at an OTLP/HTTP port: says to set protocol http/protobuf; counts the attempt at once", async () => {
    const receiver = await OtlpReceiver.start();
    try {
      const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "grpc", endpoint: receiver.httpUrl }], batch, logLevel: "none" }, {});
      endSpans(3);
      const stats = await waitFor(() => (only(tracing).failedExports > 0 ? only(tracing) : undefined), 5000, () => JSON.stringify(only(tracing)));
      expect(stats.lastError?.message).toMatch(/gRPC UNAVAILABLE/);
      expect(stats.queued).toBe(3);
      const said = warningsAbout("could not deliver");
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(`otlp grpc exporter (${receiver.httpUrl})`);
      expect(said[0]).toContain('set protocol: "http/protobuf"');
    } finally {
      await receiver.close();
    }
  });

  it("HTTP to a wrong path (404): says the path should end in /v1/traces, drops the batch without retrying it", async () => {
    const sink = await HttpSink.start();
    sink.status = 404;
    try {
      const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `${sink.url}/traces` }], batch, logLevel: "none" }, {});
      endSpans(4);
      await waitFor(() => (only(tracing).dropped === 4 ? true : undefined), 5000, () => JSON.stringify(only(tracing)));
      await new Promise((resolve) => setTimeout(resolve, 700)); // longer than the first retry delay
      expect(sink.requests).toHaveLength(1);
      expect(only(tracing)).toMatchObject({ failedExports: 1, dropped: 4, queued: 0, exported: 0, lastError: { message: expect.stringContaining("HTTP 404") } });
      const said = warningsAbout("could not deliver 4 span(s)");
      expect(said).toHaveLength(1);
      expect(said[0]).toContain("the path should end in /v1/traces (it is /traces)");
      expect(only(tracing).lastError?.message).toContain("HTTP 404");
      expect(said[0]).toContain("dropped, not retried");
      expect(warningsAbout("were dropped")).toHaveLength(0); // named once, not twice
    } finally {
      await sink.close();
    }
  });

  it("HTTP 401: says to check the headers, drops without retrying", async () => {
    const sink = await HttpSink.start();
    sink.status = 401;
    try {
      const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "http/json", endpoint: `${sink.url}/v1/traces` }], batch, logLevel: "none" }, {});
      endSpans(2);
      await waitFor(() => (only(tracing).dropped === 2 ? true : undefined), 5000, () => JSON.stringify(only(tracing)));
      expect(sink.requests).toHaveLength(1);
      expect(warningsAbout("check the exporter's headers")).toHaveLength(1);
    } finally {
      await sink.close();
    }
  });

  it("connection refused: says nothing is listening; each failed attempt counts as it fails, one request each", async () => {
    const port = await refusedPort();
    const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `http://127.0.0.1:${port}/v1/traces` }], batch, logLevel: "none" }, {});
    const started = Date.now();
    endSpans(5);
    // The OTLP exporter's own retries (5 tries within its 10 s timeout) are off: the first attempt fails at once.
    await waitFor(() => (only(tracing).failedExports >= 1 ? true : undefined), 3000, () => JSON.stringify(only(tracing)));
    expect(Date.now() - started).toBeLessThan(1500);
    // Then the queue's backoff: 0.5 s, 1 s... a second attempt within ~1 s.
    await waitFor(() => (only(tracing).failedExports >= 2 ? true : undefined), 3000, () => JSON.stringify(only(tracing)));
    expect(only(tracing)).toMatchObject({ queued: 5, dropped: 0, lastError: { message: expect.stringContaining("ECONNREFUSED") } });
    expect(warningsAbout("could not deliver")).toHaveLength(1);
    expect(warningsAbout("nothing is listening at")).toHaveLength(1);
  });

  it("HTTP 503: one request per attempt (no retries stacked inside an attempt), then delivery once it recovers", async () => {
    const sink = await HttpSink.start();
    sink.status = 503;
    try {
      const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "http/json", endpoint: `${sink.url}/v1/traces` }], batch, logLevel: "none" }, {});
      endSpans(3);
      await waitFor(() => (only(tracing).failedExports >= 2 ? true : undefined), 5000, () => JSON.stringify(only(tracing)));
      expect(sink.requests.length).toBe(only(tracing).failedExports);
      sink.status = 200;
      await waitFor(() => (only(tracing).exported === 3 ? true : undefined), 5000, () => JSON.stringify(only(tracing)));
      expect(only(tracing)).toMatchObject({ dropped: 0, queued: 0, lastSuccessAt: expect.any(Number) });
      expect(warningsAbout("could not deliver")).toHaveLength(1);
      const recovered = warningsAbout("delivers again");
      expect(recovered).toHaveLength(1);
      expect(recovered[0]).toContain("3 span(s) held during the outage are delivered late");
    } finally {
      await sink.close();
    }
  });
});

describe("outages and restarts", () => {
  it("a receiver killed mid-run and restarted on the same port: every span arrives, none twice", async () => {
    let receiver = await OtlpReceiver.start();
    const grpcPort = Number(new URL(receiver.grpcUrl).port);
    let second: OtlpReceiver | undefined;
    try {
      const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "grpc", endpoint: receiver.grpcUrl, timeoutMillis: 2000 }], batch, logLevel: "none" }, {});
      const before = endSpans(20, 0);
      // A copy: the mock gRPC server's trace callback outlives close() and would see the second half too.
      const firstHalf = [...(await receiver.waitForSpans(20))];
      await receiver.close();
      const during = endSpans(20, 20);
      await waitFor(() => (only(tracing).failedExports >= 1 ? true : undefined), 5000, () => JSON.stringify(only(tracing)));
      second = await OtlpReceiver.start({ grpcPort });
      receiver = second;
      const secondHalf = await second.waitForSpans(20, 20_000);
      const received = [...firstHalf, ...secondHalf].map((s) => s.spanId);
      expect(new Set(received).size).toBe(received.length);
      expect(new Set(received)).toEqual(new Set([...before, ...during]));
      // The receiver has the spans a moment before the exporter has its answer.
      await waitFor(() => (only(tracing).exported === 40 ? true : undefined), 5000, () => JSON.stringify(only(tracing)));
      expect(only(tracing)).toMatchObject({ exported: 40, dropped: 0, queued: 0 });
      expect(warningsAbout("could not deliver")).toHaveLength(1);
      expect(warningsAbout("delivers again")).toHaveLength(1);
    } finally {
      await (second ?? receiver).close().catch(() => undefined);
    }
  }, 30_000);

  it("a receiver that takes a batch but answers too late: the batch is not sent again (it arrived), later ones flow", async () => {
    const sink = await HttpSink.start();
    let requests = 0;
    const held: (() => void)[] = [];
    // The first request is read and recorded, then left unanswered past the exporter's timeout.
    sink.hold = () => ++requests === 1;
    sink.onHold = (release) => held.push(release);
    try {
      const tracing = configureTracing(
        { exporters: [{ type: "otlp", protocol: "http/json", endpoint: `${sink.url}/v1/traces`, timeoutMillis: 1500 }], batch, logLevel: "none" },
        {},
      );
      // The timeout also bounds the second batch, which is answered at once: generous, so a stalled
      // machine does not time it out too.
      endSpans(2);
      await waitFor(() => (only(tracing).dropped === 2 ? true : undefined), 10_000, () => JSON.stringify(only(tracing)));
      await new Promise((resolve) => setTimeout(resolve, 700)); // past the first retry delay: nothing is re-sent
      expect(sink.requests).toHaveLength(1);
      endSpans(3, 2);
      await waitFor(() => (only(tracing).exported === 3 ? true : undefined), 5000, () => JSON.stringify(only(tracing)));
      expect(sink.requests).toHaveLength(2);
      const said = warningsAbout("could not deliver 2 span(s)");
      expect(said).toHaveLength(1);
      expect(said[0]).toContain("not sent again (no span is delivered twice)");
      expect(said[0]).toContain("raise the exporter's timeoutMillis");
    } finally {
      for (const release of held) release();
      await sink.close();
    }
  }, 30_000);

  it("a server that accepts and never answers: shutdown names what it drops, by its deadline", async () => {
    const server = await silentServer();
    try {
      const tracing = configureTracing(
        { exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `http://127.0.0.1:${server.port}/v1/traces` }], batch, logLevel: "none" },
        {},
      );
      endSpans(6);
      await new Promise((resolve) => setTimeout(resolve, 100)); // the export is in flight
      await tracing.shutdown({ timeoutMillis: 400 });
      expect(only(tracing)).toMatchObject({ queued: 0, dropped: 6 });
      const named = warningsAbout("6 span(s) for the otlp http/protobuf exporter");
      expect(named).toHaveLength(1);
      expect(named[0]).toContain(`127.0.0.1:${server.port}`);
    } finally {
      await server.close();
    }
  });

  it("shutdown() during an outage counts and names every undelivered span; stats() agree afterwards", async () => {
    const port = await refusedPort();
    const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "grpc", endpoint: `http://127.0.0.1:${port}` }], logLevel: "none" }, {});
    endSpans(50);
    await tracing.shutdown({ timeoutMillis: 3000 });
    expect(tracing.stats()).toMatchObject({ spansDropped: 50, spansQueued: 0, spansExported: 0 });
    const named = warningsAbout("50 span(s) for the otlp grpc exporter");
    expect(named).toHaveLength(1);
    expect(named[0]).toContain("still queued at shutdown");
    expect(named[0]).toContain("ECONNREFUSED");
  });
});

describe("the queue's own promises", () => {
  it("forceFlush() sends what was queued when it was called and returns, while spans keep coming", async () => {
    const exporter = new ControllableExporter();
    const tracing = configureTracing({ exporters: [exporter], batch: { maxExportBatchSize: 16, scheduledDelayMillis: 5 }, logLevel: "none" }, {});
    const queuedAtFlush = endSpans(200);
    let producing = true;
    const producer = (async () => {
      for (let round = 0; producing && round < 2000; round++) {
        endSpans(20, 1000 + round * 20);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await tracing.forceFlush({ timeoutMillis: 5000 });
    producing = false;
    await producer;
    const accepted = new Set(exporter.accepted);
    expect(queuedAtFlush.every((id) => accepted.has(id))).toBe(true);
    expect(exporter.accepted.length).toBe(accepted.size); // nothing sent twice
  });

  it("a batch with no answer within exportTimeoutMillis is not sent again (it may have arrived), and is counted as dropped", async () => {
    const exporter = new ControllableExporter();
    exporter.mode = "hold";
    const tracing = configureTracing({ exporters: [exporter], batch: { ...batch, exportTimeoutMillis: 100 }, logLevel: "none" }, {});
    endSpans(3);
    await waitFor(() => (only(tracing).dropped === 3 ? true : undefined), 3000, () => JSON.stringify(only(tracing)));
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(exporter.calls).toBe(1);
    const said = warningsAbout("could not deliver 3 span(s)");
    expect(said).toHaveLength(1);
    expect(said[0]).toContain("the exporter gave no answer within 100 ms");
    expect(said[0]).toContain("not sent again");
  });

  it("shutdown() runs once: concurrent calls share one flush and one exporter shutdown", async () => {
    const exporter = new ControllableExporter();
    let shutdowns = 0;
    const shutdown = exporter.shutdown.bind(exporter);
    exporter.shutdown = () => {
      shutdowns++;
      return shutdown();
    };
    const tracing = configureTracing({ exporters: [exporter], logLevel: "none" }, {});
    endSpans(5);
    await Promise.all([tracing.shutdown(), tracing.shutdown(), tracing.shutdown()]);
    expect(shutdowns).toBe(1);
    expect(exporter.calls).toBe(1);
    expect(exporter.accepted).toHaveLength(5);
  });

  it("the memory exporter's stats after shutdown: exported, nothing queued", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    endSpans(2);
    await tracing.shutdown();
    expect(tracing.memoryExporter!.getFinishedSpans()).toHaveLength(2);
    expect(only(tracing)).toMatchObject({ exporter: "memory", exported: 2, queued: 0, dropped: 0 });
  });
});

describe("at the default log level", () => {
  it("the first failure reaches stderr with no logger configured", async () => {
    const { execFile } = await import("node:child_process");
    const receiver = await OtlpReceiver.start();
    try {
      const script = `
        import { configureTracing } from "./src/index.ts";
        import { trace } from "@opentelemetry/api";
        const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "grpc", endpoint: process.env.TARGET }], batch: { scheduledDelayMillis: 10 } });
        trace.getTracer("t").startSpan("s").end();
        // Loading gRPC and connecting take a moment in a fresh process; the failure is named then.
        for (let i = 0; i < 100 && tracing.stats().failedExports === 0; i++) await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 50));
        process.exit(0);
      `;
      // Asynchronously: the receiver runs in this process and must answer while the child runs.
      const run = await new Promise<{ stderr: string }>((resolve) => {
        execFile(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8", timeout: 20_000, env: { ...process.env, TARGET: receiver.httpUrl } }, (_error, _stdout, stderr) =>
          resolve({ stderr }),
        );
      });
      expect(run.stderr).toContain("could not deliver 1 span(s)");
      expect(run.stderr).toContain('set protocol: "http/protobuf"');
      expect(run.stderr.match(/could not deliver/g)).toHaveLength(1);
      expect(run.stderr).not.toMatch(/^\s+at /m); // no stack traces
    } finally {
      await receiver.close();
    }
  });
});
