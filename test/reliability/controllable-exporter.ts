import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * A real SpanExporter (users may pass their own, and this is one) whose answer the test decides:
 * accept, fail, or hold each call until released. It keeps the span ids it accepted.
 */
export class ControllableExporter implements SpanExporter {
  readonly accepted: string[] = [];
  calls = 0;
  mode: "accept" | "fail" | "hold" = "accept";
  /** Answer inside export() (as in-process exporters do) rather than on a later turn of the event loop. */
  synchronous = false;
  private readonly held: (() => void)[] = [];

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    this.calls++;
    const answer = () => {
      if (this.mode === "fail") {
        done({ code: ExportResultCode.FAILED, error: new Error("backend unavailable") });
        return;
      }
      for (const span of spans) this.accepted.push(span.spanContext().spanId);
      done({ code: ExportResultCode.SUCCESS });
    };
    if (this.mode === "hold") this.held.push(answer);
    else if (this.synchronous) answer();
    else setImmediate(answer);
  }

  get heldCalls(): number {
    return this.held.length;
  }

  /** Answers every held call with the current mode. */
  release(): void {
    for (const answer of this.held.splice(0)) answer();
  }

  shutdown(): Promise<void> {
    this.release();
    return Promise.resolve();
  }
}
