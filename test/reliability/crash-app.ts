// A script that crashes inside a traced request (crash-exit.test.ts): an unhandled rejection or an
// uncaught exception ends it while its spans wait in the batch queue.
import { trace as otelTrace } from "@opentelemetry/api";
import { configureTracing, shutdownOnSignals, trace } from "../../src/index.js";

const [mode = "rejection", jsonlPath = "crash.jsonl", endpoint] = process.argv.slice(2);
const tracing = configureTracing({
  serviceName: "crashing-app",
  exporters: [{ type: "jsonl", path: jsonlPath }, ...(endpoint ? [{ type: "otlp" as const, endpoint, protocol: "http/protobuf" as const }] : [])],
  // A long delay: the spans are still queued when the process dies.
  batch: { scheduledDelayMillis: 60_000 },
  metrics: false,
});

if (mode === "idle-root") {
  // A root in handle form, never ended, then process.exit(): the root ends at exit and is written.
  const root = trace.start({ name: "idle_root" });
  root.system("step", { name: "step" }).end("done");
  process.exit(1);
} else if (mode === "many") {
  // More spans queued than a batch: written at exit one batch a line, as exports write them.
  for (let i = 0; i < 1200; i++) trace.tool({ name: "t", args: { i } }).end("ok");
  process.exit(0);
} else if (mode === "in-flight-crash" || mode === "in-flight-signal") {
  // A request still running (its model call waiting on a slow answer) when the process is stopped:
  // by an uncaught exception elsewhere, or by SIGINT with shutdownOnSignals().
  if (mode === "in-flight-signal") shutdownOnSignals();
  const slowAnswer = new Promise<void>((resolve) => setTimeout(resolve, 60_000));
  void trace.start({ name: "in_flight_request" }, () =>
    trace.agent({ name: "support" }, () => trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "hi" }, () => slowAnswer)),
  );
  trace.tool({ name: "lookup", args: {} }).end("ok");
  console.log("ready");
  if (mode === "in-flight-crash") {
    setTimeout(() => {
      throw new Error("boom: uncaught");
    }, 20);
  }
} else if (mode === "drain") {
  // A server with its own SIGTERM listener: it finishes the request being served, then shuts
  // tracing down and exits. shutdownOnSignals() only flushes: nothing is interrupted.
  shutdownOnSignals();
  let answer: () => void = () => {};
  const slowAnswer = new Promise<void>((resolve) => (answer = resolve));
  const served = trace.start({ name: "drained_request" }, () => trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "hi" }, async (generation) => {
    await slowAnswer;
    generation.end({ output: "hello", usage: { inputTokens: 3, outputTokens: 2 } });
  }));
  process.once("SIGTERM", () => {
    setTimeout(answer, 200);
    void served.then(() => tracing.shutdown()).then(() => process.exit(0));
  });
  setTimeout(() => {}, 60_000);
  console.log("ready");
} else if (mode === "exit-zero") {
  // A CLI that decides to stop inside its traced command: marked, not failed.
  trace.start({ name: "cli_command" }, () => {
    trace.tool({ name: "lookup", args: {} }).end("ok");
    process.exit(0);
  });
} else if (mode === "survived-then-exit") {
  // An uncaughtException the application survives, then a process.exit(1) later: the exit is the cause.
  process.on("uncaughtException", () => {});
  setTimeout(() => {
    throw new Error("survived");
  }, 5);
  void trace.start({ name: "later_request" }, () => new Promise(() => {}));
  setTimeout(() => process.exit(1), 100);
} else if (mode === "own-before-exit") {
  // A script whose own beforeExit work ends its root: not interrupted.
  const root = otelTrace.getTracer("cli").startSpan("cli_run");
  process.once("beforeExit", () => {
    setTimeout(() => root.end(), 10);
  });
} else if (mode === "rejection") {
  await trace.start({ name: "failing_request" }, async () => {
    await trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "hi" }, async (generation) => generation.end({ output: "hello", usage: { inputTokens: 3, outputTokens: 2 } }));
    throw new Error("boom: the request failed");
  });
} else {
  trace.start({ name: "failing_request" }, () => {
    trace.tool({ name: "lookup", args: {} }).end("ok");
  });
  setTimeout(() => {
    throw new Error("boom: uncaught");
  }, 10);
}
