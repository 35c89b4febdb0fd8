import { measure } from "mitata";

export interface Comparison {
  readonly name: string;
  readonly baseline: string;
  readonly candidate: string;
  /** Median time per call, in nanoseconds. */
  readonly baselineNs: number;
  readonly candidateNs: number;
  readonly ratio: number;
  readonly overheadNs: number;
  readonly budget: string;
  readonly withinBudget: boolean;
}

export interface CompareOptions {
  readonly rounds?: number;
  /** Calls each measured function makes; results are reported per call. @default 1 */
  readonly callsPerRun?: number;
  /** Largest acceptable ratio (candidate / baseline), or an absolute overhead in ns. */
  readonly budget: { ratio: number } | { overheadNs: number } | "reported";
  /**
   * The per-call statistic compared: the median (default) is steady against a loaded machine, but
   * never sees work done once per batch (an exporter's encoding, every 64 turns); the mean does.
   */
  readonly statistic?: "p50" | "avg";
}

/** One side of a comparison; `before`/`after` set up and take down what it runs on, around each of its rounds. */
export interface Side {
  label: string;
  fn: () => unknown;
  before?: () => unknown;
  after?: () => Promise<unknown>;
}

async function measureSide(side: Side, statistic: "p50" | "avg"): Promise<number> {
  await side.before?.();
  try {
    return (await measure(side.fn, { min_cpu_time: 300e6 }))[statistic];
  } finally {
    await side.after?.();
  }
}

/**
 * Measures `baseline` and `candidate` alternately over several rounds — so drift on a shared
 * machine affects both alike — and compares the medians of their per-round medians.
 */
export async function compare(
  name: string,
  baseline: Side,
  candidate: Side,
  options: CompareOptions,
): Promise<Comparison> {
  const rounds = options.rounds ?? 5;
  const base: number[] = [];
  const cand: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // Alternate which goes first, so neither always runs on a warmer (or more fragmented) heap.
    const first = round % 2 === 0 ? baseline : candidate;
    const second = first === baseline ? candidate : baseline;
    const a = await measureSide(first, options.statistic ?? "p50");
    const b = await measureSide(second, options.statistic ?? "p50");
    (first === baseline ? base : cand).push(a);
    (first === baseline ? cand : base).push(b);
  }
  const perRun = options.callsPerRun ?? 1;
  const baselineNs = median(base) / perRun;
  const candidateNs = median(cand) / perRun;
  const ratio = candidateNs / baselineNs;
  const overheadNs = candidateNs - baselineNs;
  const budget = options.budget;
  const withinBudget = budget === "reported" || ("ratio" in budget ? ratio <= budget.ratio : overheadNs <= budget.overheadNs);
  return {
    name,
    baseline: baseline.label,
    candidate: candidate.label,
    baselineNs,
    candidateNs,
    ratio,
    overheadNs,
    budget: budget === "reported" ? "reported" : "ratio" in budget ? `≤ ${budget.ratio}×` : `≤ ${budget.overheadNs} ns`,
    withinBudget,
  };
}

/**
 * Runs `call` `count` times, then yields once to the microtask queue. Span processors finish an
 * export in a microtask; a loop that never yields would see their queue fill up and drop spans,
 * measuring the drop path instead of the real one.
 */
export function batched(count: number, call: () => unknown): () => Promise<void> {
  return async () => {
    for (let k = 0; k < count; k++) call();
    await undefined;
  };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function formatComparison(c: Comparison): string {
  const time = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(1)} ns`);
  return [
    `${c.name}`,
    `  ${c.baseline.padEnd(44)} ${time(c.baselineNs).padStart(10)}`,
    `  ${c.candidate.padEnd(44)} ${time(c.candidateNs).padStart(10)}`,
    `  ratio ${c.ratio.toFixed(2)}×, overhead ${time(c.overheadNs)} per call; budget ${c.budget}: ${c.withinBudget ? "met" : "MISSED"}`,
  ].join("\n");
}
