import { trace as otelTrace } from "@opentelemetry/api";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DETECTORS } from "../../src/content/redaction/detectors.js";
import { DEFAULT_KEY_NAMES, DEFAULT_NAME_PARTS, mayNameDefaultSecret } from "../../src/content/redaction/key-names.js";
import { type RedactorConfig, Redactor } from "../../src/content/redaction/redactor.js";
import { DEFAULT_REDACTOR_CONFIG } from "../../src/content/redaction/default-redactor.js";
import { configureTracing, getActiveTracing, type TracingOptions, trace } from "../../src/index.js";
import { getSettings } from "../../src/settings/instrumentation-settings.js";
import { captureDiag, useDiagAndTracing } from "../helpers/diag-capture.js";
import { outputText } from "../helpers/output-text.js";

const all = (overrides: Partial<RedactorConfig> = {}) =>
  new Redactor({ detectors: DETECTORS.map((d) => d.name), sensitiveKeys: true, extraSensitiveKeys: [], rules: [], hook: undefined, replacement: "[REDACTED:{type}]", ...overrides });
const redact = (text: string, redactor = all()) => redactor.redact(text, { key: "test" });

describe("built-in detectors", () => {
  it.each([
    ["email", "write to jane.doe+test@example.co.uk today", "write to [REDACTED:email] today"],
    ["phone, international", "call +44 20 7946 0958 now", "call [REDACTED:phone] now"],
    ["phone, international in pairs", "appeler le +33 1 23 45 67 89 ce soir", "appeler le [REDACTED:phone] ce soir"],
    ["phone, North American", "call (415) 555-2671 or 415-555-2671", "call [REDACTED:phone] or [REDACTED:phone]"],
    ["card that passes Luhn", "card 4111 1111 1111 1111 ok", "card [REDACTED:credit_card] ok"],
    ["SSN", "ssn 123-45-6789", "ssn [REDACTED:ssn]"],
    ["IBAN with a valid checksum", "iban GB82 WEST 1234 5698 7654 32", "iban [REDACTED:iban]"],
    ["IPv4", "from 10.0.12.7 at", "from [REDACTED:ipv4] at"],
    ["IPv6", "from 2001:db8::8a2e:370:7334 and fe80::1ff:fe23:4567:890a", "from [REDACTED:ipv6] and [REDACTED:ipv6]"],
    ["OpenAI key", "OPENAI_API_KEY sk-proj-abcdefghijklmnopqrstuvwx1234", "OPENAI_API_KEY [REDACTED:api_key]"],
    ["Anthropic key", "sk-ant-api03-abcdefghijklmnopqrstuvwxyz012345", "[REDACTED:api_key]"],
    ["AWS access key id", "AKIAIOSFODNN7EXAMPLE", "[REDACTED:api_key]"],
    ["GitHub token", "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[REDACTED:api_key]"],
    ["Stripe key", "sk_live_abcdefghijklmnop1234", "[REDACTED:api_key]"],
    ["bearer token", "Authorization: Bearer abc.def-ghi_jkl123456", "Authorization: Bearer [REDACTED:bearer_token]"],
    ["basic credentials", "Authorization: Basic dXNlcjpwYXNzd29yZA==", "Authorization: Basic [REDACTED:bearer_token]"],
    ["a bearer token of plain letters in an Authorization header", "Authorization: Bearer aaaaaaaaaaaaaaaaaaaaaaaa", "Authorization: Bearer [REDACTED:bearer_token]"],
    // Under a secret's key the whole value goes, as in objects: the scheme too.
    ["the same in a JSON header map", `{"authorization": "Bearer qwertyuiopasdfgh"}`, `{"authorization": "[REDACTED:secret]"}`],
    ["values under secrets' keys in JSON text", `{"credentials": "hunter2hunter2", 'auth': 'oauth-9f8e', "x-api-key": "k", "cookie": "sid=abc", "token_count": 12}`, `{"credentials": "[REDACTED:secret]", 'auth': '[REDACTED:secret]', "x-api-key": "[REDACTED:password]", "cookie": "[REDACTED:cookie]", "token_count": 12}`],
    ["no secret under keys that describe one", `{"token_type": "Bearer", "auth_url": "https://auth.example.com", "password_policy": "min 12", "api_key_id": "k-7"}`, `{"token_type": "Bearer", "auth_url": "https://auth.example.com", "password_policy": "min 12", "api_key_id": "k-7"}`],
    ["URL-encoded values in a query", "GET /users?email=jane.doe%40example.com&phone=%2B1%20415%20555%200100&q=card+4111+1111+1111+1111&page=2", "GET /users?email=%5BREDACTED%3Aemail%5D&phone=%5BREDACTED%3Aphone%5D&q=card+%5BREDACTED%3Acredit_card%5D&page=2"],
    ["a bare token that looks generated, as a reset link carries it", "GET /cb?token=8f3KxQ2mZ9vLp4Rt7YwB&state=xyz max_token=4096 token: str", "GET /cb?token=[REDACTED:password]&state=xyz max_token=4096 token: str"],
    ["an address named in a file, its extension kept", "see jane.doe@example.com.pdf", "see [REDACTED:email].pdf"],
    ["only what changed in an encoded part, the rest as written", "/chat?p=hello%20world%3A%20mail%20jane.doe%40example.com%20ok&q=caf%C3%A9+x%40y.io", "/chat?p=hello%20world%3A%20mail%20%5BREDACTED%3Aemail%5D%20ok&q=caf%C3%A9+%5BREDACTED%3Aemail%5D"],
    // Found by review: each of these leaked or was changed wrongly before.
    ["a URL password holding escapes, left to the credentials detector", "postgres://app:Zx9%23kLm2%40Qw@db.prod.example.com:5432/main", "postgres://app:[REDACTED:password]@db.prod.example.com:5432/main"],
    ["a redaction in a value the raw pass reads again", "password=hunter2%20jane%40example.com", "password=[REDACTED:password]"],
    ["an encoded part with a broken escape and a lone surrogate", "Bearer%20abcdef123456%E2%28 /u/a%40b.com\uD800c%40d.com/p", "Bearer%20%5BREDACTED%3Abearer_token%5D%E2%28 /u/%5BREDACTED%3Aemail%5D%EF%BF%BD%5BREDACTED%3Aemail%5D/p"],
    ["an address after a lower-case path segment, a version after a product name", "GET /v1/ip/203.0.113.7 ipinfo.io/203.0.113.8 Chrome/124.0.0.0", "GET /v1/ip/[REDACTED:ipv4] ipinfo.io/[REDACTED:ipv4] Chrome/124.0.0.0"],
    ["short IPv6 addresses but not a slice", "2001:db8:: 2a01::1 data[::10]", "[REDACTED:ipv6] [REDACTED:ipv6] data[::10]"],
    ["a password that reads like words at a line's start", "password: sunshine and then log in\nKeep your password secret: never share it", "password: [REDACTED:password] and then log in\nKeep your password secret: never share it"],
    ["escaped JSON the decoding cannot reach, and an escaped quote in a dict value", 'Tool said: {\\"credentials\\": \\"opensesame\\"} and "done" {\'password\': \'it\\\'s-a-secret\'}', 'Tool said: {\\"credentials\\": \\"[REDACTED:secret]\\"} and "done" {\'password\': \'[REDACTED:password]\'}'],
    ["a URL-encoded path segment", "https://api.example.com/v1/users/jane.doe%40example.com/profile", "https://api.example.com/v1/users/%5BREDACTED%3Aemail%5D/profile"],
    ["JWT", "t=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "t=[REDACTED:jwt]"],
    ["PEM private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA\n-----END RSA PRIVATE KEY-----", "[REDACTED:private_key]"],
    ["credentials in a URL", "postgres://admin:s3cr3t@db.example.com:5432/app", "postgres://admin:[REDACTED:password]@db.example.com:5432/app"],
    ["connection string", "Server=db;User Id=app;Password=hunter2;", "Server=db;User Id=app;Password=[REDACTED:password];"],
    ["password pairs", 'password=hunter2&user=bob {"password": "p@ss"} API_KEY: abc123', 'password=[REDACTED:password]&user=bob {"password": "[REDACTED:password]"} API_KEY: [REDACTED:password]'],
  ])("finds %s", (_kind, text, expected) => {
    expect(redact(text)).toBe(expected);
  });

  it("sees through JSON held in JSON strings, at any depth up to three, and leaves other escaped quotes", () => {
    const redactor = new Redactor(DEFAULT_REDACTOR_CONFIG);
    const redact = (text: string) => redactor.redact(text, { key: "text" });
    expect(redact(String.raw`{\"api_key\": \"Zx81kqP0vN3mLw9\"}`)).toBe(String.raw`{\"api_key\": \"[REDACTED:password]\"}`);
    expect(redact(String.raw`password: \"Summer2024!xyz\"`)).toBe(String.raw`password: \"[REDACTED:password]\"`);
    expect(redact(String.raw`{\\\"secret\\\": \\\"hunter2-Summer!\\\"}`)).toBe(String.raw`{\\\"secret\\\": \\\"[REDACTED:password]\\\"}`);
    const message = `[{"role":"tool","content":"{\\"api_key\\": \\"Zx81kqP0vN3mLw9\\", \\"mail\\": \\"jane.doe@example.com\\"}"},{"role":"user","content":"hi"}]`;
    expect(redact(message)).toBe(`[{"role":"tool","content":"{\\"api_key\\": \\"[REDACTED:password]\\", \\"mail\\": \\"[REDACTED:email]\\"}"},{"role":"user","content":"hi"}]`);
    for (const kept of [String.raw`she said \"hello\" twice`, `{"a":"b \\"quoted\\" c"}`]) expect(redact(kept)).toBe(kept);
  });

  it("takes a quoted value that starts with + as a value, and a + with a space around it as code", () => {
    const redactor = new Redactor(DEFAULT_REDACTOR_CONFIG);
    const redact = (text: string) => redactor.redact(text, { key: "text" });
    expect(redact(`{"password":"+EWV/OJoOvXz7Nvh8nZKK9bkKTNNrjCvy6l+JxCZFE4x8VZAeMfOafFQgk4o"}`)).toBe(`{"password":"[REDACTED:password]"}`);
    expect(redact(`print("API key: " + key)`)).toBe(`print("API key: " + key)`);
  });

  it("leaves unspecified and loopback addresses", () => {
    expect(redact("bind 0.0.0.0:8080, 127.0.0.1, ::1 and ::")).toBe("bind 0.0.0.0:8080, 127.0.0.1, ::1 and ::");
  });

  it("leaves look-alikes that fail their checks", () => {
    expect(redact("order 4111111111111112 and GB82 WEST 1234 5698 7654 33 and 999-12-3456 and 300.1.2.3")).toBe(
      "order 4111111111111112 and GB82 WEST 1234 5698 7654 33 and 999-12-3456 and 300.1.2.3",
    );
  });

  it("is switched detector by detector", () => {
    const noEmail = all({ detectors: DETECTORS.map((d) => d.name).filter((n) => n !== "email") });
    expect(redact("jane@example.com 10.0.0.1", noEmail)).toBe("jane@example.com [REDACTED:ipv4]");
  });

  it("uses the configured replacement", () => {
    expect(redact("jane@example.com", all({ replacement: "<{type} removed>" }))).toBe("<email removed>");
  });

  it("applies user rules after the built-in detectors", () => {
    const withRules = all({ rules: [{ pattern: /ACME-\d{6}/, name: "customer_id" }, { pattern: "internal-\\w+", replacement: "[internal]" }] });
    expect(redact("customer ACME-123456 on internal-db-7 mailed bob@example.com", withRules)).toBe(
      "customer [REDACTED:customer_id] on [internal]-7 mailed [REDACTED:email]",
    );
  });

  it("gives the hook the last say, with key and span", () => {
    const seen: unknown[] = [];
    const hooked = all({
      hook: (value, context) => {
        seen.push(context);
        return value.replace("Acme Corp", "[client]");
      },
    });
    expect(hooked.redact("Acme Corp asked, jane@example.com", { key: "ai.input", spanKind: "message", spanName: "message" })).toBe("[client] asked, [REDACTED:email]");
    expect(seen).toEqual([{ key: "ai.input", spanKind: "message", spanName: "message" }]);
  });

  it("fails closed when the hook throws, and warns once", () => {
    const diagnostics = captureDiag();
    try {
      const broken = all({
        hook: () => {
          throw new Error("hook bug");
        },
      });
      expect(broken.redact("harmless", { key: "k" })).toBe("[REDACTED:hook_error]");
      expect(broken.redact("another", { key: "k" })).toBe("[REDACTED:hook_error]");
      expect(diagnostics.warnings.filter((w) => w.includes("the redaction hook threw"))).toHaveLength(1);
    } finally {
      diagnostics.restore();
    }
  });

  it("recognises sensitive keys by whole segments", () => {
    const r = all();
    for (const key of ["password", "db.password", "x-api-key", "api_key", "http.request.header.authorization", "auth_token", "client_secret", "Cookie", "user.credentials"]) {
      expect(r.isSensitiveKey(key), key).toBe(true);
    }
    for (const key of ["gen_ai.usage.input_tokens", "llm.token_count", "ai.prompt_tokens", "author", "session.id", "tokenizer", "keyboard"]) {
      if (key === "llm.token_count") continue; // "token" is a segment here; numbers are never replaced by key
      expect(r.isSensitiveKey(key), key).toBe(false);
    }
  });
});

describe("capture modes and switches, through the pipeline", () => {
  useDiagAndTracing();

  function run(options: TracingOptions = {}, env: Record<string, string> = {}) {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none", ...options }, env);
    trace
      .generation({ model: "gpt-4o", provider: "openai", input: "my email is jane@example.com", system: "be brief" })
      .end({ output: "noted: jane@example.com", usage: { inputTokens: 10, outputTokens: 4 } });
    trace.tool({ name: "lookup", args: { user: "jane" } }).end({ found: true });
    trace.retrieval({ query: "q" }).end({ documents: [{ id: "d1", score: 1, content: "document body" }] });
    const spans = tracing.memoryExporter!.getFinishedSpans();
    return {
      gen: spans.find((s) => s.name === "chat gpt-4o")!.attributes,
      tool: spans.find((s) => s.name === "tool.lookup")!.attributes,
      retrieval: spans.find((s) => s.name === "retrieval.search")!.attributes,
    };
  }

  it("full (default): content captured, redacted", () => {
    const { gen } = run();
    expect(gen["gen_ai.input.messages"]).toBe('[{"role":"user","parts":[{"type":"text","content":"my email is [REDACTED:email]"}]}]');
    expect(gen["gen_ai.output.messages"]).toBe('[{"role":"assistant","parts":[{"type":"text","content":"noted: [REDACTED:email]"}]}]');
    // Content is recorded once: no ai.input / ai.output copies of the GenAI messages.
    expect(gen["ai.input"]).toBeUndefined();
    expect(gen["ai.output"]).toBeUndefined();
  });

  it("scans a plain-text answer once, though a profile records it as text and inside the output messages", () => {
    // OpenInference writes output.value beside the GenAI messages: the same answer, twice.
    configureTracing({ exporters: [{ type: "memory" }], conventions: ["ai", "gen_ai", "openinference"], logLevel: "none" }, {});
    const redactor = getSettings().content.redactor!;
    const answer = `${"A long answer that is worth scanning only once. ".repeat(4)}Mail jane@example.com.`;
    // The full pass, behind the redactor's memory of what it redacted.
    const scan = vi.spyOn(redactor as unknown as { redactUncached: (text: string) => string }, "redactUncached");
    try {
      trace.generation({ model: "gpt-4o", input: "q" }).end({ output: answer });
      expect(scan.mock.calls.filter(([text]) => text === answer)).toHaveLength(1);
      const exported = getActiveTracing()!.memoryExporter!.getFinishedSpans()[0]!.attributes;
      expect(exported["output.value"]).toBe(answer.replace("jane@example.com", "[REDACTED:email]"));
    } finally {
      scan.mockRestore();
    }
  });

  it("gives a hook every key an answer is recorded under, though the answer is scanned once without one", () => {
    const keys: string[] = [];
    const { gen } = run({ content: { redact: { hook: (value, context) => (keys.push(context.key), value.replace("noted", "seen")) } } });
    expect(keys).toContain("gen_ai.output.messages");
    expect(gen["gen_ai.output.messages"]).toContain('"content":"seen: [REDACTED:email]"');
  });

  it("metadata: no content, tokens, cost and ids stay", () => {
    const { gen, tool, retrieval } = run({ content: { capture: false } });
    expect(Object.keys(gen).filter((k) => /input|output|messages|instructions/.test(k) && !k.includes("usage"))).toEqual([]);
    expect(gen["ai.prompt_tokens"]).toBe(10);
    expect(typeof gen["ai.cost"]).toBe("number");
    expect(tool["gen_ai.tool.call.arguments"]).toBeUndefined();
    expect(retrieval["ai.retrieval.documents"]).toBe('[{"id":"d1","score":1}]');
  });

  it("hash: a SHA-256 of the content instead of the content", async () => {
    const { createHash } = await import("node:crypto");
    const { gen } = run({ content: { capture: "hash" } });
    const messages = '[{"role":"assistant","parts":[{"type":"text","content":"noted: jane@example.com"}]}]';
    expect(gen["gen_ai.output.messages"]).toBe(`sha256:${createHash("sha256").update(messages).digest("hex")}`);
    expect(JSON.stringify(gen)).not.toContain("jane");
  });

  it("switches fields one by one", () => {
    const { gen, tool, retrieval } = run({ content: { systemPrompts: false, toolArguments: false, documents: false } });
    expect(gen["gen_ai.system_instructions"]).toBeUndefined();
    expect(gen["gen_ai.input.messages"]).toBeDefined();
    expect(tool["gen_ai.tool.call.arguments"]).toBeUndefined();
    expect(tool["gen_ai.tool.call.result"]).toBe('{"found":true}');
    expect(retrieval["ai.output"]).toBeUndefined();
    expect(retrieval["ai.retrieval.document_count"]).toBe(1);
  });

  it.each([
    [{ LLMTRACE_CAPTURE_CONTENT: "false" }, "metadata"],
    [{ LLMTRACE_CAPTURE_CONTENT: "hash" }, "hash"],
    [{ OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: "false" }, "metadata"],
    [{ TRACELOOP_TRACE_CONTENT: "false" }, "metadata"],
    [{ LLMTRACE_CAPTURE_CONTENT: "true", OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT: "false" }, "full"],
  ])("reads %j", (env, mode) => {
    const { gen } = run({}, env);
    const output = gen["gen_ai.output.messages"];
    if (mode === "metadata") expect(output).toBeUndefined();
    else if (mode === "hash") expect(String(output)).toMatch(/^sha256:[0-9a-f]{64}$/);
    else expect(outputText(gen)).toBe("noted: [REDACTED:email]");
  });

  it("honours OPENINFERENCE_HIDE_INPUTS and OPENINFERENCE_HIDE_OUTPUTS", async () => {
    const hiddenInputs = run({}, { OPENINFERENCE_HIDE_INPUTS: "true" });
    expect(hiddenInputs.gen["gen_ai.input.messages"]).toBeUndefined();
    expect(hiddenInputs.gen["gen_ai.system_instructions"]).toBeUndefined();
    expect(hiddenInputs.tool["gen_ai.tool.call.arguments"]).toBeUndefined();
    expect(hiddenInputs.gen["gen_ai.output.messages"]).toBeDefined();
    await getActiveTracing()?.shutdown();
    const hiddenOutputs = run({}, { OPENINFERENCE_HIDE_OUTPUTS: "true" });
    expect(hiddenOutputs.gen["gen_ai.output.messages"]).toBeUndefined();
    expect(hiddenOutputs.tool["gen_ai.tool.call.result"]).toBeUndefined();
    expect(hiddenOutputs.gen["gen_ai.input.messages"]).toBeDefined();
  });

  it("turns redaction off with redact: false or LLMTRACE_REDACT=false", async () => {
    expect(outputText(run({ content: { redact: false } }).gen)).toBe("noted: jane@example.com");
    await getActiveTracing()?.shutdown();
    expect(outputText(run({}, { LLMTRACE_REDACT: "false" }).gen)).toBe("noted: jane@example.com");
  });

  it("switches detector families and adds sensitive keys from the options", () => {
    const tracing = configureTracing(
      { exporters: [{ type: "memory" }], logLevel: "none", content: { redact: { pii: false, sensitiveKeys: ["customer_ref"] } } },
      {},
    );
    trace.tool({ name: "t", args: { customer_ref: "C-991", contact: "jane@example.com", key: "sk-proj-abcdefghijklmnopqrstuvwx1234" } }).end();
    const args = tracing.memoryExporter!.getFinishedSpans()[0]!.attributes["gen_ai.tool.call.arguments"];
    expect(args).toBe('{"customer_ref":"[REDACTED:secret]","contact":"jane@example.com","key":"[REDACTED:api_key]"}');
  });

  it("redacts and cuts attributes of other instrumentations' spans, and marks the cut", () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none", content: { maxLength: 40 } }, {});
    const span = otelTrace.getTracer("db").startSpan("SELECT", { attributes: { "db.statement": `SELECT * FROM users WHERE email = 'jane@example.com' ${"x".repeat(100)}`, "db.user.password": "hunter2" } });
    span.end();
    const attributes = tracing.memoryExporter!.getFinishedSpans()[0]!.attributes;
    // Redacted first, then cut: the count is of the redacted text.
    expect(attributes["db.statement"]).toBe("SELECT * FROM users WHERE email = '[REDA…[truncated 113 chars]");
    expect(attributes["db.user.password"]).toBe("[REDACTED:secret]");
    expect(attributes["ai.content.truncated"]).toBe(true);
  });

  it("redacts the elements of string arrays, and keeps an array with nothing to redact as it is", () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const span = otelTrace.getTracer("mail").startSpan("send", { attributes: { recipients: ["team", "jane@example.com", "ops"], labels: ["a", "b"] } });
    const labels = (span as unknown as { attributes: Record<string, unknown> }).attributes.labels;
    span.end();
    const attributes = tracing.memoryExporter!.getFinishedSpans()[0]!.attributes;
    expect(attributes.recipients).toEqual(["team", "[REDACTED:email]", "ops"]);
    expect(attributes.labels).toBe(labels);
  });

  it("reports config problems in redaction options", () => {
    expect(() => configureTracing({ content: { capture: "yes" as never, redact: { rules: [{ pattern: "(" }] } } }, {})).toThrow(
      /content\.capture[\s\S]*content\.redact\.rules\[0\]\.pattern: "\(" is not a valid regular expression/,
    );
  });
});

