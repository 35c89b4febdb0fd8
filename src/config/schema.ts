import type { SpanExporter } from "@opentelemetry/sdk-trace-base";
import { z } from "zod";
import { PII_DETECTORS, SECRET_DETECTORS } from "../content/redaction/detectors.js";
import { CONVENTION_PROFILES } from "../types/span-kinds.js";
import { DEPRECATED_KEYS, renamedOptionsIn } from "./deprecated-options.js";
import { EXPORTER_TYPES, isHttpUrl, LOG_LEVELS, OTLP_PROTOCOLS, PROPAGATOR_NAMES } from "./env.js";
import type { InstrumentationOption } from "./options.js";
import { logsSchema, metricsSchema, SIGNAL_OPTION_KEYS } from "./signal-schema.js";

const httpUrl = z.string().refine(isHttpUrl, { message: "is not an http(s) URL" });
const headers = z.record(z.string(), z.string());
const positiveInt = z.number().int().positive();
const rate = z.number().min(0).max(1);
const price = z.number().min(0);
const fn = <T>() => z.custom<T>((value) => typeof value === "function", { message: "is not a function" });

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Anything shaped like `@opentelemetry/instrumentation`'s `InstrumentationBase`, from any version. */
export function isInstrumentation(value: unknown): value is InstrumentationOption {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof InstrumentationOption, unknown>>;
  return (
    typeof candidate.instrumentationName === "string" &&
    typeof candidate.setTracerProvider === "function" &&
    typeof candidate.enable === "function" &&
    typeof candidate.disable === "function"
  );
}

// One check for an instance or a list of them, so a bad entry gets one message naming what is expected.
const instrumentationEntry = z.custom<InstrumentationOption | readonly InstrumentationOption[]>(
  (value) => isInstrumentation(value) || (Array.isArray(value) && value.every(isInstrumentation)),
  { message: "is not an OpenTelemetry instrumentation (an object with instrumentationName, setTracerProvider, enable and disable) or a list of them" },
);

/** Any object with the `SpanExporter` methods; class instances from any OTel version qualify. */
export function isSpanExporter(value: unknown): value is SpanExporter {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as SpanExporter).export === "function" &&
    typeof (value as SpanExporter).shutdown === "function"
  );
}

const exporterConfig = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("otlp"),
    endpoint: httpUrl.optional(),
    protocol: z.enum(OTLP_PROTOCOLS as [string, ...string[]]).optional(),
    headers: headers.optional(),
    compression: z.enum(["gzip", "none"]).optional(),
    timeoutMillis: positiveInt.optional(),
    timeoutMs: positiveInt.optional(),
  }),
  z.strictObject({ type: z.literal("zipkin"), endpoint: httpUrl.optional(), headers: headers.optional() }),
  z.strictObject({ type: z.literal("console"), write: fn<(text: string) => void>().optional() }),
  z.strictObject({ type: z.literal("jsonl"), path: z.string().min(1).optional() }),
  z.strictObject({ type: z.literal("memory") }),
  z.strictObject({ type: z.literal("none") }),
  z.strictObject({ type: z.literal("custom"), exporter: z.custom<SpanExporter>(isSpanExporter) }),
]);

// A user's exporter instance is tagged before the union runs, so typos in config objects
// still get the precise "unknown key" / "unknown type" errors of a discriminated union.
const exporterEntry = z.preprocess(
  (value) => (isSpanExporter(value) ? { type: "custom", exporter: value } : value),
  exporterConfig,
);

const samplingRule = z.strictObject({
  name: z.string().min(1).optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
  rate,
});

const sampler = z.union([
  z.enum(["always_on", "always_off"]),
  fn<(...args: never[]) => boolean>(),
  z.custom<object>(
    (value) => typeof value === "object" && value !== null && typeof (value as { shouldSample?: unknown }).shouldSample === "function",
  ),
]);

const scalar = z.union([z.string(), z.number(), z.boolean()]);
const attributeValue = z.union([scalar, z.array(z.union([scalar, z.null(), z.undefined()]))]);
const attributes = z.record(z.string(), attributeValue);

