// Cheap necessary conditions for the detectors' patterns. Most text holds no secret, so what
// decides redaction's cost is how fast a clean text is found clean. `indexOf` of one character
// runs at memory speed; a regular expression walks the text a character at a time. So each
// check below looks for a rare character first and runs a pattern only where one is found.

const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"] as const;

/** Whether `text` holds an ASCII digit (what `\d` matches). */
export function hasDigit(text: string): boolean {
  for (let d = 0; d < 10; d++) if (text.indexOf(DIGITS[d]!) !== -1) return true;
  return false;
}

/**
 * Whether two colons stand at most five characters apart: an IPv6 address (`fe80::1`,
 * `2001:db8:...`) has at least two colons with up to four hex digits between them.
 */
export function hasNearbyColons(text: string): boolean {
  let at = text.indexOf(":");
  while (at !== -1) {
    const next = text.indexOf(":", at + 1);
    if (next === -1) return false;
    if (next - at <= 5) return true;
    at = next;
  }
  return false;
}

const SECRET_WORD = /pass|pwd|secret|key|token/i;
/** How every secret name ends (password, passwd, pwd, secret, ...key, ...token), lower-cased. */
const SECRET_NAME_ENDINGS = ["ord", "swd", "pwd", "ret", "key", "ken"];
/** Longer than any secret name the password-pair detector knows (`aws_secret_access_key`). */
const LONGEST_NAME = 32;

/**
 * Upper-case names (`WEBHOOK_SIGNING`, `STRIPE_SECRET_KEY`) with one of these as a whole segment
 * name a secret: the `.env` detector's pattern is built from this list too.
 */
export const ENV_SECRET_WORDS = ["SECRET", "TOKEN", "KEY", "APIKEY", "SIGNING", "SIGNATURE", "SALT", "PASSPHRASE", "CREDENTIAL", "CREDENTIALS", "PRIVATE"];
const ENV_SECRET_WORD = new RegExp(`(?:^|_)(?:${ENV_SECRET_WORDS.join("|")})(?:_|$)`);

/** Kinds of names a `=` or `:` can follow, one bit each: what four detectors and the key scan cannot match without. */
const PASSWORD_NAME = 1;
const ENV_NAME = 2;
const CLOUD_NAME = 4;
const COOKIE_NAME = 8;
/** Not a name: a quote before the colon, as a key written in JSON or a dict ends. */
const QUOTED_KEY = 16;

/**
 * Whether some `=` or `:` follows a name containing a secret word (`password=`, `"api_key": `),
 * as `name ["'] \s* [=:]` — what the password-pair pattern cannot match without.
 */
export function hasSecretNameBeforeSeparator(text: string): boolean {
  return (namesBeforeSeparators(text) & PASSWORD_NAME) !== 0;
}

/**
 * Whether some `=` or `:` follows an upper-case name with a secret word as a whole segment
 * (`WEBHOOK_SIGNING=`, `"STRIPE_SECRET_KEY": `): what the `.env` detector cannot match without.
 */
export function hasEnvSecretName(text: string): boolean {
  return (namesBeforeSeparators(text) & ENV_NAME) !== 0;
}

/** Whether an AWS or Azure credential's name comes before a `=` or `:` (`"SecretAccessKey":`, `AccountKey=`, `sig=`). */
export function hasCloudCredentialName(text: string): boolean {
  return (namesBeforeSeparators(text) & CLOUD_NAME) !== 0;
}

/** Whether `Cookie` or `Set-Cookie`, in any case, comes before a `:`. */
export function hasCookieHeaderName(text: string): boolean {
  return (namesBeforeSeparators(text) & COOKIE_NAME) !== 0;
}

/** Whether some `:` follows a quote (spaces between allowed): what a member with a quoted key needs. */
export function hasQuotedKey(text: string): boolean {
  // The detectors' sweep answers for the text they saw; a text they changed is looked at alone.
  if (text === sweptText) return (sweptNames & QUOTED_KEY) !== 0;
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", colon + 1)) {
    let end = colon;
    while (end > 0 && isRegExpSpace(text.charCodeAt(end - 1))) end--;
    const quote = text.charCodeAt(end - 1);
    if (quote === 34 || quote === 39) return true;
  }
  return false;
}

/**
 * The last text swept and its answer. The redactor asks each detector about one text in turn, so
 * one sweep over its separators answers all four; comparing with `===` finds the same string by
 * identity first.
 */
let sweptText: string | undefined;
let sweptNames = 0;

function namesBeforeSeparators(text: string): number {
  if (text === sweptText) return sweptNames;
  const names = namesBefore(text, "=") | namesBefore(text, ":");
  sweptText = text;
  sweptNames = names;
  return names;
}

