import { isIPv4, isIPv6 } from "../../platform/node.js";
import { CARD_CANDIDATE, isCardNumber } from "./card-brands.js";
import { passesIbanChecksum } from "./checksums.js";
import { NOT_CODE } from "./code-values.js";
import { PHONE_PATTERN } from "./phone-formats.js";
import {
  ENV_SECRET_WORDS,
  hasApiKeyPrefix,
  hasAuthSchemeWord,
  hasCloudCredentialName,
  hasCookieHeaderName,
  hasEnvSecretName,
  hasFrenchPhonePairs,
  hasNearbyColons,
  hasNationalInsuranceEnd,
  hasSchemeSeparator,
  hasSecretNameBeforeSeparator,
  hasSlackWebhookHost,
  hasSsnShapeOrLabel,
  SSN_LABEL,
} from "./prefilters.js";

export type SecretDetector =
  | "privateKey"
  | "urlCredentials"
  | "jwt"
  | "bearerToken"
  | "apiKey"
  | "passwordPair"
  | "webhookUrl"
  | "cloudCredentials"
  | "cookie"
  | "envSecret";
export type PiiDetector = "email" | "phone" | "creditCard" | "ssn" | "iban" | "ipv4" | "ipv6" | "nationalInsurance";
export type DetectorName = SecretDetector | PiiDetector;

export const SECRET_DETECTORS: readonly SecretDetector[] = [
  "privateKey", "urlCredentials", "jwt", "bearerToken", "apiKey", "passwordPair", "webhookUrl", "cloudCredentials", "cookie", "envSecret",
];
export const PII_DETECTORS: readonly PiiDetector[] = ["email", "phone", "creditCard", "ssn", "iban", "ipv4", "ipv6", "nationalInsurance"];

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

/** File extensions that are no top-level domain people mail at, after a complete address. */
const FILE_EXTENSION = /\.(?:pdf|png|jpe?g|gif|webp|svg|txt|csv|tsv|json|ya?ml|xml|html?|md|docx?|xlsx?|pptx?|log|eml|msg|vcf|ics|tar|gz|tgz|bz2|7z|rar)$/i;

/**
 * `token` alone names many things (`max_token=4096`, `token: str`): its value counts when it looks
 * generated — 12 characters or more of a token's alphabet, with a digit and a letter — as a reset
 * or magic-link token in a URL (`?token=8f3KxQ2mZ9vLp4Rt7YwB`) does.
 */
const BARE_TOKEN = `(?<![\\w.-])(?:[Tt]oken|TOKEN)(?=["']?\\s*[:=]\\s*["']?(?=[\\w.~+/-]*\\d)(?=[\\w.~+/-]*[A-Za-z])[\\w.~+/-]{12,})`;

/**
 * For after `name: `: when the name stands in a sentence (a lower-case word before it), a short
 * lower-case word followed by another word is prose ("keep your password secret: never share it"),
 * not a value. At a line's start or after punctuation (`password: sunshine and then…`), and after
 * `=`, it is a value.
 */
const NOT_PROSE = `(?:(?<==\\s*)|(?<![a-z] +["']?(?:${SECRET_NAMES})["']?\\s*:\\s*)|(?![a-z]{1,9} +[a-z]))`;


/** A character of a bearer or basic token: base64, base64url, and the rest of RFC 6750's token68. */
const TOKEN = "[A-Za-z0-9._~+/-]";

/** A quoted value, with its escapes, on one line. */
const QUOTED_VALUE = `(?:"(?:[^"\\\\\\r\\n]|\\\\.)*"|'(?:[^'\\\\\\r\\n]|\\\\.)*')`;
/**
 * A value after a name: quoted, or up to the next delimiter or control character (a masked `\n`).
 * Not a marker already written (`password=[REDACTED:password]`): redacting text twice — a log line
 * that quotes a redacted record — must leave it as it was.
 */
const NAMED_VALUE = `(?!\\[REDACTED:\\w+\\])(?:${QUOTED_VALUE}|[^\\s\\x00-\\x1f&;,'"<>}\\]]+)`;

/** A character of an `.env` value: anything up to a space, a quote, a delimiter or a bracket. */
const ENV_CHAR = "[^\\s\\x00-\\x1f\"'`<>;,&(){}\\[\\]\\\\]";
/**
 * An `.env` value that looks generated: 16 characters or more, with a digit and a letter (or,
 * from 24, both cases), and not a path, file name, domain (`uploads/a.png`, `api.example.com`),
 * snake-case words (`created_at_desc_2024`) or code (`process.env.X`).
 */
