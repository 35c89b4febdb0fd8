import type { Attributes } from "@opentelemetry/api";
import { CONVENTION_PROFILES, type ConventionProfile } from "../types/span-kinds.js";
import type { LogLevel, OtlpProtocol, PropagatorName } from "./options.js";
import { type LogsEnv, type MetricsEnv, readLogsEnv, readMetricsEnv } from "./signal-env.js";

/** The process environment, or any object shaped like it (tests pass their own). */
export type Env = Readonly<Record<string, string | undefined>>;

export const EXPORTER_TYPES = ["otlp", "zipkin", "console", "jsonl", "memory", "none"] as const;
export type ExporterType = (typeof EXPORTER_TYPES)[number];

export const PROPAGATOR_NAMES: readonly PropagatorName[] = ["tracecontext", "baggage", "b3", "b3multi", "jaeger", "none"];
export const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ["grpc", "http/protobuf", "http/json"];
export const LOG_LEVELS: readonly LogLevel[] = ["none", "error", "warn", "info", "debug", "verbose", "all"];

export const DEFAULT_ENDPOINTS = {
  otlpGrpc: "http://localhost:4317",
  otlpHttp: "http://localhost:4318/v1/traces",
  zipkin: "http://localhost:9411/api/v2/spans",
} as const;

/** The endpoint variables of the OTLP exporter, the first usable one winning. */
const OTLP_ENDPOINT_VARIABLES = ["LLMTRACE_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_ENDPOINT"] as const;

/**
 * How an endpoint from the environment is turned into the traces URL for OTLP/HTTP:
 * `signal` is used as is, `base` always gets `/v1/traces` appended (the OTel spec for
 * OTEL_EXPORTER_OTLP_ENDPOINT), `auto` gets it only when the URL has no path.
 */
export type EndpointKind = "signal" | "base" | "auto";

export interface EnvEndpoint {
  readonly url: string;
  readonly kind: EndpointKind;
  readonly variable: string;
}

export type EnvSampling =
  | { readonly kind: "always_on" | "always_off"; readonly parentBased: boolean }
  | { readonly kind: "ratio"; readonly rate: number; readonly parentBased: boolean };

/** What the environment says, before it is merged with options and defaults. */
export interface EnvSettings {
  enabled?: boolean;
  serviceName?: string;
  serviceVersion?: string;
  environment?: string;
  resourceAttributes: Attributes;
  exporterTypes?: readonly ExporterType[];
  exporterTypesVariable?: string;
  /**
   * The first OTLP endpoint variable that is set, usable or not: setting one says spans go to a
   * collector, so even a value that cannot be used never leaves them on the console.
   */
  endpointVariable?: string;
  otlpEndpoint?: EnvEndpoint;
  /** Endpoint for exporters that take one and were given none: LLMTRACE_ENDPOINT. */
  genericEndpoint?: string;
  otlpProtocol?: OtlpProtocol;
  otlpHeaders: Record<string, string>;
  otlpCompression?: "gzip" | "none";
  otlpTimeoutMillis?: number;
  zipkinEndpoint?: string;
  jsonlPath?: string;
  sampling?: EnvSampling;
  maxQueueSize?: number;
  maxExportBatchSize?: number;
  scheduledDelayMillis?: number;
  exportTimeoutMillis?: number;
  propagators?: readonly PropagatorName[];
  logLevel?: LogLevel;
  shutdownTimeoutMillis?: number;
  exitTimeoutMillis?: number;
  conventions?: readonly ConventionProfile[];
  spanNames?: "llmtrace" | "gen_ai";
  captureContent?: boolean | "hash";
  hideInputs?: boolean;
  hideOutputs?: boolean;
  redact?: boolean;
  maxContentLength?: number;
  contextBaggage?: boolean;
  priceUpdates?: boolean;
  spanLimits?: SpanLimitsFromEnv;
  metrics: MetricsEnv;
  logs: LogsEnv;
}

/** The OTel span limit variables, read here because llmtrace's provider reads no environment itself. */
export interface SpanLimitsFromEnv {
  attributeCountLimit?: number;
  attributeValueLengthLimit?: number;
  eventCountLimit?: number;
  linkCountLimit?: number;
  attributePerEventCountLimit?: number;
  attributePerLinkCountLimit?: number;
}

