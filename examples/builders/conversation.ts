// The explicit builder, for code that is not shaped as functions: a trace with its conversation
// context, a turn with retrieval, a tool call and a model call, infrastructure work, and feedback.
import { strict as assert } from "node:assert";
import { configureTracing, trace } from "llmtrace";

const tracing = configureTracing({ serviceName: "builder-example", exporters: [{ type: "console" }, { type: "memory" }] });

const t = trace.start({ conversationId: "conv_123", sessionId: "s_1", userId: "u_1", metadata: { tier: "pro" } });
const msg = t.message("User: What's the weather?");
msg.retrieval("Searching knowledge base").end({ documents: [{ id: "kb-1", score: 0.82 }] });
msg.tool("Calling weather API", { name: "weather", args: { city: "Paris" } }).end("sunny, 21C");
msg.generation({ model: "gpt-4o-mini", provider: "openai" }).end({ output: "It's sunny!", usage: { inputTokens: 5, outputTokens: 20 } });
msg.end("Bot: It's sunny!");
t.system("Initializing cache").end("Cache warmed up");
t.feedback({ tag: "THUMBS_UP", text: "helpful", score: 1 });

await tracing.shutdown();

const spans = tracing.memoryExporter!.getFinishedSpans();
assert.equal(new Set(spans.map((s) => s.spanContext().traceId)).size, 1, "one trace");
assert.deepEqual(spans.map((s) => s.name).sort(), ["chat gpt-4o-mini", "feedback", "message", "retrieval.search", "system.event", "tool.weather", "trace"]);
const generation = spans.find((s) => s.name === "chat gpt-4o-mini")!;
assert.equal(generation.attributes["conversation.id"], "conv_123");
assert.ok(Number(generation.attributes["ai.cost"]) > 0, "cost computed from the bundled prices");
console.log("ok: seed-style conversation traced as one tree");
