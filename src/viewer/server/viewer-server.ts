import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { filtersFromParams } from "../model/list-query.js";
import { conversationView, readSpanDetail } from "../model/queries.js";
import type { ListQuery } from "../model/views.js";
import { MISSING_ASSET_MESSAGE, readViewerAsset } from "./assets.js";
import { hostChecker } from "./host-check.js";
import { SECURITY_HEADERS, servedPage } from "./page.js";
import type { SpanFiles } from "./span-files.js";

export interface ViewerServerOptions {
  files: SpanFiles;
  host: string;
  port: number;
  allowHosts?: readonly string[];
  /** How often the files are checked for new lines. */
  pollMillis?: number;
}

export interface RunningViewer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const HEX_ID = /^[0-9a-f]{1,32}$/i;

/**
 * The viewer's HTTP server (Node's own `http`): the page, the UI bundle and a read-only JSON API over
 * the index. Nothing it serves comes from a path in the request: files are reached only through the
 * index's locations. GET and HEAD only; other hosts than its own are refused.
 */
export async function startViewerServer(options: ViewerServerOptions): Promise<RunningViewer> {
  const { files } = options;
  // Versions start again at 0 when a viewer restarts: pages tell the two apart by this.
  const instance = randomUUID().slice(0, 8);
  let allowed: (host: string | undefined) => boolean = () => false;
  let asset: string | undefined;

  const server: Server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    if (!allowed(request.headers.host)) {
      send(response, 403, "text/plain", `Refused: this viewer answers only to its own address (Host ${JSON.stringify(request.headers.host ?? "")} is not it). Pass --allow-host to add a name.\n`);
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.setHeader("allow", "GET, HEAD");
      send(response, 405, "text/plain", "The viewer is read-only: GET and HEAD only.\n");
      return;
    }
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://viewer.invalid");
    const segments = url.pathname.split("/").slice(1);
    let parts: string[];
    try {
      parts = segments.map((segment) => decodeURIComponent(segment));
    } catch {
      sendJson(response, 400, { error: "malformed path" });
      return;
    }
    const route = parts.join("/");
    if (route === "" || route === "index.html") return send(response, 200, "text/html; charset=utf-8", servedPage());
    if (route === "app.js") {
      asset ??= readViewerAsset();
      if (asset === undefined) return send(response, 503, "text/plain", `${MISSING_ASSET_MESSAGE}\n`);
      return send(response, 200, "text/javascript; charset=utf-8", asset);
    }
    if (parts[0] !== "api") return sendJson(response, 404, { error: "not found" });
    // The state of the files this answer comes from: pages ask /api/version whether there is news.
    response.setHeader("x-llmtrace-version", `${instance}:${files.version}`);
    const [, what, id, sub, subId, ...rest] = parts;
    if (rest.length > 0) return sendJson(response, 404, { error: "not found" });
    if (what === "traces" && id === undefined) return sendJson(response, 200, files.index.list(listQuery(url.searchParams), files.describeSources()));
    if (what === "traces" && id !== undefined && HEX_ID.test(id)) {
      if (sub === undefined) {
        const view = files.index.trace(id.toLowerCase());
        return view ? sendJson(response, 200, view) : sendJson(response, 404, { error: `no trace ${id} in the files` });
      }
      if (sub === "spans" && subId !== undefined && HEX_ID.test(subId)) {
        const detail = await readSpanDetail(files.index, (at) => files.readLine(at), id.toLowerCase(), subId.toLowerCase());
        return detail ? sendJson(response, 200, detail) : sendJson(response, 404, { error: `span ${subId} of trace ${id} is not (or no longer) in the files` });
      }
    }
    if (what === "conversations" && id !== undefined && sub === undefined) return sendJson(response, 200, await conversationView(files.index, (at) => files.readLine(at), id));
    if (what === "aggregates" && id === undefined) return sendJson(response, 200, files.index.aggregates());
    if (what === "version" && id === undefined) return sendJson(response, 200, { instance, version: files.version });
    return sendJson(response, 404, { error: "not found" });
  }

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once("error", rejectListen);
    server.listen(options.port, options.host, () => {
      server.off("error", rejectListen);
      resolveListen();
    });
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "EADDRINUSE") throw new Error(`port ${options.port} on ${options.host} is in use (another viewer?): pass --port with a free port, or --port 0 for any`);
    if (error.code === "EADDRNOTAVAIL") throw new Error(`${options.host} is not an address of this machine: pass --host with one that is (the default, 127.0.0.1, always is)`);
    throw error;
  });
  const port = (server.address() as AddressInfo).port;
  allowed = hostChecker(options.host, port, options.allowHosts);
  files.watch(options.pollMillis ?? 250);
  const shownHost = options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}/`,
    port,
    async close() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await files.close();
    },
  };
}

function listQuery(params: URLSearchParams): ListQuery {
  const query = filtersFromParams(params);
  const offset = Number(params.get("offset") ?? 0);
  if (Number.isFinite(offset)) query.offset = offset;
  const limit = Number(params.get("limit") ?? 50);
  if (Number.isFinite(limit)) query.limit = limit;
  return query;
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
  response.end(response.req.method === "HEAD" ? undefined : body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, "application/json; charset=utf-8", JSON.stringify(value));
}
