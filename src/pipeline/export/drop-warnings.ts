import { diag } from "@opentelemetry/api";
import type { ExporterCounters } from "../stats.js";

const WARN_EVERY_MS = 10_000;

/**
 * Counts dropped spans and says so through `diag`: the first drop at once, later ones summed at
 * most every 10 s, so an outage produces a few lines rather than one per span.
 */
export class DropWarnings {
  private unreported = 0;
  private lastWarnAt = 0;

  constructor(private readonly counters: ExporterCounters) {}

  drop(count: number, reason: string): void {
    if (count <= 0) return;
    this.counters.dropped += count;
    this.unreported += count;
    const now = Date.now();
    if (now - this.lastWarnAt < WARN_EVERY_MS) return;
    this.lastWarnAt = now;
    this.flush(reason);
  }

  /** Reports drops not yet reported; called at shutdown so none goes unmentioned. */
  flush(reason = "dropped"): void {
    if (this.unreported === 0) return;
    diag.warn(`llmtrace: ${this.unreported} span(s) for the ${this.counters.exporter} exporter were dropped (${reason}); ${this.counters.dropped} dropped in total. See tracing.stats().`);
    this.unreported = 0;
  }
}
