import { diag } from "@opentelemetry/api";
import { type ExportResult, ExportResultCode } from "@opentelemetry/core";

/** What one metrics or logs exporter has done since `configureTracing()`. */
export interface SignalExporterStats {
  /** "otlp grpc", "otlp http/protobuf", "otlp http/json", "prometheus", "console", "memory" or "custom". */
  readonly exporter: string;
  /** Where it sends (a URL), or where it serves (Prometheus); null when it has no address. */
  readonly endpoint: string | null;
  /** Successful exports (for Prometheus: scrapes answered). */
  readonly exports: number;
  /** Exports that failed. Each failure streak is also said once as a `diag` warning. */
  readonly failedExports: number;
  readonly lastError: { readonly at: number; readonly message: string } | null;
  readonly lastSuccessAt: number | null;
}

/** The counters behind `SignalExporterStats`, one per exporter, and the once-per-streak failure message. */
export class SignalExportCounters {
  exports = 0;
  failedExports = 0;
  lastError: { at: number; message: string } | null = null;
  lastSuccessAt: number | null = null;
  private failing = false;
  /** Told how many records each export took, done or failed (a log queue's count of what waits). */
  onSent: ((count: number) => void) | undefined;

  constructor(
    readonly signal: "metrics" | "log records",
    readonly exporter: string,
    /** Set again once known, e.g. the port a Prometheus endpoint bound. */
    public endpoint: string | undefined,
  ) {}

  succeeded(): void {
    this.exports++;
    this.lastSuccessAt = Date.now();
    if (this.failing) diag.warn(`llmtrace: ${this.signal} export to the ${this.describe()} works again.`);
    this.failing = false;
  }

  failed(error: unknown): void {
    this.failedExports++;
    const message = error instanceof Error ? error.message : String(error ?? "unknown error");
    this.lastError = { at: Date.now(), message };
    if (this.failing) return;
    this.failing = true;
    const consequence =
      this.signal === "metrics"
        ? "The values are cumulative, so the next export that succeeds carries them; until then the backend shows none"
        : "Those log records are lost";
    diag.warn(`llmtrace: ${this.signal} could not be exported to the ${this.describe()}: ${message}. ${consequence} (said once until an export succeeds).`);
  }

  /** A failure that will not be retried (a port that cannot be listened on): said once, as given. */
  failedFinally(message: string): void {
    this.failedExports++;
    this.lastError = { at: Date.now(), message };
    diag.warn(`llmtrace: ${this.describe()}: ${message}`);
  }

  /**
   * Counts the outcome, then passes it on — a failure as done: llmtrace has counted it and said it
   * once, and the SDK, which neither retries a metrics nor a log export, would only print it again,
   * as a raw error, on every attempt.
   */
  counted(callback: (result: ExportResult) => void): (result: ExportResult) => void {
    return (result) => {
      if (result.code === ExportResultCode.SUCCESS) this.succeeded();
      else this.failed(result.error);
      callback({ code: ExportResultCode.SUCCESS });
    };
  }

  describe(): string {
    return `${this.exporter} exporter${this.endpoint ? ` (${this.endpoint})` : ""}`;
  }

  snapshot(): SignalExporterStats {
    return {
      exporter: this.exporter,
      endpoint: this.endpoint ?? null,
      exports: this.exports,
      failedExports: this.failedExports,
      lastError: this.lastError,
      lastSuccessAt: this.lastSuccessAt,
    };
  }
}
