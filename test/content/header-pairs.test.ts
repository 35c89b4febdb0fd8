// Header lists — `[name, value, name, value]`, as Node's rawHeaders and undici's arrays hold them —
// redact a value by the name before it, as an object redacts a value by its key.
import { describe, expect, it } from "vitest";
import { isHeaderPairs } from "../../src/content/header-pairs.js";
import type { LeafRedaction } from "../../src/content/plain-json.js";
import { DEFAULT_REDACTOR_CONFIG } from "../../src/content/redaction/default-redactor.js";
import { Redactor } from "../../src/content/redaction/redactor.js";
import { serializeContent, walkContent } from "../../src/content/serialize.js";

function leafRedaction(redactor: Redactor): LeafRedaction {
  return {
    text: (text) => redactor.redact(text, { key: "input" }),
    isSensitiveKey: (key) => redactor.isSensitiveKey(key),
    replacement: redactor.replacementFor("secret"),
  };
}

const redaction = leafRedaction(new Redactor(DEFAULT_REDACTOR_CONFIG));
const parsed = (value: unknown, with_ = redaction) => JSON.parse(serializeContent(value, 10_000, with_).text) as unknown;

// Values no detector recognises: only the header's name can say they are secrets.
const SESSION = "sid=Qm9vdHN0cmFwIHNlc3Npb24";
const API_KEY = "k7Hq2LzP9wXe4RtY";

describe("header pair arrays", () => {
  it("replaces the values of cookie, authorization and other sensitive headers in Node's rawHeaders", () => {
    const rawHeaders = ["Host", "127.0.0.1:8080", "Cookie", SESSION, "Authorization", "Basic dXNlcjpodW50ZXIy", "Accept", "*/*", "X-Api-Key", API_KEY];
    expect(parsed(rawHeaders)).toEqual([
      "Host", "127.0.0.1:8080", "Cookie", "[REDACTED:secret]", "Authorization", "[REDACTED:secret]", "Accept", "*/*", "X-Api-Key", "[REDACTED:secret]",
    ]);
  });

  it("does so wherever the list sits: inside plain data, as [name, value] tuples, as set-cookie lines", () => {
    expect(parsed({ request: { method: "GET", rawHeaders: ["user-agent", "curl/8", "cookie", SESSION] } })).toEqual({
      request: { method: "GET", rawHeaders: ["user-agent", "curl/8", "cookie", "[REDACTED:secret]"] },
    });
    expect(parsed([["cookie", SESSION], ["accept", "text/html"]])).toEqual([["cookie", "[REDACTED:secret]"], ["accept", "text/html"]]);
    expect(parsed(["content-type", "text/html", "set-cookie", `${SESSION}; HttpOnly`, "Set-Cookie", "theme=dark"])).toEqual([
      "content-type", "text/html", "set-cookie", "[REDACTED:secret]", "Set-Cookie", "[REDACTED:secret]",
    ]);
    // HTTP/2 pseudo-headers are names too.
    expect(parsed([":method", "GET", ":path", "/", "cookie", SESSION])).toEqual([":method", "GET", ":path", "/", "cookie", "[REDACTED:secret]"]);
  });

  it("writes the same with the JSON.stringify path and the walker", () => {
    for (const value of [["Cookie", SESSION], { h: ["accept", "*/*", "authorization", API_KEY] }, [1, ["cookie", SESSION]]]) {
      expect(serializeContent(value, 10_000, redaction)).toEqual(walkContent(value, 10_000, redaction));
    }
  });

  it("keeps cookie values out even with the sensitive-key rule off, which then spares other names", () => {
    const noKeys = leafRedaction(new Redactor({ ...DEFAULT_REDACTOR_CONFIG, sensitiveKeys: false }));
    expect(parsed(["cookie", SESSION, "x-api-key", API_KEY, "set-cookie", SESSION], noKeys)).toEqual(["cookie", "[REDACTED:secret]", "x-api-key", API_KEY, "set-cookie", "[REDACTED:secret]"]);
    // Names added to the rule count as header names too.
    const extra = leafRedaction(new Redactor({ ...DEFAULT_REDACTOR_CONFIG, extraSensitiveKeys: ["x-tenant"] }));
    expect(parsed(["host", "a.example", "x-tenant", "acme-42"], extra)).toEqual(["host", "a.example", "x-tenant", "[REDACTED:secret]"]);
  });

  it("leaves lists that are not headers as they are", () => {
    const lists: unknown[][] = [
      ["token", API_KEY, "role", "user"], // names, but none a known header
      ["cookie", SESSION, "accept"], // odd length
      ["the cookie", SESSION, "accept", "*/*"], // a name with a space is not a field name
      ["cookie", SESSION, "accept", 1], // not all strings
      ["stop", "length"],
      [],
    ];
    for (const list of lists) {
      expect(isHeaderPairs(list)).toBe(false);
      expect(parsed(list)).toEqual(list);
    }
    // Without redaction nothing is replaced at all.
    expect(JSON.parse(serializeContent(["cookie", SESSION], 1000).text)).toEqual(["cookie", SESSION]);
  });

  it("still redacts the other values as text", () => {
    expect(parsed(["accept", "*/*", "from", "jane.doe@example.com"])).toEqual(["accept", "*/*", "from", "[REDACTED:email]"]);
  });

  it("never throws on an array whose elements throw when read", () => {
    const hostile = new Proxy(["cookie", SESSION], {
      get(target, key, receiver) {
        if (key === "1") throw new Error("no element");
        return Reflect.get(target, key, receiver);
      },
    });
    expect(parsed([hostile])).toEqual([["cookie", "[Unreadable: no element]"]]);
  });
});
