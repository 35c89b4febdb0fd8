import type { Context } from "@opentelemetry/api";
import { context } from "@opentelemetry/api";
import { inject } from "./propagation.js";

// The OpenTelemetry convention for carrying a trace into a child process: the environment
// variables TRACEPARENT, TRACESTATE and BAGGAGE (the W3C headers' names, upper-cased).
const ENV_NAMES: Readonly<Record<string, string>> = { traceparent: "TRACEPARENT", tracestate: "TRACESTATE", baggage: "BAGGAGE" };

/**
 * `baseEnv` with the active trace context added as TRACEPARENT / TRACESTATE / BAGGAGE, for a child
 * process: `spawn("node", ["job.js"], { env: childProcessEnv(process.env) })`. The child continues
 * the trace with `withExtractedContext(carrierFromEnv(process.env), run)`.
 */
export function childProcessEnv(baseEnv: Readonly<Record<string, string | undefined>> | undefined, ctx: Context = context.active()): Record<string, string> {
  const env: Record<string, string> = {};
  // A parent's own TRACEPARENT (in any case: Windows reads names without it) must not reach a
  // child that has no trace to carry.
  const carried = new Set(Object.values(ENV_NAMES));
  for (const [key, value] of Object.entries(baseEnv ?? {})) if (value !== undefined && !carried.has(key.toUpperCase())) env[key] = value;
  for (const [header, value] of Object.entries(inject({}, ctx))) {
    const name = ENV_NAMES[header.toLowerCase()];
    if (name) env[name] = value;
  }
  return env;
}

/** The trace context a parent process put in the environment, as a carrier for `withExtractedContext`. */
export function carrierFromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const carrier: Record<string, string> = {};
  for (const [header, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (typeof value === "string" && value !== "") carrier[header] = value;
  }
  return carrier;
}
