import type { Attributes, Context, TracerProvider } from "@opentelemetry/api";
import type { ReadableSpan, Sampler, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { PiiDetector, SecretDetector } from "../content/redaction/detectors.js";
import type { RedactionHook, RedactionRule } from "../content/redaction/redactor.js";
import type { ConventionProfile } from "../types/span-kinds.js";
import type { ModelPricing } from "../types/pricing.js";
import type { LogsOptions, MetricsOptions, OtlpProtocol } from "./signal-options.js";

/**
 * Options accepted by `configureTracing()` and `createSpanProcessors()`.
 *
 * Every field is optional. Precedence is: the option given here, then the environment
 * variable named in its doc, then the default.
 */
export interface TracingOptions {
  /**
   * Turn tracing on or off. When off nothing is registered and every llmtrace call is a no-op.
   * @default true
   * @env LLMTRACE_ENABLED (true/false), OTEL_SDK_DISABLED (true disables)
   */
  enabled?: boolean;
  /**
   * The `service.name` resource attribute.
   * @default "unknown_service:node"
   * @env OTEL_SERVICE_NAME, or `service.name` in OTEL_RESOURCE_ATTRIBUTES
   */
  serviceName?: string;
  /**
   * The `service.version` resource attribute.
   * @default none
   * @env `service.version` in OTEL_RESOURCE_ATTRIBUTES
   */
  serviceVersion?: string;
  /**
   * The `deployment.environment.name` resource attribute ("production", "staging"...).
   * @default none
   * @env LLMTRACE_ENVIRONMENT, or `deployment.environment.name` in OTEL_RESOURCE_ATTRIBUTES
   */
  environment?: string;
  /**
   * Extra resource attributes, merged over those from OTEL_RESOURCE_ATTRIBUTES.
   * @default {}
   * @env OTEL_RESOURCE_ATTRIBUTES (`key=value,key2=value2`, percent-encoded)
   */
  resourceAttributes?: Attributes;
  /**
   * Attributes stamped on every span this pipeline records (including spans made by other
   * instrumentations). A span's own attribute of the same key wins.
   * @default {}
   */
  attributes?: Attributes;
  /**
   * Where spans go. Several exporters may be given; each gets its own queue, so a slow one
   * never holds up the others.
   * @default [{ type: "console" }], or [{ type: "otlp" }] when an OTLP endpoint is set in the environment
   * @env LLMTRACE_EXPORTER or OTEL_TRACES_EXPORTER (comma-separated: otlp, zipkin, console, jsonl, memory, none)
   */
  exporters?: readonly ExporterOption[];
  /**
   * `"batch"` queues spans and exports them in the background (the right choice for servers);
   * `"simple"` exports each span as it ends (short scripts, serverless functions, tests).
   * Memory exporters always export as spans end.
   * @default "batch"
   */
  processor?: "batch" | "simple";
  /** Batch processor tuning. Ignored with `processor: "simple"`. */
  batch?: BatchOptions;
  /** Which traces to keep. */
  sampling?: SamplingOptions;
  /**
   * Metrics from the spans as they end (`true`: exporters chosen from the traces'). Off by
   * default: no meter is created and nothing is recorded.
   * @default false
   * @env OTEL_METRICS_EXPORTER turns them on (otlp, prometheus, console; none keeps them off)
   */
  metrics?: boolean | MetricsOptions;
  /**
   * Export log records (pino through `pinoOptions()`, winston through
   * `@opentelemetry/winston-transport`, the console with `console: true`), redacted as spans
   * are. Correlation (`logContext()`, `pinoOptions()`, `winstonFormat()`) needs no option.
   * @default false
   * @env OTEL_LOGS_EXPORTER turns export on (otlp, console; none keeps it off)
   */
  logs?: boolean | LogsOptions;
  /**
   * Context propagation formats used by `inject()` / `extract()` and by HTTP instrumentations.
   * @default ["tracecontext", "baggage"]
   * @env OTEL_PROPAGATORS
   */
  propagators?: readonly PropagatorName[];
  /**
   * How much the OpenTelemetry diagnostic logger prints to the console (export failures,
   * dropped spans, llmtrace warnings). Without this option or OTEL_LOG_LEVEL, llmtrace installs
   * its console logger only when the application has set no diagnostic logger of its own; given
   * explicitly, it replaces the application's logger until `shutdown()`, which puts it back.
   * `"none"` leaves the diagnostic logger alone.
   * @default "warn"
   * @env OTEL_LOG_LEVEL
   */
  logLevel?: LogLevel;
  /**
   * OpenTelemetry instrumentations (`new HttpInstrumentation()`, `new UndiciInstrumentation()`...)
   * to record with llmtrace's tracer provider: each is given the provider and enabled, and is
   * disabled at `shutdown()`. Arrays inside the list are flattened, so the result of
   * `getNodeAutoInstrumentations()` can be passed as one entry. ESM applications must also load
   * the instrumentation hook before the modules they instrument: see docs/configuration.md.
   * Ignored by `createSpanProcessors()`, which has no provider to give them.
   * @default []
   */
  instrumentations?: readonly (InstrumentationOption | readonly InstrumentationOption[])[];
  /**
   * Attribute conventions llmtrace's spans are written in, besides `llmtrace.span.kind` and
   * `openinference.span.kind`, which are always there: "ai" (the ai.* keys), "gen_ai" (OpenTelemetry
   * GenAI conventions), "openinference", "traceloop", "langfuse".
   * @default ["ai", "gen_ai"]
   * @env LLMTRACE_CONVENTIONS (comma-separated)
   */
  conventions?: readonly ConventionProfile[];
  /**
   * `"gen_ai"` names workflow, agent and tool spans as the GenAI conventions do
   * (`invoke_workflow <name>`, `invoke_agent <name>`, `execute_tool <name>`).
   * @default "llmtrace" (`workflow.<name>`, `agent.<name>`, `tool.<name>`)
   * @env LLMTRACE_SPAN_NAMES
   */
  spanNames?: "llmtrace" | "gen_ai";
  /** What content (prompts, answers, tool arguments and results, documents) is captured. */
  content?: ContentOptions;
  /**
   * Prices that override the bundled price data, keyed by model id (`"gpt-4o"`) or
   * `"provider/model"`, in USD per million tokens.
   */
  pricing?: Readonly<Record<string, ModelPricing>>;
  /**
   * Fetch current price data over the network (now, then every `refreshMillis`, default 24 hours)
   * instead of only using the data bundled with `@pydantic/genai-prices`.
   * @default false — llmtrace makes no network request for prices unless this is on
   * @env LLMTRACE_PRICE_UPDATES (true / false)
   */
  priceUpdates?: boolean | PriceUpdateOptions;
  /**
   * Also carry withContext ids (conversation, session, user...) as W3C baggage, so services
   * called with `inject()` stamp them too.
   * @default false
   * @env LLMTRACE_CONTEXT_BAGGAGE
   */
  contextBaggage?: boolean;
  /**
   * How long `shutdown()` and `forceFlush()` wait for exporters before giving up, in milliseconds.
   * @default 10000
   * @env LLMTRACE_SHUTDOWN_TIMEOUT_MS
   */
  shutdownTimeoutMillis?: number;
  /** @deprecated Renamed `shutdownTimeoutMillis`; the old name is accepted, with a warning, until 1.0. */
  shutdownTimeoutMs?: number;
  /**
   * The most an ending process waits for its exporters, in milliseconds. When the event loop
   * empties without `shutdown()`, queued spans are flushed for at most this long; what was not
   * delivered is reported, and the process ends by then even if an exporter is still retrying.
   * Also the deadline of the flush after each `flushAfter()` call.
   * @default 2000
   */
  exitTimeoutMillis?: number;
}

/**
 * An OpenTelemetry instrumentation: what `@opentelemetry/instrumentation`'s `InstrumentationBase`
 * provides (`new HttpInstrumentation()` from `@opentelemetry/instrumentation-http`, for one).
 */
export interface InstrumentationOption {
  readonly instrumentationName: string;
  setTracerProvider(tracerProvider: TracerProvider): void;
  enable(): void;
  disable(): void;
}

export interface PriceUpdateOptions {
  /** Where the price data is fetched from. @default @pydantic/genai-prices' published data */
  url?: string;
  /** How often the data is fetched again, in milliseconds. @default 86400000 (24 hours) */
  refreshMillis?: number;
  /** @deprecated Use `refreshMillis` (hours × 3600000); accepted, with a warning, until 1.0. */
  refreshHours?: number;
}

export interface ContentOptions {
  /**
   * `true`: capture content, redacted. `false`: metadata only (tokens, cost, timings, ids stay).
   * `"hash"`: a SHA-256 of each piece of content instead of the content.
   * @default true
   * @env LLMTRACE_CAPTURE_CONTENT (true / false / hash), OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT, TRACELOOP_TRACE_CONTENT
   */
  capture?: boolean | "hash";
  /** User inputs and prompts. @default true @env OPENINFERENCE_HIDE_INPUTS=true turns inputs, system prompts and tool arguments off */
  inputs?: boolean;
  /** Model answers and function results. @default true @env OPENINFERENCE_HIDE_OUTPUTS=true turns outputs, tool results and documents off */
  outputs?: boolean;
  /** System instructions. @default true */
  systemPrompts?: boolean;
  /** Tool call arguments. @default true */
  toolArguments?: boolean;
  /** Tool call results. @default true */
  toolResults?: boolean;
  /** Retrieved document text (ids and scores are always kept). @default true */
  documents?: boolean;
  /**
   * What is removed before anything leaves the process. `false` turns redaction off.
   * @default every secret and personal-data detector, and sensitive keys
   * @env LLMTRACE_REDACT (true / false)
   */
  redact?: boolean | RedactOptions;
  /**
   * Largest content attribute, in characters; longer content is cut with a visible
   * `…[truncated N chars]` marker and `ai.content.truncated` is set on the span.
   * @default 32768
   * @env LLMTRACE_MAX_CONTENT_LENGTH
   */
  maxLength?: number;
  /**
   * How live runtime objects in content are written — Node's HTTP requests and responses, sockets,
   * streams, event emitters, EventTargets, fetch `Request` / `Response`, and Express, Fastify, Koa
   * and Nest request objects. `"summary"`: a short description such as `[IncomingMessage GET /chat]`.
   * `"walk"`: property by property, like any other object (kilobytes of internals per request).
   * Plain data, class instances of your own, arrays, Maps, Errors and `toJSON` objects are
   * written in full either way.
   * @default "summary"
   */
  runtimeObjects?: "summary" | "walk";
}

export interface RedactOptions {
  /** API keys, bearer tokens, JWTs, private keys, URL credentials, `password=` pairs: all, none, or one by one. @default true */
  secrets?: boolean | Partial<Record<SecretDetector, boolean>>;
  /** Emails, phone numbers, card numbers (Luhn), US SSNs, IBANs (checksum), IPv4 and IPv6 addresses. @default true */
  pii?: boolean | Partial<Record<PiiDetector, boolean>>;
  /**
   * Values under keys like `password`, `secret`, `api_key`, `authorization`, `cookie`, `token` are
   * redacted whatever they look like; a list adds key names. @default true
   */
  sensitiveKeys?: boolean | readonly string[];
  /** Extra patterns, applied after the built-in detectors. */
  rules?: readonly RedactionRule[];
  /** A last say over every exported string; see RedactionHook. */
  hook?: RedactionHook;
  /** `{type}` names what was removed. @default "[REDACTED:{type}]" */
  replacement?: string;
}

export type LogLevel = "none" | "error" | "warn" | "info" | "debug" | "verbose" | "all";

export type PropagatorName = "tracecontext" | "baggage" | "b3" | "b3multi" | "jaeger" | "none";

export type ExporterOption =
  | OtlpExporterOption
  | ZipkinExporterOption
  | ConsoleExporterOption
  | JsonlExporterOption
  | MemoryExporterOption
  | NoneExporterOption
  | SpanExporter;

export type { OtlpProtocol };

export interface OtlpExporterOption {
  type: "otlp";
  /**
   * The collector's URL. For gRPC, `http://host:4317`. For HTTP, the traces URL
   * (`http://host:4318/v1/traces`); a URL with no path gets `/v1/traces` appended.
   * @default "http://localhost:4317" (grpc), "http://localhost:4318/v1/traces" (http)
   * @env LLMTRACE_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT
   */
  endpoint?: string;
  /**
   * @default "grpc"
   * @env OTEL_EXPORTER_OTLP_TRACES_PROTOCOL, OTEL_EXPORTER_OTLP_PROTOCOL
   */
  protocol?: OtlpProtocol;
  /**
   * Headers (gRPC metadata) sent with every export, e.g. a vendor API key. Merged over the
   * environment's headers; a key given here wins.
   * @env OTEL_EXPORTER_OTLP_TRACES_HEADERS, OTEL_EXPORTER_OTLP_HEADERS
   */
  headers?: Readonly<Record<string, string>>;
  /**
   * @default "none"
   * @env OTEL_EXPORTER_OTLP_TRACES_COMPRESSION, OTEL_EXPORTER_OTLP_COMPRESSION
   */
  compression?: "gzip" | "none";
  /**
   * Time limit of one export request, in milliseconds.
   * @default 10000
   * @env OTEL_EXPORTER_OTLP_TRACES_TIMEOUT, OTEL_EXPORTER_OTLP_TIMEOUT
   */
  timeoutMillis?: number;
  /** @deprecated Renamed `timeoutMillis`; the old name is accepted, with a warning, until 1.0. */
  timeoutMs?: number;
}

export interface ZipkinExporterOption {
  type: "zipkin";
  /**
   * @default "http://localhost:9411/api/v2/spans"
   * @env OTEL_EXPORTER_ZIPKIN_ENDPOINT
   */
  endpoint?: string;
  headers?: Readonly<Record<string, string>>;
}

export interface ConsoleExporterOption {
  type: "console";
  /**
   * Where the tree is written.
   * @default writes to process.stdout
   */
  write?: (text: string) => void;
}

export interface JsonlExporterOption {
  type: "jsonl";
  /**
   * File that receives one OTLP/JSON `ExportTraceServiceRequest` per line (the OpenTelemetry
   * Collector file exporter's format). Parent folders are created.
   * @default "llmtrace-spans.jsonl"
   * @env LLMTRACE_JSONL_PATH
   */
  path?: string;
}

export interface MemoryExporterOption {
  type: "memory";
}

export interface NoneExporterOption {
  type: "none";
}

export interface BatchOptions {
  /**
   * Spans held while waiting for export; beyond this, spans are dropped and counted.
   * @default 65536
   * @env OTEL_BSP_MAX_QUEUE_SIZE
   */
  maxQueueSize?: number;
  /**
   * @default 512
   * @env OTEL_BSP_MAX_EXPORT_BATCH_SIZE
   */
  maxExportBatchSize?: number;
  /**
   * @default 1000
   * @env OTEL_BSP_SCHEDULE_DELAY
   */
  scheduledDelayMillis?: number;
  /**
   * @default 30000
   * @env OTEL_BSP_EXPORT_TIMEOUT
   */
  exportTimeoutMillis?: number;
}

/**
 * Decides for one root span whether its trace is kept.
 * Returning `true` keeps the trace. A function that throws keeps the trace (and warns once).
 */
export type SamplerFunction = (
  spanName: string,
  context: Context,
  traceId: string,
  attributes: Attributes,
) => boolean;

export interface TailKeepOptions {
  /** Keep a trace with an error status or an exception on any span. @default false */
  errors?: boolean;
  /** Keep a trace whose local root took longer than this, in milliseconds. */
  slowerThanMillis?: number;
  /** Keep a trace whose model calls cost more than this, in US dollars, summed. */
  costAbove?: number;
  /** Keep a trace whose model calls used more tokens (input + output) than this, summed. */
  tokensAbove?: number;
}

export interface TailLimitOptions {
  /** Traces held at once; past it the oldest is decided early, on what it has. @default 10000 */
  maxTraces?: number;
  /** Spans held per trace; past it the trace is decided early. @default 1000 */
  maxSpansPerTrace?: number;
  /**
   * Spans held in all traces together — the memory bound (~64 MB at ~4 KB a span); past it the
   * oldest trace is decided early. @default 16384
   */
  maxHeldSpans?: number;
  /** Longest a trace is held after its first span ended; then it is decided on what it has. @default 30000 */
  maxWaitMillis?: number;
}

/** What a tail `decide` function is given: one trace's spans in this process, once its local root ended. */
export interface FinishedTrace {
  /** The local root (no parent, or a parent in another process); undefined when decided early without it. */
  readonly root: ReadableSpan | undefined;
  readonly spans: readonly ReadableSpan[];
  /** The root's duration, or from the first span's start to now when decided without it. */
  readonly durationMillis: number;
  /** Sum of the model calls' cost, each call counted once. */
  readonly costUsd: number;
  /** Sum of the model calls' input and output tokens. */
  readonly tokens: number;
  readonly hasError: boolean;
}

export interface SamplingRule {
  /** Glob on the span name: `*` matches any run of characters, `?` one character. */
  name?: string;
  /** Attribute values (given at span start) that must all be equal. */
  attributes?: Readonly<Record<string, string | number | boolean>>;
  /** Fraction of matching traces kept, from 0 to 1. */
  rate: number;
}

export interface SamplingOptions {
  /**
   * Fraction of traces kept, from 0 to 1, decided from the trace id so every process of a
   * trace decides the same. With `rules`, the rate for spans no rule matches. With `keep` or
   * `decide` (tail sampling), the rate of the traces no keep-condition or rule decided.
   * @default 1
   * @env LLMTRACE_SAMPLE_RATE, OTEL_TRACES_SAMPLER_ARG (with a traceidratio sampler)
   */
  rate?: number;
  /**
   * A fixed decision, a function, or any OpenTelemetry `Sampler`. Overrides `rate` and `rules`.
   * @env OTEL_TRACES_SAMPLER (always_on, always_off, traceidratio and their parentbased_ forms)
   */
  sampler?: "always_on" | "always_off" | SamplerFunction | Sampler;
  /**
   * Rules tried in order; the first whose name and attributes match gives the rate. With tail
   * sampling they apply to the whole trace: its rate is the highest of the rates its spans
   * matched (a priority operation anywhere keeps it; a low-priority root gets its own low rate).
   */
  rules?: readonly SamplingRule[];
  /**
   * Tail sampling: the spans of a trace are held until its local root ends, then the whole trace
   * is kept when any of these holds anywhere in it — else by `rules`, else by `rate`.
   */
  keep?: TailKeepOptions;
  /**
   * Tail sampling: decides each finished trace (`true` keep, `false` drop, `undefined` leave it
   * to `keep`, `rules` and `rate`). If it throws, the trace is kept and a warning said once.
   */
  decide?: (trace: FinishedTrace) => boolean | undefined;
  /** Bounds of tail sampling's memory and wait. */
  limits?: TailLimitOptions;
  /**
   * Spans with a parent follow the parent's decision, so traces are never cut in half.
   * @default true
   */
  parentBased?: boolean;
}
