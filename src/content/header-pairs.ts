/**
 * Names that mark a flat `[name, value, name, value]` list as HTTP headers: the common request and
 * response headers, HTTP/2 pseudo-headers, and the credential headers LLM providers use. One is
 * enough; a list of ordinary words (`["role", "user", "token", "abc"]`) names none of them.
 */
const KNOWN_HEADER_NAMES = new Set([
  ":authority", ":method", ":path", ":scheme", ":status",
  "accept", "accept-charset", "accept-encoding", "accept-language", "access-control-allow-origin", "age",
  "anthropic-version", "api-key", "authorization", "cache-control", "connection", "content-disposition",
  "content-encoding", "content-length", "content-type", "cookie", "date", "etag", "expect", "expires", "forwarded",
  "host", "if-match", "if-modified-since", "if-none-match", "keep-alive", "last-modified", "location",
  "openai-organization", "openai-project", "origin", "pragma", "proxy-authenticate", "proxy-authorization", "range",
  "referer", "retry-after", "server", "set-cookie", "te", "traceparent", "tracestate", "transfer-encoding",
  "upgrade", "user-agent", "vary", "via", "www-authenticate", "x-api-key", "x-auth-token", "x-csrf-token",
  "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-goog-api-key", "x-real-ip", "x-request-id",
]);

/** An HTTP field name (RFC 9110 token characters), or an HTTP/2 pseudo-header such as `:path`. */
const FIELD_NAME = /^:?[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;

/** Names whose values are credentials whatever the redaction's key rules say. */
const COOKIE_NAME = /^(?:set-)?cookie$/i;

/**
 * Whether `items` is a header list as Node's `rawHeaders` and undici's arrays hold headers:
 * strings, an even number of them, every even one a field name and at least one of those a known
 * header name. The first test fails at once for the arrays content is made of (messages, parts).
 */
export function isHeaderPairs(items: readonly unknown[]): boolean {
  const length = items.length;
  if (length < 2 || length % 2 !== 0) return false;
  let known = false;
  for (let i = 0; i < length; i += 2) {
    const name = items[i];
    if (typeof name !== "string" || typeof items[i + 1] !== "string" || !FIELD_NAME.test(name)) return false;
    if (!known) known = KNOWN_HEADER_NAMES.has(name.toLowerCase());
  }
  return known;
}

/** Whether a value under this header name is replaced whole: a sensitive key, or a cookie. */
export function isSecretHeader(name: string, isSensitiveKey: (key: string) => boolean): boolean {
  return COOKIE_NAME.test(name) || isSensitiveKey(name);
}
