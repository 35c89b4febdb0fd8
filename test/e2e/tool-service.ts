// The second process of the distributed-trace test: a tool service on 127.0.0.1 that continues the
// caller's trace with llmtrace's extract and exports to Jaeger under its own service name.
// Prints its port on stdout; POST /shutdown flushes the spans and exits.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { configureTracing, trace, withExtractedContext } from "../../src/index.js";
import { JAEGER } from "./backends.js";

const tracing = configureTracing(
  { serviceName: "llmtrace-e2e-tool-service", contextBaggage: true, exporters: [{ type: "otlp", protocol: "grpc", endpoint: JAEGER.otlpGrpc }], logLevel: "warn" },
  {},
);

const server = createServer((req, res) => {
  if (req.url === "/shutdown") {
    server.close();
    void tracing.shutdown().then(() => {
      res.end("bye");
      process.exit(0);
    });
    return;
  }
  void withExtractedContext(req.headers, () =>
    trace.tool({ name: "search_orders", args: { customer: "user-e2e" } }, async () => ({ orders: [{ id: "A-17", status: "shipped" }] })),
  ).then((result) => res.end(JSON.stringify(result)));
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${(server.address() as AddressInfo).port}\n`);
});
// Bounded: a forgotten service stops by itself.
setTimeout(() => process.exit(1), 60_000).unref();
