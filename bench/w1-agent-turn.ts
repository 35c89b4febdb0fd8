// W1: one agent turn, 8 spans — workflow → agent → 3 × { generation, tool } — written as users
// write it: `workflow()`, `agent()` and `tool()` function wrappers capturing their inputs and
// outputs, generations through `trace.generation(opts, async (g) => ...)`. Realistic text
// (bench/realistic-text.ts): a 2 KB prompt with quotes, digits, citations, JSON, code, URLs and a
// couple of findings, a system prompt, a 300-character answer, tool arguments as an object and a
// 1 KB JSON result. Against raw OpenTelemetry recording the same information by hand (GenAI
// attributes, message JSON, tool arguments and result, inputs and outputs), without redaction.
import type { Tracer } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import { agent, configureTracing, tool, type TracingOptions, trace, workflow } from "llmtrace";
import { type Comparison, type CompareOptions, compare } from "./harness.js";
import { discardExporter, encodingExporter } from "./discard-exporter.js";
import { ANSWER, REPEATED_PROMPT, SYSTEM_PROMPT, TOOL_ARGS, TOOL_RESULT, uniquePrompts } from "./realistic-text.js";
import { rawOpenTelemetry } from "./raw-baseline.js";

const usage = { inputTokens: 1200, outputTokens: 85 };
const QUESTION = "Why does my deploy to eu-west-1 time out since yesterday?";
const tick = () => Promise.resolve();

/** Where each call's prompt comes from: the same text (history re-sent), or text never seen before. */
export interface PromptSource {
  next(): string;
}

export const repeatedPrompts: PromptSource = { next: () => REPEATED_PROMPT };

/** Enough unique prompts that no run of the benchmark sees one twice within a memo's reach. */
export function uniquePromptSource(count = 6000): PromptSource {
  const prompts = uniquePrompts(count);
  let i = 0;
  return { next: () => prompts[i++ % prompts.length]! };
}

/** The turn as users write it with llmtrace. */
export function llmtraceTurn(prompts: PromptSource): () => Promise<string> {
  const searchDocs = tool({ name: "search_docs" }, async (_args: typeof TOOL_ARGS) => {
    await tick();
    return TOOL_RESULT;
  });
  const support = agent({ name: "support" }, async (_question: string) => {
    for (let i = 0; i < 3; i++) {
      await trace.generation(
        { model: "gpt-4o", provider: "openai", temperature: 0.2, maxTokens: 512, system: SYSTEM_PROMPT, input: prompts.next() },
        async (gen) => {
          await tick();
          gen.end({ output: ANSWER, usage, finishReasons: ["stop"] });
        },
      );
      await searchDocs(TOOL_ARGS);
    }
    return ANSWER;
  });
  const turn = workflow({ name: "turn" }, (question: string) => support(question));
  return () => turn(QUESTION);
}

/** The same turn with the builders (`trace.agent`, `agent.generation`, `agent.tool`). */
export function llmtraceBuilderTurn(prompts: PromptSource): () => Promise<void> {
  return workflow({ name: "turn" }, () =>
    trace.agent({ name: "support" }, async (a) => {
      for (let i = 0; i < 3; i++) {
        await a.generation({ model: "gpt-4o", provider: "openai", temperature: 0.2, maxTokens: 512, system: SYSTEM_PROMPT, input: prompts.next() }, async (gen) => {
          await tick();
          gen.end({ output: ANSWER, usage, finishReasons: ["stop"] });
        });
        await a.tool({ name: "search_docs", args: TOOL_ARGS }, async () => {
          await tick();
          return TOOL_RESULT;
        });
      }
    }),
  );
}

