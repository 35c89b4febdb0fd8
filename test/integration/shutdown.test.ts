import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing, type OtlpProtocol } from "../../src/index.js";
import { captureDiag } from "../helpers/diag-capture.js";
import { useOtlpReceiver } from "../helpers/otlp-receiver.js";
import { refusedPort, silentServer } from "../helpers/servers.js";

const receiver = useOtlpReceiver();

describe("shutdown delivers what is buffered", () => {
  it.each(["grpc", "http/protobuf"] as OtlpProtocol[])("over %s: all 3,000 queued spans arrive", async (protocol) => {
    const tracing = configureTracing(
      {
        exporters: [{ type: "otlp", protocol, endpoint: protocol === "grpc" ? receiver().grpcUrl : receiver().httpUrl }],
        // A delay longer than the test: nothing leaves before shutdown, so shutdown must send it all.
        batch: { scheduledDelayMillis: 600_000, maxQueueSize: 4096, maxExportBatchSize: 512 },
        logLevel: "none",
      },
      {},
    );
    const tracer = trace.getTracer("burst");
    for (let i = 0; i < 3000; i++) tracer.startSpan(`span-${i}`).end();
    expect(receiver().spans).toHaveLength(0);
    await tracing.shutdown();
    const names = new Set(receiver().spans.map((s) => s.name));
    expect(receiver().spans).toHaveLength(3000);
    expect(names.size).toBe(3000);
  });

  it("forceFlush sends the queue and keeps the pipeline running", async () => {
    const tracing = configureTracing(
      { exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: receiver().httpUrl }], batch: { scheduledDelayMillis: 600_000 }, logLevel: "none" },
      {},
    );
    trace.getTracer("t").startSpan("first").end();
    await tracing.forceFlush();
    expect(receiver().spans.map((s) => s.name)).toEqual(["first"]);
    trace.getTracer("t").startSpan("second").end();
    await tracing.shutdown();
    expect(receiver().spans.map((s) => s.name)).toEqual(["first", "second"]);
  });
});

describe("shutdown against a backend that is not there returns by its deadline", () => {
  // The exporters' own timeouts (20 s) are far longer than the deadline (300 ms): only the
  // deadline can make shutdown return early. The 5 s bound below separates the two by a wide
  // margin; it is not a performance assertion.
  const exporterTimeoutMillis = 20_000;
  const deadlineMillis = 300;

  it.each(["grpc", "http/protobuf"] as OtlpProtocol[])("connection refused, %s", async (protocol) => {
    const port = await refusedPort();
    const diagnostics = captureDiag();
    try {
      const tracing = configureTracing(
        { exporters: [{ type: "otlp", protocol, endpoint: `http://127.0.0.1:${port}`, timeoutMillis: exporterTimeoutMillis }], shutdownTimeoutMillis: deadlineMillis, logLevel: "none" },
        {},
      );
      for (let i = 0; i < 100; i++) trace.getTracer("t").startSpan(`s${i}`).end();
      const started = Date.now();
      await tracing.shutdown();
      expect(Date.now() - started).toBeLessThan(5000);
      expect(getActiveTracing()).toBeUndefined();
    } finally {
      diagnostics.restore();
    }
  });

  it.each(["grpc", "http/protobuf"] as OtlpProtocol[])("server that never answers, %s, with a warning that spans were not delivered", async (protocol) => {
    const server = await silentServer();
    const diagnostics = captureDiag();
    try {
      const tracing = configureTracing(
        {
          exporters: [{ type: "otlp", protocol, endpoint: `http://127.0.0.1:${server.port}`, timeoutMillis: exporterTimeoutMillis }],
          batch: { exportTimeoutMillis: exporterTimeoutMillis },
          logLevel: "none",
        },
        {},
      );
      for (let i = 0; i < 100; i++) trace.getTracer("t").startSpan(`s${i}`).end();
      const started = Date.now();
      await tracing.shutdown({ timeoutMillis: deadlineMillis });
      expect(Date.now() - started).toBeLessThan(5000);
      expect(diagnostics.warnings.some((w) => w.includes(`shutdown() gave up after ${deadlineMillis} ms`))).toBe(true);
    } finally {
      diagnostics.restore();
      await server.close();
    }
  });
});
