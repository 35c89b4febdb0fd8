// A value written after `password =` or `api_key:` in code is often where the secret comes
// from, not the secret: `input("Password: ")`, `os.environ["OPENAI_API_KEY"]`,
// `process.env.ANTHROPIC_API_KEY`, `getpass.getpass()`, `config.get("secret")`, `self.password`,
// `$DB_PASSWORD`, a type (`password: str`). A trace of a coding agent must keep its code, so the
// detectors that take a value by its name refuse values of these shapes.

const IDENTIFIER = "[A-Za-z_$][\\w$]*";
/** Where an unquoted value in text ends (the password pair's value class, `)`, and TypeScript's `!`). */
const VALUE_END = "(?=[\\s&;,'\"<>})\\]!]|$)";
/** `.`, `?.` and `!.` between the parts of a member access chain. */
const MEMBER = "[?!]?\\.";

/**
 * A negative lookahead source, to put where a value starts: the value is a call or an index
 * (`getpass()`, `os.environ[`), a member access chain (`process.env.KEY`, `settings.SECRET_KEY`),
 * a variable, template or format reference (`$DB_PASSWORD`, `${password}`, `{password}` in an
 * f-string, `%s`, `{{ secrets.token }}`), the closing quote of a string literal that only names
 * the secret (`input("Password: ")`), or a keyword or type name standing alone (`None`, `await`,
 * `str`, `string`).
 */
export const NOT_CODE = `(?!${[
  `${IDENTIFIER}(?:\\s*${MEMBER}\\s*${IDENTIFIER})*\\s*[([]`,
  `${IDENTIFIER}(?:${MEMBER}${IDENTIFIER})+${VALUE_END}`,
  `["']?\\$[A-Z_][A-Z0-9_]*["']?${VALUE_END}`,
  `["']?\\$?\\{[\\w.]*\\}?["']?${VALUE_END}`,
  `["']?%(?:\\(\\w+\\))?[sdr]["']?${VALUE_END}`,
  `["']?\\{\\{`,
  // The end of a string literal that names the secret: input("Password: "), "API key: " + key.
  // A `+` right after the quote with no space on either side starts a value ("+EWV/OJ…"), so a
  // concatenation needs a space around its `+`. The quote may be escaped (code in a JSON string).
  `\\\\*["']\\s*(?:[)\\]},;]|$)`,
  `\\\\*["'](?:\\s+\\+|\\+\\s)`,
  `(?:None|null|nil|undefined|true|false|True|False|await|new|lambda|function|str|string|String|bytes|int|SecretStr|Optional|typing)${VALUE_END}`,
].join("|")})`;
