// serializeContent writes plain data with the engine's JSON.stringify and everything else with its
// own walker. Both must write exactly the same text for every value, with and without redaction.
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serializeContent, walkContent } from "../../src/content/serialize.js";
import type { LeafRedaction } from "../../src/content/plain-json.js";
import { DEFAULT_REDACTOR } from "../../src/content/redaction/default-redactor.js";

const redaction: LeafRedaction = {
  text: (text) => DEFAULT_REDACTOR.redact(text, { key: "t" }),
  isSensitiveKey: (key) => DEFAULT_REDACTOR.isSensitiveKey(key),
  replacement: "[REDACTED:secret]",
};

/** Keys that are secrets' names or hold personal data half the time, so both key rules are exercised. */
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("password", "api_key", "token", "content", "role", "toJSON", "__proto__", "jane@example.com", "call +1 415 555 2671"));
const leaf = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom("mail jane@example.com", "key sk-proj-abcdefghijklmnopqrstuvwx1234", "call +1 415 555 2671"),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.bigInt(),
  fc.constantFrom(Symbol("s"), () => 1, function named() {}),
  fc.date(),
  fc.constantFrom(new Date(Number.NaN), new Map([["a", 1]]), new Set([1]), new Error("boom"), /re/g, new Uint8Array(2)),
  fc.constantFrom({ toJSON: () => undefined }, { toJSON: () => "made by toJSON" }, { toJSON: () => ({ nested: 1 }) }, { toJSON: () => () => 1 }),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object"), tie("nullProto")),
  array: fc.array(tie("value"), { maxLength: 5 }),
  object: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  nullProto: fc.dictionary(key, tie("value"), { maxKeys: 3, noNullPrototype: false }).map((entries) => Object.assign(Object.create(null), entries)),
}));

/** Nested `levels` deep, around the walker's depth limit; toJSON adds a level in the walker's count. */
const deep = fc.tuple(fc.integer({ min: 10, max: 20 }), fc.integer({ min: 0, max: 20 })).map(([levels, viaToJson]) => {
  let nested: unknown = { leaf: "bottom" };
  for (let i = 0; i < levels; i++) {
    const inner = nested;
    nested = i === viaToJson ? { child: { toJSON: () => inner } } : i % 2 ? [inner] : { child: inner };
  }
  return nested;
});

describe("serializeContent's JSON.stringify path", () => {
  it("writes what the walker writes, for any value", () => {
    fc.assert(
      fc.property(value, fc.boolean(), fc.integer({ min: 5, max: 400 }), (input, redacted, maxLength) => {
        // Top-level strings, numbers and booleans never reach either path.
        fc.pre(typeof input === "object" && input !== null);
        const redact = redacted ? redaction : undefined;
        expect(serializeContent(input, maxLength, redact)).toEqual(walkContent(input, maxLength, redact));
      }),
      { numRuns: 3000 },
    );
  });

  it("writes what the walker writes around the depth limit, for cycles and for shared objects", () => {
    fc.assert(
      fc.property(deep, (input) => {
        expect(serializeContent(input, 10_000, redaction)).toEqual(walkContent(input, 10_000, redaction));
      }),
    );
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const shared = { x: 1 };
    for (const input of [cyclic, { left: shared, right: shared }, [shared, [shared]]]) {
      expect(serializeContent(input, 10_000, redaction)).toEqual(walkContent(input, 10_000, redaction));
    }
  });

  it("writes what the walker writes for getters and proxies, throwing or not", () => {
    const getter = Object.defineProperty({}, "value", { enumerable: true, get: () => "read" });
    const throwing = Object.defineProperty({}, "value", {
      enumerable: true,
      get: () => {
        throw new Error("getter");
      },
    });
    const proxy = new Proxy({ a: 1 }, {
      ownKeys: () => {
        throw new Error("trap");
      },
    });
    for (const input of [{ getter }, { throwing }, [proxy]]) {
      expect(serializeContent(input, 10_000, redaction)).toEqual(walkContent(input, 10_000, redaction));
    }
    expect(serializeContent({ throwing }, 10_000).text).toBe('{"throwing":{"value":"[Unreadable: getter]"}}');
  });
});

/** Header lists (which the native pass leaves to the walker) and runtime objects (which only the walker meets), among any value. */
const headerName = fc.constantFrom("Cookie", "set-cookie", "Authorization", "accept", "x-api-key", "Host", "token", "not a name", ":path");
const headerList = fc
  .array(fc.tuple(headerName, fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("sid=opaque", "mail jane@example.com"))), { minLength: 1, maxLength: 4 })
  .map((pairs) => pairs.flat());
const runtimeObject = fc.constantFrom(new EventEmitter(), new PassThrough(), new AbortController().signal, new ReadableStream());
const { withRuntime } = fc.letrec((tie) => ({
  withRuntime: fc.oneof({ depthSize: "small" }, value, headerList, runtimeObject, tie("list"), tie("record")),
  list: fc.array(tie("withRuntime"), { maxLength: 4 }),
  record: fc.dictionary(key, tie("withRuntime"), { maxKeys: 4 }),
}));

describe("serializeContent with header lists and runtime objects", () => {
  it("writes what the walker writes, and valid JSON when nothing is cut", () => {
    fc.assert(
      fc.property(withRuntime, fc.boolean(), fc.integer({ min: 5, max: 600 }), (input, redacted, maxLength) => {
        fc.pre(typeof input === "object" && input !== null);
        const redact = redacted ? redaction : undefined;
        const written = serializeContent(input, maxLength, redact);
        expect(written).toEqual(walkContent(input, maxLength, redact));
        if (!written.truncated) expect(() => JSON.parse(written.text)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
