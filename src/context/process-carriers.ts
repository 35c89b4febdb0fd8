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
export function childProcessEnv(baseEnv: Readonly<Record<string, string | undefined>>, ctx: Context = context.active()): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(baseEnv)) if (value !== undefined) env[key] = value;
  // A parent's own TRACEPARENT must not leak into a child that has none to carry.
  for (const name of Object.values(ENV_NAMES)) delete env[name];
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
