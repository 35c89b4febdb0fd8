import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { waitFor } from "./wait-for.js";

export interface SinkRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/**
 * A real HTTP server on 127.0.0.1 that records every request (body un-gzipped) and answers with
 * `status` — for exporters whose receiving end we only need to read (Zipkin) or to fail (503s).
 */
export class HttpSink {
  readonly requests: SinkRequest[] = [];
  status = 202;
  /** The response body; empty unless set. */
  respond: (request: SinkRequest) => string = () => "";
  /** Whether to leave this request unanswered (recorded, then held until released through onHold). */
  hold: (request: SinkRequest) => boolean = () => false;
  onHold: (release: () => void) => void = () => {};
  private constructor(private readonly server: Server) {}

  static async start(): Promise<HttpSink> {
    const sink: HttpSink = new HttpSink(
      createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => {
          let body = Buffer.concat(chunks);
          if (req.headers["content-encoding"] === "gzip") body = gunzipSync(body);
          const request = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body };
          sink.requests.push(request);
          if (sink.hold(request)) {
            sink.onHold(() => res.writeHead(sink.status).end());
            return;
          }
          const answer = sink.respond(request);
          res.writeHead(answer ? 200 : sink.status, answer ? { "content-type": "application/json" } : {}).end(answer);
        });
      }),
    );
    await new Promise<void>((resolve) => sink.server.listen(0, "127.0.0.1", resolve));
    return sink;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  waitForRequests(count: number, timeoutMs = 10_000): Promise<SinkRequest[]> {
    return waitFor(() => (this.requests.length >= count ? this.requests : undefined), timeoutMs, () => `${this.requests.length} of ${count} requests`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
