import type { Attributes } from "@opentelemetry/api";
import type { Sampler } from "@opentelemetry/sdk-trace-base";
import type { ConventionProfile } from "../types/span-kinds.js";
import { PII_DETECTORS, SECRET_DETECTORS } from "../content/redaction/detectors.js";
import type { RedactionHook, RedactionRule } from "../content/redaction/redactor.js";
import type { ContentField } from "../types/content-field.js";
import type { ModelPricing } from "../types/pricing.js";
import { TracingConfigError } from "./config-error.js";
import { type RenamedOption, renamedOptionsIn } from "./deprecated-options.js";
import { describeIssues } from "./describe-issues.js";
import { DEFAULT_ENDPOINTS, type EndpointKind, type Env, type EnvSettings, readEnv } from "./env.js";
import type { LogLevel, OtlpProtocol, PropagatorName, SamplerFunction, TracingOptions } from "./options.js";
import type { ResolvedConfig, ResolvedContent, ResolvedExporter, ResolvedRedaction, ResolvedSampling, ResolvedTailSampling } from "./resolved-config.js";
import { resolveLogs, resolveMetrics } from "./resolve-signals.js";
import { type ParsedOptions, tracingOptionsSchema } from "./schema.js";

export const DEFAULTS = {
  serviceName: "unknown_service:node",
  otlpGrpcEndpoint: DEFAULT_ENDPOINTS.otlpGrpc,
  otlpHttpEndpoint: DEFAULT_ENDPOINTS.otlpHttp,
  otlpProtocol: "grpc" as OtlpProtocol,
  otlpTimeoutMillis: 10_000,
  zipkinEndpoint: DEFAULT_ENDPOINTS.zipkin,
  jsonlPath: "llmtrace-spans.jsonl",
  maxQueueSize: 65_536,
  maxExportBatchSize: 512,
  scheduledDelayMillis: 1000,
  exportTimeoutMillis: 30_000,
  propagators: ["tracecontext", "baggage"] as readonly PropagatorName[],
  logLevel: "warn" as LogLevel,
  shutdownTimeoutMillis: 10_000,
  exitTimeoutMillis: 2000,
  priceRefreshMillis: 24 * 3_600_000,
  conventions: ["ai", "gen_ai"] as readonly ConventionProfile[],
  maxContentLength: 32 * 1024,
} as const;

export interface Resolution {
  readonly config: ResolvedConfig;
  /** Environment values that were ignored, one line each. */
  readonly warnings: readonly string[];
  /** Options given under a name that is deprecated (the caller warns once per process). */
  readonly deprecations: readonly RenamedOption[];
}

/**
 * Validates `options` and merges them with `env` and the defaults.
 * Throws one `TracingConfigError` listing every invalid option; bad environment values
 * only produce warnings, since the environment is often outside the developer's hands.
 */
