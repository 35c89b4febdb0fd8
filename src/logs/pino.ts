import { logContext } from "./log-context.js";
import { emitLogRecord, logExportOn, SeverityNumber, toAnyValue } from "../platform/log-records.js";
import type { AnyValueMap } from "@opentelemetry/api-logs";

/** The pino options llmtrace fills in; typed here so pino is not a dependency. */
export interface PinoOptionsLike {
  mixin?: (mergeObject: object, level: number, logger: unknown) => object;
  hooks?: { logMethod?: (this: PinoLoggerLike, args: unknown[], method: (...args: unknown[]) => void, level: number) => void; [hook: string]: unknown };
  [option: string]: unknown;
}

interface PinoLoggerLike {
  bindings?: () => Record<string, unknown>;
  levels?: { labels?: Record<number, string> };
}

/**
 * pino options that put the trace on every line written inside a span — `trace_id`, `span_id`,
 * `trace_flags` and the `withContext` ids — and, when `configureTracing({ logs })` exports log
 * records, send each line to it too (redacted like spans):
 *
 *     const logger = pino(pinoOptions({ level: "info" }));
 *
 * Your own `mixin` and `hooks.logMethod` still run: their fields merge over llmtrace's.
 */
export function pinoOptions<T extends PinoOptionsLike>(options: T = {} as T): T {
  const ownMixin = options.mixin;
  const ownLogMethod = options.hooks?.logMethod;
  return {
    ...options,
    mixin(mergeObject: object, level: number, logger: unknown) {
      const fields = logContext();
      return ownMixin ? { ...fields, ...ownMixin(mergeObject, level, logger) } : fields;
    },
    hooks: {
      ...options.hooks,
      logMethod(this: PinoLoggerLike, args: unknown[], method: (...args: unknown[]) => void, level: number) {
        if (logExportOn()) exportPinoCall(this, args, level);
        if (ownLogMethod) ownLogMethod.call(this, args, method, level);
        else method.apply(this, args);
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

/** One pino call as a log record: the message (with %s/%d/%o filled in) as the body, the merge object and child bindings as attributes. */
function exportPinoCall(logger: PinoLoggerLike, args: unknown[], level: number): void {
  try {
    const [first, ...rest] = args;
    let attributes: AnyValueMap = {};
    let message: unknown = first;
    let params = rest;
    if (typeof first === "object" && first !== null) {
      const fields = first instanceof Error ? { err: first } : first;
      attributes = toAnyValue(fields) as AnyValueMap;
      message = rest[0] ?? (first instanceof Error ? first.message : (first as { msg?: unknown }).msg);
      params = rest.slice(1);
    }
    const bindings = logger.bindings?.();
    if (bindings) attributes = { ...(toAnyValue(bindings) as AnyValueMap), ...attributes };
    const [, severityNumber, severityText] = PINO_SEVERITY.find(([min]) => level >= min)!;
    emitLogRecord("llmtrace.pino", { severityNumber, severityText, body: interpolate(message, params), attributes });
  } catch {
    // Export is best effort; the line itself is still written by pino.
  }
}

/** pino's printf subset: %s, %d, %i, %f, %j, %o, %O, %%. */
function interpolate(message: unknown, params: readonly unknown[]): string {
  const text = typeof message === "string" ? message : message === undefined ? "" : String(message);
  if (params.length === 0) return text;
  let index = 0;
  return text.replace(/%[sdifjoO%]/g, (token) => {
    if (token === "%%") return "%";
    if (index >= params.length) return token;
    const value = params[index++];
    if (token === "%d" || token === "%i" || token === "%f") return String(token === "%i" ? Number.parseInt(String(value), 10) : Number(value));
    if (token === "%s") return typeof value === "string" ? value : safeJson(value);
    return safeJson(value);
  });
}

function safeJson(value: unknown): string {
  try {
    return typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    return "[unserializable]";
  }
}
