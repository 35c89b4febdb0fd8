// The public API of llmtrace. Every export is named here; this file holds no logic.

// `llm` is `trace` under a name that does not clash with @opentelemetry/api's `trace`.
export { trace, trace as llm } from "./spans/trace-api.js";
export { CurrentSpan } from "./spans/current-span.js";
export type { MapItem, MapOptions } from "./spans/map.js";
export type { CacheInfo } from "./conventions/cache-attributes.js";
export type { LlmTrace } from "./spans/trace-api.js";
export type { Builder, ChildBuilders, TaskBuilder, WorkflowBuilder } from "./spans/builder-types.js";
export { SpanHandle } from "./spans/span-handle.js";
export { TraceHandle } from "./spans/trace-handle.js";
export type { TraceOptions } from "./spans/trace-handle.js";
export { EntityHandle } from "./spans/entity.js";
export type { TaskOptions, WorkflowOptions } from "./spans/entity.js";
export { MessageHandle } from "./spans/message.js";
export type { MessageOptions } from "./spans/message.js";
export { GenerationHandle } from "./spans/generation.js";
export type { GenerationOperation, GenerationOptions, GenerationResult } from "./types/generation-result.js";
export { ToolHandle } from "./spans/tool.js";
export type { ToolOptions } from "./spans/tool.js";
export { AgentHandle } from "./spans/agent.js";
export type { AgentOptions } from "./spans/agent.js";
export { RetrievalHandle } from "./spans/retrieval.js";
export type { RetrievalOptions, RetrievalResult, RetrievedDocument } from "./spans/retrieval.js";
export { SystemHandle } from "./spans/system.js";
export type { SystemOptions } from "./spans/system.js";
export type { FeedbackOptions } from "./spans/feedback.js";
export type { ChatMessage } from "./types/chat-message.js";
export type { TokenUsage } from "./types/token-usage.js";
export type { ModelPricing } from "./types/pricing.js";
export type { ConventionProfile, LlmSpanKind } from "./types/span-kinds.js";

export { agent, task, tool, workflow } from "./decorators/entity-decorators.js";
export type { EntityDecorator, EntityWrapper } from "./decorators/entity-decorators.js";
export type { EntityKind, EntityOptions } from "./decorators/entity-options.js";

export { traceStream } from "./streams/trace-stream.js";
export { instrument } from "./instrument/instrument.js";
export type { InstrumentOptions } from "./instrument/instrument.js";
export { createLangChainHandler } from "./instrument/langchain-handler.js";
export { createPipelineTracer } from "./instrument/pipeline-tracer.js";
export type { PipelineTracer } from "./instrument/pipeline-tracer.js";
export { createOpenAIAgentsProcessor } from "./instrument/openai-agents-processor.js";
export { recognizeResponse } from "./readers/recognize-response.js";
export { redactText } from "./settings/redact-text.js";
export type { RedactionContext, RedactionHook, RedactionRule } from "./content/redaction/redactor.js";
export type { DetectorName, PiiDetector, SecretDetector } from "./content/redaction/detectors.js";
export type { ContentField } from "./types/content-field.js";

export { logContext } from "./logs/log-context.js";
export type { LogContext } from "./logs/log-context.js";
export { pinoMixin, pinoOptions } from "./logs/pino.js";
export type { PinoOptionsLike } from "./logs/pino.js";
export { winstonFormat } from "./logs/winston.js";
export type { WinstonFormatLike } from "./logs/winston.js";

export { getLlmContext, withContext } from "./context/llm-context.js";
export type { LlmContext } from "./types/llm-context.js";

export { configureTracing, getActiveTracing } from "./pipeline/configure-tracing.js";
export type { FlushAfterOptions, FlushOptions, TracingHandle } from "./pipeline/tracing-handle.js";
export { flushAfter } from "./pipeline/flush-after.js";
export type { FlushingHandler } from "./pipeline/flushing-handler.js";
export type { ExporterStats, TracingStats } from "./pipeline/stats.js";
export type { MetricsStats } from "./pipeline/metrics/metrics-pipeline.js";
export type { OverheadStats } from "./pipeline/overhead.js";
export type { LogsStats } from "./pipeline/logs/logs-pipeline.js";
export type { DroppedReason, EarlyReason, KeptReason, SamplingStats } from "./pipeline/sampling/tail-sampler.js";
export type { SignalExporterStats } from "./pipeline/export/signal-export-counters.js";
export { shutdownOnSignals } from "./pipeline/shutdown-on-signals.js";
export { createSpanProcessors } from "./pipeline/create-span-processors.js";
export type { SpanProcessorList } from "./pipeline/create-span-processors.js";

export { TracingConfigError } from "./config/config-error.js";
export type { ConfigProblem } from "./config/config-error.js";
export type {
  BatchOptions,
  ConsoleExporterOption,
  ContentOptions,
  RedactOptions,
  ExporterOption,
  InstrumentationOption,
  JsonlExporterOption,
  LogLevel,
  MemoryExporterOption,
  NoneExporterOption,
  OtlpExporterOption,
  OtlpProtocol,
  PriceUpdateOptions,
  PropagatorName,
  SamplerFunction,
  SamplingOptions,
  SamplingRule,
  TailKeepOptions,
  TailLimitOptions,
  FinishedTrace,
  TracingOptions,
  ZipkinExporterOption,
} from "./config/options.js";
export type {
  LogExporterOption,
  LogsOptions,
  MetricExporterOption,
  MetricsOptions,
  OtlpSignalExporterOption,
  PrometheusExporterOption,
} from "./config/signal-options.js";

export { ConsoleTreeExporter } from "./pipeline/exporters/console-exporter.js";
export { JsonlFileExporter } from "./pipeline/exporters/jsonl-exporter.js";
export { MemorySpanExporter } from "./pipeline/exporters/memory-exporter.js";
export { TraceIdRatioSampler } from "./pipeline/samplers/ratio-sampler.js";

export { extract, inject, withExtractedContext } from "./context/propagation.js";
export { carrierFromEnv, childProcessEnv } from "./context/process-carriers.js";
export type { Carrier, HeadersLike } from "./context/propagation.js";

export { VERSION } from "./version.js";
