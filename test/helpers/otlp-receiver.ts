import { MockOtlpServer, type NormalizedSpan, normalizeTrace } from "@elastic/mockotlpserver";
import { waitFor } from "./wait-for.js";

/** A span as a real OTLP receiver decoded it from the wire, with its resource attached. */
export interface ReceivedSpan extends NormalizedSpan {
  resource: Record<string, unknown>;
  scope: string;
}

export interface ReceivedRequest {
  transport: "http" | "grpc";
  path: string;
  headers: Record<string, unknown>;
}

/**
 * An OTLP receiver on 127.0.0.1 (gRPC and HTTP, protobuf and JSON) that decodes requests with
 * the official OpenTelemetry protos — `@elastic/mockotlpserver`, a real server, not a mock of
 * our code.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly requests: ReceivedRequest[] = [];
  private readonly server: MockOtlpServer;

  constructor() {
    this.server = new MockOtlpServer({
      logLevel: "error",
      services: ["grpc", "http"],
      grpcHostname: "127.0.0.1",
      grpcPort: 0,
      httpHostname: "127.0.0.1",
      httpPort: 0,
      onTrace: (request) => {
        for (const resourceSpans of normalizeTrace(request).resourceSpans) {
          for (const scopeSpans of resourceSpans.scopeSpans) {
            for (const span of scopeSpans.spans) {
              this.spans.push({ ...span, resource: resourceSpans.resource.attributes, scope: scopeSpans.scope.name });
            }
          }
        }
      },
      onRequest: (request) => {
        const headers = request.headers ?? request.metadata?.getMap() ?? {};
        this.requests.push({ transport: request.transport, path: request.path, headers });
      },
    });
  }

  static async start(): Promise<OtlpReceiver> {
    const receiver = new OtlpReceiver();
    await receiver.server.start();
    return receiver;
  }

  /** `http://127.0.0.1:PORT` for gRPC exporters. */
  get grpcUrl(): string {
    return this.server.grpcUrl!.replace(/\/$/, "");
  }

  /** `http://127.0.0.1:PORT` for HTTP exporters (the path is added by the caller or the exporter). */
  get httpUrl(): string {
    return this.server.httpUrl!.replace(/\/$/, "");
  }

  waitForSpans(count: number, timeoutMs = 10_000): Promise<ReceivedSpan[]> {
    return waitFor(() => (this.spans.length >= count ? this.spans : undefined), timeoutMs, () => `${this.spans.length} of ${count} spans received`);
  }

  reset(): void {
    this.spans.length = 0;
    this.requests.length = 0;
  }

  close(): Promise<void> {
    return this.server.close();
  }
}
