// Logs that carry the trace: pino and winston lines written inside a span have its trace_id and
// span_id (and the withContext ids), and with log export on each line is also exported as an
// OpenTelemetry log record — redacted like the spans — beside feedback's evaluation event.
import { strict as assert } from "node:assert";
import { configureTracing, pinoOptions, trace, winstonFormat, withContext } from "llmtrace";
import { pino } from "pino";
import winston from "winston";
import { OpenTelemetryTransportV3 } from "@opentelemetry/winston-transport";

const tracing = configureTracing({
  serviceName: "logs-example",
  exporters: [{ type: "memory" }],
  // In production: logs: true exports to the traces' OTLP collector.
  logs: { exporters: [{ type: "memory" }] },
});

const logger = pino(pinoOptions({ level: "info" }));
const wlogger = winston.createLogger({
  format: winston.format.combine(winstonFormat(), winston.format.json()),
  transports: [new winston.transports.Console(), new OpenTelemetryTransportV3()],
});

let ref = "";
await withContext({ conversationId: "conv-1842", userId: "user-77" }, () =>
  trace.agent({ name: "billing_agent" }, async (agent) => {
    ref = agent.ref();
    logger.info({ invoice: "INV-2025-0042" }, "refund requested by %s", "jane.doe@example.com");
    wlogger.warn("card declined", { card: "4111 1111 1111 1111" });
  }),
);
logger.info("outside any span: no trace ids");
trace.feedback({ ref, tag: "resolution", score: 1, label: "resolved" });
await new Promise((resolve) => setImmediate(resolve));
await tracing.shutdown();

const records = tracing.memoryLogExporter!.getFinishedLogRecords();
for (const record of records) console.log(`exported: ${record.severityText ?? ""} ${record.eventName ?? ""} ${JSON.stringify(record.body ?? record.attributes)} trace=${record.spanContext?.traceId ?? "-"}`);
const traceId = tracing.memoryExporter!.getFinishedSpans().find((span) => span.name === "agent.billing_agent")!.spanContext().traceId;
assert.equal(records.length, 4, "two lines in the span, one outside, one evaluation event");
assert.equal(records[0]!.body, "refund requested by [REDACTED:email]");
assert.equal(records[0]!.spanContext?.traceId, traceId);
assert.equal(records[1]!.attributes.card, "[REDACTED:credit_card]");
assert.equal(records[2]!.spanContext, undefined);
assert.equal(records[3]!.eventName, "gen_ai.evaluation.result");
assert.equal(records[3]!.spanContext?.traceId, traceId);
console.log("ok: log lines carry the trace, exported records are redacted, feedback is an evaluation event");
