import { SELF_TIMING_EVERY, selfTiming } from "../platform/self-timing.js";

/** `tracing.stats().overhead`: how busy tracing is, and an estimate of what it costs the process. */
export interface OverheadStats {
  /** Spans ended per second since `configureTracing()`. */
  readonly spansPerSecond: number;
  /** Estimated milliseconds spent in llmtrace (timed spans' mean × spans ended). */
  readonly estimatedTracingMillis: number;
  /** The process's CPU time (user + system) since `configureTracing()`, in milliseconds. */
  readonly processCpuMillis: number;
  /** The estimate's share of the process's CPU time, from 0 to 1; null until a span was timed. */
  readonly cpuShare: number | null;
  /** Spans whose work was timed (one in every `timedEvery`, on average, at random). */
  readonly timedSpans: number;
  readonly timedEvery: number;
}

/**
 * Started with the pipeline. The estimate is wall time inside llmtrace for a sample of spans,
 * compared with the process's CPU time: while the process waits on I/O its CPU time stalls but
 * a timed span's wall time does not, so a share read on an idle process errs high; with a few
 * thousand spans timed, the sampling error of the mean is a few percent (docs/pipelines.md).
 */
export class OverheadClock {
  private readonly startedAt = performance.now();
  private readonly cpuAtStart = process.cpuUsage();


  snapshot(spansEnded: number): OverheadStats {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const cpu = process.cpuUsage(this.cpuAtStart);
    const processCpuMillis = (cpu.user + cpu.system) / 1000;
    const estimated = selfTiming.estimateMillis(spansEnded);
    return {
      spansPerSecond: seconds > 0 ? Math.round((spansEnded / seconds) * 10) / 10 : 0,
      estimatedTracingMillis: Math.round(estimated * 100) / 100,
      processCpuMillis: Math.round(processCpuMillis * 100) / 100,
      cpuShare: selfTiming.sampled === 0 ? null : processCpuMillis > 0 ? Math.min(1, Math.round((estimated / processCpuMillis) * 1000) / 1000) : 0,
      timedSpans: selfTiming.sampled,
      timedEvery: SELF_TIMING_EVERY,
    };
  }
}
