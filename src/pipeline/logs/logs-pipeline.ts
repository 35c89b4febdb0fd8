import { diag } from "@opentelemetry/api";
import { ExportResultCode } from "@opentelemetry/core";
import type { Resource } from "@opentelemetry/resources";
import {
  BatchLogRecordProcessor,
  ConsoleLogRecordExporter,
  InMemoryLogRecordExporter,
  type LogRecordExporter,
  type LogRecordProcessor,
  LoggerProvider,
  type SdkLogRecord,
  SimpleLogRecordProcessor,
} from "@opentelemetry/sdk-logs";
import type { Redactor } from "../../content/redaction/redactor.js";
import type { ResolvedLogExporter, ResolvedLogs } from "../../config/resolved-config.js";
import { loadGrpc, loadLogsOtlpGrpcExporter, loadLogsOtlpHttpExporter, loadLogsOtlpProtoExporter } from "../exporters/load-on-demand.js";
import { withoutInnerRetries } from "../exporters/otlp-single-attempt.js";
import { SignalExportCounters, type SignalExporterStats } from "../export/signal-export-counters.js";
import { SignalPipeline } from "../signal-pipeline.js";
import { RedactingLogProcessor } from "./redacting-log-processor.js";

/** Most records waiting per exporter; past it new records are dropped, counted and said once. */
const MAX_QUEUED = 8192;

/** `tracing.stats().logs`. */
export interface LogsStats {
  /** Log records emitted to llmtrace's logger provider. */
  readonly recordsEmitted: number;
  /** Records dropped because an exporter's queue was full. */
  readonly recordsDropped: number;
  /** Records waiting in the exporters' queues (or being sent) right now. */
  readonly recordsQueued: number;
  readonly exporters: readonly SignalExporterStats[];
}

/** The logger provider configureTracing() owns: redaction first, then one queue per exporter. */
export class LogsPipeline extends SignalPipeline {
  readonly provider: LoggerProvider;
  readonly memoryExporter: InMemoryLogRecordExporter | undefined;
  private readonly redaction: RedactingLogProcessor;
  private readonly queues: BoundedQueue[] = [];
  private readonly counters: SignalExportCounters[] = [];

  constructor(config: ResolvedLogs, resource: Resource, redactor: Redactor | undefined, maxLength: number) {
    super();
    this.redaction = new RedactingLogProcessor(redactor, maxLength);
    const processors: LogRecordProcessor[] = [this.redaction];
    let memory: InMemoryLogRecordExporter | undefined;
    for (const exporter of config.exporters) {
      const counters = new SignalExportCounters("log records", exporterName(exporter), exporter.type === "otlp" ? exporter.endpoint : undefined);
      this.counters.push(counters);
      const built = countExports(createLogExporter(exporter), counters);
      if (built instanceof InMemoryLogRecordExporter) memory ??= built;
      // The console and memory show each record as it is emitted; the others send in batches.
      if (exporter.type === "console" || exporter.type === "memory") processors.push(new SimpleLogRecordProcessor({ exporter: built }));
      else {
        const queue = new BoundedQueue(new BatchLogRecordProcessor({ exporter: built, maxQueueSize: MAX_QUEUED * 2 }), counters);
        this.queues.push(queue);
        processors.push(queue);
      }
    }
    this.memoryExporter = memory;
    this.provider = new LoggerProvider({ resource, processors });
  }

  protected recordedCount(): number {
    return this.redaction.emitted;
  }

  /** What a flush past its deadline left undelivered, for the exit report: "3 log record(s) for the otlp … exporter (url)". */
  undelivered(): string | undefined {
    const parts = this.queues.filter((queue) => queue.queued > 0).map((queue) => `${queue.queued} log record(s) for the ${queue.describe()}`);
    return parts.length === 0 ? undefined : parts.join(", ");
  }

  stats(): LogsStats {
    return {
      recordsEmitted: this.redaction.emitted,
      recordsDropped: this.queues.reduce((sum, queue) => sum + queue.dropped, 0),
      recordsQueued: this.queues.reduce((sum, queue) => sum + queue.queued, 0),
      exporters: this.counters.map((counters) => counters.snapshot()),
    };
  }
}

/**
 * The SDK's batch processor drops records silently when its queue is full; this one counts what
 * waits, drops past its own bound first, and says so once per overflow.
 */
class BoundedQueue implements LogRecordProcessor {
  queued = 0;
  dropped = 0;
  private overflowing = false;

  constructor(
    private readonly inner: BatchLogRecordProcessor,
    private readonly counters: SignalExportCounters,
  ) {
    counters.onSent = (count) => {
      this.queued = Math.max(0, this.queued - count);
      if (this.queued < MAX_QUEUED) this.overflowing = false;
    };
  }

  describe(): string {
    return this.counters.describe();
  }

  onEmit(record: SdkLogRecord): void {
    if (this.queued >= MAX_QUEUED) {
      this.dropped++;
      if (!this.overflowing) {
        this.overflowing = true;
        diag.warn(`llmtrace: ${MAX_QUEUED} log records are waiting for the ${this.counters.describe()}; new records are dropped until it catches up (counted in tracing.stats().logs.recordsDropped).`);
      }
      return;
    }
    this.queued++;
    this.inner.onEmit(record);
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}

/** The SDK's memory exporter empties itself at shutdown; tests and examples read records after it, as they read spans. */
class KeptLogRecords extends InMemoryLogRecordExporter {
  override shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

function createLogExporter(exporter: ResolvedLogExporter): LogRecordExporter {
  switch (exporter.type) {
    case "console":
      return new ConsoleLogRecordExporter();
    case "memory":
      return new KeptLogRecords();
    case "custom":
      return exporter.exporter;
    case "otlp": {
      const common = { url: exporter.endpoint, compression: exporter.compression as never, timeoutMillis: exporter.timeoutMillis };
      if (exporter.protocol === "grpc") {
        const metadata = new (loadGrpc().Metadata)();
        for (const [key, value] of Object.entries(exporter.headers)) metadata.set(key, value);
        return new (loadLogsOtlpGrpcExporter().OTLPLogExporter)({ ...common, metadata });
      }
      const { OTLPLogExporter } = exporter.protocol === "http/json" ? loadLogsOtlpHttpExporter() : loadLogsOtlpProtoExporter();
      // One attempt per batch, its failure counted and said at once: the exporter's own retries
      // took ~8 s, past an exiting process's deadline, and failed silently there.
      return withoutInnerRetries(new OTLPLogExporter({ ...common, headers: { ...exporter.headers } }));
    }
  }
}

/** Counts each export's outcome (and the records it took off the queue), changing the exporter in place. */
function countExports(exporter: LogRecordExporter, counters: SignalExportCounters): LogRecordExporter {
  const send = exporter.export.bind(exporter);
  exporter.export = (records, resultCallback) => {
    const done = counters.counted(resultCallback);
    try {
      send(records, (result) => {
        counters.onSent?.(records.length);
        done(result);
      });
    } catch (error) {
      counters.onSent?.(records.length);
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  };
  return exporter;
}

function exporterName(exporter: ResolvedLogExporter): string {
  return exporter.type === "otlp" ? `otlp ${exporter.protocol}` : exporter.type;
}
