// The export queue under bursts, failures and a backend that never answers, with a real provider and
// a real exporter object whose answers the test controls.
import { trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing } from "../../src/index.js";
import { captureDiag } from "../helpers/diag-capture.js";
import { waitFor } from "../helpers/wait-for.js";
import { ControllableExporter } from "./controllable-exporter.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown({ timeoutMillis: 1000 });
});

const tracer = () => trace.getTracer("reliability");

describe("a synchronous burst", () => {
  it("of 50,000 spans without yielding loses none with the default configuration", async () => {
    const exporter = new ControllableExporter();
    const tracing = configureTracing({ exporters: [exporter], logLevel: "none" }, {});
    for (let i = 0; i < 50_000; i++) tracer().startSpan(`burst-${i}`).end();
    expect(tracing.stats()).toMatchObject({ spansStarted: 50_000, spansEnded: 50_000, spansDropped: 0, spansQueued: 50_000 });
    await tracing.shutdown();
    expect(new Set(exporter.accepted).size).toBe(50_000);
    expect(tracing.stats()).toMatchObject({ spansExported: 50_000, spansDropped: 0, spansQueued: 0, failedExports: 0 });
  });

  it("beyond the queue's capacity counts every drop and warns", async () => {
    const diagnostics = captureDiag();
    try {
      const exporter = new ControllableExporter();
      const tracing = configureTracing({ exporters: [exporter], batch: { maxQueueSize: 1000 }, logLevel: "none" }, {});
      for (let i = 0; i < 1500; i++) tracer().startSpan(`burst-${i}`).end();
      expect(tracing.stats()).toMatchObject({ spansEnded: 1500, spansQueued: 1000, spansDropped: 500 });
      await tracing.shutdown();
      expect(exporter.accepted).toHaveLength(1000);
      expect(tracing.stats().spansExported + tracing.stats().spansDropped).toBe(1500);
      expect(diagnostics.warnings.some((w) => w.includes("dropped") && w.includes("queue of 1000 spans was full"))).toBe(true);
    } finally {
      diagnostics.restore();
    }
  });
});

describe("a steady stream", () => {
  it("of more than a batch per turn of the event loop is exported as it comes, without drops", async () => {
    const exporter = new ControllableExporter();
    exporter.synchronous = true;
    const tracing = configureTracing({ exporters: [exporter], batch: { maxQueueSize: 4096 }, logLevel: "none" }, {});
    for (let round = 0; round < 100; round++) {
      for (let i = 0; i < 2000; i++) tracer().startSpan(`s${i}`).end();
      await new Promise((resolve) => setImmediate(resolve));
      // A full batch never waits for the 1 s timer: the queue stays below one turn's worth plus a batch.
      expect(tracing.stats().spansQueued).toBeLessThan(2000 + 512);
    }
    await tracing.forceFlush();
    expect(tracing.stats()).toMatchObject({ spansEnded: 200_000, spansExported: 200_000, spansDropped: 0 });
  });
});

describe("an exporter that answers at once", () => {
  it("has each full batch released after one microtask, so an application awaiting only promises holds few spans", async () => {
    const exporter = new ControllableExporter();
    exporter.synchronous = true;
    const tracing = configureTracing({ exporters: [exporter], logLevel: "none" }, {});
    for (let round = 1; round <= 20; round++) {
      for (let i = 0; i < 512; i++) tracer().startSpan(`s${i}`).end();
      await undefined;
      expect(tracing.stats().spansExported).toBe(round * 512);
    }
  });

  it("drains a backlog of one-span batches in a loop, not by recursion", async () => {
    const exporter = new ControllableExporter();
    exporter.synchronous = true;
    const tracing = configureTracing({ exporters: [exporter], batch: { maxExportBatchSize: 1 }, logLevel: "none" }, {});
    // The first span's export is delayed by the timer; the rest pile up behind it in one burst.
    for (let i = 0; i < 30_000; i++) tracer().startSpan(`s${i}`).end();
    await undefined;
    expect(tracing.stats()).toMatchObject({ spansExported: 30_000, spansQueued: 0, spansDropped: 0 });
  });
});

describe("a failing exporter", () => {
  it("keeps failed batches and delivers them, each once and in order, once the exporter recovers", async () => {
    const exporter = new ControllableExporter();
    exporter.mode = "fail";
    const tracing = configureTracing({ exporters: [exporter], batch: { scheduledDelayMillis: 10, maxExportBatchSize: 100 }, logLevel: "none" }, {});
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) {
      const span = tracer().startSpan(`s${i}`);
      ids.push(span.spanContext().spanId);
      span.end();
    }
    await waitFor(() => (tracing.stats().failedExports >= 2 ? true : undefined), 10_000, () => JSON.stringify(tracing.stats()));
    expect(tracing.stats()).toMatchObject({ spansExported: 0, spansDropped: 0, spansQueued: 250 });
    exporter.mode = "accept";
    await waitFor(() => (exporter.accepted.length === 250 ? true : undefined), 15_000, () => `${exporter.accepted.length} accepted`);
    expect(exporter.accepted).toEqual(ids);
    expect(tracing.stats()).toMatchObject({ spansExported: 250, spansDropped: 0, spansQueued: 0 });
  });

  it("is flushed past its backoff by forceFlush, and counts what shutdown could not deliver as dropped", async () => {
    const diagnostics = captureDiag();
    try {
      const exporter = new ControllableExporter();
      exporter.mode = "fail";
      const tracing = configureTracing({ exporters: [exporter], logLevel: "none" }, {});
      for (let i = 0; i < 30; i++) tracer().startSpan(`s${i}`).end();
      await tracing.forceFlush();
      expect(tracing.stats()).toMatchObject({ failedExports: 1, spansQueued: 30, spansDropped: 0 });
      await tracing.shutdown();
      expect(tracing.stats()).toMatchObject({ spansExported: 0, spansDropped: 30, spansQueued: 0 });
      expect(diagnostics.warnings.some((w) => w.includes("30 span(s)") && w.includes("still queued at shutdown"))).toBe(true);
    } finally {
      diagnostics.restore();
    }
  });
});

describe("an exporter that never answers", () => {
  it("never blocks the application: spans keep being recorded, memory stays within the queue", async () => {
    const exporter = new ControllableExporter();
    exporter.mode = "hold";
    const tracing = configureTracing({ exporters: [exporter], batch: { maxQueueSize: 2000, maxExportBatchSize: 100, scheduledDelayMillis: 1, exportTimeoutMillis: 60_000 }, logLevel: "none" }, {});
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 100; i++) tracer().startSpan(`s${i}`).end();
      await new Promise((resolve) => setImmediate(resolve));
    }
    // One export is in flight (held), none completed, and the queue never grew past its bound.
    expect(exporter.heldCalls).toBe(1);
    const stats = tracing.stats();
    expect(stats).toMatchObject({ spansEnded: 5000, spansExported: 0, spansQueued: 2000, spansDropped: 3000 });
    exporter.mode = "accept";
    exporter.release();
    await tracing.shutdown();
    expect(tracing.stats()).toMatchObject({ spansExported: 2000, spansDropped: 3000, spansQueued: 0 });
  });
});