export function resolveConfig(options: TracingOptions = {}, env: Env = {}, purpose: "configureTracing" | "createSpanProcessors" = "configureTracing"): Resolution {
  const parsed = tracingOptionsSchema.safeParse(options);
  if (!parsed.success) throw new TracingConfigError(describeIssues(parsed.error.issues, options));
  const opts = parsed.data;
  const { settings, warnings } = readEnv(env);

  const batchOpts = opts.batch ?? {};
  const exporters = Object.freeze(resolveExporters(opts, settings));
  const tail = resolveTailSampling(opts, settings);
  const config: ResolvedConfig = {
    enabled: opts.enabled ?? settings.enabled ?? true,
    serviceName: opts.serviceName ?? settings.serviceName ?? DEFAULTS.serviceName,
    serviceVersion: opts.serviceVersion ?? settings.serviceVersion,
    environment: opts.environment ?? settings.environment,
    resourceAttributes: Object.freeze({ ...settings.resourceAttributes, ...(opts.resourceAttributes as Attributes) }),
    attributes: Object.freeze({ ...(opts.attributes as Attributes) }),
    exporters,
    processor: opts.processor ?? "batch",
    batch: Object.freeze({
      maxQueueSize: batchOpts.maxQueueSize ?? settings.maxQueueSize ?? DEFAULTS.maxQueueSize,
      maxExportBatchSize: batchOpts.maxExportBatchSize ?? settings.maxExportBatchSize ?? DEFAULTS.maxExportBatchSize,
      scheduledDelayMillis: batchOpts.scheduledDelayMillis ?? settings.scheduledDelayMillis ?? DEFAULTS.scheduledDelayMillis,
      exportTimeoutMillis: batchOpts.exportTimeoutMillis ?? settings.exportTimeoutMillis ?? DEFAULTS.exportTimeoutMillis,
    }),
    sampling: Object.freeze(tail ? { kind: "always_on", parentBased: opts.sampling?.parentBased ?? true } : resolveSampling(opts, settings)),
    tailSampling: tail,
    propagators: Object.freeze([...((opts.propagators as PropagatorName[] | undefined) ?? settings.propagators ?? DEFAULTS.propagators)]),
    logLevel: (opts.logLevel as LogLevel | undefined) ?? settings.logLevel ?? DEFAULTS.logLevel,
    logLevelExplicit: opts.logLevel !== undefined || settings.logLevel !== undefined,
    instrumentations: Object.freeze([...new Set((opts.instrumentations ?? []).flat())]),
    shutdownTimeoutMillis: opts.shutdownTimeoutMillis ?? opts.shutdownTimeoutMs ?? settings.shutdownTimeoutMillis ?? DEFAULTS.shutdownTimeoutMillis,
    exitTimeoutMillis: opts.exitTimeoutMillis ?? settings.exitTimeoutMillis ?? DEFAULTS.exitTimeoutMillis,
    conventions: Object.freeze([...new Set((opts.conventions as ConventionProfile[] | undefined) ?? settings.conventions ?? DEFAULTS.conventions)]),
    spanNames: (opts.spanNames as "llmtrace" | "gen_ai" | undefined) ?? settings.spanNames ?? "llmtrace",
    content: resolveContent(opts, settings),
    pricing: freezePricing(opts.pricing as Record<string, ModelPricing> | undefined),
    contextBaggage: opts.contextBaggage ?? settings.contextBaggage ?? false,
    priceUpdates: resolvePriceUpdates(opts.priceUpdates ?? settings.priceUpdates ?? false),
    metrics: resolveMetrics(opts, settings, exporters, purpose === "createSpanProcessors"),
    logs: purpose === "createSpanProcessors" ? undefined : resolveLogs(opts, settings, exporters),
  };
  return { config: Object.freeze(config), warnings, deprecations: renamedOptionsIn(opts) };
}

type ExporterInput = NonNullable<ParsedOptions["exporters"]>[number];

function resolveExporters(opts: ParsedOptions, env: EnvSettings): ResolvedExporter[] {
  let inputs: readonly ExporterInput[];
  if (opts.exporters) inputs = opts.exporters;
  else if (env.exporterTypes) inputs = env.exporterTypes.map((type) => ({ type }) as ExporterInput);
  // Setting an endpoint variable says spans go to a collector, whether or not its value is usable:
  // a bad value falls back to the default endpoint, never to the console.
  else if (env.endpointVariable) inputs = [{ type: "otlp" }];
  else inputs = [{ type: "console" }];

  const resolved: ResolvedExporter[] = [];
  for (const input of inputs) {
    const exporter = resolveExporter(input, env);
    if (exporter) resolved.push(Object.freeze(exporter));
  }
  return resolved;
}

