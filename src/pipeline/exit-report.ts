import { diag } from "@opentelemetry/api";
import { describeTarget } from "./export/export-target.js";

/** The part of an exporter's stats an exit report names (`endpoint` where stats give one). */
export interface QueuedAtExit {
  readonly exporter: string;
  readonly endpoint?: string | null;
  readonly queued: number;
}

/**
 * What a process says about spans it ends without: after the exit flush, what that flush could not
 * deliver; from the `exit` event, what is still queued. Each count is said once, so a process that
 * reported after its flush and then exits says nothing more.
 */
export class ExitReport {
  /** Queued counts already reported, by exporter position in the stats. */
  private readonly said: number[] = [];

  /** After the flush `beforeExit` started: the spans it could not deliver within the bound. */
  notDelivered(exporters: readonly QueuedAtExit[], exitTimeoutMillis: number): void {
    const unsaid = this.unsaid(exporters);
    if (!unsaid) return;
    diag.warn(
      `llmtrace: the process is exiting and ${unsaid} were not delivered: the exporter had not accepted them when the exit flush ended (it waits at most exitTimeoutMillis, ${exitTimeoutMillis} ms). They are lost.`,
    );
  }

  /** From the `exit` event, where nothing asynchronous runs any more: a count, not a flush. */
  stillQueued(exporters: readonly QueuedAtExit[]): void {
    const unsaid = this.unsaid(exporters);
    if (!unsaid) return;
    diag.warn(
      `llmtrace: the process exited (process.exit(), an uncaught exception or an unhandled rejection) with ${unsaid} still queued; they were not delivered. Await tracing.shutdown() before process.exit(); in a serverless handler, wrap it in tracing.flushAfter(). (JSONL and console exporters write what is queued at exit.)`,
    );
  }

  /** "500 span(s) for the otlp grpc exporter (http://c:4317), 3 for the zipkin exporter", counting only what was not said yet. */
  private unsaid(exporters: readonly QueuedAtExit[]): string | undefined {
    const parts: string[] = [];
    exporters.forEach((stats, index) => {
      if (stats.queued === 0 || stats.queued === this.said[index]) return;
      this.said[index] = stats.queued;
      const who = describeTarget({ exporter: stats.exporter, endpoint: stats.endpoint ?? undefined });
      parts.push(`${parts.length === 0 ? `${stats.queued} span(s)` : stats.queued} for ${who}`);
    });
    return parts.length === 0 ? undefined : parts.join(", ");
  }
}