export interface EnvReading {
  readonly settings: EnvSettings;
  /** One line per ignored variable, naming it and saying why. */
  readonly warnings: readonly string[];
}

/** Reads every variable llmtrace understands. Pure: the same `env` always gives the same result. */
export function readEnv(env: Env): EnvReading {
  const warnings: string[] = [];
  const read = new EnvReader(env, warnings);
  const settings: EnvSettings = { resourceAttributes: {}, otlpHeaders: {}, metrics: readMetricsEnv(read), logs: readLogsEnv(read) };

  const resource = read.keyValueList("OTEL_RESOURCE_ATTRIBUTES");
  if (resource) settings.resourceAttributes = resource;

  const llmtraceEnabled = read.boolean("LLMTRACE_ENABLED");
  const otelDisabled = read.boolean("OTEL_SDK_DISABLED");
  if (llmtraceEnabled !== undefined) settings.enabled = llmtraceEnabled;
  else if (otelDisabled !== undefined) settings.enabled = !otelDisabled;

  assignDefined(settings, "serviceName", read.string("OTEL_SERVICE_NAME") ?? stringAttribute(resource, "service.name"));
  assignDefined(settings, "serviceVersion", stringAttribute(resource, "service.version"));
  assignDefined(
    settings,
    "environment",
    read.string("LLMTRACE_ENVIRONMENT") ?? stringAttribute(resource, "deployment.environment.name"),
  );

  readExporterTypes(read, settings);
  readEndpoints(read, env, settings);

  assignDefined(
    settings,
    "otlpProtocol",
    read.oneOf("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", OTLP_PROTOCOLS) ?? read.oneOf("OTEL_EXPORTER_OTLP_PROTOCOL", OTLP_PROTOCOLS),
  );
  settings.otlpHeaders = {
    ...(read.keyValueList("OTEL_EXPORTER_OTLP_HEADERS") as Record<string, string> | undefined),
    ...(read.keyValueList("OTEL_EXPORTER_OTLP_TRACES_HEADERS") as Record<string, string> | undefined),
  };
  assignDefined(
    settings,
    "otlpCompression",
    read.oneOf("OTEL_EXPORTER_OTLP_TRACES_COMPRESSION", ["gzip", "none"] as const) ??
      read.oneOf("OTEL_EXPORTER_OTLP_COMPRESSION", ["gzip", "none"] as const),
  );
  assignDefined(
    settings,
    "otlpTimeoutMillis",
    read.integer("OTEL_EXPORTER_OTLP_TRACES_TIMEOUT", 1) ?? read.integer("OTEL_EXPORTER_OTLP_TIMEOUT", 1),
  );
  assignDefined(settings, "jsonlPath", read.string("LLMTRACE_JSONL_PATH"));

  assignDefined(settings, "sampling", readSampling(read, env, warnings));

  assignDefined(settings, "maxQueueSize", read.integer("OTEL_BSP_MAX_QUEUE_SIZE", 1));
  assignDefined(settings, "maxExportBatchSize", read.integer("OTEL_BSP_MAX_EXPORT_BATCH_SIZE", 1));
  assignDefined(settings, "scheduledDelayMillis", read.integer("OTEL_BSP_SCHEDULE_DELAY", 0));
  assignDefined(settings, "exportTimeoutMillis", read.integer("OTEL_BSP_EXPORT_TIMEOUT", 1));
  assignDefined(settings, "propagators", read.list("OTEL_PROPAGATORS", PROPAGATOR_NAMES));
  assignDefined(settings, "logLevel", read.oneOf("OTEL_LOG_LEVEL", LOG_LEVELS, (raw) => raw.toLowerCase()));
  assignDefined(settings, "shutdownTimeoutMillis", read.integer("LLMTRACE_SHUTDOWN_TIMEOUT_MS", 1));
  assignDefined(settings, "exitTimeoutMillis", read.integer("LLMTRACE_EXIT_TIMEOUT_MS", 1));
  assignDefined(settings, "conventions", read.list("LLMTRACE_CONVENTIONS", CONVENTION_PROFILES));
  assignDefined(settings, "spanNames", read.oneOf("LLMTRACE_SPAN_NAMES", ["llmtrace", "gen_ai"] as const, (raw) => raw.toLowerCase()));
  // Our own switch first, then the standard ones, most specific first.
  const captureMode = read.string("LLMTRACE_CAPTURE_CONTENT")?.toLowerCase() === "hash" ? "hash" : read.boolean("LLMTRACE_CAPTURE_CONTENT");
  assignDefined(
    settings,
    "captureContent",
    captureMode ?? read.boolean("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT") ?? read.boolean("TRACELOOP_TRACE_CONTENT"),
  );
  assignDefined(settings, "hideInputs", read.boolean("OPENINFERENCE_HIDE_INPUTS"));
  assignDefined(settings, "hideOutputs", read.boolean("OPENINFERENCE_HIDE_OUTPUTS"));
  assignDefined(settings, "redact", read.boolean("LLMTRACE_REDACT"));
  assignDefined(settings, "maxContentLength", read.integer("LLMTRACE_MAX_CONTENT_LENGTH", 1));
  assignDefined(settings, "contextBaggage", read.boolean("LLMTRACE_CONTEXT_BAGGAGE"));
  assignDefined(settings, "priceUpdates", read.boolean("LLMTRACE_PRICE_UPDATES"));
  const spanLimits = readSpanLimits(read);
  if (Object.keys(spanLimits).length > 0) settings.spanLimits = spanLimits;

  return { settings, warnings };
}

