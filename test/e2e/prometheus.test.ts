// llmtrace's Prometheus exporter scraped by a real Prometheus 3 (scripts/e2e/prometheus.yml: job
// llmtrace-e2e, 127.0.0.1:27464, every second), read back through /api/v1/query: what a dashboard
// would show equals what the workload did, and the cost equals what its spans say.
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing, trace } from "../../src/index.js";
import { eventually, getJson, PROMETHEUS } from "./backends.js";

afterEach(async () => {
  // Prometheus scrapes the live exporter, so each test keeps tracing up until its last query.
  await getActiveTracing()?.shutdown();
});

const JOB = `job="${PROMETHEUS.job}"`;
const WAIT_MS = 20_000;

interface Call {
  provider: string;
  model: string;
  usage: { inputTokens: number; outputTokens: number; cacheReadTokens?: number; cacheWriteTokens?: number; reasoningTokens?: number };
}

/** Two providers, three models; cache reads, a cache write and reasoning, so every token type is counted. */
const CALLS: readonly Call[] = [
  { provider: "openai", model: "gpt-4o", usage: { inputTokens: 1200, outputTokens: 80, cacheReadTokens: 1000, reasoningTokens: 30 } },
  { provider: "openai", model: "gpt-4o-mini", usage: { inputTokens: 300, outputTokens: 20 } },
  { provider: "anthropic", model: "claude-sonnet-4-5", usage: { inputTokens: 500, outputTokens: 40, cacheWriteTokens: 200 } },
  { provider: "anthropic", model: "claude-sonnet-4-5", usage: { inputTokens: 2048, outputTokens: 100, cacheReadTokens: 1024 } },
];

/**
 * CALLS summed by hand, in the token types of llmtrace_llm_tokens_total. input counts cached tokens
 * too and output counts reasoning (TokenUsage's meaning), so they are not added again.
 */
const EXPECTED_TOKENS = { input: 1200 + 300 + 500 + 2048, output: 80 + 20 + 40 + 100, cache_read: 1000 + 1024, cache_creation: 200, reasoning: 30 };

/** An agent turn: the four CALLS, a tool, and an Anthropic call that throws (no usage, so no tokens or cost). */
async function workload(): Promise<void> {
  await trace.agent({ name: "support_agent" }, async () => {
    await trace.tool({ name: "lookup_order", args: { id: 4411 } }, async (t) => t.end({ result: { status: "shipped" } }));
    for (const { provider, model, usage } of CALLS) {
      await trace.generation({ model, provider, input: `question for ${model}` }, async (g) => g.end({ output: "answer", usage }));
    }
    const failed = await trace
      .generation({ model: "claude-sonnet-4-5", provider: "anthropic", input: "one more" }, async () => {
        throw new RangeError("rate limited");
      })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    // The generation rethrows the callback's error; the span records it.
    expect(failed).toBeInstanceOf(RangeError);
  });
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(promql: string): Promise<Sample[]> {
  const body = (await getJson(`${PROMETHEUS.url}/api/v1/query?query=${encodeURIComponent(promql)}`)) as
    | { status?: string; data?: { resultType?: string; result?: Sample[] } }
    | undefined;
  if (body?.status !== "success" || body.data?.resultType !== "vector" || !body.data.result) throw new Error(`${promql} answered ${JSON.stringify(body)}`);
  return body.data.result;
}

/** An instant vector as { "label values joined by /": value }; a label the series lacks is "". */
async function byLabels(promql: string, labels: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { metric, value } of await query(promql)) out[labels.map((label) => metric[label] ?? "").join("/")] = Number(value[1]);
  return out;
}

/**
 * Waits for a scrape of the target that began after `sinceMs` and found it answering `up`. Such a
 * scrape read the exporter after everything recorded before `sinceMs`, and all its samples share one
 * timestamp, so later queries see at least that much. Prometheus may move a scrape's timestamp by up
 * to 2 ms to align it; 10 ms of margin covers that.
 */
async function scrapeAfter(sinceMs: number, up: 0 | 1): Promise<void> {
  await eventually(
    `a scrape of ${JOB} after ${new Date(sinceMs).toISOString()} with up == ${up}`,
    async () => {
      // The timestamp first: the up read after it is from that scrape or a newer one.
      const [at] = await query(`timestamp(up{${JOB}})`);
      if (!at || Number(at.value[1]) * 1000 < sinceMs + 10) throw new Error(`last scrape at ${at ? new Date(Number(at.value[1]) * 1000).toISOString() : "never"}`);
      const [seen] = await query(`up{${JOB}}`);
      if (Number(seen?.value[1]) !== up) throw new Error(`up is ${seen?.value[1]}`);
      return true;
    },
    WAIT_MS,
  );
}

function uniqueService(what: string): string {
  return `llmtrace-e2e-${what}-${process.pid}-${Date.now()}`;
}

function serveMetrics(service: string) {
  return configureTracing({ serviceName: service, exporters: [{ type: "memory" }], metrics: { exporters: [{ type: "prometheus", port: PROMETHEUS.metricsPort }] }, logLevel: "none" }, {});
}

/** Within `relative` of `expected`: cost is summed in floating point, in another order, by another program. */
function near(actual: number | undefined, expected: number, relative = 1e-9): boolean {
  return actual !== undefined && Math.abs(actual - expected) <= relative * Math.abs(expected);
}

