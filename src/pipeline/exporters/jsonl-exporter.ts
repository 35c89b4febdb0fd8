import { appendFileSync, mkdirSync } from "node:fs";
import { type FileHandle, mkdir, open } from "node:fs/promises";
import { dirname } from "node:path";
import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import type { ExportsAtExit } from "./export-at-exit.js";
import { loadOtlpTransformer } from "./load-on-demand.js";

const NEWLINE = new Uint8Array([0x0a]);

/**
 * Appends one OTLP/JSON `ExportTraceServiceRequest` per export as a line of a file: the format
 * of the OpenTelemetry Collector's file exporter, so the file can be replayed into any collector
 * (the `otlpjsonfile` receiver) or read line by line (`llmtrace view`).
 *
 * Each line goes to the file in one `write` on a file opened for appending, so processes sharing
 * a file (a server and its workers) never interleave their lines — `fs.appendFile` splits writes
 * of more than 512 KiB, and a batch of long prompts is more. The file is opened per export, so a
 * rotated file (renamed away, a new one created) is followed.
 */
export class JsonlFileExporter implements SpanExporter, ExportsAtExit {
  /** Writes run one after another, in export order; this is the tail of that chain. */
  private pending: Promise<void> = Promise.resolve();
  private directoryReady: Promise<unknown> | undefined;

  constructor(readonly path: string) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let line: Buffer;
    try {
      line = this.serialize(spans);
    } catch (error) {
      resultCallback({ code: ExportResultCode.FAILED, error: toError(error) });
      return;
    }
    this.pending = this.pending
      .then(() => this.append(line))
      .then(
        () => resultCallback({ code: ExportResultCode.SUCCESS }),
        (error: unknown) => resultCallback({ code: ExportResultCode.FAILED, error: toError(error) }),
      );
  }

  /** At process exit: the spans still queued, written synchronously (see export-at-exit.ts). */
  exportAtExit(spans: ReadableSpan[]): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, this.serialize(spans));
  }

  forceFlush(): Promise<void> {
    return this.pending;
  }

  shutdown(): Promise<void> {
    return this.pending;
  }

  private serialize(spans: ReadableSpan[]): Buffer {
    const payload = loadOtlpTransformer().JsonTraceSerializer.serializeRequest(spans);
    if (!payload) throw new Error("spans could not be serialized to OTLP/JSON");
    return Buffer.concat([payload, NEWLINE]);
  }

  private async append(line: Buffer): Promise<void> {
    this.directoryReady ??= mkdir(dirname(this.path), { recursive: true });
    await this.directoryReady;
    let file: FileHandle | undefined;
    let written = 0;
    try {
      file = await open(this.path, "a");
      // One write puts the whole line at the end of the file; a short write (a full disk) goes on.
      while (written < line.length) written += (await file.write(line, written)).bytesWritten;
    } catch (error) {
      // Part of the line is in the file: end it, so the retry's whole line starts on a line of its
      // own (the part is one unreadable line, which a reader skips and counts).
      if (written > 0) await file?.write(NEWLINE).catch(() => {});
      throw error;
    } finally {
      // The line is written; a failure to close changes nothing about it (and must not cause a retry).
      await file?.close().catch(() => {});
    }
  }
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
