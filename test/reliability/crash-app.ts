// A script that crashes inside a traced request (crash-exit.test.ts): an unhandled rejection or an
// uncaught exception ends it while its spans wait in the batch queue.
import { configureTracing, shutdownOnSignals, trace } from "../../src/index.js";

const [mode = "rejection", jsonlPath = "crash.jsonl", endpoint] = process.argv.slice(2);
configureTracing({
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
