// A child process for exit.test.ts: records 500 spans into a batch queue whose timer would not
// fire for ten minutes, then either just ends (mode "end", relying on the beforeExit flush) or
// waits to be sent SIGTERM (mode "sigterm", relying on shutdownOnSignals). Never calls shutdown().
import { trace } from "@opentelemetry/api";
import { configureTracing, shutdownOnSignals } from "../../src/index.js";

const [mode, endpoint] = process.argv.slice(2);
configureTracing({ serviceName: `exiting-app-${mode}`, exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: endpoint! }], batch: { scheduledDelayMillis: 600_000 }, logLevel: "none" }, {});
for (let i = 0; i < 500; i++) trace.getTracer("exiting-app").startSpan(`work-${i}`).end();

if (mode === "sigterm") {
  shutdownOnSignals();
  // Alive until the signal; bounded so a lost signal cannot leave it running.
  setTimeout(() => process.exit(3), 30_000);
  process.stdout.write("ready\n");
}
