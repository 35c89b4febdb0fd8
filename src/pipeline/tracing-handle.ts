import type { TracerProvider } from "@opentelemetry/api";
import type { MemorySpanExporter } from "./exporters/memory-exporter.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import type { TracingStats } from "./stats.js";

export interface FlushOptions {
  /** Overrides the configured `shutdownTimeoutMillis` for this call, in milliseconds. */
  timeoutMillis?: number;
  /** @deprecated Renamed `timeoutMillis`; the old name is accepted, with a warning, until 1.0. */
  timeoutMs?: number;
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
   * Counts since `configureTracing()`: spans started, ended, exported, dropped and queued, and
   * failed exports, in total and per exporter. Dropped spans are also reported as `diag` warnings.
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
}
