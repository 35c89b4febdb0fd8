// The public API of llmtrace. Every export is named here; this file holds no logic.

export { configureTracing, getActiveTracing } from "./pipeline/configure-tracing.js";
export type { FlushOptions, TracingHandle } from "./pipeline/tracing-handle.js";
export { createSpanProcessors } from "./pipeline/create-span-processors.js";

export { resolveConfig } from "./config/resolve-config.js";
export type { Resolution } from "./config/resolve-config.js";
export { TracingConfigError } from "./config/config-error.js";
export type { ConfigProblem } from "./config/config-error.js";
export type { Env } from "./config/env.js";
export type {
  BatchOptions,
  ConsoleExporterOption,
  ExporterOption,
  JsonlExporterOption,
  LogLevel,
  MemoryExporterOption,
  NoneExporterOption,
  OtlpExporterOption,
  OtlpProtocol,
  PropagatorName,
  SamplerFunction,
  SamplingOptions,
  SamplingRule,
  TracingOptions,
  ZipkinExporterOption,
} from "./config/options.js";
export type {
  ResolvedBatch,
  ResolvedConfig,
  ResolvedExporter,
  ResolvedSampling,
  ResolvedSamplingRule,
} from "./config/resolved-config.js";

export { ConsoleTreeExporter } from "./pipeline/exporters/console-exporter.js";
export { JsonlFileExporter } from "./pipeline/exporters/jsonl-exporter.js";
export { MemorySpanExporter } from "./pipeline/exporters/memory-exporter.js";
export { TraceIdRatioSampler } from "./pipeline/samplers/ratio-sampler.js";

export { extract, inject, withExtractedContext } from "./context/propagation.js";
export type { Carrier, HeadersLike } from "./context/propagation.js";

export { VERSION } from "./version.js";
