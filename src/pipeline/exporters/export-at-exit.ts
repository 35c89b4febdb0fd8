import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * An exporter that can write spans synchronously, from the process's `exit` event (after
 * `process.exit()`, an uncaught exception or an unhandled rejection, when nothing asynchronous runs
 * any more): a file or the console can, a network exporter cannot. What such an exporter still
 * has queued at exit is written, not lost; the failing request's trace is the one a developer
 * most wants to see.
 */
export interface ExportsAtExit {
  exportAtExit(spans: ReadableSpan[]): void;
}

export function exportsAtExit(exporter: SpanExporter): exporter is SpanExporter & ExportsAtExit {
  return typeof (exporter as Partial<ExportsAtExit>).exportAtExit === "function";
}
