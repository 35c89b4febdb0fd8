import { TracerProvider, type TracerProviderOptions } from "@opentelemetry/sdk-trace";
import { type Env, spanLimitsFromEnv } from "../config/env.js";

/**
 * The provider llmtrace builds: @opentelemetry/sdk-trace's `TracerProvider`, not sdk-trace-base's
 * `BasicTracerProvider` / `NodeTracerProvider`, which are the same class plus defaults read from
 * `process.env` in the constructor — `loadDefaultConfig()` calls `buildSamplerFromEnv()` even
 * when a sampler is passed, which reports a bad OTEL_TRACES_SAMPLER / _ARG a second and third
 * time (once contradicting llmtrace) and ignores the `env` given to `configureTracing()`.
 * llmtrace reads those variables itself (sampler, span limits).
 */
export function createTracerProvider(config: TracerProviderOptions, env: Env): TracerProvider {
  return new TracerProvider({ ...config, spanLimits: { ...spanLimitsFromEnv(env), ...config.spanLimits } });
}
