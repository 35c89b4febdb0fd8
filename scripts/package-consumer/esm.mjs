import { strict as assert } from "node:assert";
import { trace } from "@opentelemetry/api";
import { configureTracing, TracingConfigError, VERSION } from "llmtrace";
import { captureSpans } from "llmtrace/testing";

assert.throws(() => configureTracing({ processor: "fast" }), TracingConfigError);
const capture = captureSpans();
trace.getTracer("consumer").startSpan("from-esm").end();
assert.deepEqual(capture.spans.map((s) => s.name), ["from-esm"]);
await capture.shutdown();
console.log(`  ok: llmtrace ${VERSION} from ESM`);
