// The memo of recently redacted long texts must change nothing but the time: a text served from
// it is exactly what a fresh pass gives, it stays within its bounds, and a hook (which sees the
// context of each value) bypasses it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_REDACTOR_CONFIG } from "../../src/content/redaction/default-redactor.js";
import { RedactionMemo } from "../../src/content/redaction/redaction-memo.js";
import { Redactor } from "../../src/content/redaction/redactor.js";
import { plantedSecret, textAround } from "../helpers/planted-secrets.js";

/** Long texts (past the short-text cache) with planted findings, as prompts and history carry them. */
const longText = plantedSecret.chain((planted) => fc.tuple(textAround(planted), textAround(planted))).map(([a, b]) => `${a}\n${"History: the customer wrote earlier about order 4471. ".repeat(2)}${b}`);

describe("the redaction memo", () => {
  it("serves exactly what a fresh pass gives, however texts repeat and are evicted", () => {
    const memoized = new Redactor(DEFAULT_REDACTOR_CONFIG);
    fc.assert(
      fc.property(fc.array(longText, { minLength: 1, maxLength: 30 }), fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), (texts, picks) => {
        for (const pick of picks) {
          const text = texts[pick % texts.length]!;
          const fresh = new Redactor(DEFAULT_REDACTOR_CONFIG).redact(text, { key: "k" });
          expect(memoized.redact(text, { key: "k" })).toBe(fresh);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("stays within its entries and characters, dropping the least recently used", () => {
    const memo = new RedactionMemo(3, 1000);
    for (let i = 0; i < 50; i++) {
      memo.set(`text ${i} ${"x".repeat(i * 3)}`, `result ${i}`);
      expect(memo.size.entries).toBeLessThanOrEqual(3);
      expect(memo.size.characters).toBeLessThanOrEqual(1000);
    }
    const lru = new RedactionMemo(2, 1000);
    lru.set("a", "A");
    lru.set("b", "B");
    lru.get("a"); // a is now the most recently used
    lru.set("c", "C");
    expect([lru.get("a"), lru.get("b"), lru.get("c")]).toEqual(["A", undefined, "C"]);
    // One text larger than a quarter of the bound is not kept at all.
    lru.set("y".repeat(300), "Y");
    expect(lru.get("y".repeat(300))).toBeUndefined();
  });

  it("is bypassed when a hook sees each value's context", () => {
    const seen: string[] = [];
    const hooked = new Redactor({ ...DEFAULT_REDACTOR_CONFIG, hook: (value, context) => (seen.push(context.key), value) });
    const text = `${"A system prompt re-sent on every call. ".repeat(4)}jane@example.com`;
    hooked.redact(text, { key: "first" });
    hooked.redact(text, { key: "second" });
    expect(seen).toEqual(["first", "second"]);
  });
});
