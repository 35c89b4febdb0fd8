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
  fc.tuple(fc.constantFrom("password=", "PASSWORD: ", "api_key=", "client_secret: ", "Password="), alnum(10, 24)).map(([prefix, value]) => ({ kind: "passwordPair", text: `${prefix}${value}`, secret: value })),
);

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
    fc.constant(planted.text.includes("\n") ? planted.text : `https://api.example.com/v1/search?q=${planted.text.replace(/ /g, "+")}&page=2`),
  );

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
