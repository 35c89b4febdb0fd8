import type { z } from "zod";
import type { ConfigProblem } from "./config-error.js";
import { DOCUMENTED_EXPORTER_TYPES, KNOWN_OPTION_KEYS } from "./schema.js";
import { LOG_EXPORTER_TYPES, METRIC_EXPORTER_TYPES } from "./signal-env.js";

/** How to fix a bad value, by option path (`*` stands for an array index). */
const FIXES: Readonly<Record<string, string>> = {
  enabled: "use true or false",
  serviceName: 'use a non-empty string such as "support-bot"',
  "exporters.*.endpoint": 'use a full URL such as "http://localhost:4317"',
  "exporters.*.protocol": 'use "grpc", "http/protobuf" or "http/json"',
  "exporters.*.compression": 'use "gzip" or "none"',
  "exporters.*.timeoutMillis": "use a whole number of milliseconds above 0, such as 10000",
  "exporters.*.timeoutMs": "use a whole number of milliseconds above 0, such as 10000 (and rename it timeoutMillis)",
  "exporters.*.path": 'use a file path such as "traces/spans.jsonl"',
  "exporters.*.headers": 'use an object of string values, such as { "api-key": "..." }',
  exporters: 'use an array, such as [{ type: "console" }]',
  processor: 'use "batch" or "simple"',
  "sampling.rate": "use a number from 0 to 1, such as 0.25",
  "sampling.rules.*.rate": "use a number from 0 to 1, such as 0.25",
  "sampling.sampler": 'use "always_on", "always_off", a function (name, context, traceId, attributes) => boolean, or an OpenTelemetry Sampler',
  "propagators.*": 'use "tracecontext", "baggage", "b3", "b3multi", "jaeger" or "none"',
  logLevel: 'use "none", "error", "warn", "info", "debug", "verbose" or "all"',
  shutdownTimeoutMillis: "use a whole number of milliseconds above 0, such as 10000",
  exitTimeoutMillis: "use a whole number of milliseconds above 0, such as 2000",
  shutdownTimeoutMs: "use a whole number of milliseconds above 0, such as 10000 (and rename it shutdownTimeoutMillis)",
  "instrumentations.*": "pass instrumentation instances (or arrays of them), such as new HttpInstrumentation() from @opentelemetry/instrumentation-http",
  "conventions.*": 'use "ai", "gen_ai", "openinference", "traceloop" or "langfuse"',
  spanNames: 'use "llmtrace" or "gen_ai"',
  "content.capture": 'use true, false or "hash"',
  "content.redact": "use true, false, or an object with secrets, pii, sensitiveKeys, rules, hook, replacement",
  "content.redact.rules.*.pattern": "use a RegExp or a valid regular expression source",
  "content.redact.secrets": "use true, false, or an object turning single detectors on or off, such as { jwt: false }",
  "content.redact.pii": "use true, false, or an object turning single detectors on or off, such as { ipv4: false }",
  "content.redact.sensitiveKeys": 'use true, false, or a list of extra key names, such as ["x-session"]',
  "content.redact.hook": "use a function (value, { key, spanKind, spanName }) => string | undefined",
  "content.maxLength": "use a whole number of characters above 0, such as 32768",
  "pricing.*": "give inputPerMillion and outputPerMillion (USD per million tokens, 0 or more), and optionally cacheReadPerMillion and cacheWritePerMillion",
  contextBaggage: "use true or false",
  metrics: 'use true, false, or { exporters: [{ type: "prometheus" }], exportIntervalMillis: 60000 }',
  "metrics.exporters": 'use an array, such as [{ type: "prometheus", port: 9464 }]',
  "metrics.exporters.*": 'use { type: "otlp" | "prometheus" | "console" | "memory" | "none" } or a MetricReader from @opentelemetry/sdk-metrics',
  "metrics.exporters.*.port": "use a port number from 0 to 65535, such as 9464",
  "metrics.exporters.*.path": 'use a path starting with "/", such as "/metrics"',
  "metrics.exporters.*.endpoint": 'use a full URL such as "http://localhost:4318/v1/metrics"',
  "metrics.exportIntervalMillis": "use a whole number of milliseconds above 0, such as 60000",
  "metrics.cardinalityLimit": "use a whole number above 0, such as 2000",
  logs: 'use true, false, or { exporters: [{ type: "otlp" }], console: true }',
  "logs.exporters": 'use an array, such as [{ type: "otlp" }]',
  "logs.exporters.*": 'use { type: "otlp" | "console" | "memory" | "none" } or a LogRecordExporter from @opentelemetry/sdk-logs',
  "logs.exporters.*.endpoint": 'use a full URL such as "http://localhost:4318/v1/logs"',
  "logs.console": "use true or false",
  priceUpdates: 'use true, false, or { url: "https://...", refreshHours: 24 }',
  "priceUpdates.url": 'use a full URL such as "https://example.com/prices.json"',
  "priceUpdates.refreshMillis": "use a whole number of milliseconds above 0, such as 86400000 (24 hours)",
  "priceUpdates.refreshHours": "use a number of hours above 0, such as 24 (or refreshMillis, its new name)",
  "attributes.*": "use a string, number or boolean, or an array of one of those",
  "resourceAttributes.*": "use a string, number or boolean, or an array of one of those",
};

