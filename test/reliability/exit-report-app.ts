// A child process for exit-report.test.ts. Never calls shutdown(); logs at the default level, so
// stderr shows what a user would see. Modes:
//   down [exitTimeoutMillis]  records 5 spans for an OTLP endpoint nothing listens on, then just ends
//   exit                      records 3 spans, then calls process.exit(0) at once
//   exit-flushed              records 3 spans, flushes them, then calls process.exit(0)
//   flush-after               runs a handler wrapped in tracing.flushAfter(), as a function platform would
// Each prints "last-work" on stdout when its own work is done; flush-after prints what the handler returned.
import { trace } from "@opentelemetry/api";
import { configureTracing } from "../../src/index.js";

const [mode, endpoint, exitTimeoutMillis] = process.argv.slice(2);
const tracing = configureTracing(
  {
    serviceName: `exit-report-${mode}`,
    exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: endpoint! }],
    // Nothing leaves by the timer: only the exit path (or flushAfter) can deliver.
    batch: { scheduledDelayMillis: 600_000 },
    ...(exitTimeoutMillis ? { exitTimeoutMillis: Number(exitTimeoutMillis) } : {}),
  },
  {},
);
const record = (count: number) => {
  for (let i = 0; i < count; i++) trace.getTracer("exit-report-app").startSpan(`work-${i}`).end();
};

if (mode === "down") {
  record(5);
  process.stdout.write("last-work\n");
} else if (mode === "exit") {
  record(3);
  process.stdout.write("last-work\n");
  process.exit(0);
} else if (mode === "exit-flushed") {
  record(3);
  await tracing.forceFlush();
  process.stdout.write("last-work\n");
  process.exit(0);
} else if (mode === "flush-after") {
  const handler = tracing.flushAfter(async function (this: { requestId: string }, event: { question: string }) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    record(4);
    return { answer: `${event.question}!`, requestId: this.requestId };
  });
  const result = await handler.call({ requestId: "r-1" }, { question: "ready" });
  process.stdout.write(`resolved ${JSON.stringify(result)} ${JSON.stringify(tracing.stats().spansQueued)}\n`);
  // A function platform freezes or ends the process once the handler has answered.
  process.exit(0);
}