function resolveExporter(input: ExporterInput, env: EnvSettings): ResolvedExporter | undefined {
  switch (input.type) {
    case "otlp": {
      const protocol = (input.protocol as OtlpProtocol | undefined) ?? env.otlpProtocol ?? DEFAULTS.otlpProtocol;
      return {
        type: "otlp",
        protocol,
        endpoint: otlpEndpoint(protocol, input.endpoint, env),
        headers: Object.freeze({ ...env.otlpHeaders, ...input.headers }),
        compression: input.compression ?? env.otlpCompression ?? "none",
        timeoutMillis: input.timeoutMillis ?? input.timeoutMs ?? env.otlpTimeoutMillis ?? DEFAULTS.otlpTimeoutMillis,
      };
    }
    case "zipkin":
      return {
        type: "zipkin",
        endpoint: input.endpoint ?? env.genericEndpoint ?? env.zipkinEndpoint ?? DEFAULTS.zipkinEndpoint,
        headers: Object.freeze({ ...input.headers }),
      };
    case "console":
      return { type: "console", write: input.write };
    case "jsonl":
      return { type: "jsonl", path: input.path ?? env.jsonlPath ?? DEFAULTS.jsonlPath };
    case "memory":
      return { type: "memory" };
    case "custom":
      return { type: "custom", exporter: input.exporter };
    case "none":
      return undefined;
  }
}

function otlpEndpoint(protocol: OtlpProtocol, explicit: string | undefined, env: EnvSettings): string {
  let url: string;
  let kind: EndpointKind;
  if (explicit) [url, kind] = [explicit, "auto"];
  else if (env.genericEndpoint) [url, kind] = [env.genericEndpoint, "auto"];
  else if (env.otlpEndpoint) [url, kind] = [env.otlpEndpoint.url, env.otlpEndpoint.kind];
  else return protocol === "grpc" ? DEFAULTS.otlpGrpcEndpoint : DEFAULTS.otlpHttpEndpoint;

  if (protocol === "grpc" || kind === "signal") return url;
  const parsed = new URL(url);
  const hasPath = parsed.pathname !== "" && parsed.pathname !== "/";
  if (kind === "auto" && hasPath) return url;
  parsed.pathname = `${parsed.pathname.replace(/\/+$/, "")}/v1/traces`;
  return parsed.toString();
}

function resolveSampling(opts: ParsedOptions, env: EnvSettings): ResolvedSampling {
  const sampling = opts.sampling ?? {};
  const parentBased = sampling.parentBased ?? env.sampling?.parentBased ?? true;
  const sampler = sampling.sampler;
  if (sampler === "always_on" || sampler === "always_off") return { kind: sampler, parentBased };
  if (typeof sampler === "function") return { kind: "function", decide: sampler as unknown as SamplerFunction, parentBased };
  if (sampler !== undefined) return { kind: "sampler", sampler: sampler as Sampler, parentBased };

  const envRate = env.sampling?.kind === "ratio" ? env.sampling.rate : undefined;
  if (sampling.rules && sampling.rules.length > 0) {
    const rules = sampling.rules.map((rule) =>
      Object.freeze({ name: rule.name, attributes: Object.freeze({ ...rule.attributes }), rate: rule.rate }),
    );
    return { kind: "rules", rules: Object.freeze(rules), rate: sampling.rate ?? envRate ?? 1, parentBased };
  }
  if (sampling.rate !== undefined) return { kind: "ratio", rate: sampling.rate, parentBased };
  if (env.sampling) return { ...env.sampling, parentBased };
  return { kind: "always_on", parentBased };
}

// maxHeldSpans: ~64 MB at ~4 KB a span (a generation with a 1 KB prompt and answer, in a trial).
export const TAIL_DEFAULTS = { maxTraces: 10_000, maxSpansPerTrace: 1000, maxHeldSpans: 16_384, maxWaitMillis: 30_000 } as const;

/**
 * Tail sampling is on when `keep` or `decide` is given. The head then records every span (a remote
 * parent's sampled flag still decides, so a child service keeps what its caller kept), and
 * `rate` and `rules` apply to whole traces when their local root ends.
 */
