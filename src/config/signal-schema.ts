import { z } from "zod";
import { isHttpUrl, OTLP_PROTOCOLS } from "./env.js";

// The options of metrics and logs, beside the traces' in schema.ts.

const positiveInt = z.number().int().positive();
const httpUrl = z.string().refine(isHttpUrl, { message: "is not an http(s) URL" });

const otlp = z.strictObject({
  type: z.literal("otlp"),
  endpoint: httpUrl.optional(),
  protocol: z.enum(OTLP_PROTOCOLS as [string, ...string[]]).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  compression: z.enum(["gzip", "none"]).optional(),
  timeoutMillis: positiveInt.optional(),
});

/** A MetricReader from any sdk-metrics version: what the MeterProvider calls on it. */
export function isMetricReader(value: unknown): value is { collect: unknown; setMetricProducer: unknown } {
  const candidate = value as { collect?: unknown; setMetricProducer?: unknown; shutdown?: unknown } | null;
  return typeof value === "object" && value !== null && typeof candidate!.collect === "function" && typeof candidate!.setMetricProducer === "function";
}

/** A LogRecordExporter from any sdk-logs version. */
export function isLogRecordExporter(value: unknown): value is { export: unknown; shutdown: unknown } {
  const candidate = value as { export?: unknown; shutdown?: unknown } | null;
  return typeof value === "object" && value !== null && typeof candidate!.export === "function" && typeof candidate!.shutdown === "function";
}

const metricExporter = z.preprocess(
  (value) => (isMetricReader(value) ? { type: "reader", reader: value } : value),
  z.discriminatedUnion("type", [
    otlp,
    z.strictObject({
      type: z.literal("prometheus"),
      port: z.number().int().min(0).max(65_535).optional(),
      host: z.string().min(1).optional(),
      path: z.string().startsWith("/").optional(),
    }),
    z.strictObject({ type: z.literal("console"), write: z.custom<(text: string) => void>((v) => typeof v === "function", { message: "is not a function" }).optional() }),
    z.strictObject({ type: z.literal("memory") }),
    z.strictObject({ type: z.literal("none") }),
    z.strictObject({ type: z.literal("reader"), reader: z.custom<object>(isMetricReader) }),
  ]),
);

const logExporter = z.preprocess(
  (value) => (isLogRecordExporter(value) ? { type: "custom", exporter: value } : value),
  z.discriminatedUnion("type", [
    otlp,
    z.strictObject({ type: z.literal("console") }),
    z.strictObject({ type: z.literal("memory") }),
    z.strictObject({ type: z.literal("none") }),
    z.strictObject({ type: z.literal("custom"), exporter: z.custom<object>(isLogRecordExporter) }),
  ]),
);

export const metricsSchema = z.union([
  z.boolean(),
  z.strictObject({
    exporters: z.array(metricExporter).optional(),
    exportIntervalMillis: positiveInt.optional(),
    cardinalityLimit: positiveInt.optional(),
  }),
]);

export const logsSchema = z.union([
  z.boolean(),
  z.strictObject({
    exporters: z.array(logExporter).optional(),
    console: z.boolean().optional(),
  }),
]);

/** Option keys of these schemas, for "did you mean" hints. */
export const SIGNAL_OPTION_KEYS = ["metrics", "logs", "exportIntervalMillis", "cardinalityLimit", "port", "host", "console"] as const;
