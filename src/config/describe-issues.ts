import type { z } from "zod";
import type { ConfigProblem } from "./config-error.js";
import { DOCUMENTED_EXPORTER_TYPES, KNOWN_OPTION_KEYS } from "./schema.js";

/** How to fix a bad value, by option path (`*` stands for an array index). */
const FIXES: Readonly<Record<string, string>> = {
  enabled: "use true or false",
  serviceName: 'use a non-empty string such as "support-bot"',
  "exporters.*.endpoint": 'use a full URL such as "http://localhost:4317"',
  "exporters.*.protocol": 'use "grpc", "http/protobuf" or "http/json"',
  "exporters.*.compression": 'use "gzip" or "none"',
  "exporters.*.timeoutMs": "use a whole number of milliseconds above 0, such as 10000",
  "exporters.*.path": 'use a file path such as "traces/spans.jsonl"',
  "exporters.*.headers": 'use an object of string values, such as { "api-key": "..." }',
  exporters: 'use an array, such as [{ type: "console" }]',
  processor: 'use "batch" or "simple"',
  "sampling.rate": "use a number from 0 to 1, such as 0.25",
  "sampling.rules.*.rate": "use a number from 0 to 1, such as 0.25",
  "sampling.sampler": 'use "always_on", "always_off", a function (name, context, traceId, attributes) => boolean, or an OpenTelemetry Sampler',
  "propagators.*": 'use "tracecontext", "baggage", "b3", "b3multi", "jaeger" or "none"',
  logLevel: 'use "none", "error", "warn", "info", "debug", "verbose" or "all"',
  shutdownTimeoutMs: "use a whole number of milliseconds above 0, such as 10000",
  "conventions.*": 'use "ai", "gen_ai", "openinference", "traceloop" or "langfuse"',
  spanNames: 'use "llmtrace" or "gen_ai"',
  "content.capture": 'use true, false or "hash"',
  "content.redact": "use true, false, or an object with secrets, pii, sensitiveKeys, rules, hook, replacement",
  "content.redact.rules.*.pattern": "use a RegExp or a valid regular expression source",
  "content.redact.hook": "use a function (value, { key, spanKind, spanName }) => string | undefined",
  "content.maxLength": "use a whole number of characters above 0, such as 32768",
  "pricing.*": "give inputPerMillion and outputPerMillion (USD per million tokens, 0 or more), and optionally cacheReadPerMillion and cacheWritePerMillion",
  contextBaggage: "use true or false",
  priceUpdates: 'use true, false, or { url: "https://...", refreshHours: 24 }',
  "priceUpdates.url": 'use a full URL such as "https://example.com/prices.json"',
  "priceUpdates.refreshHours": "use a number of hours above 0, such as 24",
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
  for (const issue of issues) {
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
        fix: `use one of ${DOCUMENTED_EXPORTER_TYPES.map((t) => `"${t}"`).join(", ")}, or pass a SpanExporter instance`,
      });
      continue;
    }
    const value = valueAt(input, issue.path);
    problems.push({
      path: path || "(options)",
      message: describeValueProblem(issue, value),
      fix: issue.path.length === 2 && issue.path[0] === "exporters" && issue.code === "invalid_type" ? exporterFix(value) : fixFor(issue),
    });
  }
  return problems;
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
      return issue.message.startsWith("(") ? issue.message : `${quote(value)} ${issue.message}`;
    default:
      return `${quote(value)} is invalid (${lowerFirst(issue.message)})`;
  }
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
