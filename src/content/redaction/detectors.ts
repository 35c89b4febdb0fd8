import { isIPv4, isIPv6 } from "../../platform/node.js";
import { passesIbanChecksum, passesLuhn } from "./checksums.js";
import { hasApiKeyPrefix, hasAuthSchemeWord, hasNearbyColons, hasSecretNameBeforeSeparator } from "./prefilters.js";

export type SecretDetector = "privateKey" | "urlCredentials" | "jwt" | "bearerToken" | "apiKey" | "passwordPair";
export type PiiDetector = "email" | "phone" | "creditCard" | "ssn" | "iban" | "ipv4" | "ipv6";
export type DetectorName = SecretDetector | PiiDetector;

export const SECRET_DETECTORS: readonly SecretDetector[] = ["privateKey", "urlCredentials", "jwt", "bearerToken", "apiKey", "passwordPair"];
export const PII_DETECTORS: readonly PiiDetector[] = ["email", "phone", "creditCard", "ssn", "iban", "ipv4", "ipv6"];

export interface Detector {
  readonly name: DetectorName;
  /** What the replacement says was removed: `[REDACTED:<label>]`. */
  readonly label: string;
  /** A regular expression source without capturing groups (they are numbered by the combiner). */
  readonly pattern: string;
  /**
   * False when the text cannot hold a match (it has no "@", no run of digits...): a necessary
   * condition, checked cheaply before any pattern runs. Most text has no secrets, and the patterns
   * are the expensive part. `digits` says whether the text has a digit at all (checked once).
   */
  readonly mayMatch: (text: string, digits: boolean) => boolean;
  /** A match that fails validation (a checksum, an address parser) is left as it is. */
  readonly validate?: (match: string) => boolean;
  /** Redacts part of the match only (keeps `Bearer `, a URL's scheme and user...). */
  readonly replace?: (match: string, replacement: string) => string;
}

