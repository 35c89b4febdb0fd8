/**
 * How much time llmtrace itself takes, estimated by sampling: one span in every EVERY has the work
 * llmtrace does for it timed — starting it, recording its result, the pipeline's steps and the
 * hand-off to the exporters (the SDK's span work included: it is tracing's cost) — and the sum is
 * scaled up. The clock is read twice per timed span and once more per end, so the estimate costs
 * a counter increment on the other 63 spans.
 */
const EVERY = 64;

class SelfTiming {
  private tick = 0;
  /** Off only in the benchmark that measures what the estimate itself costs. */
  enabled = true;
  /** Spans whose work was timed, and that work in milliseconds. */
  sampled = 0;
  sampledMillis = 0;

  /** A start time when this span is one of the timed ones, else -1. */
  begin(): number {
    if (++this.tick % EVERY !== 0 || !this.enabled) return -1;
    this.sampled++;
    return performance.now();
  }

  /** Adds the time since `start` (from `begin()` or `resume()`); -1 does nothing. */
  add(start: number): void {
    if (start >= 0) this.sampledMillis += performance.now() - start;
  }

  /** The estimated milliseconds spent in llmtrace for `spans` spans. */
  estimateMillis(spans: number): number {
    return this.sampled === 0 ? 0 : (this.sampledMillis / this.sampled) * spans;
  }
}

// On globalThis, so the ESM and CommonJS builds in one process time into one account.
const KEY = Symbol.for("llmtrace.selfTiming");
export const selfTiming: SelfTiming = ((globalThis as { [KEY]?: SelfTiming })[KEY] ??= new SelfTiming());
export const SELF_TIMING_EVERY = EVERY;