/**
 * The span limits of the OTel SDK's variables, with its precedence (the span-specific variable
 * over the general one); the provider applies its defaults to those not given.
 */
export function spanLimitsFromEnv(env: Env): SpanLimitsFromEnv {
  // Its warnings were already given by readEnv, which reads the same variables.
  return readSpanLimits(new EnvReader(env, []));
}

function readSpanLimits(read: EnvReader): SpanLimitsFromEnv {
  const limits: SpanLimitsFromEnv = {};
  const assign = (key: keyof SpanLimitsFromEnv, ...variables: string[]) => {
    for (const variable of variables) {
      const value = read.integer(variable, 0);
      if (value !== undefined) {
        limits[key] = value;
        return;
      }
    }
  };
  assign("attributeCountLimit", "OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT", "OTEL_ATTRIBUTE_COUNT_LIMIT");
  assign("attributeValueLengthLimit", "OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT", "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT");
  assign("eventCountLimit", "OTEL_SPAN_EVENT_COUNT_LIMIT");
  assign("linkCountLimit", "OTEL_SPAN_LINK_COUNT_LIMIT");
  assign("attributePerEventCountLimit", "OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT");
  assign("attributePerLinkCountLimit", "OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT");
  return limits;
}

/**
 * LLMTRACE_EXPORTER, then OTEL_TRACES_EXPORTER. A variable that names no supported exporter is
 * ignored; when every one set is, spans go to OTLP (OTEL_TRACES_EXPORTER's default in the
 * OpenTelemetry specification): a typo must not send prompts to stdout.
 */
function readExporterTypes(read: EnvReader, settings: EnvSettings): void {
  const unusable: string[] = [];
  for (const variable of ["LLMTRACE_EXPORTER", "OTEL_TRACES_EXPORTER"]) {
    if (read.string(variable) === undefined) continue;
    const types = read.list(variable, EXPORTER_TYPES, { reportNoneUsable: false });
    if (types) {
      settings.exporterTypes = types;
      settings.exporterTypesVariable = variable;
      break;
    }
    unusable.push(variable);
  }
  const instead = settings.exporterTypesVariable
    ? `and ${settings.exporterTypesVariable} is used instead`
    : "and spans go to the otlp exporter (the OpenTelemetry default), not to the console";
  for (const variable of unusable) read.warnUnusable(variable, "names no supported exporter", instead, `use ${EXPORTER_TYPES.join(", ")}`);
  if (!settings.exporterTypes && unusable.length > 0) {
    settings.exporterTypes = ["otlp"];
    settings.exporterTypesVariable = unusable[0]!;
  }
}

/**
 * The endpoint variables. A value without a scheme (`collector:4318`) is read as `http://...`,
 * with a warning; a value that cannot be used is ignored, with a warning naming what is used
 * instead. Neither changes which exporter is used.
 */
