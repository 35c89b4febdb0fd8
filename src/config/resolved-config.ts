import type { Attributes } from "@opentelemetry/api";
import type { LogRecordExporter } from "@opentelemetry/sdk-logs";
import type { MetricReader } from "@opentelemetry/sdk-metrics";
import type { Sampler, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { RedactorConfig } from "../content/redaction/redactor.js";
import type { ConventionProfile } from "../types/span-kinds.js";
import type { ContentSettings } from "../content/content-settings.js";
import type { ModelPricing } from "../types/pricing.js";
import type { FinishedTrace, InstrumentationOption, LogLevel, OtlpProtocol, PropagatorName, SamplerFunction } from "./options.js";

/** The configuration llmtrace runs with: every value decided, nothing left to read. */
export interface ResolvedConfig {
  readonly enabled: boolean;
  readonly serviceName: string;
  readonly serviceVersion: string | undefined;
  readonly environment: string | undefined;
  readonly resourceAttributes: Readonly<Attributes>;
  readonly attributes: Readonly<Attributes>;
  readonly exporters: readonly ResolvedExporter[];
  readonly processor: "batch" | "simple";
  readonly batch: ResolvedBatch;
  /** The head sampler's decision, when a span starts. With tail sampling on, it records every span. */
  readonly sampling: ResolvedSampling;
  /** Undefined: no tail sampling (the head decides alone, as before). */
  readonly tailSampling: ResolvedTailSampling | undefined;
  readonly propagators: readonly PropagatorName[];
  readonly logLevel: LogLevel;
  /** True when `logLevel` came from the option or OTEL_LOG_LEVEL rather than the default. */
  readonly logLevelExplicit: boolean;
  /** Flattened, each instrumentation once. */
  readonly instrumentations: readonly InstrumentationOption[];
  readonly shutdownTimeoutMillis: number;
  /** How long an exiting process or a `flushAfter()` call waits for the exporters. */
  readonly exitTimeoutMillis: number;
  readonly conventions: readonly ConventionProfile[];
  readonly spanNames: "llmtrace" | "gen_ai";
  readonly content: ResolvedContent;
  readonly pricing: Readonly<Record<string, ModelPricing>>;
  /** Undefined: no price updates over the network. */
  readonly priceUpdates: { readonly url: string | undefined; readonly refreshMillis: number } | undefined;
  readonly contextBaggage: boolean;
  /** Undefined: no metrics (no meter is created). */
  readonly metrics: ResolvedMetrics | undefined;
  /** Undefined: no log export and no console correlation. */
  readonly logs: ResolvedLogs | undefined;
}

export type ResolvedExporter =
  | ResolvedOtlp
  | { readonly type: "zipkin"; readonly endpoint: string; readonly headers: Readonly<Record<string, string>> }
  | { readonly type: "console"; readonly write: ((text: string) => void) | undefined }
  | { readonly type: "jsonl"; readonly path: string }
  | { readonly type: "memory" }
  | { readonly type: "custom"; readonly exporter: SpanExporter };

/** The content settings the builders get, with the redaction rules still as data. */
export interface ResolvedContent extends Omit<ContentSettings, "redactor"> {
  /** Undefined when redaction is off. */
  readonly redact: ResolvedRedaction | undefined;
}

export type ResolvedRedaction = RedactorConfig;

export interface ResolvedBatch {
  readonly maxQueueSize: number;
  readonly maxExportBatchSize: number;
  readonly scheduledDelayMillis: number;
  readonly exportTimeoutMillis: number;
}

export type ResolvedSampling =
  | { readonly kind: "always_on" | "always_off"; readonly parentBased: boolean }
  | { readonly kind: "ratio"; readonly rate: number; readonly parentBased: boolean }
  | {
      readonly kind: "rules";
      readonly rules: readonly ResolvedSamplingRule[];
      readonly rate: number;
      readonly parentBased: boolean;
    }
  | { readonly kind: "function"; readonly decide: SamplerFunction; readonly parentBased: boolean }
  | { readonly kind: "sampler"; readonly sampler: Sampler; readonly parentBased: boolean };

export interface ResolvedTailSampling {
  readonly rate: number;
  readonly rules: readonly ResolvedSamplingRule[];
  readonly keep: {
    readonly errors: boolean;
    readonly slowerThanMillis: number | undefined;
    readonly costAbove: number | undefined;
    readonly tokensAbove: number | undefined;
  };
  readonly decide: ((trace: FinishedTrace) => boolean | undefined) | undefined;
  readonly maxTraces: number;
  readonly maxSpansPerTrace: number;
  readonly maxHeldSpans: number;
  readonly maxWaitMillis: number;
}

export interface ResolvedSamplingRule {
  readonly name: string | undefined;
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly rate: number;
}

/** An OTLP exporter of spans, metrics or logs, its endpoint the signal's own URL. */
export interface ResolvedOtlp {
  readonly type: "otlp";
  readonly endpoint: string;
  readonly protocol: OtlpProtocol;
  readonly headers: Readonly<Record<string, string>>;
  readonly compression: "gzip" | "none";
  readonly timeoutMillis: number;
}

export type ResolvedMetricExporter =
  | ResolvedOtlp
  | { readonly type: "prometheus"; readonly host: string; readonly port: number; readonly path: string }
  | { readonly type: "console"; readonly write: ((text: string) => void) | undefined }
  | { readonly type: "memory" }
  | { readonly type: "reader"; readonly reader: MetricReader };

export interface ResolvedMetrics {
  readonly exporters: readonly ResolvedMetricExporter[];
  readonly exportIntervalMillis: number;
  readonly cardinalityLimit: number;
}

export type ResolvedLogExporter = ResolvedOtlp | { readonly type: "console" } | { readonly type: "memory" } | { readonly type: "custom"; readonly exporter: LogRecordExporter };

export interface ResolvedLogs {
  readonly exporters: readonly ResolvedLogExporter[];
  readonly console: boolean;
}
