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
    let start = end;
    while (start > 0 && end - start < LONGEST_NAME && isNameChar(text.charCodeAt(start - 1))) start--;
    if (end - start >= 3 && SECRET_WORD.test(text.slice(start, end))) return true;
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
