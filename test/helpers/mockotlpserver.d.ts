// The package ships JavaScript without a types entry; this declares the part the tests use.
declare module "@elastic/mockotlpserver" {
  export interface MockOtlpServerOptions {
    logLevel?: string;
    services?: ("http" | "grpc" | "ui")[];
    httpHostname?: string;
    httpPort?: number;
    grpcHostname?: string;
    grpcPort?: number;
    onTrace?: (request: unknown) => void;
    onRequest?: (request: { transport: "http" | "grpc"; path: string; headers?: Record<string, string>; metadata?: { getMap(): Record<string, unknown> } }) => void;
  }
  export class MockOtlpServer {
    constructor(options: MockOtlpServerOptions);
    httpUrl: string | null;
    grpcUrl: string | null;
    start(): Promise<void>;
    close(): Promise<void>;
  }
  export function normalizeTrace(request: unknown): NormalizedTraceRequest;
  export interface NormalizedTraceRequest {
    resourceSpans: {
      resource: { attributes: Record<string, unknown> };
      scopeSpans: {
        scope: { name: string; version?: string };
        spans: NormalizedSpan[];
      }[];
    }[];
  }
  export interface NormalizedSpan {
    traceId: string;
    spanId: string;
    parentSpanId?: string;
    name: string;
    kind: string | number;
    attributes?: Record<string, unknown>;
    events?: { name: string; attributes?: Record<string, unknown> }[];
    status?: { code?: string | number; message?: string };
  }
}
