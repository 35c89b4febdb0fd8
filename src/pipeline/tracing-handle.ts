import type { TracerProvider } from "@opentelemetry/api";
import type { InMemoryLogRecordExporter } from "@opentelemetry/sdk-logs";
import type { InMemoryMetricExporter } from "@opentelemetry/sdk-metrics";
import type { MemorySpanExporter } from "./exporters/memory-exporter.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import type { FlushingHandler } from "./flushing-handler.js";
import type { TracingStats } from "./stats.js";

export interface FlushOptions {
  /** Overrides the configured `shutdownTimeoutMillis` for this call, in milliseconds. */
  timeoutMillis?: number;
  /** @deprecated Renamed `timeoutMillis`; the old name is accepted, with a warning, until 1.0. */
  timeoutMs?: number;
}

export interface FlushAfterOptions {
  /** The deadline of the flush after each call, in milliseconds; by default the configured `exitTimeoutMillis` (2000). */
  timeoutMillis?: number;
}

/** What `configureTracing()` returns: the running pipeline and the means to stop it. */
export interface TracingHandle {
  /** The configuration the pipeline runs with (frozen). */
  readonly config: ResolvedConfig;
  /** The provider llmtrace built, or a no-op provider when tracing is disabled. */
  readonly tracerProvider: TracerProvider;
  /**
   * The memory exporter, when `{ type: "memory" }` is configured: read spans with
   * `getFinishedSpans()`, also after shutdown.
   */
  readonly memoryExporter: MemorySpanExporter | undefined;
  /**
   * The metric exporter of `metrics: { exporters: [{ type: "memory" }] }`: after
   * `await tracing.forceFlush()`, `getMetrics()` holds the cumulative values.
   */
  readonly memoryMetricExporter: InMemoryMetricExporter | undefined;
  /** The log exporter of `logs: { exporters: [{ type: "memory" }] }`: `getFinishedLogRecords()`. */
  readonly memoryLogExporter: InMemoryLogRecordExporter | undefined;
  /**
   * Counts since `configureTracing()`: spans started, ended, exported, dropped and queued, and
   * failed exports, in total and per exporter; with metrics or log export on, their counts under
   * `metrics` and `logs`. Dropped spans are also reported as `diag` warnings.
   */
  stats(): TracingStats;
  /**
   * Exports everything buffered. Resolves when done or when the deadline passes (with a
   * warning); never rejects.
   */
  forceFlush(options?: FlushOptions): Promise<void>;
  /**
   * Flushes, stops the exporters, disables the instrumentations it enabled, and takes back what
   * `configureTracing()` installed (provider, context manager, propagator, diagnostic logger,
   * instrumentation settings), putting back what was there before, so `configureTracing()` may
   * be called again. Anything installed by someone else since stays. Idempotent; resolves by the
   * deadline; never rejects.
   */
  shutdown(options?: FlushOptions): Promise<void>;
  /**
   * Wraps a handler for platforms that freeze or end the process once it returns (AWS Lambda,
   * Vercel, Cloud Run functions) and for CLI scripts: each call runs `handler` (with its `this`
   * and arguments), awaits it, then flushes within `exitTimeoutMillis` before resolving with its
   * result or rejecting with its error, unchanged. The wrapper always returns a promise.
   *
   *     export const handler = tracing.flushAfter(async (event) => answer(event));
   */
  flushAfter<This, Args extends unknown[], Result>(handler: (this: This, ...args: Args) => Result, options?: FlushAfterOptions): FlushingHandler<This, Args, Result>;
}
