import { context } from "@opentelemetry/api";
import { type ExportResult, ExportResultCode, suppressTracing } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

/** The exporter gave no answer in time: the batch may still arrive, so it is never sent again. */
export class ExportTimeout extends Error {
  constructor(readonly millis: number) {
    super(`no answer within ${millis} ms`);
  }
}

/**
 * Calls `exporter.export` once and `done` exactly once: with the exporter's answer, on a throw, or
 * with an ExportTimeout after `timeoutMillis` when the exporter never calls back (a late answer is
 * ignored). An exporter that answers at once is answered at once — no promise in between — so its
 * batch is released as soon as it is sent. Tracing is suppressed while the exporter runs, so its
 * own HTTP or gRPC calls are not traced into the queue they are draining.
 */
export function exportOnce(exporter: SpanExporter, spans: ReadableSpan[], timeoutMillis: number, done: (result: ExportResult) => void): void {
  // Resources with asynchronous detectors are complete only once their attributes have settled.
  const pending = spans.filter((span) => span.resource.asyncAttributesPending).map((span) => span.resource);
  if (pending.length === 0) exportNow(exporter, spans, timeoutMillis, done);
  else void waitFor(pending).then(() => exportNow(exporter, spans, timeoutMillis, done));
}

function exportNow(exporter: SpanExporter, spans: ReadableSpan[], timeoutMillis: number, done: (result: ExportResult) => void): void {
  let settled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const settle = (result: ExportResult) => {
    if (settled) return;
    settled = true;
    if (timer !== undefined) clearTimeout(timer);
    done(result);
  };
  try {
    context.with(suppressTracing(context.active()), () => exporter.export(spans, settle));
  } catch (error) {
    settle({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
  }
  if (settled) return;
  timer = setTimeout(() => settle({ code: ExportResultCode.FAILED, error: new ExportTimeout(timeoutMillis) }), timeoutMillis);
  timer.unref?.();
}

async function waitFor(resources: ReadableSpan["resource"][]): Promise<void> {
  for (const resource of new Set(resources)) await resource.waitForAsyncAttributes?.().catch(() => undefined);
}
