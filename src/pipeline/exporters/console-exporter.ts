import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { ExportsAtExit } from "./export-at-exit.js";
import { formatTraceTree } from "./format-trace-tree.js";

/** Past this many held spans, the oldest trace is printed as it is, so memory stays bounded. */
const MAX_HELD_SPANS = 10_000;

/**
 * Prints each finished trace as a readable tree. Spans are held until their trace's local root
 * ends (children end before their parents), then the whole trace is printed at once.
 */
export class ConsoleTreeExporter implements SpanExporter, ExportsAtExit {
  private readonly held = new Map<string, ReadableSpan[]>();
  private heldCount = 0;

  constructor(
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
    /** The trace's link in a running viewer, printed under its tree (see viewer-links.ts). */
    private readonly linkFor?: (traceId: string) => string | undefined,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    try {
      for (const span of spans) {
        const traceId = span.spanContext().traceId;
        const trace = this.held.get(traceId);
        if (trace) trace.push(span);
        else this.held.set(traceId, [span]);
        this.heldCount++;
        if (isLocalRoot(span)) this.print(traceId, false);
      }
      while (this.heldCount > MAX_HELD_SPANS) {
        const oldest = this.held.keys().next();
        if (oldest.done) break;
        this.print(oldest.value, true);
      }
      resultCallback({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  /** At process exit (see export-at-exit.ts): these spans and every trace held, printed now. */
  exportAtExit(spans: ReadableSpan[]): void {
    this.export(spans, () => {});
    void this.forceFlush();
  }

  /** Prints what is held, marked incomplete: flushing must not keep spans back. */
  forceFlush(): Promise<void> {
    for (const traceId of [...this.held.keys()]) this.print(traceId, true);
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.forceFlush();
  }

  private print(traceId: string, incomplete: boolean): void {
    const spans = this.held.get(traceId);
    if (!spans) return;
    // viewerLinks never throws: printing never depends on a link.
    const link = this.linkFor?.(traceId);
    this.held.delete(traceId);
    this.heldCount -= spans.length;
    this.write(link ? `${formatTraceTree(spans, { incomplete })}view: ${link}\n` : formatTraceTree(spans, { incomplete }));
  }
}

function isLocalRoot(span: ReadableSpan): boolean {
  return span.parentSpanContext === undefined || span.parentSpanContext.isRemote === true;
}
