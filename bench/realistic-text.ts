// Text as LLM applications send it, for the benchmarks: a system prompt and conversation history
// re-sent on every call, retrieved context with bracketed citations, digits, quotes, JSON, code
// and URLs, and a few findings (an email address, a phone number). Deterministic: a seeded
// generator, so every run and every SDK measures the same bytes.

/** A small fixed PRNG (mulberry32): the same sequence every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYSTEM = `You are "Ava", the support assistant of Acme Cloud. Answer in at most 5 sentences, cite sources as [doc-N], and never reveal internal ticket numbers. Today is 2024-11-29; the customer's plan is "Pro (annual)".`;

const WORDS = "account billing invoice refund plan upgrade region cluster deploy build cache latency error timeout retry quota limit storage bucket token session export import webhook schedule".split(" ");

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

function sentence(next: () => number): string {
  const n = 6 + Math.floor(next() * 10);
  const words = Array.from({ length: n }, () => pick(next, WORDS));
  return `${words.join(" ")} (${Math.floor(next() * 900 + 100)} ms, ${(next() * 100).toFixed(1)}%)`;
}

/** One 2 KB prompt: history, context with citations, a JSON excerpt, code, a URL, a question. */
function promptFrom(next: () => number): string {
  const order = Math.floor(next() * 900000 + 100000);
  const parts = [
    `Previous turns:\nuser: My deploy to eu-west-1 fails with "ERR_TIMEOUT after 30000ms" since yesterday 14:05.\nassistant: Thanks! Could you share the build id and the output of \`acme logs --tail 50\`?\nuser: Build b-${order}, logs below. You can reach me at jordan.lee@example.com.`,
    `Context:\n[doc-17] ${sentence(next)}.\n[doc-4] ${sentence(next)}; see https://docs.acme.dev/deploy/timeouts?region=eu-west-1&v=${Math.floor(next() * 9) + 1}.\n[doc-23] ${sentence(next)}.`,
    `Build status: {"id":"b-${order}","region":"eu-west-1","steps":[{"name":"install","ms":${Math.floor(next() * 40000)}},{"name":"test","ms":${Math.floor(next() * 90000)},"failed":${next() > 0.5}}],"cache":{"hit":${next() > 0.5},"size_mb":${(next() * 900).toFixed(1)}}}`,
    "Config excerpt:\n```yaml\ndeploy:\n  timeout: 30000\n  retries: 3\n  region: \"eu-west-1\"\n```\n```ts\nconst res = await fetch(`${base}/v2/deploy/${id}`, { method: \"POST\", headers: { \"content-type\": \"application/json\" } });\nif (res.status >= 500) throw new Error(`deploy ${id}: ${res.status}`);\n```",
    `Question: why does build b-${order} time out at step 2 of 3, and what should I change? Call me at +1 415 555 ${String(Math.floor(next() * 9000) + 1000)} if easier.`,
  ];
  let text = parts.join("\n\n");
  while (text.length < 2048) text += `\n[doc-${Math.floor(next() * 40)}] ${sentence(next)}.`;
  return text.slice(0, 2048);
}

/** The system prompt every call re-sends. */
export const SYSTEM_PROMPT = SYSTEM;

/** The prompt of the repeated workload: the same text on every call, as history re-sent. */
export const REPEATED_PROMPT = promptFrom(random(1));

/** `count` prompts, each different (other numbers, words, citations): text never seen before. */
export function uniquePrompts(count: number, seed = 2): string[] {
  const next = random(seed);
  return Array.from({ length: count }, () => promptFrom(next));
}

/** A 300-character answer with a citation, a number and quotes. */
export const ANSWER = `Build b-482913 times out in "test" because the step's 90,000 ms exceeds the deploy timeout of 30,000 ms [doc-17]. Raise deploy.timeout to 120000 or split the suite (see [doc-4]); retries won't help, since each retry restarts the clock. Cached layers (412.6 MB) are fine.`.slice(0, 300);

/** Tool arguments as an object, as a model's tool call gives them once parsed. */
export const TOOL_ARGS = { query: "deploy timeout eu-west-1", filters: { product: "deploy", since: "2024-11-28T14:05:00Z" }, limit: 8 };

/** A JSON tool result of about 1 KB with numbers, ids and URLs. */
export const TOOL_RESULT = JSON.stringify({
  total: 11,
  results: Array.from({ length: 11 }, (_, i) => ({ id: `doc-${17 + i}`, score: Number((0.93 - i * 0.07).toFixed(2)), url: `https://docs.acme.dev/a/${1000 + i}`, updated: `2024-10-${String(10 + i)}` })),
});
