/**
 * Members of JSON (or a Python dict's repr) written as text whose key names a secret —
 * `{"authorization": "Basic …"}`, `{'credentials': '…'}` in a tool call's `arguments` — get the
 * rule objects get: a string value under such a key is replaced whole, whatever it looks like.
 * Other values (numbers, objects, arrays) are left to the detectors, as in objects.
 */

/** Longest key looked at; longer quoted texts before a colon are prose, not keys. */
const LONGEST_KEY = 64;

const BACKSLASH = 92;
const DOUBLE_QUOTE = 34;
const SINGLE_QUOTE = 39;

/** The key rule, and a cheap necessary check of a key in place (a JSON text has many keys; few name a secret). */
export interface SensitiveKeys {
  readonly isSensitiveKey: (key: string) => boolean;
  readonly mayNameSecret: (text: string, start: number, end: number) => boolean;
}

/**
 * `text` with the string value of every member whose key `isSensitiveKey` names replaced by
 * `replacement`, the quotes kept. Linear: each colon is looked at once, each value read once.
 */
export function redactSensitiveMembers(text: string, keys: SensitiveKeys, replacement: string, isMarker: (value: string) => boolean): string {
  let result = "";
  let copied = 0;
  for (let colon = text.indexOf(":"); colon !== -1; colon = text.indexOf(":", colon + 1)) {
    let keyEnd = colon;
    while (keyEnd > 0 && isSpace(text.charCodeAt(keyEnd - 1))) keyEnd--;
    const quote = text.charCodeAt(keyEnd - 1);
    if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) continue;
    // JSON held in a string the decoding could not reach writes its quotes escaped: `{\"auth\": \"…\"}`.
    const escaped = text.charCodeAt(keyEnd - 2) === BACKSLASH;
    const keyClose = escaped ? keyEnd - 2 : keyEnd - 1;
    const keyStart = openingQuote(text, keyClose, quote, escaped) + 1;
    if (keyStart === 0 || !keys.mayNameSecret(text, keyStart, keyClose) || !keys.isSensitiveKey(text.slice(keyStart, keyClose))) continue;
    let valueStart = colon + 1;
    while (valueStart < text.length && isSpace(text.charCodeAt(valueStart))) valueStart++;
    if (escaped && text.charCodeAt(valueStart) === BACKSLASH) valueStart++;
    const valueQuote = text.charCodeAt(valueStart);
    if (valueQuote !== DOUBLE_QUOTE && valueQuote !== SINGLE_QUOTE) continue;
    // A value cut short (a span name cut to its limit, a line broken) goes to where it stops.
    const valueEnd = escaped ? closingEscapedQuote(text, valueStart + 1, valueQuote) : closingQuote(text, valueStart + 1, valueQuote);
    // A value a detector replaced already keeps its marker, which says what it was; an empty
    // value, a reference (`"{token}"`, `"%s"`) or a literal joined to code (`"Bearer " + token`) is no secret.
    const value = text.slice(valueStart + 1, valueEnd);
    if (value.length === 0 || isMarker(value) || REFERENCE.test(value) || isConcatenated(text, valueEnd + (escaped ? 2 : 1))) continue;
    result += text.slice(copied, valueStart + 1) + replacement;
    copied = valueEnd;
    colon = valueEnd;
  }
  return copied === 0 ? text : result + text.slice(copied);
}

/** A whole value that names where the secret comes from: `{token}`, `${TOKEN}`, `{{ secrets.key }}`, `%s`, `$DB_PASSWORD`. */
const REFERENCE = /^(?:\$?\{[\w.]*\}|\{\{[^{}]*\}\}|%(?:\(\w+\))?[sdr]|\$[A-Z_][A-Z0-9_]*)$/;

/** Whether a string literal ending before `from` is joined to more code by `+`. */
function isConcatenated(text: string, from: number): boolean {
  let at = from;
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return text.charCodeAt(at) === 43; // +
}

/**
 * Index of the quote opening a key that ends at `end`, at most LONGEST_KEY back; -1 if none. With
 * `escaped`, the quote must be escaped too (`\"key\"`).
 */
function openingQuote(text: string, end: number, quote: number, escaped: boolean): number {
  for (let i = end - 1; i >= 0 && i >= end - 1 - LONGEST_KEY; i--) {
    const code = text.charCodeAt(i);
    if (code === quote && (!escaped || text.charCodeAt(i - 1) === BACKSLASH)) return i;
    if (code === 10 || code === 13) return -1;
  }
  return -1;
}

/** Index of the backslash of the escaped quote (`\"`) closing a value, or where the line or the text ends. */
function closingEscapedQuote(text: string, from: number, quote: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === BACKSLASH && text.charCodeAt(i + 1) === quote) return i;
    if (code === 10 || code === 13) return i;
  }
  return text.length;
}

/**
 * Index of the quote closing a string literal whose body starts at `from`, escapes skipped; if
 * there is none, where the line or the text ends.
 */
function closingQuote(text: string, from: number, quote: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === quote || code === 10 || code === 13) return i;
    if (code === BACKSLASH) i++;
  }
  return text.length;
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}
