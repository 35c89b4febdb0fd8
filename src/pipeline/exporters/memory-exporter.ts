import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";

/**
 * Holds finished spans in memory for tests. Unlike the SDK's exporter it keeps them after
 * shutdown, so `await tracing.shutdown()` followed by assertions reads what was recorded.
 * Spans ending after shutdown are refused, as with any exporter.
 */
export class MemorySpanExporter extends InMemorySpanExporter {
  override shutdown(): Promise<void> {
    this._stopped = true;
    return Promise.resolve();
  }
}
