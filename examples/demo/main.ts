// npm run demo — a support-bot conversation traced to the console and to a JSONL file.
//
// The typed builders (trace.generation, @agent, ...) arrive in a later release; until then this
// demo writes the same ai.* / gen_ai.* attributes through the plain OpenTelemetry API, on top of
// llmtrace's pipeline.
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { configureTracing } from "llmtrace";
import { fakeChat, fakeSearch } from "./fake-model.js";

const jsonlPath = "examples/demo/output/spans.jsonl";

const tracing = configureTracing({
  serviceName: "support-bot",
  environment: "demo",
  exporters: [{ type: "console" }, { type: "jsonl", path: jsonlPath }],
});
const tracer = trace.getTracer("support-bot-demo");

async function answer(conversationId: string, question: string): Promise<string> {
  return tracer.startActiveSpan("workflow.customer_chat", { attributes: { "conversation.id": conversationId } }, async (workflow) => {
    try {
      return await tracer.startActiveSpan("agent.support_agent", { attributes: { "gen_ai.agent.name": "support_agent" } }, async (agent) => {
        const docs = await tracer.startActiveSpan("retrieval.search_kb", async (span) => {
          const found = await fakeSearch(question);
          span.setAttribute("retrieval.documents.count", found.length);
          span.end();
          return found;
        });
        const prompt = `Context: ${docs.map((d) => d.id).join(", ")}\nUser: ${question}`;
        const reply = await tracer.startActiveSpan("chat gpt-4o-mini", async (span) => {
          const res = await fakeChat("gpt-4o-mini", prompt);
          span.setAttributes({
            "ai.model": res.model,
            "ai.provider": "openai",
            "gen_ai.provider.name": "openai",
            "gen_ai.operation.name": "chat",
            "gen_ai.request.model": "gpt-4o-mini",
            "gen_ai.usage.input_tokens": res.usage.inputTokens,
            "gen_ai.usage.output_tokens": res.usage.outputTokens,
            "gen_ai.response.finish_reasons": [res.finishReason],
          });
          span.end();
          return res.text;
        });
        agent.end();
        return reply;
      });
    } catch (error) {
      workflow.setStatus({ code: SpanStatusCode.ERROR, message: String(error) });
      throw error;
    } finally {
      workflow.end();
    }
  });
}

console.log(await answer("conv_1", "How do I reset my password?"));
console.log(await answer("conv_1", "And what's the weather in Paris?"));
await tracing.shutdown();
console.log(`\nOTLP/JSON lines written to ${jsonlPath}`);
