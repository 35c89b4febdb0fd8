// Live runtime objects — HTTP requests and responses, sockets, streams, event emitters, and the
// request, reply and context objects web frameworks wrap them in — are described, not walked:
// walking one exports its socket, parser, timers and raw headers (a session cookie among them).
// Shapes are recognised by their methods, not by `instanceof`, so they are found across realms,
// across copies of a framework, and for the `events` polyfill alike.

type Bag = Record<string, unknown>;

/**
 * `[IncomingMessage GET /path]`, `[ServerResponse 200]`: an HTTP request or response — Node's or
 * the fetch API's — or a framework's wrapper of one (Fastify's request and reply, Koa's context,
 * request and response); undefined for anything else. Never throws.
 */
export function describeHttpObject(object: object): string | undefined {
  try {
    if (!isClassInstance(object)) return undefined;
    const bag = object as Bag;
    const own = httpLine(bag);
    if (own !== undefined) return `[${nameOf(object, own.fallback)} ${own.line}]`;
    // Fastify's request and reply (and Nest's on Fastify) hold Node's own in `raw`.
    const raw = bag["raw"];
    if (isObject(raw)) {
      const inner = httpLine(raw);
      if (inner !== undefined) return `[${nameOf(object, inner.request ? "Request" : "Reply")} ${inner.line}]`;
    }
    // Koa's context, request and response hold Node's in `req` and `res`.
    const req = bag["req"];
    const res = bag["res"];
    if (isObject(req) && isObject(res)) {
      const request = httpLine(req);
      const response = httpLine(res);
      if (request?.request === true && response?.request === false) {
        if (typeof bag["method"] !== "string") return `[${nameOf(object, "Response")} ${response.line}]`;
        return `[${nameOf(object, bag["request"] !== undefined && bag["response"] !== undefined ? "Context" : "Request")} ${request.line}]`;
      }
    }
    return undefined;
  } catch {
    return undefined;
  }
}

/**
 * `[Socket]`, `[PassThrough]`, `[AbortSignal]`: any other event emitter, EventTarget or web
 * stream — a live object, not data; undefined for anything else. Never throws.
 */
export function describeLiveObject(object: object): string | undefined {
  try {
    if (!isClassInstance(object)) return undefined;
    const bag = object as Bag;
    if (isEmitter(bag)) return `[${nameOf(object, "EventEmitter")}]`;
    if (typeof bag["addEventListener"] === "function" && typeof bag["dispatchEvent"] === "function") return `[${nameOf(object, "EventTarget")}]`;
    if (typeof bag["getReader"] === "function" && typeof bag["pipeTo"] === "function") return `[${nameOf(object, "ReadableStream")}]`;
    if (typeof bag["getWriter"] === "function" && typeof bag["abort"] === "function") return `[${nameOf(object, "WritableStream")}]`;
    return undefined;
  } catch {
    return undefined;
  }
}

interface HttpLine {
  /** True for a request (`GET /path`), false for a response (`200`). */
  readonly request: boolean;
  readonly line: string;
  /** The name to show when the object's class has none of its own. */
  readonly fallback: string;
}

function httpLine(bag: Bag): HttpLine | undefined {
  if (isEmitter(bag)) {
    // Node's IncomingMessage (Express's request), Http2ServerRequest, ClientRequest (`path`).
    const method = bag["method"];
    if (typeof method === "string") {
      // Express rewrites `url` under a mounted router; `originalUrl` is what the client asked for.
      const url = stringOf(bag["originalUrl"]) ?? stringOf(bag["url"]) ?? stringOf(bag["path"]);
      if (url !== undefined) return { request: true, line: `${method} ${pathOf(url)}`, fallback: "IncomingMessage" };
    }
    // ServerResponse (Express's response), and the IncomingMessage an outgoing request receives.
    const status = bag["statusCode"];
    if (typeof status === "number") return { request: false, line: String(status), fallback: "ServerResponse" };
    return undefined;
  }
  // The fetch API's Request and Response (undici in Node, Deno, Bun, workers).
  const headers = bag["headers"];
  if (typeof bag["clone"] !== "function" || !isObject(headers) || typeof headers["get"] !== "function") return undefined;
  const method = bag["method"];
  const url = bag["url"];
  if (typeof method === "string" && typeof url === "string") return { request: true, line: `${method} ${pathOf(url)}`, fallback: "Request" };
  const status = bag["status"];
  if (typeof status === "number") return { request: false, line: String(status), fallback: "Response" };
  return undefined;
}

function isEmitter(bag: Bag): boolean {
  return typeof bag["on"] === "function" && typeof bag["emit"] === "function" && typeof bag["removeListener"] === "function";
}

/** Made by a class or `Object.create(proto)`: literal objects and null-prototype maps are data. */
function isClassInstance(object: object): boolean {
  const prototype = Object.getPrototypeOf(object);
  return prototype !== null && prototype !== Object.prototype;
}

function isObject(value: unknown): value is Bag {
  return typeof value === "object" && value !== null;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * The URL without its query and fragment (where tokens and codes travel) and without `user:pass@`.
 * Not shortened: what is kept is redacted as text, and a secret cut in half escapes its detector.
 */
function pathOf(url: string): string {
  let end = url.length;
  const query = url.indexOf("?");
  if (query >= 0) end = query;
  const fragment = url.indexOf("#");
  if (fragment >= 0 && fragment < end) end = fragment;
  return url.slice(0, end).replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, "$1");
}

function nameOf(object: object, fallback: string): string {
  const constructor = (object as Bag)["constructor"];
  const name = typeof constructor === "function" ? constructor.name : undefined;
  return typeof name === "string" && name.length > 0 && name !== "Object" ? name : fallback;
}
