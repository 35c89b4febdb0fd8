import { logContext } from "./log-context.js";

/** A winston (logform) format: an object with `transform`; typed here so winston is not a dependency. */
export interface WinstonFormatLike {
  transform<T extends object>(info: T): T;
}

/**
 * A winston format that adds `trace_id`, `span_id`, `trace_flags` and the `withContext` ids to
 * every entry logged inside a span; put it before the output format:
 *
 *     format: winston.format.combine(winstonFormat(), winston.format.json())
 *
 * To export the entries as log records too, add `@opentelemetry/winston-transport`'s
 * `OpenTelemetryTransportV3` to the transports: it emits through the logger provider
 * `configureTracing({ logs })` registers. Entry fields of the same name win.
 */
export function winstonFormat(): WinstonFormatLike {
  return {
    transform<T extends object>(info: T): T {
      const entry = info as Record<string, unknown>;
      const fields = logContext();
      for (const key of Object.keys(fields) as (keyof typeof fields)[]) if (entry[key] === undefined) entry[key] = fields[key];
      return info;
    },
  };
}
