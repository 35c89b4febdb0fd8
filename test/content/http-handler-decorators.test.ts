// A request handler `handle(req, res)` traced with tool() / @task(), served by a real node:http
// server on 127.0.0.1: the span records which request it was, not the request's internals, and no
// cookie or credential the client sent.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterEach, describe, expect, it } from "vitest";
import { task, tool } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";

// Values no detector recognises: only where they sit says they are secrets.
const SESSION = "sid=Zq8vK2mN7pR4tX1w";
const CREDENTIAL = "Token a8F3kL0qZ7xW2mN5";
const API_KEY = "k7Hq2LzP9wXe4RtY";

let capture: SpanCapture | undefined;
let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = undefined;
  await capture?.shutdown();
  capture = undefined;
});

/** Serves `handler` on 127.0.0.1, sends one request with a cookie and credentials, and returns the answer. */
async function serveOnce(handler: (req: IncomingMessage, res: ServerResponse) => unknown, path: string): Promise<string> {
  server = createServer((req, res) => void handler(req, res));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: "POST",
    headers: { cookie: SESSION, authorization: CREDENTIAL, "x-api-key": API_KEY, "content-type": "application/json" },
    body: JSON.stringify({ question: "where is my order?" }),
  });
  return response.text();
}

/** Every string the span carries — name, attributes, events, status — as an exporter receives them. */
function exported(span: ReadableSpan): string {
  return JSON.stringify({ name: span.name, attributes: span.attributes, events: span.events, status: span.status });
}

/** The content attributes that recorded the handler's arguments. */
function inputs(span: ReadableSpan): string[] {
  return Object.values(span.attributes).filter((value): value is string => typeof value === "string" && value.includes("IncomingMessage"));
}

function expectSummarized(span: ReadableSpan, method: string, path: string): void {
  const recorded = inputs(span);
  expect(recorded.length).toBeGreaterThan(0);
  for (const input of recorded) {
    expect(input.length).toBeLessThan(500);
    expect(JSON.parse(input)).toEqual([`[IncomingMessage ${method} ${path}]`, "[ServerResponse 200]"]);
  }
  const all = exported(span);
  for (const secret of [SESSION, CREDENTIAL, API_KEY, "Zq8vK2mN7pR4tX1w"]) expect(all).not.toContain(secret);
  for (const internal of ["_events", "_readableState", "rawHeaders", "socket", "parser", "highWaterMark"]) expect(all).not.toContain(internal);
}

describe("a traced HTTP handler", () => {
  it("records tool(handler)'s (req, res) as the request line and the status, in a few dozen bytes", async () => {
    capture = captureSpans();
    const handle = tool({ name: "handle" }, async (req: IncomingMessage, res: ServerResponse) => {
      for await (const _ of req) {
        // the body is read, as a handler would
      }
      res.end("ok");
    });
    expect(await serveOnce(handle, "/orders/42?session=abc")).toBe("ok");
    expectSummarized(capture.get("tool.handle"), "POST", "/orders/42");
  });

  it("does the same for a @task() method", async () => {
    capture = captureSpans();
    class Routes {
      @task({ name: "route" })
      handle(req: IncomingMessage, res: ServerResponse): void {
        req.resume();
        res.end("routed");
      }
    }
    const routes = new Routes();
    expect(await serveOnce((req, res) => routes.handle(req, res), "/v1/chat")).toBe("routed");
    expectSummarized(capture.get("task.route"), "POST", "/v1/chat");
  });

  it("redacts the cookie and credentials when the handler records req.rawHeaders itself", async () => {
    capture = captureSpans();
    const inspect = task({ name: "inspect" }, (rawHeaders: string[]) => ({ received: rawHeaders.length / 2 }));
    await serveOnce((req, res) => {
      inspect(req.rawHeaders);
      res.end("ok");
    }, "/h");
    const span = capture.get("task.inspect");
    const recorded = Object.values(span.attributes).filter((value): value is string => typeof value === "string" && value.startsWith("["));
    expect(recorded.length).toBeGreaterThan(0);
    for (const input of recorded) {
      const headers = JSON.parse(input) as string[];
      const after = (name: string) => headers[headers.findIndex((h) => h.toLowerCase() === name) + 1];
      expect(after("cookie")).toBe("[REDACTED:secret]");
      expect(after("authorization")).toBe("[REDACTED:secret]");
      expect(after("x-api-key")).toBe("[REDACTED:secret]");
      expect(after("content-type")).toBe("application/json");
    }
    for (const secret of [SESSION, CREDENTIAL, API_KEY]) expect(exported(span)).not.toContain(secret);
  });

  it("walks the request with content.runtimeObjects: walk, and still exports no cookie or credential", async () => {
    capture = captureSpans({ content: { runtimeObjects: "walk" } });
    const handle = tool({ name: "walked" }, (req: IncomingMessage, res: ServerResponse) => {
      req.resume();
      res.end("ok");
    });
    await serveOnce(handle, "/walk");
    const span = capture.get("tool.walked");
    const recorded = Object.values(span.attributes).filter((value): value is string => typeof value === "string" && value.includes("rawHeaders"));
    expect(recorded.length).toBeGreaterThan(0);
    for (const input of recorded) expect(input.length).toBeGreaterThan(5000);
    for (const secret of [SESSION, CREDENTIAL, API_KEY]) expect(exported(span)).not.toContain(secret);
  });
});
