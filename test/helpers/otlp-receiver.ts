import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { MockOtlpServer } from "@elastic/mockotlpserver";
import { getProtoRoot } from "@elastic/mockotlpserver/lib/proto.js";
import { waitFor } from "./wait-for.js";

/** A span as a receiver decoded it from the wire, with its resource and scope attached. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  status: { code: number; message: string };
  resource: Record<string, unknown>;
  scope: string;
}

export interface ReceivedRequest {
  transport: "http" | "grpc";
  path: string;
  headers: Record<string, unknown>;
}

const EXPORT_REQUEST = "opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest";

/**
 * An OTLP receiver on 127.0.0.1 that decodes what exporters send with the official
 * opentelemetry-proto definitions: gRPC through `@elastic/mockotlpserver` (grpc-js), HTTP
 * (protobuf or JSON, gzip or not) through our own server and the same protos.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
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
      onRequest: (request) => {
        this.requests.push({ transport: "grpc", path: request.path, headers: request.metadata?.getMap() ?? {} });
      },
    });
    const exportRequest = getProtoRoot().lookupType(EXPORT_REQUEST);
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
        this.accept(json ? JSON.parse(body.toString("utf8")) : exportRequest.decode(body));
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
    this.requests.length = 0;
    this.httpStatus = 200;
  }

  async close(): Promise<void> {
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
    await this.grpc.close();
  }

  private accept(request: unknown): void {
    for (const resourceSpans of (request as RawRequest).resourceSpans ?? []) {
      const resource = attributesOf(resourceSpans.resource?.attributes);
      for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
        for (const span of scopeSpans.spans ?? []) {
          this.spans.push({
            traceId: idOf(span.traceId),
            spanId: idOf(span.spanId),
            parentSpanId: idOf(span.parentSpanId),
            name: span.name,
            kind: Number(span.kind ?? 0),
            attributes: attributesOf(span.attributes),
            events: (span.events ?? []).map((event) => ({ name: event.name, attributes: attributesOf(event.attributes) })),
            status: { code: Number(span.status?.code ?? 0), message: span.status?.message ?? "" },
            resource,
            scope: scopeSpans.scope?.name ?? "",
          });
        }
      }
    }
  }
}

// The decoded message's shape: protobufjs gives Buffers and Longs, OTLP/JSON gives hex strings and numbers.
interface RawKeyValue {
  key: string;
  value?: RawAnyValue;
}
interface RawAnyValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string | { toString(): string };
  doubleValue?: number;
  arrayValue?: { values?: RawAnyValue[] };
}
interface RawRequest {
  resourceSpans?: {
    resource?: { attributes?: RawKeyValue[] };
    scopeSpans?: {
      scope?: { name?: string };
      spans?: {
        traceId?: Uint8Array | string;
        spanId?: Uint8Array | string;
        parentSpanId?: Uint8Array | string;
        name: string;
        kind?: number;
        attributes?: RawKeyValue[];
        events?: { name: string; attributes?: RawKeyValue[] }[];
        status?: { code?: number; message?: string };
      }[];
    }[];
  }[];
}

function idOf(id: Uint8Array | string | undefined): string {
  if (id === undefined) return "";
  return typeof id === "string" ? id : Buffer.from(id).toString("hex");
}

function attributesOf(list: RawKeyValue[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const { key, value } of list ?? []) out[key] = valueOf(value);
  return out;
}

function valueOf(value: RawAnyValue | undefined): unknown {
  if (value === undefined) return undefined;
  // protobufjs keeps proto3 defaults on the prototype; the member of the oneof that was sent is an own property.
  const has = (key: keyof RawAnyValue) => Object.hasOwn(value, key);
  if (has("stringValue")) return value.stringValue;
  if (has("boolValue")) return value.boolValue;
  if (has("intValue")) return Number(String(value.intValue));
  if (has("doubleValue")) return value.doubleValue;
  if (has("arrayValue")) return (value.arrayValue?.values ?? []).map(valueOf);
  return undefined;
}
