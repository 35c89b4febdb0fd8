// A short script with tail sampling whose trace never ends (a forgotten root) and whose child
// failed; it ends without shutdown(). argv: <collector http url>.
import { context, SpanStatusCode, trace as otelTrace } from "@opentelemetry/api";
import { configureTracing } from "../../src/index.js";

const [, , url] = process.argv;
configureTracing({ exporters: [{ type: "otlp", protocol: "http/protobuf", endpoint: `${url}/v1/traces` }], sampling: { rate: 0, keep: { errors: true } } });
const tracer = otelTrace.getTracer("script");
const root = tracer.startSpan("forgotten_root");
const child = tracer.startSpan("failing_step", {}, otelTrace.setSpan(context.active(), root));
child.setStatus({ code: SpanStatusCode.ERROR, message: "failed" });
child.end();
console.log("done");
