// The SDK against backends that are down, slow, or failing and then recovering: real exporters, real
// servers on 127.0.0.1. Every loop is bounded in count and every wait in time.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing, type OtlpProtocol } from "../../src/index.js";
import { OtlpReceiver } from "../helpers/otlp-receiver.js";
import { refusedPort } from "../helpers/servers.js";
import { waitFor } from "../helpers/wait-for.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown({ timeoutMillis: 500 });
});

const tracer = () => trace.getTracer("reliability");
const yieldToLoop = () => new Promise((resolve) => setImmediate(resolve));

function appSpan(i: number): void {
  const span = tracer().startSpan("tool.lookup_order", { attributes: { "ai.tool.name": "lookup_order", "ai.tool.arguments": `{"order":${i}}`, "conversation.id": `conv-${i % 100}` } });
  span.end();
}

// A full collection between measurements, so heap figures compare live data only.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;
const liveHeapMb = () => {
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

describe("backend down (connection refused)", () => {
  it("over 200,000 spans: no call throws, memory stops growing once the queue is full, every drop is counted", async () => {
    const port = await refusedPort();
    const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `http://127.0.0.1:${port}`, timeoutMillis: 1000 }], logLevel: "none" }, {});
    const { maxQueueSize } = tracing.config.batch;
    const heapAt: number[] = [];
    for (let round = 1; round <= 200; round++) {
      for (let i = 0; i < 1000; i++) appSpan(i); // a throw fails the test
      await yieldToLoop();
      if (round === 100 || round === 200) heapAt.push(liveHeapMb());
    }
    const stats = tracing.stats();
    expect(stats.spansEnded).toBe(200_000);
    expect(stats.spansExported).toBe(0);
    expect(stats.spansQueued).toBeLessThanOrEqual(maxQueueSize);
    expect(stats.spansDropped + stats.spansQueued).toBe(200_000);
    // From 100,000 to 200,000 spans the queue was already full: the heap must not grow with the spans.
    expect(heapAt[1]! - heapAt[0]!).toBeLessThan(16);
  });
});

/** An OTLP/HTTP server that holds every request until the test releases it. */
async function holdingServer() {
  const held: ServerResponse[] = [];
  let received = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on("end", () => {
      received++;
      held.push(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
    get received() {
      return received;
    },
    get held() {
      return held.length;
    },
    release() {
      for (const res of held.splice(0)) res.writeHead(200, { "content-type": "application/x-protobuf" }).end();
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("backend slow (holds requests)", () => {
  it("the application keeps going while an export hangs, the queue stays bounded, and it drains when the backend answers", async () => {
    const backend = await holdingServer();
    try {
      const tracing = configureTracing(
        {
          exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: backend.url, timeoutMillis: 60_000 }],
          batch: { maxQueueSize: 1000, maxExportBatchSize: 100, scheduledDelayMillis: 1, exportTimeoutMillis: 60_000 },
          logLevel: "none",
        },
        {},
      );
      for (let round = 0; round < 50; round++) {
        for (let i = 0; i < 100; i++) appSpan(i);
        await yieldToLoop();
      }
      await waitFor(() => (backend.held >= 1 ? true : undefined), 10_000, () => "the first export to arrive");
      // All 5,000 spans were recorded while the first export was still unanswered.
      let stats = tracing.stats();
      expect(stats).toMatchObject({ spansEnded: 5000, spansExported: 0 });
      expect(backend.held).toBe(1);
      expect(stats.spansQueued).toBe(1000);
      expect(stats.spansDropped).toBe(4000);
      const release = setInterval(() => backend.release(), 5);
      try {
        await tracing.forceFlush({ timeoutMillis: 10_000 });
      } finally {
        clearInterval(release);
      }
      stats = tracing.stats();
      expect(stats).toMatchObject({ spansExported: 1000, spansDropped: 4000, spansQueued: 0 });
      expect(backend.received).toBe(10);
    } finally {
      backend.release();
      await backend.close();
    }
  });
});

describe("backend failing, then recovering", () => {
  it("HTTP 503 for a while: spans are retried and all delivered once it recovers, none twice", async () => {
    const receiver = await OtlpReceiver.start();
    try {
      receiver.httpStatus = 503;
      const tracing = configureTracing(
        { exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: receiver.httpUrl, timeoutMillis: 1000 }], batch: { scheduledDelayMillis: 10 }, logLevel: "none" },
        {},
      );
      for (let i = 0; i < 3000; i++) appSpan(i);
      await waitFor(() => (tracing.stats().failedExports >= 2 ? true : undefined), 20_000, () => JSON.stringify(tracing.stats()));
      expect(receiver.spans).toHaveLength(0);
      receiver.httpStatus = 200;
      const spans = await receiver.waitForSpans(3000, 30_000);
      expect(new Set(spans.map((s) => s.spanId)).size).toBe(3000);
      await tracing.forceFlush();
      expect(receiver.spans).toHaveLength(3000);
      expect(tracing.stats()).toMatchObject({ spansExported: 3000, spansDropped: 0, spansQueued: 0 });
    } finally {
      await receiver.close();
    }
  });

  it("gRPC UNAVAILABLE (no server yet): spans are retried and delivered once the server comes up", async () => {
    const port = await refusedPort();
    const tracing = configureTracing(
      { exporters: [{ type: "otlp", protocol: "grpc" as OtlpProtocol, endpoint: `http://127.0.0.1:${port}`, timeoutMillis: 1000 }], batch: { scheduledDelayMillis: 10 }, logLevel: "none" },
      {},
    );
    for (let i = 0; i < 2000; i++) appSpan(i);
    await waitFor(() => (tracing.stats().failedExports >= 2 ? true : undefined), 20_000, () => JSON.stringify(tracing.stats()));
    const receiver = await OtlpReceiver.start({ grpcPort: port });
    try {
      const spans = await receiver.waitForSpans(2000, 40_000);
      expect(new Set(spans.map((s) => s.spanId)).size).toBe(2000);
      // The server has the spans a moment before the exporter hears its answer.
      await waitFor(() => (tracing.stats().spansExported === 2000 ? true : undefined), 10_000, () => JSON.stringify(tracing.stats()));
      expect(tracing.stats()).toMatchObject({ spansExported: 2000, spansDropped: 0 });
    } finally {
      await getActiveTracing()?.shutdown({ timeoutMillis: 500 });
      await receiver.close();
    }
  });
});
