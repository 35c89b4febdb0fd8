import type { Tracer } from "@opentelemetry/api";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { discardExporter } from "./discard-exporter.js";

/**
 * The raw OpenTelemetry baseline: its own NodeTracerProvider with a BatchSpanProcessor into the
 * discarding exporter, none of llmtrace's processors. Not registered globally; it shares the
 * process's AsyncLocalStorage context manager with the llmtrace side, as an application would.
 */
export function rawOpenTelemetry(name: string): { tracer: Tracer; shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({ spanProcessors: [new BatchSpanProcessor(discardExporter)] });
  return { tracer: provider.getTracer(name), shutdown: () => provider.shutdown() };
}
