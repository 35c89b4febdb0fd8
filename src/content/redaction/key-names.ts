/**
 * The names that make a key sensitive by default: a value under a key with one of them as a
 * segment (`password`, `x-api-key`, `session.token`) is a secret whatever it looks like.
 * Regular expression sources, matched without case.
 */
export const DEFAULT_KEY_NAMES: readonly string[] = [
  "password", "passwd", "pwd", "passphrase", "secret", "client[_-]?secret", "secret[_-]?key", "api[_-]?key", "apikey",
  "access[_-]?key", "aws_secret_access_key", "authorization", "auth", "token", "access[_-]?token", "refresh[_-]?token",
  "id[_-]?token", "auth[_-]?token", "session[_-]?token", "bearer", "cookie", "set[_-]?cookie", "private[_-]?key",
  "credentials?", "signature",
];

/**
 * A last segment that makes a key describe a secret rather than hold one: `token_type`
 * ("Bearer"), `auth_url`, `password_policy`, `secret_name`, `api_key_id`, `token_count`.
 */
export const DESCRIBES_SECRET = /[._\-\s](?:type|kind|url|uri|endpoint|policy|name|id|ids|count|length|len|expires?|expiry|expires_in|at|hint|field|method|required|enabled|limit|format|prefix|scheme|version|location|path|usage)$/i;

/**
 * Keys llmtrace writes whose names contain a secret's word but whose values are not secrets:
 * a cache signature is a content hash, exported as given (the detectors still read it).
 */
export const NOT_SENSITIVE_KEYS: ReadonlySet<string> = new Set(["llmtrace.cache.signature"]);

/** A part every default name contains (a test holds the two lists together). */
export const DEFAULT_NAME_PARTS: readonly string[] = ["pass", "pwd", "secret", "key", "auth", "token", "bearer", "cookie", "credential", "signature"];

/**
 * Whether `text` between `start` and `end` (a key written in JSON text) may hold a default name:
 * it holds one of DEFAULT_NAME_PARTS, in any case. Read in place, so the many keys of a JSON
 * text that name nothing secret (`price`, `role`, `content`) cost no string and no lookup.
 */
export function mayNameDefaultSecret(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    switch (text.charCodeAt(i) | 0x20) {
      case 0x70: // p
        if (partAt(text, i, end, "pass") || partAt(text, i, end, "pwd")) return true;
        break;
      case 0x73: // s
        if (partAt(text, i, end, "secret") || partAt(text, i, end, "signature")) return true;
        break;
      case 0x6b: // k
        if (partAt(text, i, end, "key")) return true;
        break;
      case 0x61: // a
        if (partAt(text, i, end, "auth")) return true;
        break;
      case 0x74: // t
        if (partAt(text, i, end, "token")) return true;
        break;
      case 0x62: // b
        if (partAt(text, i, end, "bearer")) return true;
        break;
      case 0x63: // c
        if (partAt(text, i, end, "cookie") || partAt(text, i, end, "credential")) return true;
        break;
    }
  }
  return false;
}

/** Whether `part` (lower-case letters) is written at `at`, in any case, before `end`. */
function partAt(text: string, at: number, end: number, part: string): boolean {
  if (at + part.length > end) return false;
  for (let i = 1; i < part.length; i++) if ((text.charCodeAt(at + i) | 0x20) !== part.charCodeAt(i)) return false;
  return true;
}
