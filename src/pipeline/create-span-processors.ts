import { diag } from "@opentelemetry/api";
import type { MetricProducer } from "@opentelemetry/sdk-metrics";
import { SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { Env } from "../config/env.js";
import type { TracingOptions } from "../config/options.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { StaticAttributesProcessor } from "./attributes-processor.js";
import { ContextAttributesProcessor } from "./context-processor.js";
import { reportOutcome, withDeadline } from "./deadline.js";
import { warnDeprecated } from "./deprecation-warnings.js";
import { CountingExporter } from "./export/counting-exporter.js";
import { ExportQueueProcessor } from "./export/export-queue.js";
import type { ExportTarget } from "./export/export-target.js";
import { createExporter, exportTarget } from "./exporters/create-exporter.js";
import { MemorySpanExporter } from "./exporters/memory-exporter.js";
import { flushTimeout } from "./flush-timeout.js";
import { installAll, type Undo } from "./globals/install-step.js";
import { configureTracingOwnsSettings, settingsStep } from "./globals/settings-step.js";
import { instrumentationSettings } from "./instrumentation-config.js";
import { SpanMetrics } from "./metrics/span-metrics.js";
import { selfTiming } from "../platform/self-timing.js";
import type { OpenSpans } from "./open-spans.js";
import { PipelineProcessor } from "./pipeline-processor.js";
import { TailSampler } from "./sampling/tail-sampler.js";
import { RedactionProcessor } from "./redaction-processor.js";
import { ExporterCounters, PipelineCounters, type TracingStats } from "./stats.js";
import type { FlushOptions } from "./tracing-handle.js";

export interface SpanPipeline {
  readonly processors: readonly SpanProcessor[];
  /** The first memory exporter, when one is configured. */
  readonly memoryExporter: MemorySpanExporter | undefined;
  /** Spans started, ended, exported, dropped: read through `tracing.stats()`. */
  readonly counters: PipelineCounters;
  /** Shuts every processor (and so every exporter) down. */
  shutdown(): Promise<void>;
  /** Drops what every export queue still holds, counted and reported per exporter (a shutdown past its deadline). */
  abandon(reason: string): void;
  /** Tail sampling, when on. */
  readonly tail: TailSampler | undefined;
  /** Spans started and not ended: ended as interrupted when the process stops before they do. */
  readonly openSpans: OpenSpans;
  /** From the process's `exit` event: exporters that can write synchronously (files, the console) write what is queued. */
  writeAtExit(): void;
}

/**
 * The processors for a resolved config: attribute stamping, redaction of every span as it ends,
 * then one export queue per exporter. The instrumentation settings hold the redactor, so the
 * pipeline and the content path apply the same rules. If an exporter cannot be built (its
 * package fails to load), those already built are shut down and the error is rethrown.
 */
export function buildSpanPipeline(config: ResolvedConfig, settings: InstrumentationSettings, metrics?: SpanMetrics): SpanPipeline {
  const counters = new PipelineCounters();
  // The overhead estimate starts a new account with each pipeline.
  selfTiming.reset();
  const staticAttributes = Object.keys(config.attributes).length > 0 ? new StaticAttributesProcessor(config.attributes) : undefined;
  const redaction = new RedactionProcessor(settings.content.redactor, settings.content.maxLength);
  const exports: SpanProcessor[] = [];
  const shutdown = () => Promise.all(exports.map((processor) => processor.shutdown())).then(() => undefined);
  let memoryExporter: MemorySpanExporter | undefined;
  const queues: ExportQueueProcessor[] = [];
  try {
    const jsonlPaths = config.exporters.flatMap((exporter) => (exporter.type === "jsonl" ? [exporter.path] : []));
    for (const exporterConfig of config.exporters) {
      const exporter = createExporter(exporterConfig, jsonlPaths);
      const target = exportTarget(exporterConfig);
      const exporterCounters = new ExporterCounters(target.exporter, target.endpoint);
      counters.exporters.push(exporterCounters);
      if (exporter instanceof MemorySpanExporter) {
        memoryExporter ??= exporter;
        // Tests read the memory exporter right after a span ends, so it never waits in a queue.
        exports.push(new SimpleSpanProcessor(new CountingExporter(exporter, exporterCounters, target)));
      } else {
        const processor = createExportProcessor(exporter, config, exporterCounters, target);
        if (processor instanceof ExportQueueProcessor) queues.push(processor);
        exports.push(processor);
      }
    }
  } catch (error) {
    void shutdown().catch(() => undefined);
    throw error;
  }
  const abandon = (reason: string) => {
    for (const queue of queues) queue.abandon(reason);
  };
  const tail = config.tailSampling
    ? new TailSampler(config.tailSampling, (span) => {
        for (const processor of exports) processor.onEnd(span);
      })
    : undefined;
  counters.tail = tail;
  const pipeline = new PipelineProcessor(counters, new ContextAttributesProcessor(), staticAttributes, redaction, exports, metrics, tail);
  const processors = [pipeline];
  const writeAtExit = () => {
    for (const queue of queues) queue.writeQueuedAtExit();
  };
  return { processors, memoryExporter, counters, shutdown, abandon, tail, openSpans: pipeline.openSpans, writeAtExit };
}

function createExportProcessor(exporter: SpanExporter, config: ResolvedConfig, counters: ExporterCounters, target: ExportTarget): SpanProcessor {
  if (config.processor === "simple") return new SimpleSpanProcessor(new CountingExporter(exporter, counters, target));
  return new ExportQueueProcessor(exporter, config.batch, counters, target);
}

/**
 * What `createSpanProcessors()` returns: an array of span processors (so it goes straight into
 * `new NodeTracerProvider({ spanProcessors })`, or spread into a longer list) that can also be
 * flushed and shut down. `shutdown()` stops these processors and takes back the instrumentation
 * settings they installed. Call the methods on the list (`processors.shutdown()`), not detached.
 */
export class SpanProcessorList extends Array<SpanProcessor> {
  // map(), filter(), slice()... return plain arrays: a part of the list owns nothing.
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  readonly #pipeline: SpanPipeline | undefined;
  readonly #release: Undo;
  readonly #timeoutMillis: number;
  #shuttingDown: Promise<void> | undefined;

  /**
   * With `metrics` on, llmtrace's metrics for your own meter provider's reader:
   * `new PeriodicExportingMetricReader({ exporter, metricProducers: [processors.metricProducer] })`
   * (or a Prometheus exporter's `metricProducers`). Undefined when metrics are off.
   */
  readonly metricProducer: MetricProducer | undefined;

  /** @internal Made by `createSpanProcessors()`. */
  constructor(pipeline: SpanPipeline | undefined, release: Undo, timeoutMillis: number, metricProducer?: MetricProducer) {
    super();
    this.metricProducer = metricProducer;
    this.#pipeline = pipeline;
    this.#release = release;
    this.#timeoutMillis = timeoutMillis;
    if (pipeline) this.push(...pipeline.processors);
  }

  /** The processors as a plain array. */
  get processors(): SpanProcessor[] {
    return [...this];
  }

  /** The memory exporter, when `{ type: "memory" }` is configured. */
  get memoryExporter(): MemorySpanExporter | undefined {
    return this.#pipeline?.memoryExporter;
  }

  /** Spans started, ended, exported, dropped and queued through these processors. */
  stats(): TracingStats {
    return (this.#pipeline?.counters ?? new PipelineCounters()).snapshot();
  }

  /** Exports everything buffered; resolves by the deadline (`shutdownTimeoutMillis`); never rejects. */
  async forceFlush(options?: FlushOptions): Promise<void> {
    const timeout = flushTimeout(options, this.#timeoutMillis);
    reportOutcome("forceFlush() of createSpanProcessors()", await withDeadline(Promise.all(this.map((processor) => processor.forceFlush())), timeout), timeout);
  }

  /**
   * Flushes and stops these processors (a no-op for those the provider's own `shutdown()`
   * already stopped) and puts back the instrumentation settings that were in force before.
   * Idempotent; resolves by the deadline; never rejects.
   */
  shutdown(options?: FlushOptions): Promise<void> {
    this.#shuttingDown ??= (async () => {
      const timeout = flushTimeout(options, this.#timeoutMillis);
      const outcome = await withDeadline(this.#pipeline?.shutdown() ?? Promise.resolve(), timeout);
      reportOutcome("shutdown() of createSpanProcessors()", outcome, timeout);
      if (outcome.status !== "done") this.#pipeline?.abandon(`shutdown() gave up after ${timeout} ms`);
      this.#release();
    })();
    return this.#shuttingDown;
  }
}

/**
 * llmtrace's span processors for a tracer provider you build yourself, for applications that
 * already run their own OpenTelemetry setup:
 *
 *     const processors = createSpanProcessors({ exporters: [...] });
 *     const provider = new NodeTracerProvider({ spanProcessors: processors });
 *     // at exit: await provider.shutdown(); await processors.shutdown();
 *
 * No OpenTelemetry global is registered; sampling and the resource stay your provider's. The
 * instrumentation options (conventions, content, pricing...) apply to llmtrace's builders and
 * decorators until `processors.shutdown()` — unless `configureTracing()` is running, whose
 * settings are never replaced. Returns an empty list when tracing is disabled. Throws
 * `TracingConfigError` for invalid options.
 */
export function createSpanProcessors(options: TracingOptions = {}, env: Env = process.env): SpanProcessorList {
  const { config, warnings, deprecations } = resolveConfig(options, env, "createSpanProcessors");
  warnDeprecated(deprecations);
  const settings = instrumentationSettings(config);
  // The application's own readers export the metrics: processors.metricProducer goes in their metricProducers.
  const metrics = config.enabled && config.metrics ? new SpanMetrics(config.metrics.cardinalityLimit) : undefined;
  const pipeline = config.enabled ? buildSpanPipeline(config, settings, metrics) : undefined;
  let release: Undo = () => {};
  if (configureTracingOwnsSettings()) {
    diag.warn(
      "llmtrace: createSpanProcessors() was called while configureTracing() is running: its conventions, content and pricing options stay in force for llmtrace's builders and decorators. These processors still redact and export with their own options.",
    );
  } else {
    release = installAll([settingsStep(settings, "createSpanProcessors")]);
  }
  if (config.instrumentations.length > 0) {
    diag.warn("llmtrace: createSpanProcessors() ignores the instrumentations option; register them with your own provider (registerInstrumentations() from @opentelemetry/instrumentation).");
  }
  if (options.logs) {
    diag.warn("llmtrace: createSpanProcessors() ignores the logs option: log export needs a logger provider, which configureTracing() sets up; with your own, add a LogRecordProcessor to it. pinoOptions(), winstonFormat() and logContext() correlate lines either way.");
  }
  if (metrics && typeof options.metrics === "object" && options.metrics.exporters) {
    diag.warn("llmtrace: createSpanProcessors() ignores metrics.exporters: give processors.metricProducer to your own reader (new PeriodicExportingMetricReader({ exporter, metricProducers: [processors.metricProducer] })).");
  }
  for (const warning of warnings) diag.warn(`llmtrace: ${warning}`);
  return new SpanProcessorList(pipeline, release, config.shutdownTimeoutMillis, metrics);
}
