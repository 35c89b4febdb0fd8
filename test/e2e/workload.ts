import { trace, withContext, workflow } from "../../src/index.js";

/**
 * The demo-like agent turn every backend receives: a workflow with an agent that retrieves,
 * calls a tool, calls a model (with usage, so cost), and calls a tool that fails.
 * Returns the trace id. 6 spans: workflow → agent → { retrieval, tool, generation, failing tool }.
 */
export async function agentTurn(conversationId: string): Promise<string> {
  const turn = workflow({ name: "support_turn" }, () => answer());
  return withContext({ conversationId, userId: "user-e2e" }, () => turn());
}

function answer(): Promise<string> {
  return trace.agent({ name: "support_agent" }, async (agent) => {
    await agent.retrieval({ query: "reset password", dataSource: "help_center", topK: 2 }, async () => ({ documents: [{ id: "kb-12", score: 0.91 }, { id: "kb-7", score: 0.64 }] }));
    await agent.tool({ name: "lookup_account", args: { user: "user-e2e" } }, async () => ({ status: "active" }));
    await agent.generation({ model: "gpt-4o-mini", provider: "openai", input: "How do I reset my password?", temperature: 0.2 }, async (gen) => {
      gen.end({ output: "Settings → Security → Reset password.", usage: { inputTokens: 1200, outputTokens: 85, cacheReadTokens: 1024 }, finishReasons: ["stop"] });
    });
    try {
      await agent.tool({ name: "send_email" }, async () => {
        throw new Error("mail server unavailable");
      });
    } catch {
      // recorded on the span
    }
    return agent.spanContext().traceId;
  });
}

export const EXPECTED_SPAN_NAMES = ["workflow.support_turn", "agent.support_agent", "retrieval.help_center", "tool.lookup_account", "chat gpt-4o-mini", "tool.send_email"].sort();
