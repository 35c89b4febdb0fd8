/**
 * How much time llmtrace itself takes, estimated by sampling: one span in every EVERY, on average,
 * has the work llmtrace does for it timed — building it (options, input content, redaction),
 * recording its result, the pipeline's steps and the hand-off to the exporters (the SDK's span
 * work included: it is tracing's cost) — and the mean is scaled up. Which spans are timed is
 * random (a countdown drawn anew each time), so a workload that repeats with any period is not
 * always timed at the same kind of span. The other spans cost a counter decrement.
 */
const EVERY = 64;

class SelfTiming {
  private countdown = 1 + Math.floor(Math.random() * 2 * EVERY);
  /** Off only in the benchmark that measures what the estimate itself costs. */
  enabled = true;
  /** Spans whose work was timed, and that work in milliseconds. */
  sampled = 0;
  sampledMillis = 0;

  /** A start time when this span is one of the timed ones, else -1. */
  begin(): number {
    if (--this.countdown > 0 || !this.enabled) return -1;
    this.countdown = 1 + Math.floor(Math.random() * 2 * EVERY);
    this.sampled++;
    return performance.now();
  }

  /** Starts a new account (a new configureTracing()). */
  reset(): void {
    this.sampled = 0;
    this.sampledMillis = 0;
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