export const tracingOptionsSchema = z
  .strictObject({
    enabled: z.boolean().optional(),
    serviceName: z.string().min(1).optional(),
    serviceVersion: z.string().min(1).optional(),
    environment: z.string().min(1).optional(),
    resourceAttributes: attributes.optional(),
    attributes: attributes.optional(),
    exporters: z.array(exporterEntry).optional(),
    processor: z.enum(["batch", "simple"]).optional(),
    batch: z
      .strictObject({
        maxQueueSize: positiveInt.optional(),
        maxExportBatchSize: positiveInt.optional(),
        scheduledDelayMillis: z.number().int().min(0).optional(),
        exportTimeoutMillis: positiveInt.optional(),
      })
      .optional(),
    sampling: z
      .strictObject({
        rate: rate.optional(),
        sampler: sampler.optional(),
        rules: z.array(samplingRule).optional(),
        parentBased: z.boolean().optional(),
        keep: z
          .strictObject({
            errors: z.boolean().optional(),
            slowerThanMillis: z.number().min(0).optional(),
            costAbove: z.number().min(0).optional(),
            tokensAbove: z.number().min(0).optional(),
          })
          .optional(),
        decide: fn<(trace: unknown) => boolean | undefined>().optional(),
        limits: z
          .strictObject({ maxTraces: positiveInt.optional(), maxSpansPerTrace: positiveInt.optional(), maxHeldSpans: positiveInt.optional(), maxWaitMillis: positiveInt.optional() })
          .optional(),
      })
      .optional(),
    metrics: metricsSchema.optional(),
    logs: logsSchema.optional(),
    propagators: z.array(z.enum(PROPAGATOR_NAMES as [string, ...string[]])).optional(),
    logLevel: z.enum(LOG_LEVELS as [string, ...string[]]).optional(),
    instrumentations: z.array(instrumentationEntry).optional(),
    shutdownTimeoutMillis: positiveInt.optional(),
    shutdownTimeoutMs: positiveInt.optional(),
    exitTimeoutMillis: positiveInt.optional(),
    conventions: z.array(z.enum(CONVENTION_PROFILES as [string, ...string[]])).optional(),
    spanNames: z.enum(["llmtrace", "gen_ai"]).optional(),
    content: z
      .strictObject({
        capture: z.union([z.boolean(), z.literal("hash")]).optional(),
        inputs: z.boolean().optional(),
        outputs: z.boolean().optional(),
        systemPrompts: z.boolean().optional(),
        toolArguments: z.boolean().optional(),
        toolResults: z.boolean().optional(),
        documents: z.boolean().optional(),
        maxLength: positiveInt.optional(),
        runtimeObjects: z.enum(["summary", "walk"]).optional(),
        redact: z
          .union([
            z.boolean(),
            z.strictObject({
              secrets: z.union([z.boolean(), z.partialRecord(z.enum(SECRET_DETECTORS as [string, ...string[]]), z.boolean())]).optional(),
              pii: z.union([z.boolean(), z.partialRecord(z.enum(PII_DETECTORS as [string, ...string[]]), z.boolean())]).optional(),
              sensitiveKeys: z.union([z.boolean(), z.array(z.string().min(1))]).optional(),
              rules: z
                .array(
                  z.strictObject({
                    pattern: z.union([z.instanceof(RegExp), z.string().refine(compiles, { message: "is not a valid regular expression" })]),
                    replacement: z.string().optional(),
                    name: z.string().min(1).optional(),
                  }),
                )
                .optional(),
              hook: fn<(value: string, context: unknown) => string | undefined>().optional(),
              replacement: z.string().min(1).optional(),
            }),
          ])
          .optional(),
      })
      .optional(),
    pricing: z
      .record(
        z.string(),
        z.strictObject({
          inputPerMillion: price,
          outputPerMillion: price,
          cacheReadPerMillion: price.optional(),
          cacheWritePerMillion: price.optional(),
        }),
      )
      .optional(),
    contextBaggage: z.boolean().optional(),
    priceUpdates: z
      .union([
        z.boolean(),
        z.strictObject({ url: httpUrl.optional(), refreshMillis: positiveInt.optional(), refreshHours: z.number().positive().optional() }),
      ])
      .optional(),
  })
  .superRefine((options, ctx) => {
    for (const renamed of renamedOptionsIn(options)) {
      if (renamed.bothGiven) {
        ctx.addIssue({
          code: "custom",
          path: [...renamed.path],
          message: `is the old name of ${renamed.newName}, which is also given`,
          params: { fix: `remove ${renamed.oldName} and keep ${renamed.newName}`, whole: true },
        });
      }
    }
    const sampling = options.sampling;
    if (sampling?.sampler !== undefined && (sampling.keep !== undefined || sampling.decide !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["sampling", "sampler"],
        message: "decides when a trace starts, and keep/decide when it ends: the two cannot both decide",
        params: { fix: "remove sampler (tail sampling sees every span), or remove keep and decide", whole: true },
      });
    }
    if (sampling?.limits !== undefined && sampling.keep === undefined && sampling.decide === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["sampling", "limits"],
        message: "bounds tail sampling, which is off (no keep or decide)",
        params: { fix: "add keep (such as { errors: true }) or decide, or remove limits", whole: true },
      });
    }
    const batch = options.batch;
    if (batch?.maxExportBatchSize !== undefined && batch.maxQueueSize !== undefined && batch.maxExportBatchSize > batch.maxQueueSize) {
      ctx.addIssue({
        code: "custom",
        path: ["batch", "maxExportBatchSize"],
        message: `(${batch.maxExportBatchSize}) is larger than batch.maxQueueSize (${batch.maxQueueSize})`,
        params: { fix: "make maxExportBatchSize at most maxQueueSize", whole: true },
      });
    }
  });

export type ParsedOptions = z.output<typeof tracingOptionsSchema>;

/** Every key the schema knows, for "did you mean" hints on typos. */
export const KNOWN_OPTION_KEYS: readonly string[] = [
  ...Object.keys(tracingOptionsSchema.shape).filter((key) => !DEPRECATED_KEYS.has(key)),
  "endpoint", "protocol", "headers", "compression", "timeoutMillis", "write", "path", "type",
  "maxQueueSize", "maxExportBatchSize", "scheduledDelayMillis", "exportTimeoutMillis",
  "rate", "sampler", "rules", "parentBased", "keep", "decide", "limits", "errors", "slowerThanMillis", "costAbove", "tokensAbove", "maxTraces", "maxSpansPerTrace", "maxHeldSpans", "maxWaitMillis", "name", "capture", "maxLength", "inputs", "outputs", "systemPrompts",
  "toolArguments", "toolResults", "documents", "runtimeObjects", "redact", "secrets", "pii", "sensitiveKeys", "hook", "replacement", "pattern",
  "inputPerMillion", "outputPerMillion", "cacheReadPerMillion", "cacheWritePerMillion", "priceUpdates", "url", "refreshMillis",
  ...SECRET_DETECTORS, ...PII_DETECTORS, ...SIGNAL_OPTION_KEYS,
];

export const DOCUMENTED_EXPORTER_TYPES = EXPORTER_TYPES;
