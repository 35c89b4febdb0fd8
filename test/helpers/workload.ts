import { SpanStatusCode, trace } from "@opentelemetry/api";

/**
 * A small agent-shaped trace made through the global API: a workflow with a tool call and a
 * failing model call. Returns the ids so tests can check the tree a receiver rebuilt.
 */
export function emitAgentTrace(): { traceId: string; rootId: string; toolId: string; chatId: string } {
  const tracer = trace.getTracer("llmtrace-test", "1.0.0");
  return tracer.startActiveSpan("workflow.answer", { attributes: { "conversation.id": "conv_1" } }, (root) => {
    const tool = tracer.startSpan("tool.search_docs", { attributes: { "gen_ai.tool.name": "search_docs", "retrieval.top_k": 3 } });
    tool.end();
    const chat = tracer.startSpan("chat gpt-4o", {
      attributes: {
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.usage.input_tokens": 1200,
        "gen_ai.request.temperature": 0.2,
        "gen_ai.request.stream": false,
        "gen_ai.response.finish_reasons": ["stop"],
      },
    });
    chat.recordException(new Error("rate limited"));
    chat.setStatus({ code: SpanStatusCode.ERROR, message: "rate limited" });
    chat.end();
    root.end();
    return {
      traceId: root.spanContext().traceId,
      rootId: root.spanContext().spanId,
      toolId: tool.spanContext().spanId,
      chatId: chat.spanContext().spanId,
    };
  });
}
