import { diag } from "@opentelemetry/api";
import type { ExporterCounters } from "../stats.js";
import { describeTarget, type ExportTarget } from "./export-target.js";

const WARN_EVERY_MILLIS = 30_000;

/**
 * Counts dropped spans and says so through `diag`: the first drop at once, later ones summed at
 * most every 30 s, so an outage produces a few lines rather than one per span.
 */
export class DropWarnings {
  private unreported = 0;
  private lastWarnAt = 0;

  constructor(
    private readonly counters: ExporterCounters,
    private readonly target: ExportTarget,
  ) {}

  /** Counts `count` dropped spans; `alreadySaid` when the caller's own warning named them. */
  drop(count: number, reason: string, alreadySaid = false): void {
    if (count <= 0) return;
    this.counters.dropped += count;
    if (alreadySaid) return;
    this.unreported += count;
    const now = Date.now();
    if (now - this.lastWarnAt < WARN_EVERY_MILLIS) return;
    this.lastWarnAt = now;
    this.flush(reason);
  }

  /** Reports drops not yet reported; called at shutdown so none goes unmentioned. */
  flush(reason = "dropped"): void {
    if (this.unreported === 0) return;
    diag.warn(`llmtrace: ${this.unreported} span(s) for ${describeTarget(this.target)} were dropped (${reason}); ${this.counters.dropped} dropped in total. See tracing.stats().`);
    this.unreported = 0;
  }
}
