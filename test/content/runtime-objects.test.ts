// Live runtime objects are described, not walked: Node's HTTP objects, sockets, streams, emitters,
// EventTargets, fetch Request / Response, and the request objects of Express, Fastify, Koa and
// Nest (recognised by shape; those frameworks are not dependencies here, so their objects are
// built the way the frameworks build them, around real Node objects).
import { EventEmitter } from "node:events";
import { ClientRequest, IncomingMessage, ServerResponse } from "node:http";
import { Socket } from "node:net";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { LeafRedaction } from "../../src/content/plain-json.js";
import { DEFAULT_REDACTOR } from "../../src/content/redaction/default-redactor.js";
import { serializeContent, walkContent } from "../../src/content/serialize.js";

const redaction: LeafRedaction = {
  text: (text) => DEFAULT_REDACTOR.redact(text, { key: "input" }),
  isSensitiveKey: (key) => DEFAULT_REDACTOR.isSensitiveKey(key),
  replacement: "[REDACTED:secret]",
};
const text = (value: unknown) => serializeContent(value, 100_000, redaction).text;
const walked = (value: unknown) => serializeContent(value, 100_000, redaction, { runtimeObjects: "walk" }).text;

/** A server-side request as Node's HTTP parser fills it in, on an unconnected socket. */
function incoming(method: string, url: string): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.method = method;
  req.url = url;
  req.headers = { host: "shop.example", cookie: "sid=opaque-session-value" };
  req.rawHeaders = ["Host", "shop.example", "Cookie", "sid=opaque-session-value"];
  return req;
}

function response(req: IncomingMessage, status: number): ServerResponse {
  const res = new ServerResponse(req);
  res.statusCode = status;
  return res;
}

