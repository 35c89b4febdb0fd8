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
  /** Export calls that failed (a failed batch that is retried later counts once per attempt). */
  readonly failedExports: number;
  /** Spans waiting in the queue (or being sent) right now. */
  readonly queued: number;
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
}

/** The mutable counters behind `ExporterStats`; one per exporter, written by its processor. */
export class ExporterCounters {
  exported = 0;
  dropped = 0;
  failedExports = 0;
  queued = 0;

  constructor(readonly exporter: string) {}

  snapshot(): ExporterStats {
    return { exporter: this.exporter, exported: this.exported, dropped: this.dropped, failedExports: this.failedExports, queued: this.queued };
  }
}

/** The counters of a whole pipeline. */
export class PipelineCounters {
  spansStarted = 0;
  spansEnded = 0;
  readonly exporters: ExporterCounters[] = [];

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
    };
  }
}