/** The same information recorded by hand on raw OpenTelemetry: what a careful user would write. */
export function rawTurn(tracer: Tracer, prompts: PromptSource): () => Promise<string> {
  return () =>
    tracer.startActiveSpan("workflow.turn", async (wf) => {
      wf.setAttributes({ "gen_ai.operation.name": "invoke_workflow", "input.value": QUESTION });
      const answer = await tracer.startActiveSpan("agent.support", async (agentSpan) => {
        agentSpan.setAttributes({ "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support", "input.value": QUESTION });
        for (let i = 0; i < 3; i++) {
          await tracer.startActiveSpan("chat gpt-4o", async (gen) => {
            gen.setAttributes({
              "gen_ai.operation.name": "chat",
              "gen_ai.provider.name": "openai",
              "gen_ai.request.model": "gpt-4o",
              "gen_ai.request.temperature": 0.2,
              "gen_ai.request.max_tokens": 512,
              "gen_ai.system_instructions": JSON.stringify([{ type: "text", content: SYSTEM_PROMPT }]),
              "gen_ai.input.messages": JSON.stringify([{ role: "user", parts: [{ type: "text", content: prompts.next() }] }]),
            });
            await tick();
            gen.setAttributes({
              "gen_ai.output.messages": JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: ANSWER }], finish_reason: "stop" }]),
              "gen_ai.usage.input_tokens": usage.inputTokens,
              "gen_ai.usage.output_tokens": usage.outputTokens,
              "gen_ai.response.finish_reasons": ["stop"],
              "ai.cost": 0.003850,
            });
            gen.end();
          });
          await tracer.startActiveSpan("tool.search_docs", async (toolSpan) => {
            toolSpan.setAttributes({ "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "search_docs", "gen_ai.tool.call.arguments": JSON.stringify(TOOL_ARGS) });
            await tick();
            toolSpan.setAttribute("gen_ai.tool.call.result", TOOL_RESULT);
            toolSpan.end();
          });
        }
        agentSpan.setAttribute("output.value", ANSWER);
        agentSpan.end();
        return ANSWER;
      });
      wf.setAttribute("output.value", answer);
      wf.end();
      return answer;
    });
}

interface Variant {
  readonly name: string;
  readonly options: TracingOptions;
  readonly prompts: () => PromptSource;
  readonly turn?: (prompts: PromptSource) => () => Promise<unknown>;
  readonly label?: string;
  readonly budget: CompareOptions["budget"];
}

const VARIANTS: readonly Variant[] = [
  { name: "W1 agent turn, defaults, repeated text (system prompt and history re-sent)", options: {}, prompts: () => repeatedPrompts, budget: { ratio: 2.0 } },
  { name: "W1 agent turn, defaults, unique text per call", options: {}, prompts: () => uniquePromptSource(), budget: { ratio: 2.5 } },
  { name: "W1 the same turn with the builders, repeated text", options: {}, prompts: () => repeatedPrompts, turn: llmtraceBuilderTurn, label: "llmtrace builders + workflow()", budget: "reported" },
  { name: "W1 breakdown: content captured, redaction off (repeated text)", options: { content: { redact: false } }, prompts: () => repeatedPrompts, budget: "reported" },
  { name: "W1 breakdown: content captured, redaction off (unique text)", options: { content: { redact: false } }, prompts: () => uniquePromptSource(), budget: "reported" },
  { name: "W1 breakdown: content capture off (tokens, cost, timings only)", options: { content: { capture: false } }, prompts: () => repeatedPrompts, budget: { ratio: 1.15 } },
];

/** Every W1 variant: the defaults on repeated and unique text, the builders, the breakdown lines, and metrics on. */
export async function runAgentTurnBenchmarks(): Promise<Comparison[]> {
  const results: Comparison[] = [];
  for (const variant of VARIANTS) results.push(await runVariant(variant));
  results.push(await metricsOnAgainstOff());
  for (const run of tailAgainstHead()) results.push(await run());
  results.push(await overheadEstimateOnAgainstOff());
  return results;
}

/**
 * llmtrace against itself, each side in its own configureTracing() for each of its rounds: what
 * one option adds to the same turn. Metrics: recording the GenAI histograms, the request, token
 * and cost counters and the operation durations for every span (the memory reader exports once a
 * minute, so the rounds measure recording, as a Prometheus scrape or an OTLP push every 60 s would
 * leave it). Tail sampling: holding each trace until its root ends and deciding it, against head
 * sampling's decision at the start; at rate 0.01, against exporting every trace.
 */
