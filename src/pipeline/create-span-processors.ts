import { diag } from "@opentelemetry/api";
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from "@opentelemetry/sdk-trace-base";
import type { Env } from "../config/env.js";
import type { TracingOptions } from "../config/options.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { type InstrumentationSettings, installSettings } from "../settings/instrumentation-settings.js";
import { StaticAttributesProcessor } from "./attributes-processor.js";
import { ContextAttributesProcessor } from "./context-processor.js";
import { RedactionProcessor } from "./redaction-processor.js";
import { createExporter } from "./exporters/create-exporter.js";
import { MemorySpanExporter } from "./exporters/memory-exporter.js";
import { instrumentationSettings } from "./instrumentation-config.js";

export interface SpanPipeline {
  readonly processors: readonly SpanProcessor[];
  /** The first memory exporter, when one is configured. */
  readonly memoryExporter: MemorySpanExporter | undefined;
}

/**
 * The processors for a resolved config: attribute stamping, redaction of every span as it ends,
 * then one export queue per exporter. The instrumentation settings hold the redactor, so the
 * pipeline and the content path apply the same rules.
 */
export function buildSpanPipeline(config: ResolvedConfig, settings: InstrumentationSettings): SpanPipeline {
  const processors: SpanProcessor[] = [new ContextAttributesProcessor()];
  if (Object.keys(config.attributes).length > 0) processors.push(new StaticAttributesProcessor(config.attributes));
  processors.push(new RedactionProcessor(settings.content.redactor, settings.content.maxLength));
  let memoryExporter: MemorySpanExporter | undefined;
  for (const exporterConfig of config.exporters) {
    const exporter = createExporter(exporterConfig);
    if (exporter instanceof MemorySpanExporter) {
      memoryExporter ??= exporter;
      // Tests read the memory exporter right after a span ends, so it never waits in a queue.
      processors.push(new SimpleSpanProcessor(exporter));
    } else {
      processors.push(createExportProcessor(exporter, config));
    }
  }
  return { processors, memoryExporter };
}

function createExportProcessor(exporter: SpanExporter, config: ResolvedConfig): SpanProcessor {
  if (config.processor === "simple") return new SimpleSpanProcessor(exporter);
  return new BatchSpanProcessor(exporter, { ...config.batch });
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
