// Loaded before the application with `node --import ./register.mjs app.mjs`: registers
// OpenTelemetry's ESM hook, then configures llmtrace with the HTTP instrumentation.
import { register } from "node:module";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { configureTracing } from "llmtrace";

// The hook only sees modules imported after it is registered, so it comes before the app loads.
register("@opentelemetry/instrumentation/hook.mjs", import.meta.url);

configureTracing({
  serviceName: "esm-support-bot",
  instrumentations: [new HttpInstrumentation()],
  // The memory exporter lets app.mjs read its own spans back and check them.
  exporters: [{ type: "console" }, { type: "memory" }],
  processor: "simple",
});