async function llmtraceAgainstItself(
  name: string,
  baseline: [string, TracingOptions],
  candidate: [string, TracingOptions],
  budget: CompareOptions["budget"],
  exporter: SpanExporter = discardExporter,
): Promise<Comparison> {
  // With a real exporter's cost, the batch is encoded once per 64 turns: the mean sees it.
  const statistic = exporter === discardExporter ? "p50" : "avg";
  let tracing: ReturnType<typeof configureTracing> | undefined;
  const on = (options: TracingOptions) => () => {
    tracing = configureTracing({ exporters: [exporter], logLevel: "none", ...options }, {});
  };
  const off = async () => {
    await tracing?.shutdown();
  };
  return compare(
    name,
    { label: baseline[0], fn: llmtraceTurn(repeatedPrompts), before: on(baseline[1]), after: off },
    { label: candidate[0], fn: llmtraceTurn(repeatedPrompts), before: on(candidate[1]), after: off },
    { budget, statistic },
  );
}

function metricsOnAgainstOff(): Promise<Comparison> {
  return llmtraceAgainstItself(
    "W1 agent turn, defaults, repeated text: metrics on against metrics off",
    ["llmtrace, metrics off", {}],
    ["llmtrace, metrics on (all instruments)", { metrics: { exporters: [{ type: "memory" }], exportIntervalMillis: 60_000 } }],
    { ratio: 1.1 },
  );
}

/** What `stats().overhead`'s sampling costs: the same turn with the estimate's timing on and off. */
async function overheadEstimateOnAgainstOff(): Promise<Comparison> {
  const timing = (globalThis as Record<symbol, { enabled: boolean }>)[Symbol.for("llmtrace.selfTiming")]!;
  const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none" }, {});
  const result = await compare(
    "W1 agent turn, repeated text: the overhead estimate (stats().overhead) on against off",
    { label: "llmtrace, estimate off", fn: llmtraceTurn(repeatedPrompts), before: () => (timing.enabled = false), after: async () => (timing.enabled = true) },
    { label: "llmtrace, estimate on (one span in 64 timed)", fn: llmtraceTurn(repeatedPrompts) },
    { budget: "reported" },
  );
  await tracing.shutdown();
  return result;
}

const TAIL_KEEP = { errors: true, slowerThanMillis: 1000, costAbove: 0.05 };

function tailAgainstHead(): (() => Promise<Comparison>)[] {
  return [
    () => llmtraceAgainstItself(
      "W1 agent turn, repeated text: tail sampling at rate 1 against head sampling at rate 1",
      ["llmtrace, head sampling, rate 1", { sampling: { rate: 1 } }],
      ["llmtrace, tail sampling, rate 1", { sampling: { rate: 1, keep: TAIL_KEEP } }],
      { ratio: 1.1 },
      encodingExporter,
    ),
    () => llmtraceAgainstItself(
      "W1 agent turn, repeated text: tail sampling at rate 0.01 against exporting everything",
      ["llmtrace, head sampling, rate 1 (every trace exported)", { sampling: { rate: 1 } }],
      ["llmtrace, tail sampling, rate 0.01", { sampling: { rate: 0.01, keep: TAIL_KEEP } }],
      { ratio: 1.0 },
      // Exporting costs the process the OTLP encoding at least; the discard exporter would make it free.
      encodingExporter,
    ),
  ];
}

async function runVariant(variant: Variant): Promise<Comparison> {
  const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none", ...variant.options }, {});
  const raw = rawOpenTelemetry("raw-baseline");
  // Each side draws its own prompts, so both see the same sequence of texts.
  const candidate = (variant.turn ?? llmtraceTurn)(variant.prompts());
  const baseline = rawTurn(raw.tracer, variant.prompts());
  const result = await compare(
    variant.name,
    { label: "raw OpenTelemetry, same information", fn: baseline },
    { label: variant.label ?? "llmtrace workflow() / agent() / tool()", fn: candidate },
    { budget: variant.budget },
  );
  await tracing.shutdown();
  await raw.shutdown();
  return result;
}
