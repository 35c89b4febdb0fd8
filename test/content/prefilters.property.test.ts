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
  // The detectors of vendors' tokens, cloud credentials, cookies, .env lines, national formats, code values.
  "AC", "SK", "key-", "dapi", "shpat_", "shpss_", "xapp-1-", "whsec_", "hooks.slack.com/services/", "https://hooks.slack.com/workflows/",
  "AccountKey=", "SharedAccessKey=", "?sig=", "&sig=", "sig=", "SecretAccessKey", "secretAccessKey", "SessionToken", "aws_session_token", "Signature=",
  "Cookie: ", "Set-Cookie:", "COOKIE:", "cookie", "sid=", "WEBHOOK_SIGNING=", "_SECRET", "_TOKEN=", "_KEY", "KEY:", "API_KEY=", "SALT=",
  "SSN", "ssn ", "Ssn: ", "Social Security ", "SOCIAL+SECURITY ", "number ", "#", " is ", "NI ", "AB", "AB 12 ", "C", "D",
  "0", "(0", "(11) ", "020 ", "07700 ", "01 23 ", "06.12.", "030/", "03-", "090-", "0120-", "098765 ",
  "PGP PRIVATE KEY BLOCK-----", "input(", "os.environ[", "process.env.", "self.", "getpass()", "$DB_", "${", "{{", "None", "str", "==", ":=", "!",
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
  // Vendors' prefixes before hex of about the length they ask for; a Twilio SID near a 32-digit token.
  joined(fc.tuple(fc.constantFrom("SK", "AC", "key-", "dapi", "shpat_", "shpca_", "xapp-1-", "whsec_", "", "x"), fc.oneof(hexRun(30, 34), run("0123456789abcdef", 30, 34)), fc.constantFrom("", " ", "-2", "Z"))),
  joined(fc.tuple(fc.constantFrom("AC", "xAC", ""), run("0123456789abcdef", 32, 32), fc.oneof(fc.constantFrom("", " ", ", ", "\n"), run("abc 0189,.\n", 0, 110)), run("0123456789abcdef", 31, 33))),
  joined(fc.tuple(run("0123456789abcdef", 32, 32), run("xyz ", 0, 20), fc.constantFrom("AC", "SK"), run("0123456789abcdef", 31, 33))),
  // Names before separators: cloud credentials, cookies, .env names, secret names in code.
  joined(
    fc.tuple(
      fc.constantFrom("", "\"", "'", "?", "&", ";", " ", "x", "export "),
      fc.constantFrom(
        "SecretAccessKey", "secretAccessKey", "SessionToken", "aws_session_token", "AccountKey", "SharedAccessKey", "SharedAccessSignature", "sig",
        "Cookie", "Set-Cookie", "SET-COOKIE", "cookie", "COOKIES", "WEBHOOK_SIGNING", "STRIPE_SECRET_KEY", "GITHUB_TOKEN", "KEY", "MAX_TOKENS", "S3_KEY", "TOKEN_2",
        "password", "api_key", "apiKey", "client_secret",
      ),
      fc.constantFrom("", "\"", "'"),
      fc.constantFrom("", " ", "  "),
      fc.constantFrom("=", ":", ":=", "==", "===", " "),
      fc.constantFrom("", " ", "+"),
      fc.constantFrom(
        "a8f5f167f44f4964e6c998dee827110c", "Xk29fj3kd93jf03jdk3Lq", "sid=s3cr3t; theme=dark", "\"sid=abc\"", "'x=1'", "uploads/2024/a.png", "created_at_desc_2024",
        "4096", "hunter2", "input(\"Password: \")", "os.environ[\"KEY\"]", "process.env.KEY;", "getpass.getpass()", "self.password", "$DB_PASSWORD", "\"${DB}\"", "None", "str)",
        "abcDEF123%2Bxyz%2F456ghiJKL789%3D", "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==", "it expires",
      ),
    ),
  ),
  // Card-shaped digits: one run or groups, in a longer number, after a decimal point.
  joined(fc.tuple(fc.constantFrom("", "1.", "1,", "1-", ".", "x", " "), fc.constantFrom("4", "5", "37", "6011", "35", "30", "2221", "1"), fc.oneof(digitRun(10, 20), fc.array(digitRun(3, 6), { minLength: 2, maxLength: 5 }).map((g) => ` ${g.join(" ")}`), fc.array(digitRun(4, 4), { minLength: 3, maxLength: 4 }).map((g) => `-${g.join("-")}`)), fc.constantFrom("", ".5", "-1", " 2024", "x"))),
  // National phone layouts: a trunk "0" or a bracketed area code, then groups.
  joined(fc.tuple(fc.constantFrom("0", "(0", "(", "1.0", "-0", " 0"), digitRun(1, 4), fc.constantFrom("", ")"), fc.array(fc.tuple(fc.constantFrom(" ", ".", "-", "/", " / ", ") "), digitRun(1, 8)).map((t) => t.join("")), { minLength: 1, maxLength: 4 }).map((a) => a.join("")))),
  // SSN labels before nine digits; National Insurance numbers and near misses.
  joined(fc.tuple(fc.constantFrom("SSN", "ssn", "Ssn", "Social Security", "social+security", "SOCIAL%20SECURITY", "sSN", "SSNs"), fc.constantFrom("", " no.", " number", " #", "#"), fc.constantFrom("", ":", ": ", " is ", "=", "+", " "), fc.constantFrom("", "\""), digitRun(3, 3), fc.constantFrom("", " ", ".", "-"), digitRun(2, 2), fc.constantFrom("", " ", ".", "-"), digitRun(4, 5))),
  joined(fc.tuple(run("ABCDGKNOQTZ", 2, 2), fc.constantFrom("", " "), digitRun(2, 2), fc.constantFrom("", " "), digitRun(2, 2), fc.constantFrom("", " "), digitRun(2, 3), fc.constantFrom("", " "), run("ABCDEZ", 1, 1), fc.constantFrom("", "-", "x", " "))),
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
    // Prose that mentions tokens and basic plans does not start the bearer-token pattern either.
    const tokens = "Token counting is basic: the token limit, the bearer of the plan. ".repeat(5);
    expect(DETECTORS.filter((d) => d.mayMatch(tokens, false)).map((d) => d.name)).toEqual([]);
  });
});