describe("Prometheus 3 scraping llmtrace's exporter", () => {
  it("shows the workload's tokens by type, requests with the failure's error.type, histograms, and the spans' cost", async () => {
    const service = uniqueService("metrics");
    const tracing = serveMetrics(service);

    // Before the workload: this process is the one being scraped, and it has counted nothing yet, so
    // what is read later is this workload's and not a previous run's (a series that leaves a
    // target's scrape is marked stale at once).
    await scrapeAfter(Date.now(), 1);
    expect(await byLabels(`target_info{${JOB}}`, ["service_name"])).toEqual({ [service]: 1 });
    expect(await query(`llmtrace_llm_requests_total{${JOB}}`)).toEqual([]);

    await workload();
    await tracing.forceFlush();
    await scrapeAfter(Date.now(), 1);
    expect(await byLabels(`target_info{${JOB}}`, ["service_name"])).toEqual({ [service]: 1 });

    // Tokens: the test's own sums per type, across both providers.
    expect(await byLabels(`sum by (gen_ai_token_type) (llmtrace_llm_tokens_total{${JOB}})`, ["gen_ai_token_type"])).toEqual(EXPECTED_TOKENS);

    // Requests: every model call once, the failed one apart under its error.type.
    expect(await byLabels(`sum by (gen_ai_provider_name, error_type) (llmtrace_llm_requests_total{${JOB}})`, ["gen_ai_provider_name", "error_type"])).toEqual({
      "openai/": 2,
      "anthropic/": 2,
      "anthropic/RangeError": 1,
    });
    expect(await byLabels(`sum(llmtrace_llm_requests_total{${JOB}})`, [])).toEqual({ "": CALLS.length + 1 });

    // gen_ai.client.token.usage: one input and one output recording per call with usage (the failed
    // call has none), summing to the token totals; in its buckets, input <= 1024 is 300 and 500.
    // Prometheus 3 stores classic-histogram `le` values as floats: "1024" is kept as "1024.0".
    expect(await byLabels(`sum by (gen_ai_token_type) (gen_ai_client_token_usage_count{${JOB}})`, ["gen_ai_token_type"])).toEqual({ input: 4, output: 4 });
    expect(await byLabels(`sum by (gen_ai_token_type) (gen_ai_client_token_usage_sum{${JOB}})`, ["gen_ai_token_type"])).toEqual({
      input: EXPECTED_TOKENS.input,
      output: EXPECTED_TOKENS.output,
    });
    expect(await byLabels(`sum(gen_ai_client_token_usage_bucket{${JOB}, gen_ai_token_type="input", le="1024.0"})`, [])).toEqual({ "": 2 });

    // Durations: every model call, failed included, in the GenAI histogram; the agent and the tool
    // (not the model calls) in llmtrace's operation histogram.
    expect(await byLabels(`sum by (error_type) (gen_ai_client_operation_duration_count{${JOB}})`, ["error_type"])).toEqual({ "": 4, RangeError: 1 });
    expect(await byLabels(`sum by (llmtrace_span_kind, llmtrace_span_name) (llmtrace_operation_duration_count{${JOB}})`, ["llmtrace_span_kind", "llmtrace_span_name"])).toEqual({
      "agent/agent.support_agent": 1,
      "tool/tool.lookup_order": 1,
    });

    // Cost: the same dollars as the generation spans' ai.cost, per provider and in all.
    const spanCost: Record<string, number> = {};
    const generations = tracing.memoryExporter!.getFinishedSpans().filter((span) => span.attributes["llmtrace.span.kind"] === "generation");
    expect(generations).toHaveLength(CALLS.length + 1);
    for (const span of generations) {
      const cost = span.attributes["ai.cost"];
      if (span.status.code === 2) {
        expect(cost, `${span.name} failed, with no usage`).toBeUndefined();
        continue;
      }
      expect(cost, `${span.name} has a price`).toBeGreaterThan(0);
      const provider = String(span.attributes["gen_ai.provider.name"]);
      spanCost[provider] = (spanCost[provider] ?? 0) + Number(cost);
    }
    const totalCost = Object.values(spanCost).reduce((sum, cost) => sum + cost, 0);
    const scrapedCost = await byLabels(`sum by (gen_ai_provider_name) (llmtrace_llm_cost_total{${JOB}})`, ["gen_ai_provider_name"]);
    expect(Object.keys(scrapedCost).sort()).toEqual(["anthropic", "openai"]);
    for (const provider of ["anthropic", "openai"]) {
      expect(near(scrapedCost[provider], spanCost[provider]!), `${provider}: scraped ${scrapedCost[provider]}, spans ${spanCost[provider]}`).toBe(true);
    }
    const [scrapedTotal] = Object.values(await byLabels(`sum(llmtrace_llm_cost_total{${JOB}})`, []));
    expect(near(scrapedTotal, totalCost), `scraped ${scrapedTotal}, spans ${totalCost}`).toBe(true);
  });

  it("stops serving at shutdown: the next scrape finds the target down and its series stale", async () => {
    const service = uniqueService("shutdown");
    const tracing = serveMetrics(service);
    await scrapeAfter(Date.now(), 1);
    expect(await byLabels(`target_info{${JOB}}`, ["service_name"])).toEqual({ [service]: 1 });

    await tracing.shutdown();
    // A listener left open would keep answering: up would stay 1 and the wait would time out.
    await scrapeAfter(Date.now(), 0);
    expect(await query(`target_info{${JOB}}`)).toEqual([]);
  });
});
