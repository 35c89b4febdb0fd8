import type { LogsStats } from "./logs/logs-pipeline.js";
import type { MetricsStats } from "./metrics/metrics-pipeline.js";
import { OverheadClock, type OverheadStats } from "./overhead.js";
import type { SamplingStats } from "./sampling/tail-sampler.js";

/** What one exporter's queue has done since `configureTracing()`. */
export interface ExporterStats {
  /** The exporter: "otlp grpc", "otlp http/protobuf", "otlp http/json", "zipkin", "console", "jsonl", "memory" or "custom". */
  readonly exporter: string;
  /** Spans the exporter accepted. */
  readonly exported: number;
  /**
   * Spans given up on: the queue was full, a batch kept failing past its retries, or shutdown
   * ended with spans still queued. Each drop is also reported with a `diag` warning.
   */
  readonly dropped: number;
  /** Export attempts that failed, counted when each fails (a batch retried later counts once per attempt). */
  readonly failedExports: number;
  /** Spans waiting in the queue (or being sent) right now. */
  readonly queued: number;
  /** Where the spans go (a URL or a file), when the exporter has one. */
  readonly endpoint: string | null;
  /** The last failed attempt: when (epoch ms) and why; null when none failed. */
  readonly lastError: { readonly at: number; readonly message: string } | null;
  /** When (epoch ms) the exporter last accepted spans; null when it never has. */
  readonly lastSuccessAt: number | null;
}

/** `tracing.stats()`: counts for the whole pipeline and for each exporter. */
export interface TracingStats {
  /** Spans started and recorded (sampled-out spans are never recorded, so never counted). */
  readonly spansStarted: number;
  readonly spansEnded: number;
  /** Sums over the exporters: with two exporters, a span delivered to both counts twice. */
  readonly spansExported: number;
  readonly spansDropped: number;
  readonly failedExports: number;
  readonly spansQueued: number;
  readonly exporters: readonly ExporterStats[];
  /** Metric recording and exports, when `metrics` is on. */
  readonly metrics?: MetricsStats;
  /** Log records emitted, dropped and exported, when log export is on. */
  readonly logs?: LogsStats;
  /** What tail sampling kept and dropped, and why, when it is on. */
  readonly sampling?: SamplingStats;
  /** Spans per second and an estimate of tracing's share of the process's CPU time. */
  readonly overhead?: OverheadStats;
}

/** The mutable counters behind `ExporterStats`; one per exporter, written by its processor. */
export class ExporterCounters {
  exported = 0;
  dropped = 0;
  failedExports = 0;
  queued = 0;
  lastError: { readonly at: number; readonly message: string } | null = null;
  lastSuccessAt: number | null = null;

  constructor(
    readonly exporter: string,
    readonly endpoint: string | undefined = undefined,
  ) {}

  snapshot(): ExporterStats {
    return {
      exporter: this.exporter,
      endpoint: this.endpoint ?? null,
      exported: this.exported,
      dropped: this.dropped,
      failedExports: this.failedExports,
      queued: this.queued,
      lastError: this.lastError,
      lastSuccessAt: this.lastSuccessAt,
    };
  }
}

/** The counters of a whole pipeline. */
export class PipelineCounters {
  spansStarted = 0;
  spansEnded = 0;
  readonly exporters: ExporterCounters[] = [];
  /** Tail sampling, whose counts `snapshot()` includes. */
  tail: { stats(): SamplingStats } | undefined;
  /** Started with the pipeline, for `stats().overhead`. */
  readonly clock = new OverheadClock();

  snapshot(): TracingStats {
    const exporters = this.exporters.map((counters) => counters.snapshot());
    const sum = (key: "exported" | "dropped" | "failedExports" | "queued") => exporters.reduce((total, stats) => total + stats[key], 0);
    return {
      spansStarted: this.spansStarted,
      spansEnded: this.spansEnded,
      spansExported: sum("exported"),
      spansDropped: sum("dropped"),
      failedExports: sum("failedExports"),
      spansQueued: sum("queued"),
      exporters,
      ...(this.tail && { sampling: this.tail.stats() }),
      overhead: this.clock.snapshot(this.spansEnded),
    };
  }
}
