import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { MockOtlpServer } from "@elastic/mockotlpserver";
import { getProtoRoot } from "@elastic/mockotlpserver/lib/proto.js";
import { afterAll, afterEach, beforeAll } from "vitest";
import { getActiveTracing } from "../../src/index.js";
import { type ReceivedSpan, spansOfRequest } from "./otlp-decode.js";
import { logRecordsOfRequest, pointsOfRequest, type ReceivedLogRecord, type ReceivedPoint } from "./otlp-signals.js";
import { waitFor } from "./wait-for.js";

export type { ReceivedSpan } from "./otlp-decode.js";

export interface ReceivedRequest {
  transport: "http" | "grpc";
  path: string;
  headers: Record<string, unknown>;
}

const EXPORT_REQUEST = "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest";
const METRICS_REQUEST = "opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest";
const LOGS_REQUEST = "opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest";

/**
 * An OTLP receiver on 127.0.0.1 that decodes what exporters send with the official
 * opentelemetry-proto definitions: gRPC through `@elastic/mockotlpserver` (grpc-js), HTTP
 * (protobuf or JSON, gzip or not) through our own server and the same protos.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  /** Metric points and log records received, decoded (otlp-signals.ts). */
  readonly points: ReceivedPoint[] = [];
  readonly logRecords: ReceivedLogRecord[] = [];
  readonly requests: ReceivedRequest[] = [];
  /** HTTP status the HTTP endpoint answers with; set to 503 to simulate an outage. */
  httpStatus = 200;
  private readonly grpc: MockOtlpServer;
  private readonly http: Server;

  private constructor(grpcPort: number) {
    this.grpc = new MockOtlpServer({
      logLevel: "error",
      services: ["grpc"],
      grpcHostname: "127.0.0.1",
      grpcPort,
      onTrace: (request) => this.accept(request),
      onMetrics: (request: unknown) => this.points.push(...pointsOfRequest(request)),
      onLogs: (request: unknown) => this.logRecords.push(...logRecordsOfRequest(request)),
      onRequest: (request) => {
        this.requests.push({ transport: "grpc", path: request.path, headers: request.metadata?.getMap() ?? {} });
      },
    });
    const exportRequest = getProtoRoot().lookupType(EXPORT_REQUEST);
    const metricsRequest = getProtoRoot().lookupType(METRICS_REQUEST);
    const logsRequest = getProtoRoot().lookupType(LOGS_REQUEST);
    this.http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        this.requests.push({ transport: "http", path: req.url ?? "", headers: req.headers });
        const json = String(req.headers["content-type"]).includes("json");
        if (this.httpStatus !== 200) {
          res.writeHead(this.httpStatus).end();
          return;
        }
        let body = Buffer.concat(chunks);
        if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
        const path = req.url ?? "";
        const type = path.endsWith("/metrics") ? metricsRequest : path.endsWith("/logs") ? logsRequest : exportRequest;
        const decoded: unknown = json ? JSON.parse(body.toString("utf8")) : type.decode(body);
        if (type === metricsRequest) this.points.push(...pointsOfRequest(decoded));
        else if (type === logsRequest) this.logRecords.push(...logRecordsOfRequest(decoded));
        else this.accept(decoded);
        res.writeHead(200, { "content-type": json ? "application/json" : "application/x-protobuf" }).end(json ? "{}" : undefined);
      });
    });
  }

  /** `grpcPort` fixes the gRPC port (to bring a backend "back" where exporters expect it); any free port by default. */
  static async start(options: { grpcPort?: number } = {}): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver(options.grpcPort ?? 0);
    await receiver.grpc.start();
    await new Promise<void>((resolve) => receiver.http.listen(0, "127.0.0.1", resolve));
    return receiver;
  }

  /** `http://127.0.0.1:PORT` for gRPC exporters. */
  get grpcUrl(): string {
    return new URL(String(this.grpc.grpcUrl)).origin;
  }

  /** `http://127.0.0.1:PORT` for HTTP exporters (the exporter or the test adds `/v1/traces`). */
  get httpUrl(): string {
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  waitForSpans(count: number, timeoutMs = 10_000): Promise<ReceivedSpan[]> {
    return waitFor(() => (this.spans.length >= count ? this.spans : undefined), timeoutMs, () => `${this.spans.length} of ${count} spans received`);
  }

  reset(): void {
    this.spans.length = 0;
    this.points.length = 0;
    this.logRecords.length = 0;
    this.requests.length = 0;
    this.httpStatus = 200;
  }

  async close(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
    await this.grpc.close();
  }

  private accept(request: unknown): void {
    this.spans.push(...spansOfRequest(request));
  }
}

/**
 * One receiver for a test file: started before its tests and closed after them; after each test,
 * tracing is shut down and the receiver cleared. Returns the receiver's getter.
 */
export function useOtlpReceiver(): () => OtlpReceiver {
  let receiver: OtlpReceiver | undefined;
  beforeAll(async () => {
    receiver = await OtlpReceiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
  });
  afterEach(async () => {
    await getActiveTracing()?.shutdown();
    receiver?.reset();
  });
  return () => {
    if (!receiver) throw new Error("useOtlpReceiver(): the receiver is available inside tests only");
    return receiver;
  };
}
