// W1: one agent turn, 8 spans — workflow → agent → 3 × { generation, tool } — every span an async
// function awaiting inside. llmtrace with default conventions vs raw OpenTelemetry recording the
// same information by hand (GenAI message JSON, usage, cost), on one provider, in one run.
import { configureTracing, type TracingOptions, trace, workflow } from "llmtrace";
import { type Comparison, type CompareOptions, compare } from "./harness.js";
import { discardExporter } from "./discard-exporter.js";
import { rawOpenTelemetry } from "./raw-baseline.js";

const prompt = `You are a support agent. Answer using the context.\n${"Context: the customer asked about resetting a password on the web app. ".repeat(28)}`.slice(0, 2048);
const completion = "To reset your password, open Settings, choose Security, then Reset password. ".repeat(4).slice(0, 300);
const toolArgs = { query: "reset password", filters: { product: "web", locale: "en" }, limit: 5 };
const toolResult = JSON.stringify({ results: Array.from({ length: 8 }, (_, i) => ({ id: `kb-${i}`, title: `Article ${i}`, score: 0.9 - i / 20, snippet: "x".repeat(60) })) }).slice(0, 1024);
const usage = { inputTokens: 1200, outputTokens: 85 };
const tick = () => Promise.resolve();

/** The turn written with llmtrace: `workflow()` around `trace.agent`, three generations and tools. */
export function llmtraceAgentTurn(): () => Promise<void> {
  return workflow({ name: "turn" }, () =>
    trace.agent({ name: "support" }, async (agent) => {
      for (let i = 0; i < 3; i++) {
        await agent.generation({ model: "gpt-4o", provider: "openai", temperature: 0.2, maxTokens: 512, input: prompt }, async (gen) => {
          await tick();
          gen.end({ output: completion, usage, finishReasons: ["stop"] });
        });
        await agent.tool({ name: "search_docs", args: toolArgs }, async () => {
          await tick();
          return toolResult;
        });
      }
    }),
  );
}

/** W1 with default settings, then the same turn with content capture off and with redaction off, to show where the time goes. */
export async function runAgentTurnBenchmarks(): Promise<Comparison[]> {
  return [
    await runAgentTurnBenchmark("W1 agent turn, 8 spans (default conventions and redaction)", {}, { ratio: 1.3 }),
    await runAgentTurnBenchmark("W1 breakdown: content captured, redaction off", { content: { redact: false } }, "reported"),
    await runAgentTurnBenchmark("W1 breakdown: content capture off (tokens, cost, timings only)", { content: { capture: false } }, "reported"),
  ];
}

async function runAgentTurnBenchmark(name: string, options: TracingOptions, budget: CompareOptions["budget"]): Promise<Comparison> {
  const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none", ...options }, {});
  const raw = rawOpenTelemetry("raw-baseline");
  const tracer = raw.tracer;

  const rawTurn = () =>
    tracer.startActiveSpan("workflow.turn", async (wf) => {
      await tracer.startActiveSpan("agent.support", async (agentSpan) => {
        for (let i = 0; i < 3; i++) {
          await tracer.startActiveSpan("chat gpt-4o", async (gen) => {
            gen.setAttributes({
              "gen_ai.operation.name": "chat",
              "gen_ai.provider.name": "openai",
              "gen_ai.request.model": "gpt-4o",
              "gen_ai.request.temperature": 0.2,
              "gen_ai.request.max_tokens": 512,
              "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: prompt }] }]),
            });
            await tick();
            gen.setAttributes({
              "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: completion }], finish_reason: "stop" }]),
              "gen_ai.usage.input_tokens": usage.inputTokens,
              "gen_ai.usage.output_tokens": usage.outputTokens,
              "gen_ai.response.finish_reasons": ["stop"],
              "ai.cost": 0.00385,
            });
            gen.end();
          });
          await tracer.startActiveSpan("tool.search_docs", async (tool) => {
            tool.setAttributes({ "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "search_docs", "gen_ai.tool.call.arguments": JSON.stringify(toolArgs) });
            await tick();
            tool.setAttribute("gen_ai.tool.call.result", toolResult);
            tool.end();
          });
        }
        agentSpan.end();
      });
      wf.end();
    });

  const llmtraceTurn = llmtraceAgentTurn();

  const result = await compare(name, { label: "raw OpenTelemetry, same information", fn: rawTurn }, { label: "llmtrace builders + workflow()", fn: llmtraceTurn }, { budget });
  await tracing.shutdown();
  await raw.shutdown();
  return result;
}
