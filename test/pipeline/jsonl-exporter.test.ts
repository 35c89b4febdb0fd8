import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SpanStatusCode, trace } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ExportResult, ExportResultCode } from "@opentelemetry/core";
import { configureTracing, getActiveTracing, JsonlFileExporter } from "../../src/index.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmtrace-jsonl-"));
});
afterEach(async () => {
  await getActiveTracing()?.shutdown();
  await rm(dir, { recursive: true, force: true });
});

interface OtlpJsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
  status: { code: number; message?: string };
  startTimeUnixNano: string;
}
interface OtlpJsonLine {
  resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { scope: { name: string }; spans: OtlpJsonSpan[] }[] }[];
}

async function readLines(path: string): Promise<OtlpJsonLine[]> {
  const text = await readFile(path, "utf8");
  expect(text.endsWith("\n")).toBe(true);
  return text.trimEnd().split("\n").map((line) => JSON.parse(line) as OtlpJsonLine);
}

const spansOf = (lines: OtlpJsonLine[]) => lines.flatMap((l) => l.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));

describe("JSONL exporter", () => {
  it("writes OTLP/JSON export requests, one per line, into a file whose folders it creates", async () => {
    const path = join(dir, "nested", "deeper", "spans.jsonl");
    const tracing = configureTracing({ serviceName: "jsonl-test", exporters: [{ type: "jsonl", path }], logLevel: "none" }, {});
    const tracer = trace.getTracer("scope-a", "1.0.0");
    tracer.startActiveSpan("parent", (parent) => {
      const child = tracer.startSpan("child", { attributes: { "gen_ai.request.model": "gpt-4o", tokens: 12, ratio: 0.5, ok: true, tags: ["a", "b"] } });
      child.setStatus({ code: SpanStatusCode.ERROR, message: "bad" });
      child.end();
      parent.end();
    });
    await tracing.shutdown();

    const lines = await readLines(path);
    expect(lines).toHaveLength(1);
    const resource = lines[0]!.resourceSpans[0]!.resource.attributes;
    expect(resource.find((a) => a.key === "service.name")?.value).toEqual({ stringValue: "jsonl-test" });
    expect(lines[0]!.resourceSpans[0]!.scopeSpans[0]!.scope.name).toBe("scope-a");

    const [child, parent] = spansOf(lines);
    expect(parent!.name).toBe("parent");
    expect(child!.name).toBe("child");
    expect(child!.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(child!.traceId).toBe(parent!.traceId);
    expect(child!.parentSpanId).toBe(parent!.spanId);
    expect(child!.startTimeUnixNano).toMatch(/^\d{19}$/);
    expect(child!.status).toEqual({ code: 2, message: "bad" });
    expect(child!.attributes).toEqual([
      { key: "gen_ai.request.model", value: { stringValue: "gpt-4o" } },
      { key: "tokens", value: { intValue: 12 } },
      { key: "ratio", value: { doubleValue: 0.5 } },
      { key: "ok", value: { boolValue: true } },
      { key: "tags", value: { arrayValue: { values: [{ stringValue: "a" }, { stringValue: "b" }] } } },
    ]);
  });

  it("appends batch after batch, and across runs, without losing a span", async () => {
    const path = join(dir, "spans.jsonl");
    for (const run of [1, 2]) {
      const tracing = configureTracing({ exporters: [{ type: "jsonl", path }], batch: { maxExportBatchSize: 10 }, logLevel: "none" }, {});
      for (let i = 0; i < 25; i++) trace.getTracer("t").startSpan(`run${run}-${i}`).end();
      await tracing.shutdown();
    }
    const lines = await readLines(path);
    expect(lines.length).toBe(6);
    const names = spansOf(lines).map((s) => s.name);
    expect(names).toHaveLength(50);
    expect(new Set(names).size).toBe(50);
  });

  it("reports a failed write (the path is a folder) as a failed export result, not a throw", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    trace.getTracer("t").startSpan("x").end();
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const result = await new Promise<ExportResult>((resolve) => new JsonlFileExporter(dir).export([...spans], resolve));
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toMatch(/EISDIR/);
  });
});
