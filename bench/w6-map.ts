// W6: trace.map over 10,000 items of realistic work (hashing a 2 KB prompt each, as an embedding
// or dedup step does), against the same items under Promise.all with no tracing at all.
import { createHash } from "node:crypto";
import { configureTracing, trace } from "llmtrace";
import { type Comparison, compare } from "./harness.js";
import { discardExporter } from "./discard-exporter.js";
import { uniquePrompts } from "./realistic-text.js";

const ITEMS = 10_000;
const texts = uniquePrompts(ITEMS, 6);
/** The smallest item a pipeline maps: hash a 2 KB prompt (≈ 2.7 µs). */
const work = async (text: string): Promise<string> => createHash("sha256").update(text).digest("hex").slice(0, 16);

/**
 * A document-preparation item, as a RAG ingestion map runs: split a 2 KB text into sentences,
 * normalize them, count their words and hash each for deduplication (≈ 45 µs).
 */
const prepare = async (text: string): Promise<{ sentences: number; words: number; ids: string[] }> => {
  const sentences = text.split(/(?<=[.!?])\s+/).map((sentence) => sentence.replace(/\s+/g, " ").trim().toLowerCase());
  const ids = sentences.map((sentence) => createHash("sha1").update(sentence).digest("hex").slice(0, 12));
  return { sentences: sentences.length, words: sentences.reduce((sum, sentence) => sum + sentence.split(" ").length, 0), ids };
};

export async function runMapBenchmarks(): Promise<Comparison[]> {
  const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none" }, {});
  const untraced = { label: "Promise.all(items.map(fn)), untraced", fn: () => Promise.all(texts.map((text) => work(text))) };
  const results = [
    await compare(
      "W6 map of 10,000 document-preparation items, traceItems: false (one span, an aggregate), per item",
      { label: "Promise.all(items.map(fn)), untraced", fn: () => Promise.all(texts.map((text) => prepare(text))) },
      { label: "trace.map(..., { traceItems: false })", fn: () => trace.map("prepare_docs", texts, (text) => prepare(text), { traceItems: false }) },
      { budget: { ratio: 1.05 }, callsPerRun: ITEMS, rounds: 3 },
    ),
    await compare(
      "W6 map of 10,000 of the smallest items (a 2 KB hash), traceItems: false, per item",
      untraced,
      { label: "trace.map(..., { traceItems: false })", fn: () => trace.map("hash_docs", texts, (text) => work(text), { traceItems: false }) },
      { budget: "reported", callsPerRun: ITEMS, rounds: 3 },
    ),
    await compare(
      "W6 map of 10,000 items, traceItems: true (a span per item), per item",
      untraced,
      { label: "trace.map(..., { traceItems: true })", fn: () => trace.map("hash_docs", texts, (text) => work(text), { traceItems: true }) },
      { budget: "reported", callsPerRun: ITEMS, rounds: 3 },
    ),
  ];
  await tracing.shutdown();
  return results;
}