function readEndpoints(read: EnvReader, env: Env, settings: EnvSettings): void {
  const usable = (name: string) => parseEndpoint(nonEmpty(env[name])) !== undefined;
  const otlpInstead = (name: string) => {
    const other = OTLP_ENDPOINT_VARIABLES.find((candidate) => candidate !== name && usable(candidate));
    return other ? `and ${other} is used instead` : "and the OTLP exporter keeps its default endpoint";
  };

  const endpointVariable = OTLP_ENDPOINT_VARIABLES.find((name) => read.string(name) !== undefined);
  if (endpointVariable) settings.endpointVariable = endpointVariable;

  assignDefined(
    settings,
    "genericEndpoint",
    read.endpoint("LLMTRACE_ENDPOINT", "and each exporter keeps its own endpoint variable or its default endpoint"),
  );
  const signalEndpoint = read.endpoint("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", otlpInstead("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"));
  const baseEndpoint = read.endpoint("OTEL_EXPORTER_OTLP_ENDPOINT", otlpInstead("OTEL_EXPORTER_OTLP_ENDPOINT"));
  if (signalEndpoint) settings.otlpEndpoint = { url: signalEndpoint, kind: "signal", variable: "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" };
  else if (baseEndpoint) settings.otlpEndpoint = { url: baseEndpoint, kind: "base", variable: "OTEL_EXPORTER_OTLP_ENDPOINT" };

  assignDefined(
    settings,
    "zipkinEndpoint",
    read.endpoint(
      "OTEL_EXPORTER_ZIPKIN_ENDPOINT",
      usable("LLMTRACE_ENDPOINT") ? "and LLMTRACE_ENDPOINT is used instead" : "and the Zipkin exporter keeps its default endpoint",
    ),
  );
}

/**
 * An endpoint as given when it is an http(s) URL with a host; `http://` put in front when it has
 * no scheme at all (`localhost:4318`, which `new URL` would read as the scheme `localhost:`).
 */
export function parseEndpoint(raw: string | undefined): { url: string; schemeAdded: boolean } | undefined {
  if (raw === undefined) return undefined;
  if (hasHost(raw)) return { url: raw, schemeAdded: false };
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(raw)) return undefined;
  const withScheme = `http://${raw}`;
  return hasHost(withScheme) ? { url: withScheme, schemeAdded: true } : undefined;
}