describe("runtime objects in content", () => {
  it("describes Node's request, response, socket and streams in a line each", () => {
    const req = incoming("POST", "/v1/chat/42?session=abc#top");
    expect(JSON.parse(text([req, response(req, 201)]))).toEqual(["[IncomingMessage POST /v1/chat/42]", "[ServerResponse 201]"]);
    expect(JSON.parse(text({ socket: req.socket, body: new PassThrough(), file: Readable.from(["a"]), bus: new EventEmitter() }))).toEqual({
      socket: "[Socket]",
      body: "[PassThrough]",
      file: "[Readable]",
      bus: "[EventEmitter]",
    });
  });

  it("describes an outgoing request and the response it receives", () => {
    const outgoing = new ClientRequest({ host: "127.0.0.1", port: 9, path: "/search?q=private", method: "GET", agent: false });
    outgoing.on("error", () => {});
    outgoing.destroy();
    const received = new IncomingMessage(new Socket());
    received.statusCode = 404;
    expect(JSON.parse(text([outgoing, received]))).toEqual(["[ClientRequest GET /search]", "[IncomingMessage 404]"]);
  });

  it("describes fetch's Request and Response, an AbortSignal and web streams", async () => {
    const request = new Request("https://api.example.com/v1/items?key=abc", { method: "PUT" });
    const fetched = new Response("ok", { status: 202 });
    expect(JSON.parse(text([request, fetched, new AbortController().signal, new ReadableStream(), new WritableStream()]))).toEqual([
      "[Request PUT https://api.example.com/v1/items]",
      "[Response 202]",
      "[AbortSignal]",
      "[ReadableStream]",
      "[WritableStream]",
    ]);
    await fetched.text();
  });

  it("describes Express's request and response (Node's, with Express's prototypes in between)", () => {
    const expressRequest = Object.create(IncomingMessage.prototype, { get: { value: () => undefined } }) as object;
    const expressResponse = Object.create(ServerResponse.prototype, { json: { value: () => undefined } }) as object;
    const req = incoming("GET", "/users/7");
    Object.setPrototypeOf(req, expressRequest);
    // A router mounted at /api strips its prefix from `url`; `originalUrl` keeps the request's own.
    Object.assign(req, { originalUrl: "/api/users/7?expand=1", params: { id: "7" }, body: { note: "x" } });
    const res = response(req, 200);
    Object.setPrototypeOf(res, expressResponse);
    Object.assign(res, { locals: {} });
    expect(JSON.parse(text({ req, res }))).toEqual({ req: "[IncomingMessage GET /api/users/7]", res: "[ServerResponse 200]" });
  });

  it("describes Fastify's request and reply, which hold Node's in `raw` (also under Nest)", () => {
    // Fastify's constructors, as fastify/lib/request.js and reply.js write them.
    function Request(this: Record<string, unknown>, id: string, params: object, raw: IncomingMessage, query: object) {
      Object.assign(this, { id, params, raw, query, body: { prompt: "hi" }, log: { level: "info" } });
    }
    function Reply(this: Record<string, unknown>, raw: ServerResponse, request: object) {
      Object.assign(this, { raw, request, log: { level: "info" } });
    }
    const req = incoming("DELETE", "/sessions/9");
    const request = new (Request as unknown as new (...args: unknown[]) => object)("req-1", { id: "9" }, req, {});
    const reply = new (Reply as unknown as new (...args: unknown[]) => object)(response(req, 204), request);
    expect(JSON.parse(text([request, reply]))).toEqual(["[Request DELETE /sessions/9]", "[Reply 204]"]);
  });

  it("describes Koa's context, request and response instead of calling their toJSON (which writes every header)", () => {
    // Koa builds each from prototypes with Object.create, delegating method, url and status.
    const req = incoming("PATCH", "/cart");
    const res = response(req, 404);
    const requestProto = { get method() { return (this as unknown as { req: IncomingMessage }).req.method; }, toJSON() { return { header: req.headers }; } };
    const responseProto = { get status() { return (this as unknown as { res: ServerResponse }).res.statusCode; }, toJSON() { return { header: {} }; } };
    const contextProto = { get method() { return (this as unknown as { request: { method: string } }).request.method; }, toJSON() { return { request: req.headers }; } };
    const ctx = Object.assign(Object.create(contextProto) as object, { req, res, state: {} });
    const request = Object.assign(Object.create(requestProto) as object, { req, res, ctx });
    const response_ = Object.assign(Object.create(responseProto) as object, { req, res, ctx, request });
    Object.assign(ctx, { request, response: response_ });
    Object.assign(request, { response: response_ });
    expect(JSON.parse(text([ctx, request, response_]))).toEqual(["[Context PATCH /cart]", "[Request PATCH /cart]", "[Response 404]"]);
  });

  it("redacts the description like any text", () => {
    expect(JSON.parse(text([incoming("GET", "/users/jane.doe@example.com/orders")]))).toEqual(["[IncomingMessage GET /users/[REDACTED:email]/orders]"]);
    // A URL's user:password is dropped with the query.
    expect(JSON.parse(text([incoming("GET", "http://admin:hunter2@proxy.example/x?y=1")]))).toEqual(["[IncomingMessage GET http://proxy.example/x]"]);
    // Not shortened before redaction, which could cut a secret in half and out of its detector's sight.
    const token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJqYW5lIiwiZW1haWwiOiJqYW5lQGV4YW1wbGUuY29tIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    expect(JSON.parse(text(incoming("GET", `/${"a".repeat(150)}/reset/${token}`)))).toBe(`[IncomingMessage GET /${"a".repeat(150)}/reset/[REDACTED:jwt]]`);
  });

  it("walks what is data: classes of the application's own, Maps, Errors, toJSON, and emitters with toJSON", () => {
    class Order {
      constructor(
        readonly id: string,
        readonly lines: readonly { sku: string; qty: number }[],
      ) {}
    }
    class Job extends EventEmitter {
      status = "queued";
      toJSON() {
        return { job: this.status };
      }
    }
    class Conversation extends EventEmitter {
      messages = ["hi"];
    }
    expect(JSON.parse(text({ order: new Order("o-1", [{ sku: "A", qty: 2 }]), job: new Job(), conversation: new Conversation(), map: new Map([["k", 1]]) }))).toEqual({
      order: { id: "o-1", lines: [{ sku: "A", qty: 2 }] },
      job: { job: "queued" },
      // An emitter is a live object: its own fields are not content (map it with `input` to keep some).
      conversation: "[Conversation]",
      map: { k: 1 },
    });
    // A literal object with emitter-like methods is data, as are null-prototype objects.
    const literal = { on() {}, emit() {}, removeListener() {}, note: "kept" };
    expect(JSON.parse(text({ literal }))).toEqual({ literal: { note: "kept" } });
  });

  it("walks runtime objects property by property with runtimeObjects: walk, still without the cookie", () => {
    const req = incoming("GET", "/walk");
    const all = walked([req, response(req, 200)]);
    expect(all.length).toBeGreaterThan(2000);
    expect(all).toContain('"rawHeaders":["Host","shop.example","Cookie","[REDACTED:secret]"]');
    expect(all).not.toContain("opaque-session-value");
    expect(walked(new EventEmitter())).toContain("_events");
  });

  it("describes the same way on the JSON.stringify path and the walker, and never throws on hostile shapes", () => {
    const req = incoming("GET", "/same");
    for (const value of [{ req }, [req, { nested: [response(req, 200)] }]]) {
      expect(serializeContent(value, 10_000, redaction)).toEqual(walkContent(value, 10_000, redaction));
    }
    class Trap {
      get on(): never {
        throw new Error("trap on");
      }
      kept = 1;
    }
    const getterless = Object.create(EventEmitter.prototype, { constructor: { get: () => { throw new Error("no name"); } } }) as object;
    const revoked = Proxy.revocable(new EventEmitter(), {});
    revoked.revoke();
    expect(JSON.parse(text({ trap: new Trap(), getterless }))).toEqual({ trap: { kept: 1 }, getterless: {} });
    expect(JSON.parse(text([revoked.proxy]))).toEqual([expect.stringMatching(/^\[Unreadable: /)]);
  });
});
