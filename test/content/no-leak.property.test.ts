// Property: whatever leaves the process has passed redaction. Random text with planted secrets and
// personal data of every supported kind, at random places, sent through every builder, a
// decorator, and a span made with the raw OpenTelemetry API — the exported spans never contain a
// planted value.
import { EventEmitter } from "node:events";
import { PassThrough } from "node:stream";
import { SpanStatusCode, trace as otelTrace } from "@opentelemetry/api";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureTracing, type TracingHandle, tool, trace, withContext } from "../../src/index.js";
import { leaks, type Planted, plantedSecret, textAround, valueAround } from "../helpers/planted-secrets.js";

let tracing: TracingHandle;
beforeAll(() => {
  tracing = configureTracing({ exporters: [{ type: "memory" }], conventions: ["ai", "gen_ai", "openinference", "traceloop", "langfuse"], logLevel: "none" }, {});
});
afterAll(async () => {
  await tracing.shutdown();
});

/** Everything an exporter would receive, as one string. */
function exported(): string {
  return JSON.stringify(
    tracing.memoryExporter!.getFinishedSpans().map((s) => ({
      name: s.name,
      attributes: s.attributes,
      events: s.events.map((e) => ({ name: e.name, attributes: e.attributes })),
      status: s.status,
      links: s.links.map((l) => l.attributes),
    })),
  );
}

type Channel = (value: unknown, text: string) => Promise<void> | void;

const channels: Record<string, Channel> = {
  "message input/output": (value, text) => trace.message(text).end(value),
  "generation prompt, system, output": (value, text) =>
    trace.generation({ model: "gpt-4o", provider: "openai", input: [{ role: "user", content: text }], system: text }).end({ output: value as string }),
  "generation streamed chunks": (_value, text) => {
    const gen = trace.generation({ model: "m", stream: true });
    for (const piece of text.match(/[\s\S]{1,7}/g) ?? []) gen.chunk(piece);
    gen.end();
  },
  "tool arguments/result": (value, text) => trace.tool({ name: "t", args: value }).end(text),
  "agent input/output": (value, text) => trace.agent({ name: "a", input: value }).end(text),
  "retrieval query/documents": (value, text) => trace.retrieval({ query: text }).end({ documents: [{ id: "d1", score: 0.5, content: value }] }),
  "system event": (value, text) => trace.system(text, { input: value }).end(value),
  "feedback text": (_value, text) => trace.feedback({ tag: "T", text }),
  "trace.start input": (value) => trace.start({ name: "t", input: value }).end(),
  // JSON held in a JSON string, as a tool message's content or a foreign span's body carries it.
  "escaped JSON inside a string": (value, text) =>
    trace.tool({ name: "relay" }).end(JSON.stringify({ role: "tool", content: JSON.stringify({ note: text, value }) })),
  "decorated function": async (value, text) => {
    const traced = tool({ name: "lookup" }, async (arg: unknown) => ({ echo: arg, text }));
    await traced(value);
  },
  "errors: message, stack, status": (_value, text) => {
    try {
      trace.tool({ name: "fails" }, () => {
        throw new Error(`lookup failed: ${text}`, { cause: new Error(text) });
      });
    } catch {
      // recorded on the span; that is what is checked
    }
  },
  "withContext metadata": (_value, text) => withContext({ metadata: { note: text } }, () => trace.system({ name: "ctx" }).end()),
  "header pair arrays (rawHeaders, undici)": (value, text) =>
    trace.tool({ name: "proxy", args: { rawHeaders: ["Host", "api.example.com", "Cookie", text, "Authorization", text, "X-Note", text], value } }).end(["set-cookie", text, "content-type", "text/plain"]),
  "decorated handler given a request, a stream and an emitter": async (value, text) => {
    // Shaped as Node's IncomingMessage (an emitter with method, url, headers); its fields are not content.
    const req = Object.assign(new PassThrough(), { method: "POST", url: `/chat?q=${encodeURIComponent(text)}`, headers: { cookie: text }, rawHeaders: ["cookie", text], body: value });
    const bus = Object.assign(new EventEmitter(), { note: text, payload: value });
    const handle = tool({ name: "handle" }, async (_req: unknown, _bus: unknown, body: unknown) => ({ ok: true, body }));
    await handle(req, bus, { headers: ["accept", "*/*", "cookie", text] });
  },
  "foreign span from the raw OpenTelemetry API": (value, text) => {
    const span = otelTrace.getTracer("some-http-instrumentation").startSpan(`GET ${text.slice(0, 40)}`, {
      attributes: { "http.url": text, "request.body": JSON.stringify(value), tags: [text, "ok"], "http.request.header.authorization": [text] },
    });
    span.addEvent(`log ${text}`, { message: text });
    span.recordException(new Error(text));
    span.setStatus({ code: SpanStatusCode.ERROR, message: text });
    span.end();
  },
};

describe("no planted secret or personal data is ever exported", () => {
  for (const [name, send] of Object.entries(channels)) {
    it(`through ${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(
          plantedSecret.chain((planted) => fc.tuple(fc.constant(planted), valueAround(planted), textAround(planted))),
          async ([planted, value, text]: [Planted, unknown, string]) => {
            tracing.memoryExporter!.reset();
            await send(value, text);
            const output = exported();
            if (leaks(output, planted)) {
              throw new Error(`${planted.kind} leaked: ${JSON.stringify(planted.secret)} in ${output.slice(0, 2000)}`);
            }
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it("covers every kind of planted value in the generator", () => {
    const kinds = new Set(fc.sample(plantedSecret, 2000).map((p) => p.kind));
    expect([...kinds].sort()).toEqual(
      [
        "aws", "bearer", "creditCard", "email", "github", "google", "huggingface", "iban", "ipv4", "ipv6", "jwt", "openai", "passwordPair", "phone", "privateKey", "ssn", "stripe", "urlCredentials",
        "twilio", "mailgun", "databricks", "shopify", "slackApp", "slackWebhook", "stripeWebhook", "azureStorage", "azureSas", "awsSts", "pgpKey", "cookie", "envSecret",
        "nationalPhone", "ssnLabel", "nationalInsurance", "jsonKey",
      ].sort(),
    );
  });
});