function hasHost(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

const OTEL_SAMPLERS = {
  always_on: { kind: "always_on", parentBased: false },
  always_off: { kind: "always_off", parentBased: false },
  traceidratio: { kind: "ratio", parentBased: false },
  parentbased_always_on: { kind: "always_on", parentBased: true },
  parentbased_always_off: { kind: "always_off", parentBased: true },
  parentbased_traceidratio: { kind: "ratio", parentBased: true },
} as const;

function readSampling(read: EnvReader, env: Env, warnings: string[]): EnvSampling | undefined {
  const rate = read.number("LLMTRACE_SAMPLE_RATE", 0, 1);
  // Our own variable is the more specific one, so it wins over the OTel pair.
  if (rate !== undefined) return { kind: "ratio", rate, parentBased: true };

  const name = read.oneOf(
    "OTEL_TRACES_SAMPLER",
    Object.keys(OTEL_SAMPLERS) as (keyof typeof OTEL_SAMPLERS)[],
    (raw) => raw.toLowerCase(),
    "so the default sampler is used (parentbased_always_on: every trace kept)",
  );
  const hasArg = nonEmpty(env["OTEL_TRACES_SAMPLER_ARG"]) !== undefined;
  if (name === undefined) {
    if (hasArg && nonEmpty(env["OTEL_TRACES_SAMPLER"]) === undefined) {
      warnings.push("OTEL_TRACES_SAMPLER_ARG is set but OTEL_TRACES_SAMPLER is not; ignored. Set OTEL_TRACES_SAMPLER=parentbased_traceidratio.");
    }
    return undefined;
  }
  const sampler = OTEL_SAMPLERS[name];
  if (sampler.kind !== "ratio") {
    if (hasArg) warnings.push(`OTEL_TRACES_SAMPLER_ARG is ignored with OTEL_TRACES_SAMPLER=${name}.`);
    return sampler;
  }
  // The OTel spec's default ratio when the argument is missing or invalid is 1.
  const ratio = read.number("OTEL_TRACES_SAMPLER_ARG", 0, 1, "so the ratio is 1 (every trace kept), as the OpenTelemetry specification says");
  return { kind: "ratio", parentBased: sampler.parentBased, rate: ratio ?? 1 };
}

/** Typed readers over one environment; each bad value adds a warning and reads as undefined. */
export class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly warnings: string[],
  ) {}

  string(name: string): string | undefined {
    return nonEmpty(this.env[name]);
  }

  boolean(name: string): boolean | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const lowered = raw.toLowerCase();
    if (lowered === "true" || lowered === "1") return true;
    if (lowered === "false" || lowered === "0") return false;
    this.warn(name, raw, "is not a boolean", "use true or false");
    return undefined;
  }

  number(name: string, min: number, max: number, instead?: string): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (Number.isFinite(value) && value >= min && value <= max) return value;
    this.warn(name, raw, `is not a number from ${min} to ${max}`, `use a number such as ${max === 1 ? "0.25" : String(min)}`, instead);
    return undefined;
  }

  integer(name: string, min: number): number | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min) return value;
    this.warn(name, raw, `is not a whole number of at least ${min}`, "use digits only, such as 1000");
    return undefined;
  }

  /** An endpoint URL; `instead` says what is used when the value cannot be. */
  endpoint(name: string, instead: string): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const parsed = parseEndpoint(raw);
    // A URL may carry a password before its host; the warning never shows it.
    const shown = raw.replace(/^((?:[a-z][a-z\d+.-]*:)?\/\/)?[^/?#@]*@/i, "$1***@");
    if (parsed === undefined) {
      this.warn(name, shown, "is not a usable http(s) URL", "use a full URL such as http://localhost:4318", instead);
    } else if (parsed.schemeAdded) {
      this.warnings.push(`${name}="${shorten(shown)}" has no scheme; read as "${shorten(`http://${shown}`)}". Fix: write the scheme, http:// or https://.`);
    }
    return parsed?.url;
  }

  oneOf<T extends string>(
    name: string,
    allowed: readonly T[],
    normalize: (raw: string) => string = (raw) => raw,
    instead?: string,
  ): T | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const value = normalize(raw);
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.warn(name, raw, "is not supported", `use one of ${allowed.join(", ")}`, instead);
    return undefined;
  }

  /**
   * A comma-separated list of names; unknown names are dropped with a warning — unless none is
   * usable and the caller says it reports that case itself.
   */
  list<T extends string>(name: string, allowed: readonly T[], { reportNoneUsable = true } = {}): T[] | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const values: T[] = [];
    const unsupported: string[] = [];
    for (const item of raw.split(",")) {
      const value = item.trim().toLowerCase();
      if (value === "") continue;
      if ((allowed as readonly string[]).includes(value)) values.push(value as T);
      else unsupported.push(value);
    }
    if (values.length === 0 && !reportNoneUsable) return undefined;
    for (const value of unsupported) this.warn(name, value, "names an unsupported value", `use ${allowed.join(", ")}`);
    return values.length > 0 ? values : undefined;
  }

  /** `key=value,key2=value2` with percent-encoded values, as OTEL_RESOURCE_ATTRIBUTES and the header variables use. */
  keyValueList(name: string): Record<string, string> | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    const result: Record<string, string> = {};
    for (const pair of raw.split(",")) {
      if (pair.trim() === "") continue;
      const eq = pair.indexOf("=");
      const key = eq > 0 ? pair.slice(0, eq).trim() : "";
      if (key === "") {
        this.warn(name, pair.trim(), "has an entry that is not key=value", "write entries as key=value, separated by commas");
        continue;
      }
      try {
        result[key] = decodeURIComponent(pair.slice(eq + 1).trim());
      } catch {
        this.warn(name, pair.trim(), "has a value that is not valid percent-encoding", "encode reserved characters as %XX");
      }
    }
    return result;
  }

  /** For a variable whose whole value is unusable, where the caller knows what happens instead. */
  warnUnusable(name: string, problem: string, instead: string, fix: string): void {
    this.warn(name, this.string(name) ?? "", problem, fix, instead);
  }

  private warn(name: string, raw: string, problem: string, fix: string, instead?: string): void {
    this.warnings.push(`${name}="${shorten(raw)}" ${problem}; ignored${instead ? `, ${instead}` : ""}. Fix: ${fix}.`);
  }
}

/** Values may hold credentials (headers, URLs with a user), so only a short prefix is quoted. */
function shorten(raw: string): string {
  return raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

function stringAttribute(attributes: Attributes | undefined, key: string): string | undefined {
  const value = attributes?.[key];
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function assignDefined<K extends keyof EnvSettings>(target: EnvSettings, key: K, value: EnvSettings[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}
