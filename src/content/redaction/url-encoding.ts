/**
 * URL-encoded text hides findings from the detectors: `jane.doe%40example.com` has no "@",
 * `card+4111+1111+1111+1111` no spaces between its groups. HTTP instrumentations record such
 * URLs as they are (`url.full`, `url.query`), and form bodies are written the same way. Each
 * encoded part of a text is read as the text it encodes, redacted as such, and encoded again when
 * redaction changed it; a part that needed no change is kept exactly as written.
 */

const PERCENT = 37;
const EQUALS = 61;
const PLUS = 43;

/**
 * Where an encoded part ends: what separates the parts of a URL or a form body, and characters
 * that encoding always escapes (so a raw one is text around the URL). Not `'`, `(`, `)`, `!`, `*`,
 * which encodeURIComponent leaves as they are, nor `:` and `,`, which a value written by hand holds.
 */
function isPartBoundary(code: number): boolean {
  switch (code) {
    case 32: case 9: case 10: case 13: // whitespace
    case 63: case 38: case 61: case 35: case 47: // ? & = # /
    case 34: case 60: case 62: case 59: // " < > ;
    case 123: case 125: case 91: case 93: case 92: case 124: case 96: // { } [ ] \ | `
      return true;
    default:
      return false;
  }
}

function isHexDigit(code: number): boolean {
  return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 102);
}

/** Whether a `%XX` escape is at `at`. */
function isEscapeAt(text: string, at: number): boolean {
  return text.charCodeAt(at) === PERCENT && isHexDigit(text.charCodeAt(at + 1)) && isHexDigit(text.charCodeAt(at + 2));
}

/**
 * Whether the text may hold URL encoding worth decoding: a `%XX` escape, or a `+` in a value
 * after `=` (a query or form value writes its spaces as `+`).
 */
export function mayBeUrlEncoded(text: string): boolean {
  for (let at = text.indexOf("%"); at !== -1; at = text.indexOf("%", at + 1)) if (isEscapeAt(text, at)) return true;
  return text.includes("+") && text.includes("=");
}

/**
 * `text` with each URL-encoded part replaced by `replacePart` of it (see redactEncodedPart). A
 * part is a run between URL delimiters holding a `%XX` escape, or a `+` when it is a value (after
 * `=`): only there does `+` stand for a space.
 */