/** `[pP][aA]...`: case-insensitive letters inside a regex that is not (Node 20 has no `(?i:)` groups). */
function caseless(source: string): string {
  return source.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

// Key names whose value is a secret when written `name=value` or `name: value` in text.
const SECRET_NAMES = caseless(
  "password|passwd|pwd|secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|aws_secret_access_key|client[_-]?secret|access[_-]?token|auth[_-]?token|refresh[_-]?token|id[_-]?token|private[_-]?key",
);

/** A character of a bearer or basic token: base64, base64url, and the rest of RFC 6750's token68. */
const TOKEN = "[A-Za-z0-9._~+/-]";

/**
 * The built-in detectors, in priority order: where two could match at the same place, the
 * earlier wins (a JWT inside a Bearer header is redacted as the bearer token).
 */
export const DETECTORS: readonly Detector[] = [
  {
    name: "privateKey",
    label: "private_key",
    mayMatch: (text) => text.includes("PRIVATE KEY"),
    pattern: "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----[\\s\\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|$)",
  },
  {
    name: "urlCredentials",
    label: "password",
    mayMatch: (text) => text.includes("://"),
    // Starts only at the start of a word, so a long word is scanned once, not once per letter.
    // Also at the very end of a text cut short before the host; then the password needs a
    // non-digit, so `http://localhost:8080` is not taken for `user:password`.
    pattern: "(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:@/\"'<>]+:(?:[^\\s@/\"'<>]+@|(?=[^\\s@/\"'<>]*[^\\d\\s@/\"'<>])[^\\s@/\"'<>]+$)",
    replace: (match, replacement) => match.replace(/:[^:@]*(@?)$/, `:${replacement}$1`),
  },
  {
    name: "bearerToken",
    label: "bearer_token",
    mayMatch: hasAuthSchemeWord,
    // In a URL the space may be "+" or "%20". Outside an Authorization header the token must
    // look generated — a digit, a lower-case letter before a capital, "=" padding, or 32
    // characters — so that prose ("basic functionality", "token counting") is left alone.
    pattern: `\\b(?:[Bb]earer|[Bb]asic|[Tt]oken)(?:\\s+|\\+|%20)(?:(?<=[Aa]uthorization["']?\\s*[:=]\\s*["']?[A-Za-z]+(?:\\s+|\\+|%20))|(?=${TOKEN}*\\d|${TOKEN}*[a-z][A-Z]|${TOKEN}{8,}=|${TOKEN}{32}))${TOKEN}{8,}=*`,
    replace: (match, replacement) => match.replace(/^([A-Za-z]+(?:\s+|\+|%20)).*$/s, `$1${replacement}`),
  },
  {
    name: "jwt",
    label: "jwt",
    // "yJ" first: "e" is common in prose, which slows the search for "eyJ".
    mayMatch: (text) => text.includes("yJ") && text.includes("eyJ"),
    pattern: "\\beyJ[A-Za-z0-9_-]{5,}\\.eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{8,}",
  },
  {
    name: "apiKey",
    label: "api_key",
    mayMatch: hasApiKeyPrefix,
    pattern: [
      "\\bsk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\\d{2}-)?[A-Za-z0-9_-]{20,}", // OpenAI, Anthropic
      "\\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\\b", // AWS access key id
      "\\bAIza[0-9A-Za-z_-]{35}", // Google
      "\\bya29\\.[0-9A-Za-z_-]{20,}", // Google OAuth access token
      "\\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}", // GitHub
      "\\bgithub_pat_[A-Za-z0-9_]{22,}",
      "\\bglpat-[A-Za-z0-9_-]{20,}", // GitLab
      "\\bxox[abposr]-[A-Za-z0-9-]{10,}", // Slack
      "\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}", // Stripe secret / restricted
      "\\bhf_[A-Za-z0-9]{30,}", // Hugging Face
      "\\bgsk_[A-Za-z0-9]{40,}", // Groq
      "\\bxai-[A-Za-z0-9]{40,}", // xAI
      "\\bnpm_[A-Za-z0-9]{36}", // npm
      "\\bSG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}", // SendGrid
    ].join("|"),
  },
  {
    name: "passwordPair",
    label: "password",
    // A name containing one of these words, then `=` or `:`: prose that merely mentions a password
    // or a key does not start the full scan.
    mayMatch: hasSecretNameBeforeSeparator,
    // `password=...`, `api_key: ...`, `"secret": "..."`, `Password=...;` in connection strings.
    pattern: `(?<![A-Za-z0-9])["']?(?:${SECRET_NAMES})["']?\\s*[=:]\\s*(?:"(?:[^"\\\\]|\\\\.)*"|'[^']*'|[^\\s&;,'"<>}\\]]+)`,
    replace: (match, replacement) => {
      const separator = /^["']?[A-Za-z_-]+["']?\s*[=:]\s*/.exec(match)![0];
      const value = match.slice(separator.length);
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0]! : "";
      return `${separator}${quote}${replacement}${quote}`;
    },
  },
  {
    name: "email",
    label: "email",
    mayMatch: (text) => text.includes("@"),
    // Starts only at the start of a word, so a long word is scanned once, not once per letter.
    pattern: "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}",
  },
  {
    name: "iban",
    label: "iban",
    mayMatch: (text, digits) => digits && /[A-Z]{2}\d{2}/.test(text),
    pattern: "\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b",
    validate: passesIbanChecksum,
  },
  {
    name: "creditCard",
    label: "credit_card",
    mayMatch: (text, digits) => digits && /\d{4}/.test(text),
    // Card brands' prefixes and lengths, then the Luhn check: long order numbers and timestamps stay.
    pattern: "\\b(?:4\\d{3}|5[1-5]\\d{2}|2[2-7]\\d{2}|3[47]\\d{2}|6(?:011|5\\d{2}|4[4-9]\\d)|3(?:0[0-5]|[68]\\d)\\d|35\\d{2})(?:[ -]?\\d){9,15}\\b",
    // A number run into more digits (a date, an id) is cut back to its longest prefix of 13 to 19
    // digits that passes the Luhn check; the rest is kept.
    replace: (match, replacement) => {
      const ends: number[] = [];
      for (let i = 0; i < match.length; i++) if (match.charCodeAt(i) >= 48 && match.charCodeAt(i) <= 57) ends.push(i + 1);
      for (let count = Math.min(19, ends.length); count >= 13; count--) {
        const prefix = match.slice(0, ends[count - 1]);
        if (passesLuhn(prefix.replace(/[ -]/g, ""))) return replacement + match.slice(prefix.length);
      }
      return match;
    },
  },
  {
    name: "ssn",
    label: "ssn",
    mayMatch: (text, digits) => digits && /\d-\d\d-\d/.test(text),
    pattern: "\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b",
  },
  {
    name: "phone",
    label: "phone",
    // International numbers may have no three digits in a row (+33 1 23 45 67 89), but have a "+".
    mayMatch: (text, digits) => digits && (text.includes("+") || /\d{3}/.test(text)),
    // International numbers with a leading + (separators may be "+" in a URL), and North American
    // 3-3-4 numbers with separators.
    pattern: "(?<![\\w+])\\+\\d{1,3}[\\s.+-]?(?:\\(\\d{1,4}\\)[\\s.+-]?)?\\d{1,4}(?:[\\s.+-]?\\d{2,4}){1,5}(?![\\w])|(?<![\\w+(])\\(?\\d{3}\\)?[\\s.-]\\d{3}[\\s.-]\\d{4}(?![\\w])",
    // A number followed by more digit groups (a date, an id) is cut back to its longest prefix
    // that has a phone number's 8 to 15 digits; the rest is kept.
    replace: (match, replacement) => {
      let candidate = match;
      for (;;) {
        const digits = candidate.replace(/\D/g, "").length;
        if (digits < 8) return match;
        if (digits <= 15) return replacement + match.slice(candidate.length);
        const shorter = candidate.replace(/[\s.+-]*\(?\d+\)?$/, "");
        if (shorter === candidate) return match;
        candidate = shorter;
      }
    },
  },
  {
    name: "ipv6",
    label: "ipv6",
    mayMatch: hasNearbyColons,
    // A permissive shape (hex groups, some empty, joined by colons); the address parser decides.
    pattern: "(?<![\\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{0,4}(?![\\w:])",
    // Unspecified and loopback addresses say nothing about a person.
    validate: (match) => isIPv6(match) && match !== "::" && match !== "::1" && !/^\d{1,2}:\d{2}(?::\d{2})?$/.test(match),
  },
  {
    name: "ipv4",
    label: "ipv4",
    mayMatch: (text, digits) => digits && /\d\.\d{1,3}\.\d/.test(text),
    pattern: "(?<![\\w.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\w.])",
    // Unspecified and loopback addresses say nothing about a person.
    validate: (match) => isIPv4(match) && match !== "0.0.0.0" && !match.startsWith("127."),
  },
];
