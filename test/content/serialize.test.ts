import { describe, expect, it } from "vitest";
import { serializeContent } from "../../src/content/serialize.js";

const text = (value: unknown, max = 10_000) => serializeContent(value, max).text;

describe("serializeContent", () => {
  it("keeps strings as they are and renders other values as JSON", () => {
    expect(text("plain text")).toBe("plain text");
    expect(text({ a: 1, b: [true, null, "x"] })).toBe('{"a":1,"b":[true,null,"x"]}');
    expect(text(42)).toBe("42");
    expect(text(null)).toBe("null");
  });

  it("never throws, whatever it is given", () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic["self"] = cyclic;
    const hostile = {
      get boom() {
        throw new Error("getter exploded");
      },
      fine: 1,
    };
    const badToJson = { toJSON: () => { throw new Error("no json"); } };
    const proxy = new Proxy({}, { ownKeys: () => { throw new Error("no keys"); } });
    const trapped = new Proxy({}, { get: () => { throw new Error("trapped"); }, getPrototypeOf: () => { throw new Error("no proto"); } });
    const error = new TypeError("bad input", { cause: new Error("root cause") });
    const value = {
      cyclic,
      big: 12345678901234567890n,
      fn: function namedFn() {},
      sym: Symbol("s"),
      map: new Map<unknown, unknown>([["k", 1], [{ obj: true }, 2]]),
      set: new Set([1, 2]),
      date: new Date(0),
      invalidDate: new Date(Number.NaN),
      error,
      bytes: new Uint8Array(1024),
      regex: /a+b/gi,
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      hostile,
      badToJson,
      proxy,
      trapped,
      undef: undefined,
      promise: Promise.resolve(1),
    };
    const parsed = JSON.parse(text(value)) as Record<string, unknown>;
    expect(parsed["cyclic"]).toEqual({ name: "loop", self: "[Circular]" });
    expect(parsed["big"]).toBe("12345678901234567890n");
    expect(parsed["fn"]).toBeUndefined();
    expect(parsed["map"]).toEqual({ k: 1, "[Object]": 2 });
    expect(parsed["set"]).toEqual([1, 2]);
    expect(parsed["date"]).toBe("1970-01-01T00:00:00.000Z");
    expect(parsed["invalidDate"]).toBe("Invalid Date");
    expect(parsed["error"]).toEqual({ name: "TypeError", message: "bad input", cause: { name: "Error", message: "root cause" } });
    expect(parsed["bytes"]).toBe("[Uint8Array 1024 bytes]");
    expect(parsed["regex"]).toBe("/a+b/gi");
    expect(parsed["nan"]).toBe("NaN");
    expect(parsed["inf"]).toBe("Infinity");
    expect(parsed["hostile"]).toEqual({ boom: "[Unreadable: getter exploded]", fine: 1 });
    expect(parsed["badToJson"]).toBe("[Unreadable: no json]");
    expect(parsed["proxy"]).toEqual({ "[keys]": "[Unreadable: no keys]" });
    expect(parsed["trapped"]).toBe("[Unreadable: no proto]");
    expect("undef" in parsed).toBe(false);
    expect(parsed["promise"]).toBe("[Promise]");
    expect(text([Symbol("top"), () => 1])).toBe('["Symbol(top)","[Function anonymous]"]');
  });

  it("stops at a depth limit", () => {
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 40; i++) deep = { next: deep };
    expect(text(deep)).toContain('"[Max depth]"');
  });

  it("keeps shared (non-cyclic) references whole", () => {
    const shared = { id: 1 };
    expect(text({ a: shared, b: shared })).toBe('{"a":{"id":1},"b":{"id":1}}');
  });

  it("cuts long content with a visible marker that counts what was cut", () => {
    const cut = serializeContent("x".repeat(150), 100);
    expect(cut).toEqual({ text: `${"x".repeat(100)}…[truncated 50 chars]`, truncated: true });
    const object = serializeContent({ list: Array.from({ length: 100 }, (_, i) => i) }, 20);
    expect(object.truncated).toBe(true);
    // The whole JSON is 300 characters: 20 shown, 280 cut.
    expect(object.text).toBe('{"list":[0,1,2,3,4,5…[truncated 280 chars]');
    expect(serializeContent("short", 100)).toEqual({ text: "short", truncated: false });
  });

  it("bounds the work spent on gigantic values", () => {
    const huge = Array.from({ length: 2_000_000 }, () => "abcdef");
    const result = serializeContent(huge, 1000);
    expect(result.truncated).toBe(true);
    expect(result.text.length).toBeLessThan(1100);
    expect(result.text).toMatch(/…\[truncated over \d+ chars\]$/);
  });
});
