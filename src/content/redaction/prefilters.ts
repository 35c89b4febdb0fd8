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
 * Whether some `=` or `:` follows a name containing a secret word (`password=`, `"api_key": `),
 * as `name ["'] \s* [=:]` — what the password-pair pattern cannot match without.
 */
export function hasSecretNameBeforeSeparator(text: string): boolean {
  return secretNameBefore(text, "=") || secretNameBefore(text, ":");
}

function secretNameBefore(text: string, separator: string): boolean {
  for (let at = text.indexOf(separator); at !== -1; at = text.indexOf(separator, at + 1)) {
    let end = at;
    while (end > 0 && isRegExpSpace(text.charCodeAt(end - 1))) end--;
    if (end > 0 && (text.charCodeAt(end - 1) === 34 || text.charCodeAt(end - 1) === 39)) end--; // " or '
    // Most separators follow an ordinary word ("Context:", "id="): its last three letters rule it out.
    if (!endsLikeSecretName(text, end)) continue;
    let start = end;
    while (start > 0 && end - start < LONGEST_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
    if (end - start >= 3 && SECRET_WORD.test(text.slice(start, end))) return true;
  }
  return false;
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
 * Whether an authorization scheme's word is in the text: `Bearer`, `Basic` or `Token`, capitalised
 * or not. Found from their rarest letters ("b", "k") rather than by a pattern that tries every
 * position of the text.
 */
export function hasAuthSchemeWord(text: string): boolean {
  return schemeAfterB(text, "b") || schemeAfterB(text, "B") || tokenAroundK(text);
}

function schemeAfterB(text: string, b: string): boolean {
  for (let at = text.indexOf(b); at !== -1; at = text.indexOf(b, at + 1)) {
    if (text.startsWith("earer", at + 1) || text.startsWith("asic", at + 1)) return true;
  }
  return false;
}

function tokenAroundK(text: string): boolean {
  for (let at = text.indexOf("k", 2); at !== -1; at = text.indexOf("k", at + 1)) {
    if (text.startsWith("oken", at - 1) && (text[at - 2] === "T" || text[at - 2] === "t")) return true;
  }
  return false;
}

/** Prefixes of API keys that hold no "-" or "_": looked for directly. */
const PLAIN_KEY_PREFIXES = ["AKIA", "ASIA", "ABIA", "ACCA", "AIza", "ya29.", "SG."];

/**
 * Whether the text holds the start of a known API key (`sk-`, `ghp_`, `AKIA`...). Most prefixes end
 * in "-" or "_", so only the few places with one of those are looked at.
 */
export function hasApiKeyPrefix(text: string): boolean {
  for (const prefix of PLAIN_KEY_PREFIXES) if (text.includes(prefix)) return true;
  for (let at = text.indexOf("-"); at !== -1; at = text.indexOf("-", at + 1)) {
    // sk-  glpat-  xox?-  xai-
    if (text.startsWith("sk", at - 2) || text.startsWith("glpat", at - 5) || text.startsWith("xox", at - 4) || text.startsWith("xai", at - 3)) return true;
  }
  for (let at = text.indexOf("_"); at !== -1; at = text.indexOf("_", at + 1)) {
    // gh?_  github_pat_  _live_  _test_  hf_  gsk_  npm_
    if (
      (text.startsWith("gh", at - 3) && "pousr".includes(text[at - 1]!)) || text.startsWith("github", at - 6) || text.startsWith("_live_", at) ||
      text.startsWith("_test_", at) || text.startsWith("hf", at - 2) || text.startsWith("gsk", at - 3) || text.startsWith("npm", at - 3)
    ) {
      return true;
    }
  }
  return false;
}