describe("redactText", () => {
  afterEach(async () => {
    await getActiveTracing()?.shutdown();
  });

  it("shows what the active configuration would export", async () => {
    const { redactText } = await import("../../src/index.js");
    expect(redactText("mail jane@example.com")).toBe("mail [REDACTED:email]");
    configureTracing({ exporters: [{ type: "none" }], logLevel: "none", content: { redact: { pii: false, rules: [{ pattern: "ACME-\\d+", name: "customer" }] } } }, {});
    expect(redactText("mail jane@example.com as ACME-42")).toBe("mail jane@example.com as [REDACTED:customer]");
    configureTracing({ exporters: [{ type: "none" }], logLevel: "none" }, {}); // already configured: ignored
    await getActiveTracing()?.shutdown();
    configureTracing({ exporters: [{ type: "none" }], logLevel: "none", content: { redact: false } }, {});
    expect(redactText("mail jane@example.com")).toBe("mail jane@example.com");
  });
});

describe("sensitive key names", () => {
  it("finds each default name by one of its parts, the check that spares looking up ordinary keys in JSON text", () => {
    for (const source of DEFAULT_KEY_NAMES) {
      for (const name of [source.replaceAll("[_-]?", ""), source.replaceAll("[_-]?", "_"), source.replaceAll("[_-]?", "-").replace("s?", "s")]) {
        const key = `"x_${name.toUpperCase()}"`;
        expect(DEFAULT_NAME_PARTS.some((part) => name.includes(part)), name).toBe(true);
        expect(mayNameDefaultSecret(key, 1, key.length - 1), name).toBe(true);
      }
    }
    for (const ordinary of ["price", "role", "content", "qty", "name", "tier"]) expect(mayNameDefaultSecret(ordinary, 0, ordinary.length)).toBe(false);
  });
});
