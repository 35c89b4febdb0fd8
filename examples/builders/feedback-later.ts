// Feedback that arrives after the answer: store the trace's reference with the conversation,
// and record the feedback later — here after the trace ended — in the same trace.
import { strict as assert } from "node:assert";
import { configureTracing, trace } from "llmtrace";

const tracing = configureTracing({ serviceName: "feedback-example", exporters: [{ type: "console" }, { type: "memory" }] });
const database = new Map<string, string>();

const turn = trace.start({ name: "support_chat", conversationId: "conv_9" });
turn.message("How do I export my data?", (message) => message.generation({ model: "gpt-4o-mini" }).end("Settings → Export."));
database.set("conv_9", turn.ref()); // e.g. saved next to the message in your database

await new Promise((resolve) => setTimeout(resolve, 20)); // ... later, the user clicks 👍
trace.feedback({ ref: database.get("conv_9")!, tag: "THUMBS_UP", score: 1, text: "exactly what I needed" });

await tracing.shutdown();
const spans = tracing.memoryExporter!.getFinishedSpans();
const feedback = spans.find((s) => s.name === "feedback")!;
assert.equal(feedback.spanContext().traceId, turn.spanContext().traceId);
assert.equal(feedback.parentSpanContext?.spanId, turn.spanContext().spanId);
console.log("ok: late feedback landed in the conversation's trace");
