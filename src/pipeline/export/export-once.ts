import { context } from "@opentelemetry/api";
import { type ExportResult, ExportResultCode, suppressTracing } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * Calls `exporter.export` once and always settles: on the exporter's answer, on a throw, or after
 * `timeoutMs` when the exporter never calls back. Tracing is suppressed while it runs, so the
 * exporter's own HTTP or gRPC calls are not traced into the queue they are draining.
 */
export async function exportOnce(exporter: SpanExporter, spans: ReadableSpan[], timeoutMs: number): Promise<ExportResult> {
  await waitForResources(spans);
  return new Promise<ExportResult>((resolve) => {
    const timer = setTimeout(() => resolve({ code: ExportResultCode.FAILED, error: new Error(`export timed out after ${timeoutMs} ms`) }), timeoutMs);
    timer.unref?.();
    const settle = (result: ExportResult) => {
      clearTimeout(timer);
      resolve(result);
    };
    try {
      context.with(suppressTracing(context.active()), () => exporter.export(spans, settle));
    } catch (error) {
      settle({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  });
}

// Resources with asynchronous detectors are complete only once their attributes have settled.
async function waitForResources(spans: ReadableSpan[]): Promise<void> {
  const pending = new Set(spans.map((span) => span.resource).filter((resource) => resource.asyncAttributesPending));
  for (const resource of pending) await resource.waitForAsyncAttributes?.().catch(() => undefined);
}