const GENERATED_ENV_VALUE = [
  `(?=${ENV_CHAR}{16})`,
  `(?:(?=${ENV_CHAR}*\\d)(?=${ENV_CHAR}*[A-Za-z])|(?=${ENV_CHAR}{24})(?=${ENV_CHAR}*[a-z])(?=${ENV_CHAR}*[A-Z]))`,
  `(?!${ENV_CHAR}*\\.[A-Za-z]{1,5}(?!${ENV_CHAR}))`,
  `(?![a-z]+(?:[_.-][a-z0-9]+)+(?!${ENV_CHAR}))`,
  `(?![/~.])`,
  NOT_CODE,
  `${ENV_CHAR}+`,
].join("");

/** Replaces the value after a name, keeping the name, the separator and the value's quotes. */
function replaceNamedValue(match: string, replacement: string): string {
  const separator = /^["']?[A-Za-z0-9_-]+["']?\s*(?::=|={1,3}|:)\s*/.exec(match)![0];
  const value = match.slice(separator.length);
  const quote = value.startsWith('"') || value.startsWith("'") ? value[0]! : "";
  const closed = quote !== "" && value.length > 1 && value.endsWith(quote);
  return `${separator}${quote}${replacement}${closed ? quote : ""}`;
}

/**
 * The built-in detectors, in priority order: where two could match at the same place, the
 * earlier wins (a JWT inside a Bearer header is redacted as the bearer token).
 */
export const DETECTORS: readonly Detector[] = [
  {
    name: "privateKey",
    label: "private_key",
    mayMatch: (text) => text.includes("PRIVATE KEY"),
    // PEM (`-----BEGIN RSA PRIVATE KEY-----`) and OpenPGP (`-----BEGIN PGP PRIVATE KEY BLOCK-----`).
    pattern: "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\\s\\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)",
  },
  {
    name: "cookie",
    label: "cookie",
    mayMatch: hasCookieHeaderName,
    // `Cookie:` and `Set-Cookie:` headers written as text: the whole value, whatever it looks
    // like. A cookie header's value starts `name=`, which keeps prose ("the cookie: it expires").
    pattern: `(?<![\\w-])(?:[Ss]et-[Cc]ookie|SET-COOKIE|[Cc]ookie|COOKIE)["']?\\s*:\\s*(?=["']?[^\\s=;,"'\\\\]+=)(?:"[^"\\x00-\\x1f\\\\]*"|'[^'\\x00-\\x1f\\\\]*'|[^\\x00-\\x1f"'\\\\]+)`,
    replace: replaceNamedValue,
  },
  {
    name: "urlCredentials",
    label: "password",
    mayMatch: hasSchemeSeparator,
    // Starts only at the start of a word, so a long word is scanned once, not once per letter.
    // Also at the very end of a text cut short before the host; then the password needs a
    // non-digit, so `http://localhost:8080` is not taken for `user:password`.
    // A password already replaced (`user:[REDACTED:password]@host`) is left as it is.
    pattern: "(?<![a-zA-Z0-9+.-])[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:@/\"'<>]+:(?!\\[REDACTED:\\w+\\]@)(?:[^\\s@/\"'<>]+@|(?=[^\\s@/\"'<>]*[^\\d\\s@/\"'<>])[^\\s@/\"'<>]+$)",
    replace: (match, replacement) => match.replace(/:[^:@]*(@?)$/, `:${replacement}$1`),
  },
  {
    name: "webhookUrl",
    label: "webhook_url",
    mayMatch: hasSlackWebhookHost,
    // A Slack incoming webhook's path is its credential; the scheme, host and kind are kept.
    pattern: "\\bhttps?://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{8,}",
    replace: (match, replacement) => match.replace(/^(https?:\/\/hooks\.slack\.com\/[a-z]+\/).*$/, `$1${replacement}`),
  },
  {
    name: "bearerToken",
    label: "bearer_token",
    mayMatch: hasAuthSchemeWord,
    // (A URL's "+" or "%20" for the space is decoded before the detectors run.) Outside an
    // Authorization header the token must look generated — a digit, a lower-case letter before a capital, "=" padding, or 32
    // characters — so that prose ("basic functionality", "token counting") is left alone.
    pattern: `\\b(?:[Bb]earer|[Bb]asic|[Tt]oken)\\s+(?:(?<=[Aa]uthorization["']?\\s*[:=]\\s*["']?[A-Za-z]+\\s+)|(?=${TOKEN}*\\d|${TOKEN}*[a-z][A-Z]|${TOKEN}{8,}=|${TOKEN}{32}))${TOKEN}{8,}=*`,
    replace: (match, replacement) => match.replace(/^([A-Za-z]+\s+).*$/s, `$1${replacement}`),
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
      "\\bxapp-\\d-[A-Za-z0-9-]{20,}", // Slack app-level token
      "\\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}", // Stripe secret / restricted
      "\\bwhsec_[A-Za-z0-9+/]{24,}", // Stripe webhook signing secret
      "\\bhf_[A-Za-z0-9]{30,}", // Hugging Face
      "\\bgsk_[A-Za-z0-9]{40,}", // Groq
      "\\bxai-[A-Za-z0-9]{40,}", // xAI
      "\\bnpm_[A-Za-z0-9]{36}", // npm
      "\\bSG\\.[A-Za-z0-9_-]{16,}\\.[A-Za-z0-9_-]{16,}", // SendGrid
      "\\bSK[0-9a-f]{32}\\b", // Twilio API key
      // A Twilio auth token (32 hex) within 100 characters of its account SID (AC + 32 hex): a
      // hash alone is not a token. The SID is an account id and is kept.
      "\\b(?=[0-9a-f]{32}\\b)(?:(?<=\\bAC[0-9a-f]{32}\\b[\\s\\S]{0,100})|(?=[0-9a-f]{32}[\\s\\S]{0,100}\\bAC[0-9a-f]{32}\\b))[0-9a-f]{32}",
      "\\bkey-[0-9a-f]{32}\\b", // Mailgun
      "\\bdapi[0-9a-f]{32}(?:-\\d+)?\\b", // Databricks
      "\\bshp(?:at|ca|pa|ss)_[0-9a-fA-F]{32}\\b", // Shopify
    ].join("|"),
  },
  {
    name: "cloudCredentials",
    label: "cloud_credential",
    mayMatch: hasCloudCredentialName,
    // AWS STS credentials (`"SecretAccessKey": "…"`, `"SessionToken": "…"`, `aws_session_token =`),
    // Azure storage connection strings (`AccountKey=…;`, `SharedAccessKey=…`) and a SAS's `sig=`.
    pattern: [
      `(?<![A-Za-z0-9])["']?(?:[Ss]ecretAccessKey|SharedAccessKey|[Aa]ccountKey|[Ss]essionToken|aws_session_token|SharedAccessSignature)["']?\\s*[=:]\\s*${NOT_CODE}${NAMED_VALUE}`,
      "(?<=[?&;])sig=[A-Za-z0-9%+/=_-]{16,}",
    ].join("|"),
    replace: replaceNamedValue,
  },
  {
    name: "passwordPair",
    label: "password",
    // A name containing one of these words, then `=` or `:`: prose that merely mentions a password
    // or a key does not start the full scan.
    mayMatch: hasSecretNameBeforeSeparator,
    // `password=...`, `api_key: ...`, `"secret": "..."`, `Password=…;` in connection strings,
    // `password := …` and a literal compared in code (`password == "…"`; `password == stored` is
    // code). Code that reads a secret (`input(…)`, `os.environ[…]`, `process.env.X`) is not one,
    // nor is a lower-case word followed by more words: prose ("keep your password secret: never share it").
    pattern: `(?<![A-Za-z0-9])["']?(?:${SECRET_NAMES}|${BARE_TOKEN})["']?\\s*(?:(?::=|=(?!=)|:(?!=))\\s*${NOT_CODE}${NOT_PROSE}${NAMED_VALUE}|={2,3}(?!=)\\s*${QUOTED_VALUE})`,
    replace: replaceNamedValue,
  },
  {
    name: "envSecret",
    label: "secret",
    mayMatch: hasEnvSecretName,
    // `.env` and shell lines: `WEBHOOK_SIGNING=…`, `STRIPE_SECRET_KEY=…`, `GITHUB_TOKEN: …` with
    // a value that looks generated (`MAX_TOKENS=4096`, `S3_KEY=uploads/a.png` stay).
    pattern: `(?<![\\w.$-])["']?(?:[A-Z0-9]+_)*(?:${ENV_SECRET_WORDS.join("|")})(?:_[A-Z0-9]+)*["']?\\s*[=:]\\s*(?:"${GENERATED_ENV_VALUE}"|'${GENERATED_ENV_VALUE}'|${GENERATED_ENV_VALUE})`,
    replace: replaceNamedValue,
  },
  {
    name: "email",
    label: "email",
    mayMatch: (text) => text.includes("@"),
    // Starts only at the start of a word, so a long word is scanned once, not once per letter.
    pattern: "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}",
    // A file named after an address (`jane@example.com.pdf`) keeps its extension.
    replace: (match, replacement) => {
      const extension = FILE_EXTENSION.exec(match);
      return extension && match.indexOf(".", match.indexOf("@")) < extension.index ? `${replacement}${extension[0]}` : replacement;
    },
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
    pattern: CARD_CANDIDATE,
    // Then a brand's prefix and length and the Luhn check. Groups written after a card number (a
    // date, an id) are dropped one by one until what is left is a card; the rest is kept.
    replace: (match, replacement) => {
      for (let end = match.length; end > 0; end = Math.max(match.lastIndexOf(" ", end - 1), match.lastIndexOf("-", end - 1))) {
        if (isCardNumber(match.slice(0, end).replace(/[ -]/g, ""))) return replacement + match.slice(end);
      }
      return match;
    },
  },
  {
    name: "ssn",
    label: "ssn",
    mayMatch: (text, digits) => digits && hasSsnShapeOrLabel(text),
    pattern: [
      "\\b(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}\\b",
      // Without dashes only after the label: `SSN: 123456789`, `social security no. 123 45 6789`
      // (in a URL's query value, `SSN:+123456789` is read decoded).
      `(?<![A-Za-z])(?:${SSN_LABEL})(?:\\s?(?:#|[Nn]o\\.?|NO\\.?|[Nn]umber|NUMBER))?s?["']?\\s*(?:(?:[:=#-]|is)\\s*)?["']?(?!000|666|9\\d\\d)\\d{3}(?:(?!00)\\d{2}(?!0000)\\d{4}| (?!00)\\d{2} (?!0000)\\d{4}|\\.(?!00)\\d{2}\\.(?!0000)\\d{4})(?!\\w|[.,-]\\d)`,
    ].join("|"),
    // The label is kept.
    replace: (match, replacement) => match.replace(/\d{3}[ .-]?\d{2}[ .-]?\d{4}$/, replacement),
  },
  {
    name: "nationalInsurance",
    label: "national_insurance",
    mayMatch: (text, digits) => digits && hasNationalInsuranceEnd(text),
    // UK National Insurance numbers (`AB 12 34 56 C`, `AB123456C`): the prefixes HMRC never issues
    // are left out (D F I Q U V, O second, BG GB KN NK NT TN ZZ).
    pattern: "(?<![\\w-])(?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z](?: ?\\d{2}){3} ?[A-D](?![\\w-])",
  },
  {
    name: "phone",
    label: "phone",
    // International numbers may have no three digits in a row (+33 1 23 45 67 89), but have a
    // "+"; French numbers written at home are pairs after a trunk "0" (01 23 45 67 89).
    mayMatch: (text, digits) => digits && (text.includes("+") || /\d{3}/.test(text) || hasFrenchPhonePairs(text)),
    // International numbers with a leading + (separators may be "+" in a URL), North American
    // 3-3-4 numbers with separators, and national layouts with a trunk "0" or a bracketed area
    // code (phone-formats.ts).
    pattern: PHONE_PATTERN,
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
    // `::10` and `::2` are Python slices (`data[::10]`), not addresses.
    validate: (match) => isIPv6(match) && match !== "::" && match !== "::1" && !/^::\d{1,4}$/.test(match) && !/^\d{1,2}:\d{2}(?::\d{2})?$/.test(match),
  },
  {
    name: "ipv4",
    label: "ipv4",
    mayMatch: (text, digits) => digits && /\d\.\d{1,3}\.\d/.test(text),
    // A period after it ends a sentence; a period and a digit continue a version or an OID.
    // A product token's version (`Chrome/124.0.0.0`, `Version/17.4.1.2`) is not an address: a
    // capitalised name and `/` before it (`ipinfo.io/203.0.113.7` and `/ip/203.0.113.7` are).
    pattern: "(?<![\\w.]|(?<![\\w.])[A-Z][A-Za-z]*/)(?:\\d{1,3}\\.){3}\\d{1,3}(?!\\w|\\.\\d)",
    // Unspecified and loopback addresses say nothing about a person.
    validate: (match) => isIPv4(match) && match !== "0.0.0.0" && !match.startsWith("127."),
  },
];
