import { format } from "node:util";
import { emitLogRecord, logExportOn, SeverityNumber } from "../../platform/log-records.js";
import { logContext } from "../../logs/log-context.js";
import type { InstallStep } from "../globals/install-step.js";

const METHODS = [
  ["debug", SeverityNumber.DEBUG, "DEBUG"],
  ["log", SeverityNumber.INFO, "INFO"],
  ["info", SeverityNumber.INFO, "INFO"],
  ["warn", SeverityNumber.WARN, "WARN"],
  ["error", SeverityNumber.ERROR, "ERROR"],
] as const;

/**
 * The arguments with the ids added: into a JSON line (`console.log(JSON.stringify(entry))`), so it
 * stays one JSON object; otherwise as a last argument, ` trace_id=… span_id=…`.
 */
function withIds(args: unknown[], traceId: string, spanId: string): unknown[] {
  const [only] = args;
  if (args.length === 1 && typeof only === "string" && only.startsWith("{") && only.endsWith("}")) {
    try {
      const entry: unknown = JSON.parse(only);
      if (typeof entry === "object" && entry !== null && !Array.isArray(entry)) return [JSON.stringify({ ...entry, trace_id: traceId, span_id: spanId })];
    } catch {
      // Not JSON after all: the ids go at the end.
    }
  }
  return [...args, `trace_id=${traceId} span_id=${spanId}`];
}

/**
 * `logs: { console: true }`: while tracing runs, `console.log/info/warn/error/debug` inside a span
 * append ` trace_id=… span_id=…` to the line, and — with log export on — each line is also
 * exported as a log record (redacted). The methods in place at install are put back at
 * shutdown, unless something replaced them since (then the replacement stays).
 */
export function consoleCorrelationStep(): InstallStep {
  return () => {
    const target = console as unknown as Record<string, (...args: unknown[]) => void>;
    const undos: (() => void)[] = [];
    // A record exported to the console exporter must not be exported again when it prints.
    let exporting = false;
    for (const [method, severityNumber, severityText] of METHODS) {
      const original = target[method];
      if (typeof original !== "function") continue;
      const correlated = function (this: unknown, ...args: unknown[]) {
        const fields = logContext();
        if (!exporting && logExportOn()) {
          exporting = true;
          try {
            emitLogRecord("llmtrace.console", { severityNumber, severityText, body: format(...args) });
          } finally {
            exporting = false;
          }
        }
        if (fields.trace_id === undefined) return original.apply(this, args);
        return original.apply(this, withIds(args, fields.trace_id, fields.span_id!));
      };
      target[method] = correlated;
      undos.push(() => {
        if (target[method] === correlated) target[method] = original;
      });
    }
    return () => {
      for (const undo of undos) undo();
    };
  };
}
