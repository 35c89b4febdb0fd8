import fc from "fast-check";

/**
 * A secret or piece of personal data of one kind, as it appears in text (`text`), and the part
 * that must never be exported (`secret`). Every value carries random characters so a leak is
 * unmistakable in the exported output.
 */
export interface Planted {
  readonly kind: string;
  readonly text: string;
  readonly secret: string;
}

const alnum = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), minLength: min, maxLength: max });
const upperAlnum = (length: number) => fc.string({ unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), minLength: length, maxLength: length });
const digits = (length: number) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: length, maxLength: length });
const lower = (min: number, max: number) => fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"), minLength: min, maxLength: max });
const hex = (length: number) => fc.string({ unit: fc.constantFrom(..."0123456789abcdef"), minLength: length, maxLength: length });
const b64 = (length: number) =>
  fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/"), minLength: length, maxLength: length });
const b64url = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"), minLength: min, maxLength: max });

function luhnCheckDigit(partial: string): string {
  let sum = 0;
  let double = true;
  for (let i = partial.length - 1; i >= 0; i--) {
    let d = Number(partial[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return String((10 - (sum % 10)) % 10);
}

function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const char of rearranged) remainder = (remainder * 10 + Number(char)) % 97;
  return String(98 - remainder).padStart(2, "0");
}

const same = (kind: string) => (value: string): Planted => ({ kind, text: value, secret: value });

export const plantedSecret: fc.Arbitrary<Planted> = fc.oneof(
  fc.tuple(lower(3, 10), digits(3), lower(3, 8), fc.constantFrom("com", "org", "io", "co.uk")).map(([a, n, d, t]) => same("email")(`${a}.${n}@${d}.${t}`)),
  fc.tuple(fc.constantFrom("+44 20", "+1 415", "+33 6", "+49 30", "+81 3"), digits(4), digits(4)).map(([cc, a, b]) => same("phone")(`${cc} ${a} ${b}`)),
  fc.tuple(fc.integer({ min: 200, max: 999 }), digits(3), digits(4)).map(([area, b, c]) => same("phone")(`(${area}) ${b}-${c}`)),
  fc.tuple(fc.constantFrom("4", "51", "55", "2221", "37", "6011"), fc.boolean()).chain(([prefix, spaced]) =>
    digits((prefix === "37" ? 15 : 16) - prefix.length - 1).map((body) => {
      const partial = prefix + body;
      const number = partial + luhnCheckDigit(partial);
      const text = spaced ? number.replace(/(\d{4})(?=\d)/g, "$1 ") : number;
      return { kind: "creditCard", text, secret: number.slice(-8) };
    }),
  ),
  fc.tuple(fc.integer({ min: 1, max: 665 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 })).map(([a, b, c]) =>
    same("ssn")(`${String(a).padStart(3, "0")}-${String(b).padStart(2, "0")}-${String(c).padStart(4, "0")}`),
  ),
  fc.tuple(fc.constantFrom(["DE", 18], ["GB", 18], ["NL", 14], ["FR", 23]) as fc.Arbitrary<[string, number]>).chain(([[country, length]]) =>
    digits(length).map((bban) => {
      const iban = `${country}${ibanCheckDigits(country, bban)}${bban}`;
      return { kind: "iban", text: iban, secret: iban.slice(4) };
    }),
  ),
  // Any address but loopback (127.0.0.0/8), which is not personal data and is left as is.
  fc.tuple(fc.integer({ min: 11, max: 223 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 1, max: 254 })).map(
    ([a, b, c, d]) => same("ipv4")(`${a === 127 ? 128 : a}.${b}.${c}.${d}`),
  ),
  fc.array(fc.integer({ min: 0x1000, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((groups) => same("ipv6")(groups.map((g) => g.toString(16)).join(":"))),
  alnum(24, 40).map((s) => same("openai")(`sk-proj-${s}`)),
  upperAlnum(16).map((s) => same("aws")(`AKIA${s}`)),
  b64url(35, 35).map((s) => same("google")(`AIza${s}`)),
  alnum(36, 40).map((s) => same("github")(`ghp_${s}`)),
  alnum(24, 30).map((s) => same("stripe")(`sk_live_${s}`)),
  alnum(34, 36).map((s) => same("huggingface")(`hf_${s}`)),
  fc.tuple(b64url(10, 30), b64url(10, 40), b64url(20, 43)).map(([a, b, c]) => same("jwt")(`eyJ${a}.eyJ${b}.${c}`)),
  alnum(20, 40).map((token) => ({ kind: "bearer", text: `Authorization: Bearer ${token}`, secret: token })),
  fc.array(alnum(40, 64), { minLength: 2, maxLength: 4 }).map((lines) => ({
    kind: "privateKey",
    text: `-----BEGIN PRIVATE KEY-----\n${lines.join("\n")}\n-----END PRIVATE KEY-----`,
    secret: lines[0]!,
  })),
  fc.tuple(lower(3, 8), alnum(10, 20), lower(3, 8)).map(([user, password, host]) => ({ kind: "urlCredentials", text: `postgres://${user}:${password}@${host}.internal:5432/app`, secret: password })),
  // A password with characters a URL must escape (`#`, `@`, `/`, `!`), written escaped.
  fc.tuple(lower(3, 8), alnum(6, 12), fc.constantFrom("#", "@", "/", "!", "%"), alnum(4, 8), lower(3, 8)).map(([user, a, special, b, host]) => {
    const password = encodeURIComponent(`${a}${special}${b}`);
    return { kind: "urlCredentials", text: `postgres://${user}:${password}@${host}.internal:5432/app`, secret: password };
  }),
  fc.tuple(fc.constantFrom("password=", "PASSWORD: ", "api_key=", "client_secret: ", "Password="), alnum(10, 24)).map(([prefix, value]) => ({ kind: "passwordPair", text: `${prefix}${value}`, secret: value })),
  // `token` alone counts with a generated value, as a reset link's query carries it.
  fc.tuple(lower(2, 2), alnum(10, 20), digits(2)).map(([a, b, c]) => ({ kind: "passwordPair", text: `token=${a}${b}${c}`, secret: `${a}${b}${c}` })),
  // JSON or a Python dict as text (a tool call's `arguments`), under a key that names a secret.
  fc.tuple(fc.constantFrom("authorization", "cookie", "credentials", "auth", "secret", "x-auth-token", "session_token", "Set-Cookie"), fc.constantFrom('"', "'"), alnum(12, 28)).map(
    ([key, quote, value]) => ({ kind: "jsonKey", text: `{${quote}${key}${quote}: ${quote}${value}${quote}, ${quote}retries${quote}: 3}`, secret: value }),
  ),
  ...vendorSecrets(),
  ...nationalFormats(),
);

/** Vendors' keys and tokens by their documented prefixes, cloud credentials, cookies, `.env` lines. */
function vendorSecrets(): fc.Arbitrary<Planted>[] {
  return [
    fc.oneof(
      // An auth token is 32 hex digits like any hash: it counts near its account SID.
      fc.tuple(hex(32), hex(32), fc.constantFrom(" ", ", ", " / ", "\nTWILIO_AUTH_TOKEN=")).map(([sid, token, between]) => ({
        kind: "twilio",
        text: `AC${sid}${between}${token}`,
        secret: token,
      })),
      hex(32).map((key) => same("twilio")(`SK${key}`)),
    ),
    hex(32).map((key) => ({ kind: "mailgun", text: `key-${key}`, secret: key })),
    hex(32).map((token) => same("databricks")(`dapi${token}`)),
    fc.tuple(fc.constantFrom("shpat_", "shpca_", "shppa_", "shpss_"), hex(32)).map(([prefix, token]) => ({ kind: "shopify", text: `${prefix}${token}`, secret: token })),
    fc.tuple(upperAlnum(10), digits(13), hex(64)).map(([app, id, secret]) => ({ kind: "slackApp", text: `xapp-1-A${app}-${id}-${secret}`, secret })),
    fc.tuple(upperAlnum(8), upperAlnum(10), alnum(24, 24)).map(([team, bot, secret]) => ({
      kind: "slackWebhook",
      text: `https://hooks.slack.com/services/T${team}/B${bot}/${secret}`,
      secret,
    })),
    alnum(32, 32).map((secret) => ({ kind: "stripeWebhook", text: `whsec_${secret}`, secret })),
    b64(86).map((key) => ({
      kind: "azureStorage",
      text: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${key}==;EndpointSuffix=core.windows.net`,
      secret: key,
    })),
    b64(43).map((sig) => {
      const encoded = encodeURIComponent(`${sig}=`);
      return { kind: "azureSas", text: `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&sig=${encoded}`, secret: encoded };
    }),
    fc.tuple(upperAlnum(16), b64(40), fc.constantFrom("SecretAccessKey: ", "secretAccessKey=", "aws_secret_access_key=")).map(([id, key, name]) => ({
      kind: "awsSts",
      text: `AccessKeyId: ASIA${id} ${name}${key}`,
      secret: key,
    })),
    fc.tuple(b64(60), fc.constantFrom("SessionToken: ", "aws_session_token=", "sessionToken=")).map(([token, name]) => ({ kind: "awsSts", text: `${name}${token}`, secret: token })),
    fc.array(b64(64), { minLength: 2, maxLength: 4 }).map((lines) => ({
      kind: "pgpKey",
      text: `-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n${lines.join("\n")}\n-----END PGP PRIVATE KEY BLOCK-----`,
      secret: lines[0]!,
    })),
    fc.tuple(fc.constantFrom("Cookie: sid=", "cookie: session=", "Set-Cookie: id="), alnum(16, 32)).map(([header, value]) => ({
      kind: "cookie",
      text: `${header}${value}; Path=/; HttpOnly`,
      secret: value,
    })),
    fc.tuple(fc.constantFrom("WEBHOOK_SIGNING", "STRIPE_WEBHOOK_SECRET", "GITHUB_TOKEN", "OPENAI_KEY", "JWT_SIGNING_KEY", "APP_SALT", "SECRET_KEY_BASE"), lower(2, 2), alnum(16, 30), digits(2)).map(
      ([name, start, body, end]) => ({ kind: "envSecret", text: `${name}=${start}${body}${end}`, secret: `${start}${body}${end}` }),
    ),
  ];
}

/** Phone numbers as each country writes them at home, SSNs without dashes by their label, UK National Insurance numbers. */
function nationalFormats(): fc.Arbitrary<Planted>[] {
  return [
    fc.oneof(
      fc.tuple(digits(4), digits(4)).map(([a, b]) => `020 ${a} ${b}`), // UK
      fc.tuple(digits(3), digits(6)).map(([a, b]) => `07${a} ${b}`),
      fc.tuple(digits(3), digits(4)).map(([a, b]) => `0161 ${a} ${b}`),
      fc.tuple(fc.integer({ min: 1, max: 9 }), fc.array(digits(2), { minLength: 4, maxLength: 4 }), fc.constantFrom(" ", ".")).map(([a, pairs, sep]) => `0${a}${sep}${pairs.join(sep)}`), // France
      digits(8).map((n) => `030 ${n}`), // Germany
      digits(7).map((n) => `089/${n}`),
      fc.tuple(digits(4), digits(4)).map(([a, b]) => `(11) 9${a}-${b}`), // Brazil
      fc.tuple(digits(4), digits(4)).map(([a, b]) => `03-${a}-${b}`), // Japan
      fc.tuple(digits(4), digits(4)).map(([a, b]) => `090-${a}-${b}`),
      fc.tuple(digits(4), digits(5)).map(([a, b]) => `09${a} ${b}`), // India
    ).map(same("nationalPhone")),
    fc.tuple(fc.constantFrom("SSN: ", "ssn ", "SSN is ", "Social Security number "), fc.integer({ min: 1, max: 665 }), fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 9999 })).map(
      ([label, a, b, c]) => {
        const number = `${String(a === 666 ? 667 : a).padStart(3, "0")}${String(b).padStart(2, "0")}${String(c).padStart(4, "0")}`;
        return { kind: "ssnLabel", text: `${label}${number}`, secret: number };
      },
    ),
    fc.tuple(fc.constantFrom(..."ABCEGHJKLMNOPRSTWXYZ"), fc.constantFrom(..."ABCEGHJKLMNPRSTWXYZ"), digits(6), fc.constantFrom("A", "B", "C", "D"), fc.boolean()).map(([first, second, number, suffix, spaced]) => {
      const prefix = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"].includes(first + second) ? "AB" : first + second;
      return same("nationalInsurance")(spaced ? `${prefix} ${number.replace(/(\d\d)(?=\d)/g, "$1 ")} ${suffix}` : `${prefix}${number}${suffix}`);
    }),
  ];
}

const filler = fc.array(fc.constantFrom("the", "customer", "asked", "about", "order", "status", "please", "help", "today", "thanks", "\n", "—", "on", "2024-05-01"), {
  minLength: 0,
  maxLength: 12,
}).map((words) => words.join(" "));

/** Where a planted value sits: prose, multi-line text, JSON text, a URL query string. */
export const textAround = (planted: Planted): fc.Arbitrary<string> =>
  fc.oneof(
    fc.tuple(filler, filler).map(([before, after]) => `${before} ${planted.text} ${after}`),
    fc.tuple(filler, filler).map(([before, after]) => `${before}\n\n${planted.text}\n${after}`),
    filler.map((note) => JSON.stringify({ note, detail: planted.text, nested: { list: [note] } })),
    // A URL as an HTTP instrumentation records it: percent-encoded, or a form's `+` for spaces.
    fc.constantFrom(
      `https://api.example.com/v1/search?q=${encodeURIComponent(planted.text)}&page=2`,
      `https://api.example.com/v1/search?${new URLSearchParams({ q: planted.text, page: "2" })}`,
      // Written by hand: spaces as +, nothing else escaped (text that a hand-written URL can hold).
      ...(/[\n"'{}]/.test(planted.text) ? [] : [`https://api.example.com/v1/search?q=${planted.text.replace(/ /g, "+")}&page=2`]),
    ),
  );

/** The ways a value can be written in exported text: as is, JSON-escaped, percent- or form-encoded. */
export function writtenForms(value: string): string[] {
  const escaped = JSON.stringify(value).slice(1, -1);
  return [...new Set([value, escaped, JSON.stringify(escaped).slice(1, -1), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)])];
}

/** Whether `output` holds the planted secret in any of its written forms. */
export function leaks(output: string, planted: Planted): boolean {
  return writtenForms(planted.secret).some((form) => output.includes(form));
}

/** A structured value holding the planted text somewhere inside, or under a sensitive key. */
export const valueAround = (planted: Planted): fc.Arbitrary<unknown> =>
  fc.oneof(
    textAround(planted),
    textAround(planted).map((text) => ({ request: { messages: [{ role: "user", content: text }] } })),
    textAround(planted).map((text) => [1, "two", { deep: { deeper: [text] } }]),
    fc.constant({ user: "bob", password: planted.secret, config: { apiKey: planted.secret } }),
    // As a key: scores by user, settings by address.
    textAround(planted).map((text) => ({ scores: { [text]: 0.9 }, list: [{ [text]: true }] })),
    textAround(planted).map((text) => new Map([[text, 1]])),
  );
