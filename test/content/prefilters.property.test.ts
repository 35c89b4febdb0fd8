// The redactor rules detectors out with cheap checks before any pattern runs. Those checks must be
// necessary conditions of the patterns: with them or without them, every text comes out the same.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../../src/content/redaction/detectors.js";
import { Redactor } from "../../src/content/redaction/redactor.js";
import { DEFAULT_REDACTOR_CONFIG } from "../../src/content/redaction/default-redactor.js";
import { plantedSecret, textAround } from "../helpers/planted-secrets.js";

const prefiltered = new Redactor(DEFAULT_REDACTOR_CONFIG);
const exhaustive = new Redactor({ ...DEFAULT_REDACTOR_CONFIG, skipPrefilters: true });

/** Every text the arbitrary makes comes out of both redactors the same. */
function expectSameResults(texts: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(texts, (text) => {
      expect(prefiltered.redact(text, { key: "t" })).toBe(exhaustive.redact(text, { key: "t" }));
    }),
    { numRuns },
  );
}

/** Pieces of the detectors' shapes, so random texts come near every pattern's edges. */
const fragments = fc.constantFrom(
  ..."0123456789abcdefxyzABEFGKSXYZ :=@+-_./\\\"'\n\t()%#&;,".split(""),
  "password", "Passwd", "pwd", "secret", "api_key", "API-KEY", "token", "Token ", "Bearer ", "basic ", "%20",
  "eyJ", "yJ", "sk-", "sk-ant-api03-", "AKIA", "AIza", "ya29.", "ghp_", "glpat-", "xoxb-", "sk_live_", "hf_", "gsk_", "xai-", "npm_", "SG.",
  "://", "https://", "user:", "@example.com", "::", "fe80::", "2001:db8:", "127.0.0.1", "10.0.", "+1 ", "+33 1 ", "(415) ",
  "555-", "123-45-", "4111 1111 ", "GB82 WEST ", "-----BEGIN ", "PRIVATE KEY-----", "\\n", "\u00a0",
);
const run = (chars: string, min: number, max: number) => fc.string({ unit: fc.constantFrom(...chars.split("")), minLength: min, maxLength: max });
const digitRun = (min: number, max: number) => run("0123456789", min, max);
const hexRun = (min: number, max: number) => run("0123456789abcdefABCDEF", min, max);
const separator = fc.constantFrom("", " ", "-", ".", "+", "%20", "\u00a0", "\n", "(", ")");
const joined = <T extends string>(parts: fc.Arbitrary<T[]>) => parts.map((p) => p.join(""));

/** Near-misses and hits of each detector's shape: digit groups, hex groups, names before separators. */
const shapes = fc.oneof(
  // International numbers written in pairs have no three digits in a row: +33 1 23 45 67 89.
  joined(fc.tuple(fc.constant("+"), digitRun(1, 3), fc.array(fc.tuple(separator, digitRun(1, 2)).map((t) => t.join("")), { minLength: 3, maxLength: 7 }).map((a) => a.join("")))),
  joined(fc.tuple(fc.constantFrom("+", "", "("), digitRun(1, 3), fc.array(fc.tuple(separator, digitRun(1, 4)).map((t) => t.join("")), { minLength: 1, maxLength: 7 }).map((a) => a.join("")))),
  fc.array(hexRun(0, 4), { minLength: 2, maxLength: 9 }).map((groups) => groups.join(":")),
  fc.array(digitRun(1, 4), { minLength: 2, maxLength: 5 }).map((groups) => groups.join(".")),
  joined(fc.tuple(run("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2, 2), digitRun(2, 2), fc.array(fc.tuple(fc.constantFrom("", " "), run("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 1, 4)).map((t) => t.join("")), { maxLength: 8 }).map((a) => a.join("")))),
  joined(
    fc.tuple(
      fc.constantFrom("", "db_", "x-", "my"),
      fc.constantFrom("password", "PASSWD", "pwd", "secret", "api_key", "apikey", "access-token", "private_key", "keys", "tokenizer"),
      fc.constantFrom("", '"', "'"),
      fc.constantFrom("", " ", "\t", "\u00a0"),
      fc.constantFrom("=", ":", " "),
      fc.constantFrom("", " "),
      fc.constantFrom("hunter2", '"p w"', "'x'", ""),
    ),
  ),
  joined(
    fc.tuple(
      fc.constantFrom("sk-", "sk-proj-", "sk-ant-api03-", "AKIA", "ASIA", "AIza", "ya29.", "ghp_", "gho_", "github_pat_", "glpat-", "xoxb-", "xoxp-", "sk_live_", "rk_test_", "hf_", "gsk_", "xai-", "npm_", "SG.", "sk", "x-", "_"),
      // Bodies of the lengths the patterns ask for: 16 upper-case (AWS), 20+, exactly 36 (npm), 40+.
      fc.oneof(
        run("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 16, 16),
        run("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10, 30),
        run("abcdefghijklmnopqrstuvwxyz0123456789", 36, 36),
        run("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 40, 44),
      ),
      fc.constantFrom("", " ", ".", ".abcdefghijklmnopqrstu"),
    ),
  ),
  // Emails whose local part starts like, holds, or follows another detector's finding: the
  // anchored email search must merge with the other detectors exactly as one pattern would.
  joined(
    fc.tuple(
      fc.constantFrom("", "x", "a-", "sk-", "+", "+1", "(", "10.0.", "ghp_", "eyJ", "Bearer ", "password="),
      fc.oneof(run("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 16, 44), digitRun(1, 16), fc.constantFrom("1.2.3.4", "10.1.2.3", "14155552671", "4111111111111111")),
      fc.constantFrom("", ".", ".b", "-c", "_d", "%e", "+f"),
      fc.constantFrom("@example.com", "@x.io", "@", "@@a.bc", " @example.com"),
    ),
  ),
  joined(fc.tuple(fc.constantFrom("Bearer", "basic", "Token", "token"), fc.constantFrom(" ", "+", "%20", "  "), run("abcdefXYZ0189._~+/-", 0, 40), fc.constantFrom("", "=", "=="))),
);
const filler = fc.constantFrom("", " ", "x", "call ", "at ", "\n", "id=", "2024-05-01 ", "a:b ");
const shapedText = fc
  .array(fc.oneof({ weight: 2, arbitrary: fragments }, { weight: 2, arbitrary: shapes }, { weight: 1, arbitrary: filler }), { maxLength: 12 })
  .map((parts) => parts.join(""));
const plantedText = plantedSecret.chain(textAround);

const quiet = fc.constantFrom("", " ", "x", "call ", "\n");
const oneShape = joined(fc.tuple(quiet, shapes, quiet));

describe("redaction prefilters", () => {
  it("change no result: each detector's shape alone", () => {
    expectSameResults(oneShape, 5000);
  });

  it("change no result: shapes mixed with fragments of every pattern", () => {
    expectSameResults(shapedText, 3000);
  });

  it("change no result: planted secrets and personal data in prose", () => {
    expectSameResults(plantedText, 1000);
  });

  it("rule out the patterns on clean prose", () => {
    // Not a timing: which detectors' patterns would run at all.
    const prose = "Context: the customer asked about resetting a password on the web app. ".repeat(20);
    const candidates = DETECTORS.filter((d) => d.mayMatch(prose, false)).map((d) => d.name);
    expect(candidates).toEqual([]);
  });
});