export function redactUrlEncodedParts(text: string, replacePart: (part: string, isValue: boolean) => string): string {
  let result = "";
  let copied = 0;
  let at = 0;
  let nextPercent = text.indexOf("%");
  let nextPlus = text.indexOf("+");
  while (nextPercent !== -1 || nextPlus !== -1) {
    // The next % or + from `at`: found by indexOf, not by reading every character.
    if (nextPercent !== -1 && nextPercent < at) nextPercent = text.indexOf("%", at);
    if (nextPlus !== -1 && nextPlus < at) nextPlus = text.indexOf("+", at);
    if (nextPercent === -1 && nextPlus === -1) break;
    at = nextPercent === -1 ? nextPlus : nextPlus === -1 ? nextPercent : Math.min(nextPercent, nextPlus);
    // A % that starts no escape ("99.5%") is text.
    if (at === nextPercent && !isEscapeAt(text, at)) {
      at++;
      continue;
    }
    let start = at;
    while (start > copied && !isPartBoundary(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && !isPartBoundary(text.charCodeAt(end))) end++;
    // A URL's authority (`user:pa%40ss@host` after `://`) is the raw pass's: decoded, its password's
    // escaped `@` would read as an address and hide the credentials from their detector.
    if (start >= 3 && text.startsWith("://", start - 3)) {
      at = end;
      continue;
    }
    const isValue = start > 0 && text.charCodeAt(start - 1) === EQUALS;
    // A + outside a value, with no escape in its part, is text: `a + b`, `C++`.
    if (at === nextPlus && !isValue && (nextPercent === -1 || nextPercent >= end)) {
      at = end;
      continue;
    }
    const part = text.slice(start, end);
    const replaced = replacePart(part, isValue);
    if (replaced !== part) {
      result += text.slice(copied, start) + replaced;
      copied = end;
    }
    at = end;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/**
 * A URL-encoded part as `redact` leaves what it encodes; the part itself when that changes
 * nothing, or when it encodes nothing (or is malformed). Only what changed is encoded anew: the
 * rest keeps its bytes as written.
 */
export function redactEncodedPart(part: string, isValue: boolean, redact: (decoded: string) => string): string {
  const decoded = decodePart(part, isValue);
  if (decoded === undefined) return part;
  const redacted = redact(decoded.text);
  if (redacted === decoded.text) return part;
  // The unchanged start and end, cut back to where a decoded character begins in the part.
  const { text, startsAt } = decoded;
  let prefix = 0;
  while (prefix < text.length && prefix < redacted.length && text.charCodeAt(prefix) === redacted.charCodeAt(prefix)) prefix++;
  while (startsAt[prefix] === -1) prefix--;
  let suffix = 0;
  while (suffix < text.length - prefix && suffix < redacted.length - prefix && text.charCodeAt(text.length - 1 - suffix) === redacted.charCodeAt(redacted.length - 1 - suffix)) suffix++;
  while (startsAt[text.length - suffix] === -1) suffix--;
  const changed = redacted.slice(prefix, redacted.length - suffix);
  return part.slice(0, startsAt[prefix]) + encodePart(changed, isValue && part.includes("+")) + part.slice(startsAt[text.length - suffix]!);
}

/**
 * What an encoded part stands for, and where in the part each of its characters begins (-1 for
 * the second half of a character written as one multi-byte escape; one more entry for the end).
 * Undefined when the part holds nothing encoded; an escape that is not UTF-8 stays as written.
 */
function decodePart(part: string, isValue: boolean): { text: string; startsAt: number[] } | undefined {
  let escaped = false;
  for (let at = part.indexOf("%"); at !== -1 && !escaped; at = part.indexOf("%", at + 1)) escaped = isEscapeAt(part, at);
  const spaced = isValue && part.includes("+");
  if (!escaped && !spaced) return undefined;
  let text = "";
  const startsAt: number[] = [];
  let at = 0;
  while (at < part.length) {
    const code = part.charCodeAt(at);
    if (code === PERCENT && isEscapeAt(part, at)) {
      // One character's UTF-8 bytes: the lead byte says how many follow.
      const lead = parseInt(part.slice(at + 1, at + 3), 16);
      const length = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : 2;
      const bytes = part.slice(at, at + 3 * length);
      let char: string;
      try {
        char = decodeURIComponent(bytes);
      } catch {
        // A broken UTF-8 sequence is kept as written; the rest of the part is still read.
        startsAt.push(at);
        text += "%";
        at++;
        continue;
      }
      startsAt.push(at);
      for (let i = 1; i < char.length; i++) startsAt.push(-1);
      text += char;
      at += bytes.length;
    } else {
      startsAt.push(at);
      text += code === PLUS && spaced ? " " : part[at];
      at++;
    }
  }
  startsAt.push(part.length);
  return { text, startsAt };
}

/**
 * `text` encoded as a URL part, spaces as `+` where the original wrote them so. The redaction
 * marker is encoded too (`%5BREDACTED%3Aemail%5D`): left readable, its brackets and colon would be
 * read again by the pass over the raw text (`password=` would take the marker as its value and cut
 * it). A lone surrogate, which encodeURIComponent refuses, is written as U+FFFD.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function encodePart(text: string, plusForSpace: boolean): string {
  const encoded = encodeURIComponent(text.replace(LONE_SURROGATE, "\uFFFD"));
  return plusForSpace ? encoded.replaceAll("%20", "+") : encoded;
}
