import { type Context, createContextKey } from "@opentelemetry/api";

/**
 * Counts the llmtrace spans open under a `trace.start()` handle, so the trace's root span can
 * end on its own once the trace has been idle for a while. Carried in the context the handle's
 * builders use.
 */
export class TraceTracker {
  private open = 0;
  private lastEnd: number;

  /** `startTime`: when the trace began, its end time if no span is ever started in it. */
  constructor(
    startTime: number,
    private readonly onIdle: () => void,
  ) {
    this.lastEnd = startTime;
  }

  started(): void {
    this.open++;
  }

  readonly ended = (endTime: number): void => {
    this.open = Math.max(0, this.open - 1);
    this.lastEnd = Math.max(this.lastEnd, endTime);
    if (this.open === 0) this.onIdle();
  };

  /** When the last span of the trace ended (epoch ms). */
  get lastEndTime(): number {
    return this.lastEnd;
  }

  get idle(): boolean {
    return this.open === 0;
  }
}

export const TRACE_TRACKER = createContextKey("llmtrace.traceTracker");

export function trackerIn(ctx: Context): TraceTracker | undefined {
  return ctx.getValue(TRACE_TRACKER) as TraceTracker | undefined;
}
