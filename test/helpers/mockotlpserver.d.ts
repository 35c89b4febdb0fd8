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
    onMetrics?: (request: unknown) => void;
    onLogs?: (request: unknown) => void;
    onRequest?: (request: { transport: "http" | "grpc"; path: string; headers?: Record<string, string>; metadata?: { getMap(): Record<string, unknown> } }) => void;
  }
  export class MockOtlpServer {
    constructor(options: MockOtlpServerOptions);
    httpUrl: URL | string | null;
    grpcUrl: URL | string | null;
    start(): Promise<void>;
    close(): Promise<void>;
  }
}

declare module "@elastic/mockotlpserver/lib/proto.js" {
  interface ProtoType {
    decode(bytes: Uint8Array): unknown;
  }
  /** The official opentelemetry-proto definitions, loaded with protobufjs. */
  export function getProtoRoot(): { lookupType(name: string): ProtoType };
}
