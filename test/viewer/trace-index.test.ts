import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatOf } from "../../src/viewer/model/chat-messages.js";
import { conversationView, readSpanDetail } from "../../src/viewer/model/queries.js";
import { SpanFiles } from "../../src/viewer/server/span-files.js";
import { writeViewerWorkload } from "../helpers/viewer-workload.js";

// The index over files written by llmtrace's own JSONL exporter (a real tracer provider), read the
// way `llmtrace view` reads them.
let dir: string;
let files: SpanFiles;
let ids: Awaited<ReturnType<typeof writeViewerWorkload>>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmtrace-viewer-index-"));
  ids = await writeViewerWorkload(join(dir, "app.jsonl"), join(dir, "worker.jsonl"));
  files = new SpanFiles({ paths: [dir] });
  await files.open();
  await files.poll();
});
afterAll(async () => {
  await files.close();
  await rm(dir, { recursive: true, force: true });
});

describe("viewer index", () => {
  it("lists the trace with its totals, the usage of a call counted once", () => {
    const page = files.index.list({});
    expect(page.total).toBe(1);
    const [summary] = page.traces;
    expect(summary).toMatchObject({
      traceId: ids.chatTraceId,
      rootName: "support_chat",
      complete: true,
      service: "support-bot",
      services: ["support-bot", "billing-worker"],
      inputTokens: 120,
      outputTokens: 30,
      cost: 0.0001,
      errorCount: 1,
      conversationId: "conv_view",
      userId: "user_7",
    });
    expect(summary?.spanCount).toBe(files.index.stats().spans);
    expect(page.facets).toEqual({ services: ["billing-worker", "support-bot"], models: ["gpt-4o-mini"], conversations: ["conv_view"] });
    expect(page.stats.skippedLines).toBe(0);
  });

  it("filters by text, service, status, model and conversation", () => {
    expect(files.index.list({ text: "FETCH_INVOICES" }).total).toBe(1);
    expect(files.index.list({ text: "no such span" }).total).toBe(0);
    expect(files.index.list({ service: "billing-worker" }).total).toBe(1);
    expect(files.index.list({ status: "ok" }).total).toBe(0);
    expect(files.index.list({ status: "error" }).total).toBe(1);
    expect(files.index.list({ model: "gpt-4o" }).total).toBe(0);
    expect(files.index.list({ conversation: "conv_view" }).total).toBe(1);
  });

  it("builds the waterfall in nesting order, marking the other process's span", () => {
    const view = files.index.trace(ids.chatTraceId);
    expect(view).toBeDefined();
    const outline = view?.rows.map((row) => `${"  ".repeat(row.depth)}${row.span.kind}:${row.span.name}`);
    expect(outline).toEqual([
      "trace:support_chat",
      "  message:message",
      "    retrieval:retrieval.help_center",
      "    generation:chat gpt-4o-mini",
      "      span:openai.chat",
      "  message:message",
      "    system:system.invoice_cache",
      "    tool:tool.fetch_invoices",
      "  span:billing.reconcile",
    ]);
    const worker = view?.rows.find((row) => row.span.name === ids.workerSpanName);
    expect(worker?.processBoundary).toBe(true);
    expect(worker?.span.remoteParent).toBe(true);
    expect(view?.rows.filter((row) => row.processBoundary)).toHaveLength(1);
    expect(view?.rows.find((row) => row.span.kind === "system")?.span.cache).toBe("hit");
    expect(view?.rows.find((row) => row.span.kind === "tool")?.span.status).toBe(2);
    // The provider span carries the same usage as its generation: only the generation counts it.
    expect(view?.rows.filter((row) => row.span.countsUsage).map((row) => row.span.name)).toEqual(["chat gpt-4o-mini"]);
  });

  it("reads a span's details from the file on demand: the chat with the tool call, and an exception's stack", async () => {
    const read = (at: Parameters<SpanFiles["readLine"]>[0]) => files.readLine(at);
    const generation = await readSpanDetail(files.index, read, ids.chatTraceId, ids.generationSpanId);
    expect(generation?.name).toBe("chat gpt-4o-mini");
    const chat = chatOf(generation as NonNullable<typeof generation>);
    expect(chat.input.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(chat.input[2]?.parts[0]).toEqual({ type: "tool_call", id: "call_1", name: "lookup_account", arguments: { user: "user_7" } });
    expect(chat.input[3]?.parts[0]).toMatchObject({ type: "tool_call_response", id: "call_1", response: { plan: "pro" } });
    expect(chat.output[0]?.parts[0]).toEqual({ type: "text", content: "Open Settings, then Security." });

    const toolRow = files.index.trace(ids.chatTraceId)?.rows.find((row) => row.span.kind === "tool");
    const tool = await readSpanDetail(files.index, read, ids.chatTraceId, toolRow?.span.spanId ?? "");
    const exception = tool?.events.find((event) => event.name === "exception");
    expect(exception?.attributes["exception.type"]).toBe("TypeError");
    expect(String(exception?.attributes["exception.stacktrace"])).toContain("invoice service unavailable");
    expect(await readSpanDetail(files.index, read, ids.chatTraceId, "0000000000000000")).toBeUndefined();
  });

  it("shows the conversation's turns in order with what was said and the usage under each", async () => {
    const view = await conversationView(files.index, (at) => files.readLine(at), "conv_view");
    expect(view.turns.map((turn) => [turn.input, turn.output])).toEqual([
      ["How do I reset my password?", "Open Settings, then Security."],
      ["And my invoices?", "Sorry, invoices are unavailable."],
    ]);
    expect(view.turns.map((turn) => [turn.inputTokens, turn.outputTokens, turn.cost])).toEqual([
      [120, 30, 0.0001],
      [0, 0, 0],
    ]);
    expect(view.traces.map((trace) => trace.traceId)).toEqual([ids.chatTraceId]);
    expect((await conversationView(files.index, (at) => files.readLine(at), "conv_other")).turns).toEqual([]);
  });

  it("aggregates tokens and cost per model, durations per name, errors, cache hits and throughput", () => {
    const a = files.index.aggregates();
    expect(a.models).toEqual([{ model: "gpt-4o-mini", provider: "openai", calls: 1, inputTokens: 120, outputTokens: 30, cost: 0.0001, unpriced: 0 }]);
    expect(a.errors).toMatchObject({ errorSpans: 1, traces: 1, errorTraces: 1 });
    expect(a.errors.spans).toBe(files.index.stats().spans);
    expect(a.cache).toEqual({ hits: 1, misses: 0, writes: 0, hitRate: 1 });
    const messages = a.names.find((n) => n.name === "message");
    expect(messages?.count).toBe(2);
    expect(messages?.p50).toBeLessThanOrEqual(messages?.p95 ?? 0);
    expect(a.throughput.reduce((sum, bucket) => sum + bucket.spans, 0)).toBe(a.window.spans);
    expect(a.spansPerSecond).toBeGreaterThan(0);
  });
});
