// Log lines that carry the trace: real pino and winston writing JSON, logContext() for any other
// logger, and the console option. A line inside a span has its ids; a line outside has none.
import { Writable } from "node:stream";
import { context, trace as otelTrace } from "@opentelemetry/api";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import winston from "winston";
import { configureTracing, logContext, pinoOptions, trace, winstonFormat, withContext } from "../../src/index.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";

useDiagAndTracing();

/** A pino logger writing its JSON lines into an array (pino's own serializer, a real destination object). */
function pinoLines(options: Parameters<typeof pinoOptions>[0] = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(pinoOptions(options), { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}

/** A winston logger with the JSON format writing into an array through a stream transport. */
function winstonLines() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding: string, done: () => void) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const logger = winston.createLogger({ format: winston.format.combine(winstonFormat(), winston.format.json()), transports: [new winston.transports.Stream({ stream })] });
  return { logger, lines };
}

describe("log correlation", () => {
  it("pino lines carry trace_id, span_id, trace_flags and the context ids inside a span, and nothing outside", async () => {
    configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const { logger, lines } = pinoLines();
    logger.info("starting");
    let ids: { traceId: string; spanId: string } | undefined;
    await withContext({ conversationId: "conv-7", sessionId: "sess-2", userId: "user-42" }, () =>
      trace.tool({ name: "lookup" }, async (t) => {
        ids = t.span.spanContext();
        logger.info({ orderId: 4411 }, "looked up %s", "order");
      }),
    );
    expect(lines[0]).not.toHaveProperty("trace_id");
    expect(lines[0]).not.toHaveProperty("conversation.id");
    expect(lines[1]).toMatchObject({
      msg: "looked up order",
      orderId: 4411,
      trace_id: ids!.traceId,
      span_id: ids!.spanId,
      trace_flags: "01",
      "conversation.id": "conv-7",
      "session.id": "sess-2",
      "user.id": "user-42",
    });
  });

  it("keeps the application's own pino mixin and logMethod hook", async () => {
    configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const seen: unknown[] = [];
    const { logger, lines } = pinoLines({
      mixin: () => ({ region: "eu" }),
      hooks: {
        logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
          seen.push(args[0]);
          method.apply(this, args);
        },
      },
    });
    await trace.task({ name: "work" }, async () => logger.warn("careful"));
    expect(lines[0]).toMatchObject({ region: "eu", msg: "careful", trace_flags: "01" });
    expect(lines[0]!.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(seen).toEqual(["careful"]);
  });

  it("winston entries carry the ids inside a span and not outside", async () => {
    configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const { logger, lines } = winstonLines();
    logger.info("outside");
    let spanId = "";
    await withContext({ userId: "user-9" }, () =>
      trace.agent({ name: "support" }, async (a) => {
        spanId = a.span.spanContext().spanId;
        logger.warn("inside", { step: 2 });
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines[0]).toEqual({ level: "info", message: "outside" });
    expect(lines[1]).toMatchObject({ level: "warn", message: "inside", step: 2, span_id: spanId, trace_flags: "01", "user.id": "user-9" });
    expect(lines[1]!.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it("logContext() works under any tracer's span, with no llmtrace set-up, and never throws", () => {
    expect(logContext()).toEqual({});
    const provider = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const span = otelTrace.getTracer("http").startSpan("GET /");
    const fields = logContext(otelTrace.setSpan(context.active(), span));
    expect(fields).toEqual({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId, trace_flags: "01" });
    span.end();
    expect(provider.memoryExporter!.getFinishedSpans()).toHaveLength(1);
  });

  it("logs: { console: true } appends the ids to console lines inside a span, and shutdown puts console back", async () => {
    const written: unknown[][] = [];
    const original = console.log;
    console.log = (...args: unknown[]) => void written.push(args);
    const mine = console.log;
    try {
      const tracing = configureTracing({ exporters: [{ type: "memory" }], logs: { console: true }, logLevel: "none" }, {});
      console.log("outside %d", 1);
      let ids = { traceId: "", spanId: "" };
      await trace.task({ name: "t" }, async (t) => {
        ids = t.span.spanContext();
        console.log("inside", { a: 1 });
        console.log(JSON.stringify({ event: "json-line" }));
      });
      await tracing.shutdown();
      expect(written[0]).toEqual(["outside %d", 1]);
      expect(written[1]).toEqual(["inside", { a: 1 }, `trace_id=${ids.traceId} span_id=${ids.spanId}`]);
      expect(written[2]).toEqual([JSON.stringify({ event: "json-line", trace_id: ids.traceId, span_id: ids.spanId })]);
      expect(console.log).toBe(mine);
    } finally {
      console.log = original;
    }
  });
});
