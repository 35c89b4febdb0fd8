import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { type Env, spanLimitsFromEnv } from "../config/env.js";

export type TracerProviderConfig = NonNullable<ConstructorParameters<typeof BasicTracerProvider>[0]>;

/**
 * The provider class llmtrace builds. sdk-trace-base's `BasicTracerProvider` (and
 * `NodeTracerProvider`, which only adds `register()`) is @opentelemetry/sdk-trace's
 * `TracerProvider` plus defaults read from `process.env` in its constructor: `loadDefaultConfig()`
 * calls `buildSamplerFromEnv()` even when a sampler is passed, which reports a bad
 * OTEL_TRACES_SAMPLER / _ARG a second and third time (once contradicting llmtrace) and ignores
 * the `env` given to `configureTracing()`. Its base class is the same provider without that step;
 * llmtrace reads those variables itself (sampler, span limits). Should a later SDK release stop
 * being built this way, the full class is used, with the SDK's own reading.
 */
const EnvFreeTracerProvider = providerWithoutEnvDefaults();

/** The provider for `configureTracing()`, with limits from `env` under those given in `config`. */
export function createTracerProvider(config: TracerProviderConfig, env: Env): BasicTracerProvider {
  return new EnvFreeTracerProvider({ ...config, spanLimits: { ...spanLimitsFromEnv(env), ...config.spanLimits } });
}

function providerWithoutEnvDefaults(): typeof BasicTracerProvider {
  const base: unknown = Object.getPrototypeOf(BasicTracerProvider);
  const methods = typeof base === "function" ? (base.prototype as Partial<Record<string, unknown>> | undefined) : undefined;
  const isProvider = ["getTracer", "forceFlush", "shutdown"].every((name) => typeof methods?.[name] === "function");
  return isProvider ? (base as typeof BasicTracerProvider) : BasicTracerProvider;
}