function resolveTailSampling(opts: ParsedOptions, env: EnvSettings): ResolvedTailSampling | undefined {
  const sampling = opts.sampling ?? {};
  if (sampling.keep === undefined && sampling.decide === undefined) return undefined;
  const keep = sampling.keep ?? {};
  const limits = sampling.limits ?? {};
  const envRate = env.sampling?.kind === "ratio" ? env.sampling.rate : undefined;
  return Object.freeze({
    rate: sampling.rate ?? envRate ?? 1,
    rules: Object.freeze((sampling.rules ?? []).map((rule) => Object.freeze({ name: rule.name, attributes: Object.freeze({ ...rule.attributes }), rate: rule.rate }))),
    keep: Object.freeze({ errors: keep.errors ?? false, slowerThanMillis: keep.slowerThanMillis, costAbove: keep.costAbove, tokensAbove: keep.tokensAbove }),
    decide: sampling.decide as ResolvedTailSampling["decide"],
    maxTraces: limits.maxTraces ?? TAIL_DEFAULTS.maxTraces,
    maxSpansPerTrace: limits.maxSpansPerTrace ?? TAIL_DEFAULTS.maxSpansPerTrace,
    maxHeldSpans: limits.maxHeldSpans ?? TAIL_DEFAULTS.maxHeldSpans,
    maxWaitMillis: limits.maxWaitMillis ?? TAIL_DEFAULTS.maxWaitMillis,
  });
}

function resolveContent(opts: ParsedOptions, env: EnvSettings): ResolvedContent {
  const content = opts.content ?? {};
  const capture = content.capture ?? env.captureContent ?? true;
  const hideIn = env.hideInputs === true;
  const hideOut = env.hideOutputs === true;
  const fields = {
    inputs: content.inputs ?? !hideIn,
    systemPrompts: content.systemPrompts ?? !hideIn,
    toolArguments: content.toolArguments ?? !hideIn,
    outputs: content.outputs ?? !hideOut,
    toolResults: content.toolResults ?? !hideOut,
    documents: content.documents ?? !hideOut,
  } satisfies Record<ContentField, boolean>;
  return Object.freeze({
    mode: capture === "hash" ? "hash" : capture ? "full" : "metadata",
    fields: Object.freeze(fields),
    maxLength: content.maxLength ?? env.maxContentLength ?? DEFAULTS.maxContentLength,
    redact: resolveRedaction(content.redact ?? env.redact ?? true),
    runtimeObjects: content.runtimeObjects ?? "summary",
  });
}

type RedactInput = NonNullable<NonNullable<ParsedOptions["content"]>["redact"]>;

function resolveRedaction(redact: RedactInput): ResolvedRedaction | undefined {
  if (redact === false) return undefined;
  const options = redact === true ? {} : redact;
  const pick = <N extends string>(all: readonly N[], choice: boolean | Partial<Record<string, boolean>> | undefined): N[] =>
    choice === false ? [] : choice === undefined || choice === true ? [...all] : all.filter((name) => choice[name] !== false);
  const keys = options.sensitiveKeys;
  return Object.freeze({
    detectors: Object.freeze([...pick(SECRET_DETECTORS, options.secrets), ...pick(PII_DETECTORS, options.pii)]),
    sensitiveKeys: keys !== false,
    extraSensitiveKeys: Object.freeze(Array.isArray(keys) ? [...keys] : []),
    rules: Object.freeze((options.rules ?? []).map((rule) => Object.freeze({ ...rule }) as RedactionRule)),
    hook: options.hook as RedactionHook | undefined,
    replacement: options.replacement ?? "[REDACTED:{type}]",
  });
}

function resolvePriceUpdates(choice: NonNullable<ParsedOptions["priceUpdates"]>): ResolvedConfig["priceUpdates"] {
  if (choice === false) return undefined;
  const options = choice === true ? {} : choice;
  const fromHours = options.refreshHours === undefined ? undefined : Math.round(options.refreshHours * 3_600_000);
  return Object.freeze({ url: options.url, refreshMillis: options.refreshMillis ?? fromHours ?? DEFAULTS.priceRefreshMillis });
}

function freezePricing(pricing: Record<string, ModelPricing> | undefined): Readonly<Record<string, ModelPricing>> {
  const frozen: Record<string, ModelPricing> = {};
  for (const [model, price] of Object.entries(pricing ?? {})) frozen[model] = Object.freeze({ ...price });
  return Object.freeze(frozen);
}