const TYPE_NAMES: Readonly<Record<string, string>> = {
  int: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "an object",
  array: "an array",
};

/** Turns zod's issues into problems that say where, what, and how to fix it. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const issue of issues.flatMap((issue) => innermost(issue, []))) {
    const path = formatPath(issue.path);
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const suggestion = closestKey(key);
        problems.push({
          path: path ? `${path}.${key}` : key,
          message: "is not an option llmtrace knows",
          fix: suggestion ? `did you mean "${suggestion}"? Otherwise remove it` : "remove it, or check its spelling in docs/configuration.md",
        });
      }
      continue;
    }
    if (issue.code === "invalid_union" && "discriminator" in issue && issue.discriminator === "type") {
      problems.push({
        path,
        message: `${quote(valueAt(input, issue.path))} is not an exporter type`,
        fix: exporterTypeFix(issue.path[0]),
      });
      continue;
    }
    const value = valueAt(input, issue.path);
    problems.push({
      path: path || "(options)",
      message: describeValueProblem(issue, value),
      fix: shorthandFix(issue, value) ?? instanceFix(issue, value) ?? fixFor(issue),
    });
  }
  return problems;
}

/**
 * A union reports that no branch matched, at its own path. When the value has the type of one
 * branch (an object where `true` or an object is allowed), that branch's own issues say what is
 * wrong, at their own deeper paths: `content.redact.pii`, not `content.redact`.
 */
function innermost(issue: z.core.$ZodIssue, base: readonly PropertyKey[]): z.core.$ZodIssue[] {
  const path = [...base, ...issue.path];
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const matching = issue.errors.filter((branch) => !branch.some(isMismatchAtRoot));
    if (matching.length === 1) return matching[0]!.flatMap((inner) => innermost(inner, path));
  }
  return [{ ...issue, path } as z.core.$ZodIssue];
}

/** True when the issue says the value is not of the branch's kind at all, rather than wrong inside. */
function isMismatchAtRoot(issue: z.core.$ZodIssue): boolean {
  return issue.path.length === 0 && (issue.code === "invalid_type" || issue.code === "invalid_value" || issue.code === "custom");
}

/** Fixes for a value given where an object of options belongs, written as the object it stands for. */
function shorthandFix(issue: z.core.$ZodIssue, value: unknown): string | undefined {
  if (issue.code !== "invalid_type") return undefined;
  const path = issue.path;
  if (path.length === 2 && path[0] === "exporters") return exporterFix(value);
  if (path.length !== 1) return undefined;
  const literal = typeof value === "string" ? JSON.stringify(value) : String(value);
  switch (path[0]) {
    case "sampling":
      if (typeof value === "number") return `write { rate: ${literal} }`;
      if (value === "always_on" || value === "always_off") return `write { sampler: ${literal} }`;
      if (typeof value === "function") return "write { sampler: yourFunction }";
      return undefined;
    case "content":
      if (typeof value === "boolean" || value === "hash") return `write { capture: ${literal} }`;
      return undefined;
    case "exporters":
      if (isSpanExporterLike(value) || (typeof value === "object" && value !== null && "type" in value)) return "write it inside an array: [ ... ]";
      return undefined;
    case "instrumentations":
      if (typeof value === "object" && value !== null) return "write it inside an array: [ ... ]";
      return undefined;
    default:
      return undefined;
  }
}

