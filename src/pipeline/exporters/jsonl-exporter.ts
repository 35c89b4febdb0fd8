import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { loadOtlpTransformer } from "./load-on-demand.js";

const NEWLINE = new Uint8Array([0x0a]);

/**
 * Appends one OTLP/JSON `ExportTraceServiceRequest` per export as a line of a file: the format
 * of the OpenTelemetry Collector's file exporter, so the file can be replayed into any collector
 * (the `otlpjsonfile` receiver) or read line by line.
 */
export class JsonlFileExporter implements SpanExporter {
  /** Writes run one after another, in export order; this is the tail of that chain. */
  private pending: Promise<void> = Promise.resolve();
  private directoryReady: Promise<unknown> | undefined;

  constructor(readonly path: string) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let payload: Uint8Array | undefined;
    try {
      payload = loadOtlpTransformer().JsonTraceSerializer.serializeRequest(spans);
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: toError(error) });
      return;
    }
    if (!payload) {
      resultCallback({ code: ExportResultCode.FAILED, error: new Error("spans could not be serialized to OTLP/JSON") });
      return;
    }
    const line = Buffer.concat([payload, NEWLINE]);
    this.pending = this.pending
      .then(() => this.append(line))
      .then(
        () => resultCallback({ code: ExportResultCode.SUCCESS }),
        (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: toError(error) }),
      );
  }

  forceFlush(): Promise<void> {
    return this.pending;
  }

  shutdown(): Promise<void> {
    return this.pending;
  }

  private async append(line: Buffer): Promise<void> {
    this.directoryReady ??= mkdir(dirname(this.path), { recursive: true });
    await this.directoryReady;
    await appendFile(this.path, line);
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
