// W3: redaction throughput on realistic prompts, and what redaction adds to a generation span.
import { do_not_optimize, measure } from "mitata";
import { configureTracing, redactText, trace } from "llmtrace";
import { batched, type Comparison, median } from "./harness.js";
import { discardExporter } from "./discard-exporter.js";
import { uniquePrompts } from "./realistic-text.js";

/** Prompts as applications send them: prose with numbers, code, logs, JSON, escaped JSON, URLs — a few with findings. */
const PROMPTS = [
  "You are a helpful support agent. The customer (account 48213) wrote on 2024-05-01 at 10:31: my order ORD-2024-000981 arrived damaged, the box was open and item 3 of 5 is missing. Please help me get a refund or a replacement. ",
  "Summarize this log:\n2024-05-01T10:31:02Z INFO request GET /api/orders/981 200 12ms\n2024-05-01T10:31:03Z WARN retry 1/3 upstream timeout after 5000ms\n2024-05-01T10:31:09Z INFO request GET /api/orders/981 200 8ms\n",
  'Refactor: function total(items) { return items.reduce((s, x) => s + x.price * x.qty, 0); } // used in cart.ts line 120, see PR #4521 and issue #301 ',
  '{"user":{"name":"Jane","tier":"pro"},"cart":[{"sku":"A-100","qty":2,"price":19.99},{"sku":"B-220","qty":1,"price":5.5}],"coupon":"SPRING24"} ',
  "Context from the knowledge base: passwords are reset from Settings > Security; reset links expire after 30 minutes; contact support@example.com or call +1 415 555 2671 if the link does not arrive. ",
  'Fetched https://api.example.com/v1/search?q=late+delivery+order+981&page=2&sort=desc and https://docs.example.com/guide?topic=refund%20policy%3F#s-3 [doc-17]; the tool said {"role":"tool","content":"{\\"status\\": 200, \\"count\\": 12, \\"next\\": \\"p2\\"}"} ',
  'def fetch(url: str, timeout: int = 30):\n    headers = {"Authorization": "Bearer " + token, "Accept": "application/json"}\n    return requests.get(url, headers=headers, timeout=timeout).json()  # v2.3.1, see [doc-4] ',
];

function corpus(size: number, salt: number): string[] {
  return PROMPTS.map((prompt, i) => (prompt.repeat(Math.ceil(size / prompt.length)).slice(0, size - 8) + String(salt + i).padStart(8, "0")));
}

export interface RedactionThroughput {
  readonly mbPerSecond: number;
  readonly microsPer2Kb: number;
}

/**
 * Median throughput of the default redactor over 2 KB prompts of every shape above, each text new
 * (more than the memo of repeated text holds, cycled): what scanning costs, not remembering.
 */
export async function redactionThroughput(): Promise<RedactionThroughput> {
  let salt = 0;
  return throughputOver(Array.from({ length: 1200 }, () => corpus(2048, (salt += 10))));
}

/** The same prompts re-sent (ten texts in turn): what the memo of repeated text serves. */
export async function repeatedTextThroughput(): Promise<RedactionThroughput> {
  let salt = 0;
  return throughputOver(Array.from({ length: 2 }, () => corpus(2048, (salt += 10))));
}

/** The same over clean prose without digits, each copy with its own ending (and new to the memo). */
export async function cleanProseThroughput(): Promise<RedactionThroughput> {
  const prose = "Context: the customer asked about resetting a password on the web app. ".repeat(29);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const ending = (i: number) => `${letters[i % 26]}${letters[Math.floor(i / 26) % 26]}${letters[Math.floor(i / 676) % 26]}`.repeat(3);
  return throughputOver(Array.from({ length: 1200 }, (_, i) => Array.from({ length: PROMPTS.length }, (_, j) => prose.slice(0, 2040) + ending(i * PROMPTS.length + j))));
}

/** The realistic 2 KB prompts of W1 (bench/realistic-text.ts), each new. */
export async function realisticPromptThroughput(): Promise<RedactionThroughput> {
  const prompts = uniquePrompts(8400);
  return throughputOver(Array.from({ length: 1200 }, (_, i) => prompts.slice(i * 7, i * 7 + 7)));
}

/** Median redaction throughput over batches of equal size, one batch per measured call. */
async function throughputOver(texts: readonly (readonly string[])[]): Promise<RedactionThroughput> {
  let next = 0;
  const stats = await measure(() => {
    const batch = texts[next++ % texts.length]!;
    for (const text of batch) do_not_optimize(redactText(text));
  }, { min_cpu_time: 500e6 });
  const nsPerText = stats.p50 / texts[0]!.length;
  return { mbPerSecond: 2048 / nsPerText * 1e3, microsPer2Kb: nsPerText / 1000 };
}

/** A generation span with a 2 KB prompt and a 300-character answer, with and without redaction. */
export async function redactionShareOfSpan(): Promise<Comparison> {
  // A prompt of the knowledge-base shape (an email, a phone number), different on every call: the
  // memo of repeated text must not hide what new text costs.
  const prompts = Array.from({ length: 4096 }, (_, i) => corpus(2048, i * 10)[4]!);
  let next = 0;
  const answer = "To reset your password, open Settings, then Security, then Reset password. The link expires after 30 minutes. ".repeat(3).slice(0, 300);
  const generation = () =>
    trace.generation({ model: "gpt-4o", provider: "openai", input: prompts[next++ % prompts.length] }, (gen) =>
      gen.end({ output: answer, usage: { inputTokens: 520, outputTokens: 70 } }),
    );

  const results: number[][] = [[], []];
  for (let round = 0; round < 5; round++) {
    for (const [index, redact] of [[0, false], [1, true]] as const) {
      const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none", content: { redact } }, {});
      results[index]!.push((await measure(batched(64, generation), { min_cpu_time: 300e6 })).p50 / 64);
      await tracing.shutdown();
    }
  }
  const without = median(results[0]!);
  const withRedaction = median(results[1]!);
  return {
    name: "W3 redaction's share of a generation span (2 KB prompt, 300-char answer)",
    baseline: "generation, redaction off",
    candidate: "generation, default redaction",
    baselineNs: without,
    candidateNs: withRedaction,
    ratio: withRedaction / without,
    overheadNs: withRedaction - without,
    budget: "reported",
    withinBudget: true,
  };
}