/** A class given where an instance belongs: `[HttpInstrumentation]` for `[new HttpInstrumentation()]`. */
function instanceFix(issue: z.core.$ZodIssue, value: unknown): string | undefined {
  if (issue.path[0] !== "instrumentations" || issue.path.length < 2 || typeof value !== "function") return undefined;
  return `create an instance: new ${value.name || "YourInstrumentation"}()`;
}

function isSpanExporterLike(value: unknown): boolean {
  return typeof value === "object" && value !== null && typeof (value as { export?: unknown }).export === "function";
}

function describeValueProblem(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      return value === undefined ? "is required" : `${quote(value)} is not ${TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`}`;
    case "too_small":
    case "too_big":
    case "invalid_value":
    case "invalid_format":
      return `${quote(value)} is not allowed (${lowerFirst(issue.message)})`;
    case "custom":
      // A check across options words its message whole; others follow the value they judge.
      return (issue.params as { whole?: boolean } | undefined)?.whole ? issue.message : `${quote(value)} ${issue.message}`;
    case "invalid_union":
      return `${quote(value)} is not ${describeAlternatives(issue.errors)}`;
    default:
      return `${quote(value)} is invalid (${lowerFirst(issue.message)})`;
  }
}

/** "true or false, or an object": what each branch of a union would have taken. */
function describeAlternatives(branches: readonly (readonly z.core.$ZodIssue[])[]): string {
  const names: string[] = [];
  for (const branch of branches) {
    const root = branch.find((issue) => issue.path.length === 0);
    let name: string | undefined;
    if (root?.code === "invalid_type") name = root.expected === "record" ? "an object" : TYPE_NAMES[root.expected] ?? `a ${root.expected}`;
    else if (root?.code === "invalid_value") name = root.values.map((v) => JSON.stringify(v)).join(" or ");
    // A branch that cannot be named (a function, a Sampler) would make a partial list misleading.
    if (!name) return "an accepted value";
    if (!names.includes(name)) names.push(name);
  }
  if (names.length === 0) return "an accepted value";
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")}, or ${names.at(-1)!}`;
}

/** The exporter types of the signal whose list the path is in. */
function exporterTypeFix(signal: PropertyKey | undefined): string {
  const list = (types: readonly string[]) => types.map((t) => `"${t}"`).join(", ");
  if (signal === "metrics") return `use one of ${list(METRIC_EXPORTER_TYPES)}, "memory", or pass a MetricReader instance`;
  if (signal === "logs") return `use one of ${list(LOG_EXPORTER_TYPES)}, "memory", or pass a LogRecordExporter instance`;
  return `use one of ${list(DOCUMENTED_EXPORTER_TYPES)}, or pass a SpanExporter instance`;
}

/** An exporter that is not an object: named by its type alone (["console"]) is the likely slip. */
function exporterFix(value: unknown): string {
  if (typeof value === "string") return `write { type: ${JSON.stringify(value)} }`;
  return 'write each exporter as an object, such as { type: "console" }, or pass a SpanExporter instance';
}

function fixFor(issue: z.core.$ZodIssue): string {
  const params = "params" in issue ? (issue.params as { fix?: string } | undefined) : undefined;
  if (params?.fix) return params.fix;
  const pattern = issue.path.map((part) => (typeof part === "number" ? "*" : String(part))).join(".");
  // Attribute maps have free-form keys, so their fix is looked up by the map's name.
  const known = FIXES[pattern] ?? FIXES[`${String(issue.path[0])}.*`];
  if (known) return known;
  if (issue.code === "invalid_value") return `use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (issue.code === "invalid_type") return `use ${TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`}`;
  if (issue.code === "too_small" || issue.code === "too_big") return `use a value ${lowerFirst(issue.message).replace(/^too (small|big): expected \w+ to /, "")}`;
  return "see docs/configuration.md for the accepted values";
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input;
  for (const part of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[part];
  }
  return current;
}

function quote(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === null || value === undefined) return String(value);
  if (typeof value === "function") return "a function";
  return Array.isArray(value) ? "an array" : "an object";
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function closestKey(key: string): string | undefined {
  // Durations are named ...Millis; ...Ms is the likely slip (and the old name of some options).
  if (key.endsWith("Ms") && KNOWN_OPTION_KEYS.includes(`${key.slice(0, -2)}Millis`)) return `${key.slice(0, -2)}Millis`;
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_OPTION_KEYS) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
