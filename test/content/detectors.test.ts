// The detectors of vendors' tokens, cloud credentials, cookies, .env lines and national formats,
// and the precision rules: code that reads a secret is not one, card numbers only at a brand's
// lengths. Each finding is checked with look-alikes that must come out unchanged.
import { describe, expect, it } from "vitest";
import { isCardNumber } from "../../src/content/redaction/card-brands.js";
import { DETECTORS, type DetectorName } from "../../src/content/redaction/detectors.js";
import { Redactor, type RedactorConfig } from "../../src/content/redaction/redactor.js";

const all = (overrides: Partial<RedactorConfig> = {}) =>
  new Redactor({ detectors: DETECTORS.map((d) => d.name), sensitiveKeys: true, extraSensitiveKeys: [], rules: [], hook: undefined, replacement: "[REDACTED:{type}]", ...overrides });
const redactor = all();
const redact = (text: string) => redactor.redact(text, { key: "test" });

const SID = "AC0123456789abcdef0123456789abcdef";
const HEX32 = "00112233445566778899aabbccddeeff";

describe("vendors' keys and tokens", () => {
  it.each([
    ["Twilio auth token near its account SID", `Client("${SID}", "${HEX32}")`, `Client("${SID}", "[REDACTED:api_key]")`],
    ["the same on the next line", `sid ${SID}\nauth ${HEX32}`, `sid ${SID}\nauth [REDACTED:api_key]`],
    ["the token before the SID", `auth ${HEX32} for ${SID}`, `auth [REDACTED:api_key] for ${SID}`],
    ["Twilio API key", "key SK0123456789abcdef0123456789abcdef", "key [REDACTED:api_key]"],
    ["Mailgun", "MAILGUN: key-0123456789abcdef0123456789abcdef.", "MAILGUN: [REDACTED:api_key]."],
    ["Databricks", "pat dapi0123456789abcdef0123456789abcdef-2 ok", "pat [REDACTED:api_key] ok"],
    ["Shopify", "shpat_0123456789abcdef0123456789abcdef and shpss_0123456789ABCDEF0123456789abcdef", "[REDACTED:api_key] and [REDACTED:api_key]"],
    ["Slack app-level token", "xapp-1-A0123ABCDEF-1234567890123-0123456789abcdef0123456789abcdef", "[REDACTED:api_key]"],
    ["Stripe webhook secret", "signing whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "signing [REDACTED:api_key]"],
    [
      "Slack webhook URL: the host and kind stay",
      "post to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX now",
      "post to https://hooks.slack.com/services/[REDACTED:webhook_url] now",
    ],
    ["a Slack workflow webhook", "(https://hooks.slack.com/workflows/T0123/A0456/789/abcdefXYZ)", "(https://hooks.slack.com/workflows/[REDACTED:webhook_url])"],
  ])("finds %s", (_kind, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["a hash with no Twilio SID near it", `md5 ${HEX32}`],
    ["an account SID alone", `account ${SID}`],
    ["a SID and a hash too far apart", `${SID} ${"x".repeat(120)} ${HEX32}`],
    ["prefixes without their bodies", "a key-value store, SKU-12345, dapi docs, shp_abc, whsec is short, xapp-1-short"],
    ["hex of the wrong length", "key-0123456789abcdef and SK0123456789abcdef0123456789abcde"],
    ["Slack's docs", "see https://api.slack.com/messaging/webhooks and hooks.slack.com/services/"],
    ["git and SHA-256 hashes", "commit 9fceb02d0ae598e95dc970b74767f19372d61af8, e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
    ["UUIDs", "request 550e8400-e29b-41d4-a716-446655440000"],
  ])("leaves %s", (_kind, text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("cloud credentials", () => {
  it.each([
    [
      "AWS STS JSON",
      '{"Credentials": {"AccessKeyId": "ASIAIOSFODNN7EXAMPLE", "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SessionToken": "IQoJb3JpZ2luX2VjEXAMPLE=="}}',
      '{"Credentials": {"AccessKeyId": "[REDACTED:api_key]", "SecretAccessKey": "[REDACTED:cloud_credential]", "SessionToken": "[REDACTED:cloud_credential]"}}',
    ],
    ["an AWS credentials file", "aws_session_token = IQoJb3JpZ2luX2VjEXAMPLE", "aws_session_token = [REDACTED:cloud_credential]"],
    ["an SDK's options", "credentials: { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', sessionToken: 'IQoJb3' }", "credentials: { secretAccessKey: '[REDACTED:cloud_credential]', sessionToken: '[REDACTED:cloud_credential]' }"],
    [
      "an Azure storage connection string",
      "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;EndpointSuffix=core.windows.net",
      "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=[REDACTED:cloud_credential];EndpointSuffix=core.windows.net",
    ],
    ["a Service Bus key", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc123DEF456+/=", "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=[REDACTED:cloud_credential]"],
    [
      "an Azure SAS signature",
      "https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&sig=abcDEF123%2Bxyz%2F456ghiJKL789%3D",
      "https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&sr=b&sp=r&sig=[REDACTED:cloud_credential]",
    ],
  ])("finds %s", (_kind, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["code that reads them", "const { secretAccessKey } = creds; client = S3(secretAccessKey=creds.secret_key, sessionToken=os.environ[\"TOKEN\"])"],
    ["prose", "The SessionToken expires after an hour; rotate the AccountKey yearly."],
    ["a short sig outside a query", "sig=abc and the signature field"],
  ])("leaves %s", (_kind, text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("PGP private keys, cookies, .env lines", () => {
  it.each([
    ["an OpenPGP private key block", "key:\n-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF0abc\n=x1Yz\n-----END PGP PRIVATE KEY BLOCK-----\nend", "key:\n[REDACTED:private_key]\nend"],
    ["a Cookie header", "GET / HTTP/1.1\r\nCookie: sid=s3cr3t; theme=dark\r\nHost: example.com", "GET / HTTP/1.1\r\nCookie: [REDACTED:cookie]\r\nHost: example.com"],
    ["a Set-Cookie header, in any case", "set-cookie: session=abc123; Path=/; HttpOnly", "set-cookie: [REDACTED:cookie]"],
    ["a cookie in a header map", `{"cookie": "sid=s3cr3t", "host": "x"}`, `{"cookie": "[REDACTED:cookie]", "host": "x"}`],
    ["a cookie in a Python dict", "{'Cookie': 'sid=s3cr3t; a=b'}", "{'Cookie': '[REDACTED:cookie]'}"],
    ["a signing secret", "WEBHOOK_SIGNING=a8f5f167f44f4964e6c998dee827110c", "WEBHOOK_SIGNING=[REDACTED:secret]"],
    ["*_TOKEN and *_KEY lines", "GITHUB_TOKEN=ghx9Kd83jf03jdk3Lq0a\nexport OPENAI_KEY='Xk29fj3kd93jf03jdk3Lq'", "GITHUB_TOKEN=[REDACTED:secret]\nexport OPENAI_KEY='[REDACTED:secret]'"],
    ["a YAML environment entry", "  SECRET_KEY_BASE: 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "  SECRET_KEY_BASE: [REDACTED:secret]"],
  ])("finds %s", (_kind, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["prose about cookies", "Cookie: a small piece of data the browser keeps. The cookie: it expires in 30 days."],
    ["settings under secret-like names", "MAX_TOKENS=4096\nTOKEN_LIMIT=128000\nKEY_PREFIX=app_\nS3_KEY=uploads/2024/05/report.pdf\nSORT_KEY=created_at_desc_2024"],
    ["paths, URLs and algorithms", "TOKENIZER_PATH=/models/tokenizer.json\nPUBLIC_KEY_URL=https://example.com/keys.json\nSIGNING_ALGORITHM=HS256\nSESSION_TOKEN_TTL=3600"],
    ["references to other variables", "OPENAI_API_KEY=$OPENAI_API_KEY\nAPI_KEY=${API_KEY}\nSTRIPE_KEY=process.env.STRIPE_KEY"],
    ["prose with the words", "Set SECRET_KEY before starting; the TOKEN: see the docs."],
  ])("leaves %s", (_kind, text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("national formats", () => {
  it.each([
    ["UK, London", "call 020 7946 0958 today"],
    ["UK, 4-3-4", "ring 0161 496 0000"],
    ["UK, mobile", "text 07700 900123"],
    ["UK, bracketed", "tel (020) 7946 0958"],
    ["France", "appeler le 01 23 45 67 89"],
    ["France, dotted", "tél. 06.12.34.56.78"],
    ["Germany", "Tel. 030 12345678"],
    ["Germany, slash", "Tel. 089/1234567"],
    ["Brazil", "ligue (11) 91234-5678"],
    ["Japan", "電話 03-1234-5678"],
    ["Japan, mobile", "携帯 090-1234-5678"],
    ["India, mobile", "call 098765 43210"],
    ["India, landline", "office 022 2345 6789"],
  ])("finds a phone number: %s", (_kind, text) => {
    const result = redact(text);
    expect(result).toContain("[REDACTED:phone]");
    expect(result.replace("[REDACTED:phone]", "")).not.toMatch(/\d{3}/);
  });

  it.each([
    ["SSN after its label", "SSN: 123456789", "SSN: [REDACTED:ssn]"],
    ["SSN after a lower-case label, spaced", "ssn 123 45 6789", "ssn [REDACTED:ssn]"],
    ["SSN in JSON", '{"ssn": "123456789"}', '{"ssn": "[REDACTED:ssn]"}'],
    ["SSN after the words", "Social Security Number 123456789", "Social Security Number [REDACTED:ssn]"],
    ["SSN in prose", "my SSN is 123456789.", "my SSN is [REDACTED:ssn]."],
    ["SSN in a query string", "q=SSN:+123456789&x=1", "q=SSN:+%5BREDACTED%3Assn%5D&x=1"],
    ["UK National Insurance number", "NI number AB 12 34 56 C", "NI number [REDACTED:national_insurance]"],
    ["UK National Insurance number, unspaced", "NINO: AB123456C.", "NINO: [REDACTED:national_insurance]."],
  ])("finds %s", (_kind, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["dates, times and ranges", "on 03-15-2024, 01/02/2024, 2024-05-01 at 10:31:02, pages 0123-0456"],
    ["versions, decimals and prices", "release 0.12.3, build 20240501.3, pi 3.141592653589793, price 0.99"],
    ["ids and amounts", "ticket #123456789, amount 75000 10000, ISBN 978-3-16-148410-0, zip 90210-1234"],
    ["nine digits without an SSN label", "order 123456789 and 123 45 6789 items"],
    ["an SSN label without a number", "SSN: unknown; the ssn field is required"],
    ["invalid SSN ranges after a label", "SSN 000123456, SSN 666123456, SSN 900123456"],
    ["National Insurance look-alikes", "part AB-123456-C, model AB123456, code BG123456A, example QQ 12 34 56 C, AB1234567C"],
    ["too few digits for a national layout", "room 0161 on floor 2, nums 030 12 345, 0800 LOVE"],
  ])("leaves %s", (_kind, text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("precision: code that reads a secret is code", () => {
  it.each([
    'password = input("Password: ")',
    'api_key = os.environ["OPENAI_API_KEY"]',
    "const apiKey = process.env.ANTHROPIC_API_KEY;",
    "password = getpass.getpass()",
    'secret = config.get("secret")',
    "api_key = settings.OPENAI_API_KEY",
    "password = self.password",
    'client_secret = os.getenv("CLIENT_SECRET")',
    'password = request.form["password"]',
    "apiKey: process.env.OPENAI_API_KEY!,",
    "def login(username: str, password: str) -> bool:",
    "password: Optional[str] = None",
    "apiKey: string;",
    "auth_token = await getToken()",
    "if password == stored:",
    'password := os.Getenv("PASSWORD")',
    "export API_KEY=$API_KEY",
    'password: "${DB_PASSWORD}"',
    'password: "{{ secrets.DB_PASSWORD }}"',
    'print(f"password: {password}")',
    'print("API key: " + key)',
  ])("keeps %s", (text) => {
    expect(redact(text)).toBe(text);
  });

  it("keeps code whose string literals name the secret across lines", () => {
    const code = 'api_key = os.environ["OPENAI_API_KEY"]\npassword = input("Password: ")\nsecret = config.get("secret")';
    expect(redact(code)).toBe(code);
  });

  it.each([
    ["a literal assigned", 'password = "hunter2"', 'password = "[REDACTED:password]"'],
    ["a literal compared", 'if password == "hunter2":', 'if password == "[REDACTED:password]":'],
    ["a literal in a call's arguments", 'connect(password="hunter2")', 'connect(password="[REDACTED:password]")'],
    ["a plain value", "password=hunter2&user=bob", "password=[REDACTED:password]&user=bob"],
    ["a value with punctuation", "password: p@ss.w0rd!", "password: [REDACTED:password]"],
    ["a key inside a call is still found", 'api_key = get_key("sk-proj-abcdefghijklmnopqrstuvwx1234")', 'api_key = get_key("[REDACTED:api_key]")'],
  ])("still redacts %s", (_kind, text, expected) => {
    expect(redact(text)).toBe(expected);
  });
});

describe("precision: card numbers", () => {
  it.each([
    ["Visa 13", "4222222222222"],
    ["Visa 16", "4111111111111111"],
    ["Visa 19", "4111111111111111110"],
    ["Mastercard", "5555555555554444"],
    ["Mastercard 2-series", "2223003122003222"],
    ["American Express", "378282246310005"],
    ["Discover", "6011111111111117"],
    ["JCB", "3530111333300000"],
    ["Diners Club", "30569309025904"],
    ["UnionPay", "6200000000000005"],
  ])("knows %s", (_brand, number) => {
    expect(isCardNumber(number)).toBe(true);
    expect(redact(`card ${number} ok`)).toBe("card [REDACTED:credit_card] ok");
  });

  it.each([
    ["Visa at 14 digits", "41111111111110"],
    ["Amex at 16 digits", "3782822463100005"],
    ["Mastercard at 15 digits", "555555555555440"],
    ["a prefix no brand issues", "9111111111111111"],
  ])("refuses %s", (_kind, number) => {
    expect(isCardNumber(number)).toBe(false);
  });

  it.each([
    ["groups of four", "card 4111 1111 1111 1111 ok", "card [REDACTED:credit_card] ok"],
    ["dashes", "card 5555-5555-5555-4444 ok", "card [REDACTED:credit_card] ok"],
    ["Amex's 4-6-5", "amex 3782 822463 10005", "amex [REDACTED:credit_card]"],
    ["Amex in fours", "amex 3782 8224 6310 005", "amex [REDACTED:credit_card]"],
    ["a date written after it", "card 4111 1111 1111 1111 2024-05-01", "card [REDACTED:credit_card] 2024-05-01"],
  ])("finds a card written in %s", (_kind, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it.each([
    ["inside a longer number", "n 48380635302128821234 ok"],
    ["a number one digit too long", "id 4838063530212882000"],
    ["the digits of a decimal", "sqrt(2) = 1.4142135623730951"],
    ["a decimal's integer part", "x = 4111111111111111.5"],
    ["an order number", "order 112-3456789-1234567"],
    ["a Luhn-invalid number", "card 4111 1111 1111 1112"],
    ["epoch milliseconds", "at 1714557600000"],
  ])("leaves %s", (_kind, text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("issue #14's damage examples", () => {
  it.each([
    'password = input("Password: ")',
    'api_key = os.environ["OPENAI_API_KEY"]',
    "const apiKey = process.env.ANTHROPIC_API_KEY;",
    "password = getpass.getpass()",
    "4838063530212882",
    "sqrt(2) = 1.4142135623730951",
    "112-3456789-1234567",
  ])("%s is exported as it is", (text) => {
    expect(redact(text)).toBe(text);
  });
});

describe("switches", () => {
  it.each([
    ["webhookUrl", "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"],
    ["cloudCredentials", "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IF==;"],
    ["cookie", "Cookie: sid=s3cr3t"],
    ["envSecret", "WEBHOOK_SIGNING=a8f5f167f44f4964e6c998dee827110c"],
    ["nationalInsurance", "NI AB 12 34 56 C"],
  ] as [DetectorName, string][])("%s can be switched off on its own", (name, text) => {
    const without = all({ detectors: DETECTORS.map((d) => d.name).filter((n) => n !== name) });
    expect(redact(text)).not.toBe(text);
    expect(without.redact(text, { key: "test" })).toBe(text);
  });
});
