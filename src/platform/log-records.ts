import type { Context } from "@opentelemetry/api";
import { type AnyValue, type AnyValueMap, logs, SeverityNumber } from "@opentelemetry/api-logs";
import { VERSION } from "../version.js";

// Set while configureTracing({ logs }) has its logger provider registered; on globalThis, so the
// ESM and CommonJS builds in one process agree. Records are built only then: with log export off a
// log call costs one property read, and records never go to a provider without llmtrace's redaction.
const LOG_EXPORT = Symbol.for("llmtrace.logExport");

/** Whether llmtrace's logger provider takes records (`configureTracing({ logs })`). */
export function logExportOn(): boolean {
  return (globalThis as { [LOG_EXPORT]?: boolean })[LOG_EXPORT] === true;
}

/** Said by the pipeline when it registers (true) or takes back (false) its logger provider. */
export function setLogExport(on: boolean): void {
  (globalThis as { [LOG_EXPORT]?: boolean })[LOG_EXPORT] = on;
}

export interface LogRecordInput {
  readonly severityNumber: SeverityNumber;
  readonly severityText: string;
  readonly body: AnyValue;
  readonly attributes?: AnyValueMap;
  readonly eventName?: string;
  readonly context?: Context;
}

/** Emits one record through the registered logger provider under `scope` (`llmtrace.pino`...). Never throws. */
export function emitLogRecord(scope: string, record: LogRecordInput): void {
  try {
    logs.getLogger(scope, VERSION).emit({ ...record, timestamp: Date.now() });
  } catch {
    // A failing provider must not break the application's logging.
  }
}

export { SeverityNumber };
