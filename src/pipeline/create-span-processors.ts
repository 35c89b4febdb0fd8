import { diag } from "@opentelemetry/api";
import { SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { Env } from "../config/env.js";
import type { TracingOptions } from "../config/options.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { ResolvedConfig, ResolvedExporter } from "../config/resolved-config.js";
import { type InstrumentationSettings, installSettings } from "../settings/instrumentation-settings.js";
import { StaticAttributesProcessor } from "./attributes-processor.js";
import { ContextAttributesProcessor } from "./context-processor.js";
import { RedactionProcessor } from "./redaction-processor.js";
import { createExporter } from "./exporters/create-exporter.js";
import { MemorySpanExporter } from "./exporters/memory-exporter.js";
import { CountingExporter } from "./export/counting-exporter.js";
import { CountingProcessor } from "./export/counting-processor.js";
import { ExportQueueProcessor } from "./export/export-queue.js";
import { instrumentationSettings } from "./instrumentation-config.js";
import { ExporterCounters, PipelineCounters } from "./stats.js";

export interface SpanPipeline {
  readonly processors: readonly SpanProcessor[];
  /** The first memory exporter, when one is configured. */
  readonly memoryExporter: MemorySpanExporter | undefined;
  /** Spans started, ended, exported, dropped: read through `tracing.stats()`. */
  readonly counters: PipelineCounters;
}

/**
 * The processors for a resolved config: attribute stamping, redaction of every span as it ends,
 * then one export queue per exporter. The instrumentation settings hold the redactor, so the
 * pipeline and the content path apply the same rules.
 */
export function buildSpanPipeline(config: ResolvedConfig, settings: InstrumentationSettings): SpanPipeline {
  const counters = new PipelineCounters();
  const processors: SpanProcessor[] = [new CountingProcessor(counters), new ContextAttributesProcessor()];
  if (Object.keys(config.attributes).length > 0) processors.push(new StaticAttributesProcessor(config.attributes));
  processors.push(new RedactionProcessor(settings.content.redactor, settings.content.maxLength));
  let memoryExporter: MemorySpanExporter | undefined;
  for (const exporterConfig of config.exporters) {
    const exporter = createExporter(exporterConfig);
    const exporterCounters = new ExporterCounters(exporterName(exporterConfig));
    counters.exporters.push(exporterCounters);
    if (exporter instanceof MemorySpanExporter) {
      memoryExporter ??= exporter;
      // Tests read the memory exporter right after a span ends, so it never waits in a queue.
      processors.push(new SimpleSpanProcessor(new CountingExporter(exporter, exporterCounters)));
    } else {
      processors.push(createExportProcessor(exporter, config, exporterCounters));
    }
  }
  return { processors, memoryExporter, counters };
}

function createExportProcessor(exporter: SpanExporter, config: ResolvedConfig, counters: ExporterCounters): SpanProcessor {
  if (config.processor === "simple") return new SimpleSpanProcessor(new CountingExporter(exporter, counters));
  return new ExportQueueProcessor(exporter, config.batch, counters);
}

function exporterName(config: ResolvedExporter): string {
  return config.type === "otlp" ? `otlp ${config.protocol}` : config.type;
}

/**
 * llmtrace's span processors for a tracer provider you build yourself, for applications that
 * already run their own OpenTelemetry setup:
 *
 *     const provider = new NodeTracerProvider({ spanProcessors: [...createSpanProcessors({ exporters: [...] })] });
 *
 * No OpenTelemetry global is registered; sampling and the resource stay your provider's. The
 * instrumentation options (conventions, content, pricing...) apply to llmtrace's builders and
 * decorators from here on. Returns an empty list when tracing is disabled. Throws
 * `TracingConfigError` for invalid options.
 */
export function createSpanProcessors(options: TracingOptions = {}, env: Env = process.env): SpanProcessor[] {
  const { config, warnings } = resolveConfig(options, env);
  for (const warning of warnings) diag.warn(`llmtrace: ${warning}`);
  const settings = instrumentationSettings(config);
  installSettings(settings);
  return config.enabled ? [...buildSpanPipeline(config, settings).processors] : [];
}
