// stats().overhead: spans per second and tracing's estimated share of the process's CPU time, from
// timing one span in 64. Plausible, not exact: a process that only traces shows a large share, one
// that does real work between spans a small one.
import { describe, expect, it } from "vitest";
import { configureTracing, trace } from "../../src/index.js";
import { burnCpu } from "../helpers/burn-cpu.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";

useDiagAndTracing();

describe("stats().overhead", () => {
  it("a process that only traces shows a large share; one that works between spans a small one", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    for (let i = 0; i < 6400; i++) trace.tool({ name: "noop", args: { i, q: "what is the refund policy for order 4411?" } }).end({ ok: true });
    const busy = tracing.stats().overhead!;
    // One in 64 on average, at random: about 100 of 6400.
    expect(busy.timedSpans).toBeGreaterThanOrEqual(60);
    expect(busy.timedEvery).toBe(64);
    expect(busy.spansPerSecond).toBeGreaterThan(100);
    expect(busy.estimatedTracingMillis).toBeGreaterThan(0);
    await tracing.shutdown();

    // A process that works 5 ms of CPU between spans. About one span in a run is timed, by the wall
    // clock: a descheduled core or a collection inside it counts 64 times over, so the median of
    // three runs is compared.
    const workingShare = async () => {
      const working = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
      for (let i = 0; i < 64; i++) {
        burnCpu(5);
        trace.tool({ name: "work" }).end();
      }
      const share = working.stats().overhead!.cpuShare ?? 0;
      await working.shutdown();
      return share;
    };
    const shares = [await workingShare(), await workingShare(), await workingShare()].sort((a, b) => a - b);
    // Relative, since the machine may be busy with other work: at least three times lower.
    const share = shares[1]!;
    expect(busy.cpuShare).toBeGreaterThan(0.05);
    expect(share).toBeLessThan(0.1);
    expect(share * 3).toBeLessThan(busy.cpuShare!);
  });

  it("does not alias with a workload that repeats: alternating cheap and costly spans give the same estimate in either order", async () => {
    const big = "word ".repeat(20_000);
    const estimate = async (bigFirst: boolean) => {
      const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
      for (let i = 0; i < 4096; i++) {
        const costly = (i % 2 === 0) === bigFirst;
        trace.tool({ name: "t", args: costly ? { text: big } : { n: i } }).end();
      }
      const millis = tracing.stats().overhead!.estimatedTracingMillis;
      await tracing.shutdown();
      return millis;
    };
    const a = await estimate(true);
    const b = await estimate(false);
    // Sampling in step with the workload would time only one kind of span: the estimates would differ
    // by the costly span's cost over the cheap one's (about 40×: 390 µs against 10 µs). Random
    // sampling keeps them within a few times of each other; the bound leaves room for noise in the
    // few spans timed (about 64: a collection or a descheduled core in one), which once made CI's
    // Node 24 run 4.7×.
    expect(Math.max(a, b) / Math.min(a, b)).toBeLessThan(10);
  });
});
