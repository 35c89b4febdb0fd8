// flushAfter(): the handler's outcome unchanged (result, error, this, arguments), its spans delivered
// before that outcome is seen, and a backend that never answers costing at most the deadline.
// Delivery over a real network, in a child process, is in exit-report.test.ts.
import { trace } from "@opentelemetry/api";
import { afterEach, expect, it } from "vitest";
import { configureTracing, flushAfter, getActiveTracing } from "../../src/index.js";
import { captureDiag } from "../helpers/diag-capture.js";
import { ControllableExporter } from "./controllable-exporter.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown({ timeoutMillis: 1000 });
});

const record = (name: string) => trace.getTracer("flush-after").startSpan(name).end();
// A timer that never fires by itself during a test: only a flush can send.
const NO_TIMER = { scheduledDelayMillis: 600_000 };

it("resolves with the handler's result after its spans were accepted, with its this and arguments", async () => {
  const exporter = new ControllableExporter();
  const tracing = configureTracing({ exporters: [exporter], batch: NO_TIMER, logLevel: "none" }, {});
  const service = {
    prefix: "answer",
    handle: tracing.flushAfter(async function (this: { prefix: string }, question: string, n: number) {
      await Promise.resolve();
      record("inside");
      return `${this.prefix}: ${question} x${n}`;
    }),
  };
  const result = await service.handle("why", 2);
  expect(result).toBe("answer: why x2");
  expect(exporter.accepted).toHaveLength(1);
  expect(tracing.stats().spansQueued).toBe(0);
});

it("rejects with the handler's own error, after flushing", async () => {
  const exporter = new ControllableExporter();
  const tracing = configureTracing({ exporters: [exporter], batch: NO_TIMER, logLevel: "none" }, {});
  const failure = new Error("handler failed");
  const handler = tracing.flushAfter(async () => {
    record("failing");
    throw failure;
  });
  await expect(handler()).rejects.toBe(failure);
  expect(exporter.accepted).toHaveLength(1);
});

it("wraps a synchronous handler: its value and its thrown error become the promise's", async () => {
  const exporter = new ControllableExporter();
  const tracing = configureTracing({ exporters: [exporter], batch: NO_TIMER, logLevel: "none" }, {});
  const double = tracing.flushAfter((n: number) => {
    record("sync");
    return n * 2;
  });
  const failure = new TypeError("bad input");
  const throwing = tracing.flushAfter(() => {
    record("sync-throw");
    throw failure;
  });
  await expect(double(21)).resolves.toBe(42);
  await expect(throwing()).rejects.toBe(failure);
  expect(exporter.accepted).toHaveLength(2);
});

it("waits for a backend that never answers at most the deadline, then still returns the result", async () => {
  const exporter = new ControllableExporter();
  exporter.mode = "hold";
  const tracing = configureTracing({ exporters: [exporter], batch: NO_TIMER, logLevel: "none", exitTimeoutMillis: 200 }, {});
  const handler = tracing.flushAfter(() => {
    record("held");
    return "done";
  });
  const started = Date.now();
  await expect(handler()).resolves.toBe("done");
  // The deadline is the point, not the exact time: far below the 10 s shutdownTimeoutMillis default.
  expect(Date.now() - started).toBeLessThan(2000);
  expect(exporter.heldCalls).toBe(1);
  const fast = tracing.flushAfter(() => "fast", { timeoutMillis: 50 });
  record("held-again");
  await expect(fast()).resolves.toBe("fast");
});

it("flushAfter() from the package flushes whatever tracing is running when it is called", async () => {
  // Wrapped before configureTracing(), as a route module loaded first would.
  const handler = flushAfter(async (question: string) => {
    record("module-level");
    return question.toUpperCase();
  });
  await expect(handler("no tracing yet")).resolves.toBe("NO TRACING YET");
  const exporter = new ControllableExporter();
  configureTracing({ exporters: [exporter], batch: NO_TIMER, logLevel: "none" }, {});
  await expect(handler("hi")).resolves.toBe("HI");
  expect(exporter.accepted).toHaveLength(1);
});

it("with tracing disabled, still runs the handler and returns its result", async () => {
  const tracing = configureTracing({ enabled: false }, {});
  await expect(tracing.flushAfter((a: number, b: number) => a + b)(1, 2)).resolves.toBe(3);
});

it("warns when given something that is not a function; calling the result fails as calling it would", async () => {
  const diagnostics = captureDiag();
  try {
    const tracing = configureTracing({ exporters: [new ControllableExporter()], logLevel: "none" }, {});
    const wrapped = tracing.flushAfter("not a function" as unknown as () => void);
    expect(diagnostics.warnings.some((w) => w.includes("flushAfter() expects a function, got string"))).toBe(true);
    await expect(wrapped()).rejects.toBeInstanceOf(TypeError);
  } finally {
    diagnostics.restore();
  }
});
