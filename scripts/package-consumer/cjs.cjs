const assert = require("node:assert/strict");
const { trace } = require("@opentelemetry/api");
const { configureTracing, TracingConfigError, VERSION } = require("llmtrace");
const { captureSpans } = require("llmtrace/testing");

assert.throws(() => configureTracing({ processor: "fast" }), TracingConfigError);
const capture = captureSpans();
trace.getTracer("consumer").startSpan("from-cjs").end();
assert.deepEqual(capture.spans.map((s) => s.name), ["from-cjs"]);
capture.shutdown().then(() => console.log(`  ok: llmtrace ${VERSION} from CommonJS`));
