import { trace as otelTrace } from "@opentelemetry/api";
import { configureTracing, inject, trace, withContext, withExtractedContext } from "../../src/index.js";

/**
 * Writes a JSONL file the way an application does, through configureTracing's JSONL exporter: a
 * two-turn conversation (messages, retrieval, a tool, a model call with a tool call in its
 * messages and a provider span under it carrying the same usage), a failing tool with an
 * exception, a cache hit; then, as a second process writing a second file (its own service), a
 * span continuing the first trace from its propagated context. Returns the ids tests look for.
 */
export async function writeViewerWorkload(mainPath: string, workerPath: string): Promise<{ chatTraceId: string; generationSpanId: string; workerSpanName: string }> {
  let tracing = configureTracing({ serviceName: "support-bot", exporters: [{ type: "jsonl", path: mainPath }], logLevel: "none", metrics: false }, {});
  let carrier: Record<string, string> = {};
  let generationSpanId = "";
  const chatTraceId = await withContext({ conversationId: "conv_view", userId: "user_7" }, () =>
    trace.start({ name: "support_chat" }, async (root) => {
      await root.message("How do I reset my password?", async (message) => {
        await message.retrieval({ query: "reset password", dataSource: "help_center" }, async () => ({ documents: [{ id: "kb-1", score: 0.9 }] }));
        await message.generation(
          {
            model: "gpt-4o-mini",
            provider: "openai",
            system: "You are a support agent.",
            input: [
              { role: "user", content: "How do I reset my password?" },
              { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup_account", arguments: '{"user":"user_7"}' } }] },
              { role: "tool", tool_call_id: "call_1", content: '{"plan":"pro"}' },
            ],
          },
          async (generation) => {
            generationSpanId = generation.spanContext().spanId;
            // A provider instrumentation's span under the generation, with the same call's usage: counted once.
            const provider = otelTrace.getTracer("provider-sdk").startSpan("openai.chat", { attributes: { "gen_ai.usage.input_tokens": 120, "gen_ai.usage.output_tokens": 30, "gen_ai.request.model": "gpt-4o-mini" } });
            provider.end();
            generation.end({ output: "Open Settings, then Security.", usage: { inputTokens: 120, outputTokens: 30 }, cost: 0.0001 });
          },
        );
        message.end("Open Settings, then Security.");
      });
      await root.message("And my invoices?", async (message) => {
        message.system("lookup cache", { name: "invoice_cache" }).cache({ status: "hit", signature: "sha256:ab" }).end("cached");
        await message
          .tool({ name: "fetch_invoices", args: { user: "user_7" } }, async () => {
            throw new TypeError("invoice service unavailable");
          })
          .catch(() => undefined);
        message.end("Sorry, invoices are unavailable.");
      });
      carrier = inject({});
      return root.spanContext().traceId;
    }),
  );
  await tracing.shutdown();

  // A second process: its own service and file, continuing the trace from the propagated context.
  tracing = configureTracing({ serviceName: "billing-worker", exporters: [{ type: "jsonl", path: workerPath }], logLevel: "none", metrics: false }, {});
  const workerSpanName = "billing.reconcile";
  withExtractedContext(carrier, () => {
    otelTrace.getTracer("worker").startActiveSpan(workerSpanName, (span) => span.end());
  });
  await tracing.shutdown();
  return { chatTraceId, generationSpanId, workerSpanName };
}
