// Log records exported beside the spans: pino through pinoOptions(), winston through the maintained
// @opentelemetry/winston-transport, the console, evaluation events — each redacted like spans,
// parented to the span it was written in, sent over OTLP to a loopback receiver with the official protos.
import type { ExportResult } from "@opentelemetry/core";
import type { LogRecordExporter, ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { OpenTelemetryTransportV3 } from "@opentelemetry/winston-transport";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import winston from "winston";
import { configureTracing, getActiveTracing, pinoOptions, trace, winstonFormat, withContext } from "../../src/index.js";
import { captureDiag } from "../helpers/diag-capture.js";
import { useOtlpReceiver } from "../helpers/otlp-receiver.js";
import { waitFor } from "../helpers/wait-for.js";

const receiver = useOtlpReceiver();

const SECRET = "sk-proj-4fQz9XbLr2mWn8TkVs7JhYc3PdGa6EuR1oNi5Bx0";
const EMAIL = "jane.doe@example.com";

function withMemoryLogs() {
  return configureTracing({ exporters: [{ type: "memory" }], logs: { exporters: [{ type: "memory" }] }, logLevel: "none" }, {});
}

const quietPino = () => pino(pinoOptions({ level: "debug" }), { write: () => {} });

describe("log export", () => {
  it("exports pino lines as records in the span's trace, with severity, message and fields, redacted", async () => {
    const tracing = withMemoryLogs();
    const logger = quietPino().child({ component: "billing" });
    let ids = { traceId: "", spanId: "" };
    await trace.tool({ name: "charge" }, async (t) => {
      ids = t.span.spanContext();
      logger.warn({ customer: EMAIL, password: "hunter22", card: { apiKey: SECRET } }, "charging %s with key %s", EMAIL, SECRET);
    });
    logger.debug("outside");
    const records = tracing.memoryLogExporter!.getFinishedLogRecords();
    expect(records).toHaveLength(2);
    const [inside, outside] = records as [ReadableLogRecord, ReadableLogRecord];
    expect(inside.spanContext).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId });
    expect(inside.severityText).toBe("WARN");
    expect(inside.severityNumber).toBe(13);
    expect(inside.instrumentationScope.name).toBe("llmtrace.pino");
    expect(inside.body).toBe("charging [REDACTED:email] with key [REDACTED:api_key]");
    expect(inside.attributes).toEqual({ component: "billing", customer: "[REDACTED:email]", password: "[REDACTED:secret]", card: { apiKey: "[REDACTED:secret]" } });
    expect(JSON.stringify(records.map((r) => [r.body, r.attributes]))).not.toMatch(/hunter22|sk-proj|jane\.doe/);
    expect(outside.spanContext).toBeUndefined();
    expect(outside.severityText).toBe("DEBUG");
    expect(tracing.stats().logs).toMatchObject({ recordsEmitted: 2, recordsDropped: 0 });
  });

  it("exports the line as pino wrote it: pino's redact paths and serializers apply, the withContext ids are attributes", async () => {
    const tracing = withMemoryLogs();
    const logger = pino(
      pinoOptions({ redact: ["patient.name", "patient.diagnosis"], serializers: { user: (user: { id: number }) => ({ id: user.id }) } }),
      { write: () => {} },
    );
    await withContext({ conversationId: "conv-3", userId: "user-8" }, () =>
      trace.task({ name: "triage" }, async () => {
        logger.info({ patient: { name: "Jane Smith", diagnosis: "flu", ward: 4 }, user: { id: 7, homeAddress: "1 Main St", dob: "1980-01-01" } }, "triaged");
      }),
    );
    const [record] = tracing.memoryLogExporter!.getFinishedLogRecords();
    expect(record!.body).toBe("triaged");
    expect(record!.attributes).toEqual({ "conversation.id": "conv-3", "user.id": "user-8", patient: { name: "[Redacted]", diagnosis: "[Redacted]", ward: 4 }, user: { id: 7 } });
    expect(JSON.stringify(record!.attributes)).not.toMatch(/Jane|flu|Main St|1980/);
  });

  it("exports winston entries through @opentelemetry/winston-transport, redacted, in the span's trace", async () => {
    const tracing = withMemoryLogs();
    const logger = winston.createLogger({ format: winston.format.combine(winstonFormat(), winston.format.json()), transports: [new OpenTelemetryTransportV3()] });
    let traceId = "";
    await trace.agent({ name: "support" }, async (a) => {
      traceId = a.span.spanContext().traceId;
      logger.error(`token for ${EMAIL}`, { authorization: `Bearer ${SECRET}`, attempt: 3 });
    });
    const record = await waitFor(() => tracing.memoryLogExporter!.getFinishedLogRecords()[0], 2000, () => "no winston record");
    expect(record.spanContext?.traceId).toBe(traceId);
    expect(record.severityText).toBe("error");
    expect(record.body).toBe("token for [REDACTED:email]");
    expect(record.attributes).toMatchObject({ authorization: "[REDACTED:secret]", attempt: 3 });
  });

  it("exports console lines with logs: { console: true }, once each", async () => {
    const original = console.info;
    console.info = () => {};
    try {
      const tracing = configureTracing({ exporters: [{ type: "memory" }], logs: { exporters: [{ type: "memory" }], console: true }, logLevel: "none" }, {});
      await trace.task({ name: "t" }, async () => console.info("mail %s", EMAIL));
      const records = tracing.memoryLogExporter!.getFinishedLogRecords();
      expect(records.map((r) => [r.severityText, r.body])).toEqual([["INFO", "mail [REDACTED:email]"]]);
      expect(records[0]!.spanContext?.traceId).toMatch(/^[0-9a-f]{32}$/);
      await tracing.shutdown();
    } finally {
      console.info = original;
    }
  });

  it("emits feedback as the GenAI gen_ai.evaluation.result event, parented to the evaluated span", async () => {
    const tracing = withMemoryLogs();
    let ref = "";
    let evaluated = { traceId: "", spanId: "" };
    await trace.generation({ model: "gpt-4o", provider: "openai", input: "hi" }, async (g) => {
      ref = g.ref();
      evaluated = g.span.spanContext();
      g.end({ output: "hello" });
    });
    trace.feedback({ ref, tag: "helpfulness", score: 0.25, label: "poor", text: `wrong answer, write to ${EMAIL}` });
    const [event] = tracing.memoryLogExporter!.getFinishedLogRecords();
    expect(event!.eventName).toBe("gen_ai.evaluation.result");
    expect(event!.spanContext).toMatchObject({ traceId: evaluated.traceId, spanId: evaluated.spanId });
    expect(event!.attributes).toEqual({
      "gen_ai.evaluation.name": "helpfulness",
      "gen_ai.evaluation.score.value": 0.25,
      "gen_ai.evaluation.score.label": "poor",
      "gen_ai.evaluation.explanation": "wrong answer, write to [REDACTED:email]",
    });
    const feedbackSpan = tracing.memoryExporter!.getFinishedSpans().find((span) => span.attributes["llmtrace.span.kind"] === "feedback")!;
    expect(feedbackSpan.attributes).toMatchObject({ "gen_ai.evaluation.name": "helpfulness", "gen_ai.evaluation.score.value": 0.25 });
  });

  it("sends records over OTLP/HTTP to the traces' collector, decoded with the official protos", async () => {
    const tracing = configureTracing({ exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `${receiver().httpUrl}/v1/traces` }], logs: true, logLevel: "none" }, {});
    const logger = quietPino();
    let traceId = "";
    await trace.task({ name: "job" }, async (t) => {
      traceId = t.span.spanContext().traceId;
      logger.info({ jobId: 7 }, "job done for %s", EMAIL);
    });
    await tracing.forceFlush();
    const [record] = await waitFor(() => (receiver().logRecords.length > 0 ? receiver().logRecords : undefined), 10_000, () => "no log records received");
    expect(record).toMatchObject({ body: "job done for [REDACTED:email]", severityText: "INFO", traceId, scope: "llmtrace.pino", attributes: { jobId: 7 } });
    expect(receiver().requests.some((request) => request.path === "/v1/logs")).toBe(true);
    expect(tracing.stats().logs!.exporters[0]).toMatchObject({ exporter: "otlp http/protobuf", exports: 1, failedExports: 0 });
  });

  it("without the logs option, sends nothing to a logger provider the application registered (it would bypass llmtrace's redaction)", async () => {
    const { logs } = await import("@opentelemetry/api-logs");
    const { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } = await import("@opentelemetry/sdk-logs");
    const exporter = new InMemoryLogRecordExporter();
    logs.setGlobalLoggerProvider(new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter })] }));
    try {
      configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
      await trace.task({ name: "t" }, async () => quietPino().info("mail %s", EMAIL));
      trace.feedback({ tag: "x", score: 1 });
      expect(exporter.getFinishedLogRecords()).toEqual([]);
    } finally {
      logs.disable();
    }
  });

  it("drops past a full queue, counts the drops and says so once; records never block the application", async () => {
    // An exporter that never answers: the queue fills. (A stand-in exporter, since a real one that
    // never calls back cannot be had; the queue and its bound are the real ones.)
    const stuck: LogRecordExporter = { export: (_records: ReadableLogRecord[], _done: (result: ExportResult) => void) => {}, shutdown: () => Promise.resolve(), forceFlush: () => Promise.resolve() };
    const diag = captureDiag();
    try {
      const tracing = configureTracing({ exporters: [{ type: "memory" }], logs: { exporters: [stuck] }, logLevel: "none" }, {});
      const logger = quietPino();
      for (let i = 0; i < 8300; i++) logger.info("line %d", i);
      const stats = tracing.stats().logs!;
      expect(stats.recordsEmitted).toBe(8300);
      expect(stats.recordsDropped).toBe(8300 - 8192);
      expect(diag.warnings.filter((warning) => warning.includes("log records are waiting"))).toHaveLength(1);
    } finally {
      await getActiveTracing()?.shutdown({ timeoutMillis: 200 });
      diag.restore();
    }
  });
});
