import type { Context } from "@opentelemetry/api";
import { type AnyValue, type AnyValueMap, logs, SeverityNumber } from "@opentelemetry/api-logs";
import { VERSION } from "../version.js";

// Where the logs API keeps the registered provider; read so that, with no provider (log export
// off), a log call costs one property read rather than building a record nobody takes.
const LOGS_API_KEY = Symbol.for("io.opentelemetry.js.api.logs");

/** Whether a logger provider (llmtrace's with `logs` on, or the application's) takes records. */
export function logExportOn(): boolean {
  return (globalThis as { [LOGS_API_KEY]?: unknown })[LOGS_API_KEY] !== undefined;
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

/** Field values as the logs data model holds them: errors as their type, message and stack; functions dropped. */
export function toAnyValue(value: unknown, depth = 0): AnyValue {
  if (value === null || value === undefined || typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "function" || typeof value === "symbol") return undefined;
  if (value instanceof Error) return { type: value.name, message: value.message, ...(value.stack && { stack: value.stack }) };
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return value;
  if (depth >= 6) return "[nested too deep]";
  if (Array.isArray(value)) return value.map((item) => toAnyValue(item, depth + 1));
  const map: AnyValueMap = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const converted = toAnyValue(item, depth + 1);
    if (converted !== undefined) map[key] = converted;
  }
  return map;
}

export { SeverityNumber };