function namesBefore(text: string, separator: string): number {
  let names = 0;
  for (let at = text.indexOf(separator); at !== -1; at = text.indexOf(separator, at + 1)) {
    let end = at;
    while (end > 0 && isRegExpSpace(text.charCodeAt(end - 1))) end--;
    if (end > 0 && (text.charCodeAt(end - 1) === 34 || text.charCodeAt(end - 1) === 39)) {
      end--; // " or '
      if (separator === ":") names |= QUOTED_KEY;
    }
    if (end < 3) continue;
    // Most separators follow an ordinary word ("Context:", "id=", "10:31"): its last letters rule it out.
    const last = text.charCodeAt(end - 1);
    if (last <= 0x5f) {
      if (isUpperNameChar(last) && endsLikeEnvSecretName(text, end)) names |= ENV_NAME;
      if (last > 0x5a) continue; // "_" ends no other name
    }
    const lower = last | 0x20;
    const before = text.charCodeAt(end - 2) | 0x20;
    // Only d, t, y and n end a secret's name, after r, w or e (…ord, …swd, …pwd, …ret, …key, …ken).
    if ((lower === 0x64 || lower === 0x74 || lower === 0x79 || lower === 0x6e) && (before === 0x72 || before === 0x77 || before === 0x65)) {
      if (endsLikeSecretName(text, end)) {
        let start = end;
        while (start > 0 && end - start < LONGEST_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
        if (end - start >= 3 && SECRET_WORD.test(text.slice(start, end))) names |= PASSWORD_NAME;
      }
    }
    if (endsLikeCloudCredentialName(text, end, last)) names |= CLOUD_NAME;
    if (separator === ":" && lower === 0x65 && before === 0x69 && endsWithCaseless(text, end, "cookie")) names |= COOKIE_NAME;
  }
  return names;
}

/** Whether the `.env` name ending at `end` has a secret word as a whole segment. */
function endsLikeEnvSecretName(text: string, end: number): boolean {
  let start = end;
  let letters = 0;
  while (start > 0) {
    const code = text.charCodeAt(start - 1);
    if (!isUpperNameChar(code)) break;
    if (code >= 65 && code <= 90) letters++;
    start--;
  }
  // The shortest word is three letters (KEY): times and numbers ("10:31") stop here.
  return letters >= 3 && ENV_SECRET_WORD.test(text.slice(start, end));
}

/** The names of the cloud credentials detector, each by a part no ordinary word ends with. */
function endsLikeCloudCredentialName(text: string, end: number, last: number): boolean {
  switch (last) {
    case 0x79: // y: …AccessKey, …AccountKey
      return text.charCodeAt(end - 3) === 0x4b && (text.startsWith("ccessKey", end - 8) || text.startsWith("ccountKey", end - 9));
    case 0x6e: // n: …essionToken, …ession_token
      return text.startsWith("essionToken", end - 11) || text.startsWith("ession_token", end - 12);
    case 0x65: // e: SharedAccessSignature
      return text.startsWith("ccessSignature", end - 14);
    case 0x67: // g: sig
      return text.startsWith("sig", end - 3);
    default:
      return false;
  }
}

/** Whether `text` ends at `end` with `word` (lower-case letters) in any case. */
function endsWithCaseless(text: string, end: number, word: string): boolean {
  if (end < word.length) return false;
  for (let i = 0; i < word.length; i++) if ((text.charCodeAt(end - word.length + i) | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** `A-Z 0-9 _`: the characters of an `.env` name. */
function isUpperNameChar(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95;
}

function endsLikeSecretName(text: string, end: number): boolean {
  if (end < 3) return false;
  // Setting bit 0x20 lower-cases an ASCII letter and turns nothing else into one.
  const c = text.charCodeAt(end - 1) | 0x20;
  // The last letter rules out most words at once: only d, t, y and n end a secret's name.
  if (c !== 0x64 && c !== 0x74 && c !== 0x79 && c !== 0x6e) return false;
  const a = text.charCodeAt(end - 3) | 0x20;
  const b = text.charCodeAt(end - 2) | 0x20;
  for (const ending of SECRET_NAME_ENDINGS) {
    if (a === ending.charCodeAt(0) && b === ending.charCodeAt(1) && c === ending.charCodeAt(2)) return true;
  }
  return false;
}

/** `A-Z a-z _ -`: the characters of the secret names. */
function isNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || code === 45;
}

/** Exactly the characters `\s` matches in a JavaScript regular expression. */
function isRegExpSpace(code: number): boolean {
  if (code <= 32) return code === 32 || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * Whether the text holds `://`. Found from its "//", rarer in text than ":" (JSON has one per
 * key): a search for "://" stops at every colon. URL credentials and webhook URLs both ask, one
 * after the other: the last answer is kept.
 */
export function hasSchemeSeparator(text: string): boolean {
  if (text === schemeText) return schemeFound;
  let found = false;
  for (let at = text.indexOf("//", 1); at !== -1; at = text.indexOf("//", at + 1)) {
    if (text.charCodeAt(at - 1) === 0x3a) {
      found = true;
      break;
    }
  }
  schemeText = text;
  schemeFound = found;
  return found;
}

let schemeText: string | undefined;
let schemeFound = false;

/**
 * Whether an authorization scheme's word is in the text — `Bearer`, `Basic` or `Token`,
 * capitalised or not — followed by what the bearer-token pattern needs: whitespace, then 8 or
 * more token characters that look generated (a digit, a lower-case letter before a capital, `=`
 * after them, or 32 of them), unless an `Authorization` header names the scheme. Found from the
 * words' rarest letters ("b", "k") rather than by a pattern that tries every position; prose
 * ("token counting", "basic plan") is ruled out here, before any pattern runs.
 */
export function hasAuthSchemeWord(text: string): boolean {
  let header: boolean | undefined;
  const authorization = () => (header ??= text.includes("uthorization"));
  return schemeAfterB(text, "b", authorization) || schemeAfterB(text, "B", authorization) || tokenAroundK(text, authorization);
}

function schemeAfterB(text: string, b: string, authorization: () => boolean): boolean {
  for (let at = text.indexOf(b); at !== -1; at = text.indexOf(b, at + 1)) {
    if (text.startsWith("earer", at + 1) && mayBeTokenAfter(text, at + 6, authorization)) return true;
    if (text.startsWith("asic", at + 1) && mayBeTokenAfter(text, at + 5, authorization)) return true;
  }
  return false;
}

function tokenAroundK(text: string, authorization: () => boolean): boolean {
  for (let at = text.indexOf("k", 2); at !== -1; at = text.indexOf("k", at + 1)) {
    if (text.startsWith("oken", at - 1) && (text[at - 2] === "T" || text[at - 2] === "t") && mayBeTokenAfter(text, at + 3, authorization)) return true;
  }
  return false;
}

/** After a scheme's word ending before `from`: whitespace, then a run of token characters as the pattern needs it. */
function mayBeTokenAfter(text: string, from: number, authorization: () => boolean): boolean {
  let at = from;
  while (at < text.length && isRegExpSpace(text.charCodeAt(at))) at++;
  if (at === from) return false;
  const start = at;
  let generated = false;
  let previous = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (!isTokenChar(code)) break;
    if ((code >= 48 && code <= 57) || (code >= 65 && code <= 90 && previous >= 97 && previous <= 122)) generated = true;
    previous = code;
    at++;
  }
  const length = at - start;
  if (length < 8) return false;
  return generated || length >= 32 || text.charCodeAt(at) === 61 || authorization(); // =
}

/** `A-Z a-z 0-9 . _ ~ + / -`: a bearer or basic token's characters (the detector's class). */
function isTokenChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 46 || code === 95 || code === 126 || code === 43 || code === 47 || code === 45;
}

/**
 * Whether the text holds the start of a known API key (`sk-`, `ghp_`, `AKIA`...). Most prefixes end
 * in "-" or "_", so only the few places with one of those are looked at, and only past the letter
 * before them; most of the rest start with a capital A or S, rare in text.
 */
export function hasApiKeyPrefix(text: string): boolean {
  return hasKeyAfterA(text) || hasKeyAfterS(text) || text.includes("ya29.") || text.includes("dapi") || hasKeyBeforeDash(text) || hasKeyBeforeUnderscore(text);
}

/** AKIA ASIA ABIA ACCA (AWS), AIza (Google), and AC + 32 hex digits (a Twilio account SID). */
function hasKeyAfterA(text: string): boolean {
  for (let at = text.indexOf("A"); at !== -1; at = text.indexOf("A", at + 1)) {
    if (text.startsWith("KIA", at + 1) || text.startsWith("SIA", at + 1) || text.startsWith("BIA", at + 1) || text.startsWith("CCA", at + 1) || text.startsWith("Iza", at + 1)) return true;
    if (text.charCodeAt(at + 1) === 0x43 && hasLowerHexRun(text, at + 2)) return true; // C
  }
  return false;
}

/** SG. (SendGrid), and SK + 32 hex digits (a Twilio API key). */
function hasKeyAfterS(text: string): boolean {
  for (let at = text.indexOf("S"); at !== -1; at = text.indexOf("S", at + 1)) {
    if (text.startsWith("G.", at + 1)) return true;
    if (text.charCodeAt(at + 1) === 0x4b && hasLowerHexRun(text, at + 2)) return true; // K
  }
  return false;
}

/** sk-  glpat-  xox?-  xai-  xapp-  key- */
function hasKeyBeforeDash(text: string): boolean {
  for (let at = text.indexOf("-"); at !== -1; at = text.indexOf("-", at + 1)) {
    switch (text.charCodeAt(at - 1)) {
      case 0x6b: // k
        if (text.startsWith("sk", at - 2)) return true;
        break;
      case 0x74: // t
        if (text.startsWith("glpat", at - 5)) return true;
        break;
      case 0x69: // i
        if (text.startsWith("xai", at - 3)) return true;
        break;
      case 0x70: // p
        if (text.startsWith("xapp", at - 4) || text.startsWith("xox", at - 4)) return true;
        break;
      case 0x79: // y
        if (text.startsWith("key", at - 3)) return true;
        break;
      case 0x61: case 0x62: case 0x6f: case 0x73: case 0x72: // a b o s r
        if (text.startsWith("xox", at - 4)) return true;
        break;
    }
  }
  return false;
}

/** gh?_  github_pat_  sk_live_ / rk_test_  hf_  gsk_  npm_  whsec_  shp??_ */
function hasKeyBeforeUnderscore(text: string): boolean {
  for (let at = text.indexOf("_"); at !== -1; at = text.indexOf("_", at + 1)) {
    switch (text.charCodeAt(at - 1)) {
      case 0x70: case 0x6f: case 0x75: case 0x72: // p o u r
        if (text.startsWith("gh", at - 3)) return true;
        break;
      case 0x73: // s
        if (text.startsWith("gh", at - 3) || text.startsWith("shp", at - 5)) return true;
        break;
      case 0x62: // b
        if (text.startsWith("github", at - 6)) return true;
        break;
      case 0x6b: // k
        if (text.startsWith("_live_", at) || text.startsWith("_test_", at) || text.startsWith("gsk", at - 3)) return true;
        break;
      case 0x66: // f
        if (text.startsWith("hf", at - 2)) return true;
        break;
      case 0x6d: // m
        if (text.startsWith("npm", at - 3)) return true;
        break;
      case 0x63: // c
        if (text.startsWith("whsec", at - 5)) return true;
        break;
      case 0x74: case 0x61: // t a
        if (text.startsWith("shp", at - 5)) return true;
        break;
    }
  }
  return false;
}

/** Whether 32 lower-case hex digits start at `from`. */
function hasLowerHexRun(text: string, from: number): boolean {
  if (from + 32 > text.length) return false;
  for (let i = from; i < from + 32; i++) if (!isLowerHex(text.charCodeAt(i))) return false;
  return true;
}

function isLowerHex(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 97 && code <= 102);
}

/** The labels an SSN without dashes must follow (a regular expression source); the ssn detector uses it too. */
export const SSN_LABEL = "SSN|[Ss]sn|[Ss]ocial\\s[Ss]ecurity|SOCIAL\\sSECURITY";

/** What every SSN_LABEL starts with, or a dashed SSN's shape. */
const SSN_DASHED_OR_LABEL = /\d-\d\d-\d|SSN|[Ss]sn|[Ss]ocial|SOCIAL/;

/**
 * Whether the text holds a dashed SSN's shape (`3-45-6`) or an SSN label (`SSN`, `ssn`,
 * `Social Security`...): one pattern of literals, which costs less than several searches.
 */
export function hasSsnShapeOrLabel(text: string): boolean {
  return SSN_DASHED_OR_LABEL.test(text);
}

/** Whether the text holds the start of a French number written in pairs: `01 23 45`, `06.12.34`. */
export function hasFrenchPhonePairs(text: string): boolean {
  return /0[1-9][ .-]\d\d[ .-]\d\d/.test(text);
}

const NI_SUFFIXES = ["A", "B", "C", "D"];

/**
 * Whether a digit, or a digit and a space, stands before a capital A to D: how a UK National
 * Insurance number ends (`…56 C`, `…456C`). Capitals are rare, so each is found with `indexOf`.
 */
export function hasNationalInsuranceEnd(text: string): boolean {
  for (const suffix of NI_SUFFIXES) {
    for (let at = text.indexOf(suffix, 1); at !== -1; at = text.indexOf(suffix, at + 1)) {
      const before = text.charCodeAt(at - 1);
      if (isDigitCode(before) || (before === 32 && at > 1 && isDigitCode(text.charCodeAt(at - 2)))) return true;
    }
  }
  return false;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether a Slack webhook URL may be in the text: `://` somewhere, then its host. */
export function hasSlackWebhookHost(text: string): boolean {
  return hasSchemeSeparator(text) && text.includes("hooks.slack.com/");
}
