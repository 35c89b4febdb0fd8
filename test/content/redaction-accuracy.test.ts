// The measured accuracy of redaction, printed by `npm test` and written in docs/redaction.md:
// every finding of the corpus planted in every channel a span can carry text in, through a real
// tracer provider; every look-alike of the corpus exported unchanged.
import { SpanStatusCode, trace as otelTrace } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configureTracing, type TracingHandle, tool, trace, withContext } from "../../src/index.js";
import { FINDINGS } from "../corpus/findings.js";
import { LOOK_ALIKES } from "../corpus/look-alikes.js";
import { leaks } from "../helpers/planted-secrets.js";

let tracing: TracingHandle;
beforeAll(() => {
  tracing = configureTracing({ exporters: [{ type: "memory" }], conventions: ["ai", "gen_ai", "openinference", "traceloop", "langfuse"], logLevel: "none" }, {});
});
afterAll(async () => {
  await tracing.shutdown();
});

/** Every string an exporter would receive, one per line. */
function exportedText(spans: readonly ReadableSpan[]): string {
  const strings: string[] = [];
  const add = (value: unknown): void => {
    if (typeof value === "string") strings.push(value);
    else if (Array.isArray(value)) value.forEach(add);
  };
  for (const span of spans) {
    add(span.name);
    add(span.status.message);
    for (const value of Object.values(span.attributes)) add(value);
    for (const event of span.events) {
      add(event.name);
      for (const value of Object.values(event.attributes ?? {})) add(value);
    }
  }
  return strings.join("\n");
}

async function send(channel: (text: string) => unknown, text: string): Promise<string> {
  tracing.memoryExporter!.reset();
  await channel(text);
  return exportedText(tracing.memoryExporter!.getFinishedSpans());
}

/** Where a span carries text: each puts the text where an application or an instrumentation would. */
const CHANNELS: Record<string, (text: string) => unknown> = {
  "generation input/output": (text) =>
    trace.generation({ model: "gpt-4o", provider: "openai", input: [{ role: "user", content: `Customer wrote: ${text}\nPlease help.` }] }).end({ output: `You said ${text}.` }),
  "tool args/result": (text) => trace.tool({ name: "lookup", args: { query: text, limit: 5 } }).end({ rows: [{ note: text }] }),
  "decorated argument/return": async (text) => {
    const traced = tool({ name: "echo" }, async (input: string) => ({ reply: input }));
    await traced(text);
  },
  "foreign span attribute": (text) => otelTrace.getTracer("db").startSpan("query", { attributes: { "db.statement": `SELECT * FROM t WHERE note = '${text}'` } }).end(),
  event: (text) => {
    const span = otelTrace.getTracer("app").startSpan("work");
    span.addEvent("log", { message: text });
    span.end();
    trace.system({ name: "note" }).addEvent("note", { text }).end();
  },
  "exception message and stack": (text) => {
    try {
      trace.tool({ name: "fails" }, () => {
        throw new Error(`lookup failed: ${text}`);
      });
    } catch {
      // recorded on the span; that is what is checked
    }
  },
  "status message": (text) => {
    const span = otelTrace.getTracer("app").startSpan("call");
    span.setStatus({ code: SpanStatusCode.ERROR, message: text });
    span.end();
  },
  "withContext metadata": (text) => withContext({ metadata: { note: text } }, () => trace.system({ name: "ctx" }).end()),
  "JSON in a string": (text) => trace.tool({ name: "relay" }).end(JSON.stringify({ role: "tool", content: JSON.stringify({ note: text }) })),
  "URL query": (text) => {
    const query = new URLSearchParams({ q: text, page: "2" }).toString();
    otelTrace
      .getTracer("@opentelemetry/instrumentation-http")
      .startSpan("GET", { attributes: { "url.full": `https://api.example.com/search?q=${encodeURIComponent(text)}&page=2`, "url.query": query } })
      .end();
  },
  "object keys": (text) => trace.tool({ name: "score", args: { scores: { [text]: 0.9 } } }).end(new Map([[text, true]])),
};

function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(2)}%`;
}

describe("redaction accuracy on the evaluation corpus", () => {
  it(`removes every finding (${FINDINGS.length}) from every channel (${Object.keys(CHANNELS).length}), and reports recall per kind`, async () => {
    const missed: string[] = [];
    const byKind = new Map<string, { found: number; total: number }>();
    for (const planted of FINDINGS) {
      const tally = byKind.get(planted.kind) ?? { found: 0, total: 0 };
      byKind.set(planted.kind, tally);
      for (const [name, channel] of Object.entries(CHANNELS)) {
        tally.total++;
        const output = await send(channel, planted.text);
        if (leaks(output, planted)) missed.push(`${planted.kind} through ${name}: ${JSON.stringify(planted.text)}`);
        else tally.found++;
      }
    }
    const rows = [...byKind].map(([kind, { found, total }]) => `  ${kind.padEnd(18)} ${percent(found, total).padStart(8)}  (${found}/${total})`);
    const total = [...byKind.values()].reduce((sum, t) => sum + t.total, 0);
    console.log(`redaction recall on the corpus: ${percent(total - missed.length, total)} of ${total} placements\n${rows.join("\n")}`);
    expect(missed.slice(0, 30)).toEqual([]);
  });

  it(`exports the look-alikes (${LOOK_ALIKES.length}) unchanged, and reports the share kept per category`, async () => {
    // Each look-alike goes where it is written verbatim, so an unchanged export holds it whole.
    const placements: [string, (text: string) => unknown, (text: string) => string][] = [
      ["tool result", (text) => trace.tool({ name: "t" }).end(text), (text) => text],
      ["foreign attribute", (text) => otelTrace.getTracer("x").startSpan("s", { attributes: { body: text } }).end(), (text) => text],
      ["URL query", (text) => otelTrace.getTracer("x").startSpan("GET", { attributes: { "url.query": new URLSearchParams({ q: text }).toString() } }).end(), (text) => new URLSearchParams({ q: text }).toString()],
      ["JSON in a string", (text) => trace.tool({ name: "t" }).end(JSON.stringify({ content: JSON.stringify({ note: text }) })), (text) => JSON.stringify({ content: JSON.stringify({ note: text }) })],
    ];
    const changed: string[] = [];
    const byCategory = new Map<string, { kept: number; total: number }>();
    for (const { category, text } of LOOK_ALIKES) {
      const tally = byCategory.get(category) ?? { kept: 0, total: 0 };
      byCategory.set(category, tally);
      for (const [name, channel, written] of placements) {
        tally.total++;
        const output = await send(channel, text);
        if (output.includes(written(text))) tally.kept++;
        else changed.push(`${category} through ${name}: ${JSON.stringify(text)}\n    → ${output.split("\n").find((line) => line.includes("REDACTED"))?.slice(0, 400)}`);
      }
    }
    const rows = [...byCategory].map(([category, { kept, total }]) => `  ${category.padEnd(12)} ${percent(kept, total).padStart(8)}  (${kept}/${total})`);
    const total = [...byCategory.values()].reduce((sum, t) => sum + t.total, 0);
    const kept = total - changed.length;
    console.log(`redaction look-alikes kept unchanged: ${percent(kept, total)} of ${total} placements\n${rows.join("\n")}`);
    if (changed.length > 0) console.log(`changed:\n${changed.slice(0, 20).join("\n")}`);
    expect(kept / total).toBeGreaterThanOrEqual(0.995);
  });
});
