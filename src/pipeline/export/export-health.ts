import { diag } from "@opentelemetry/api";
import type { ExporterCounters } from "../stats.js";
import type { ExportFailure } from "./export-failure.js";
import { describeTarget, type ExportTarget } from "./export-target.js";

/** During an outage, failures after the first are summed up at most this often. */
export const OUTAGE_SUMMARY_EVERY_MILLIS = 30_000;

/**
 * One exporter's health as the user hears of it: the first failure of an outage at once (cause,
 * hint, what happens to the spans), a summary at most every 30 s while it lasts, one line when
 * the exporter delivers again. Keeps `lastError`, `lastSuccessAt` and `failedExports` of the
 * exporter's stats.
 */
export class ExportHealth {
  private failingSince: number | undefined;
  private failedAttempts = 0;
  private lastSummaryAt = 0;

  constructor(
    private readonly counters: ExporterCounters,
    private readonly target: ExportTarget,
  ) {}

  /**
   * An export attempt that began at `startedAt` failed; `queued` spans are waiting (the failed
   * batch included, when it is retried).
   */
  failed(failure: ExportFailure, batchSize: number, queued: number, startedAt: number, now = Date.now()): void {
    this.counters.failedExports++;
    this.counters.lastError = { at: now, message: failure.cause };
    this.failedAttempts++;
    const who = describeTarget(this.target);
    if (this.failingSince === undefined) {
      // The outage began when the attempt that found it began, not when its timeout ended.
      this.failingSince = Math.min(startedAt, now);
      this.lastSummaryAt = now;
      const fate = failure.outcomeUnknown
        ? "They may have arrived, so they are not sent again (no span is delivered twice): counted as dropped."
        : failure.retryable
          ? `They stay queued and are retried (${queued} queued now); later failures are summed up every ${OUTAGE_SUMMARY_EVERY_MILLIS / 1000} s.`
          : "The receiver refused them, so they are dropped, not retried.";
      diag.warn(`llmtrace: ${who} could not deliver ${batchSize} span(s): ${failure.cause}.${failure.hint ? ` Hint: ${sentence(failure.hint)}` : ""} ${fate} See tracing.stats().`);
      return;
    }
    if (now - this.lastSummaryAt < OUTAGE_SUMMARY_EVERY_MILLIS) return;
    this.lastSummaryAt = now;
    diag.warn(
      `llmtrace: ${who} is still failing after ${seconds(now - this.failingSince)}: ${this.failedAttempts} failed attempts, ${queued} span(s) queued, ${this.counters.dropped} dropped in total; last error: ${failure.cause}.`,
    );
  }

  /** An export attempt delivered `delivered` spans; `backlog` more are waiting behind them. */
  succeeded(delivered: number, backlog: number, now = Date.now()): void {
    this.counters.exported += delivered;
    this.counters.lastSuccessAt = now;
    if (this.failingSince === undefined) return;
    diag.warn(
      `llmtrace: ${describeTarget(this.target)} delivers again after ${seconds(now - this.failingSince)} and ${this.failedAttempts} failed attempt(s); ${delivered + backlog} span(s) held during the outage are delivered late.`,
    );
    this.failingSince = undefined;
    this.failedAttempts = 0;
  }
}

function sentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`;
}

function seconds(millis: number): string {
  return `${(millis / 1000).toFixed(1)} s`;
}
