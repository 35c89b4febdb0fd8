import type { AnyValueMap } from "@opentelemetry/api-logs";
import { emitLogRecord, logExportOn, SeverityNumber } from "../platform/log-records.js";
import { logContext } from "./log-context.js";

/** The pino options llmtrace fills in; typed here so pino is not a dependency. */
export interface PinoOptionsLike {
  mixin?: (mergeObject: object, level: number, logger: unknown) => object;
  hooks?: { streamWrite?: (line: string) => string; [hook: string]: unknown };
  messageKey?: string;
  [option: string]: unknown;
}

/**
 * pino options that put the trace on every line written inside a span — `trace_id`, `span_id`,
 * `trace_flags` and the `withContext` ids — and, when `configureTracing({ logs })` exports log
 * records, send each line to it too:
 *
 *     const logger = pino(pinoOptions({ level: "info" }));
 *
 * What is exported is the line as pino wrote it — after your `redact` paths, serializers and
 * formatters — then llmtrace's redaction. Your own `mixin` and `hooks` still run; the mixin's
 * fields merge over llmtrace's.
 */
export function pinoOptions<T extends PinoOptionsLike>(options: T = {} as T): T {
  const ownMixin = options.mixin;
  const ownStreamWrite = options.hooks?.streamWrite;
  const messageKey = typeof options.messageKey === "string" ? options.messageKey : "msg";
  return {
    ...options,
    mixin(mergeObject: object, level: number, logger: unknown) {
      const fields = logContext();
      return ownMixin ? { ...fields, ...ownMixin(mergeObject, level, logger) } : fields;
    },
    hooks: {
      ...options.hooks,
      // Called with each finished line, synchronously inside the log call, so the active span is the caller's.
      streamWrite(line: string): string {
        const written = ownStreamWrite ? ownStreamWrite(line) : line;
        if (logExportOn()) exportPinoLine(written, messageKey);
        return written;
      },
    },
  };
}

/** pino's `mixin` alone, for an application that sets its own hooks: `pino({ mixin: pinoMixin })`. */
export function pinoMixin(): object {
  return logContext();
}

const PINO_SEVERITY: readonly [number, SeverityNumber, string][] = [
  [60, SeverityNumber.FATAL, "FATAL"],
  [50, SeverityNumber.ERROR, "ERROR"],
  [40, SeverityNumber.WARN, "WARN"],
  [30, SeverityNumber.INFO, "INFO"],
  [20, SeverityNumber.DEBUG, "DEBUG"],
  [0, SeverityNumber.TRACE, "TRACE"],
];
const LABELS: Readonly<Record<string, number>> = { fatal: 60, error: 50, warn: 40, info: 30, debug: 20, trace: 10 };
/** Fields of every pino line that the record holds elsewhere (severity, timestamp, span context) or that name the host. */
const NOT_ATTRIBUTES = new Set(["level", "time", "pid", "hostname", "trace_id", "span_id", "trace_flags"]);

/** One pino line as a log record: its message as the body, pino's level as the severity, the other fields as attributes. */
function exportPinoLine(line: string, messageKey: string): void {
  try {
    const fields = JSON.parse(line) as Record<string, unknown>;
    if (typeof fields !== "object" || fields === null) return;
    const level = typeof fields.level === "number" ? fields.level : (LABELS[String(fields.level).toLowerCase()] ?? 30);
    const [, severityNumber, severityText] = PINO_SEVERITY.find(([min]) => level >= min)!;
    const attributes: AnyValueMap = {};
    for (const [key, value] of Object.entries(fields)) {
      if (key !== messageKey && !NOT_ATTRIBUTES.has(key)) attributes[key] = value as AnyValueMap[string];
    }
    const message = fields[messageKey];
    emitLogRecord("llmtrace.pino", { severityNumber, severityText, body: typeof message === "string" ? message : undefined, attributes });
  } catch {
    // A line that is not JSON (pino-pretty as the destination) is not exported; pino still writes it.
  }
}
