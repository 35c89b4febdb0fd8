import { describe, expect, it } from "vitest";
import { conversationView, MAX_VALUE_CHARS, readSpanDetail } from "../../src/viewer/model/queries.js";
import { TraceIndex } from "../../src/viewer/model/trace-index.js";
import { otlpLine, spanId } from "../helpers/otlp-lines.js";

// Files from other tools and damaged files: the index keeps going and counts what it cannot use.
function indexOf(...lines: string[]): { index: TraceIndex; readLine: (at: { offset: number }) => Promise<string | undefined> } {
  const index = new TraceIndex();
  lines.forEach((line, i) => index.addLine(line.trimEnd(), { source: 0, offset: i, length: line.length }, { source: "test.jsonl", line: i + 1 }));
  return { index, readLine: (at) => Promise.resolve(lines[at.offset]?.trimEnd()) };
}

const TRACE = "a".repeat(32);
const chat = (tokens: number, cost: number) => ({ "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o", "gen_ai.provider.name": "openai", "gen_ai.usage.input_tokens": tokens, "gen_ai.usage.output_tokens": tokens / 10, "ai.cost": cost });

describe("viewer index on other tools' files and damaged ones", () => {
  it("counts each model call once, as the metrics do: usage on a span that is not a model call does not hide the calls under it", () => {
    const { index } = indexOf(
      otlpLine([
        { id: spanId(1), name: "agent", attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.usage.input_tokens": 5 } },
        { id: spanId(2), parent: spanId(1), name: "chat a", attributes: chat(100, 1) },
        { id: spanId(3), parent: spanId(1), name: "chat b", attributes: chat(100, 1) },
        // A framework's model span around a provider's, both with the call's usage: the outer one counts.
        { id: spanId(4), parent: spanId(1), name: "framework llm", attributes: { "openinference.span.kind": "LLM", "llm.token_count.prompt": 50, "llm.token_count.completion": 5, "llm.model_name": "gpt-4o", "llm.provider": "openai" } },
        { id: spanId(5), parent: spanId(4), name: "provider chat", attributes: chat(50, 0.5) },
      ]),
    );
    const summary = index.list({}).traces[0];
    expect([summary?.inputTokens, summary?.outputTokens, summary?.cost]).toEqual([250, 25, 2]);
    // The framework span counts the call (outermost) but carries no cost: the row says one call is unpriced.
    expect(index.aggregates().models).toEqual([{ model: "gpt-4o", provider: "openai", calls: 3, inputTokens: 250, outputTokens: 25, cost: 2, unpriced: 1 }]);
  });

  it("counts an llmtrace generation inside another llmtrace generation, as the metrics do", () => {
    const generation = (tokens: number) => ({ "llmtrace.span.kind": "generation", "gen_ai.request.model": "gpt-4o", "gen_ai.provider.name": "openai", "gen_ai.usage.input_tokens": tokens, "gen_ai.usage.output_tokens": 1 });
    const { index } = indexOf(
      otlpLine([
        { id: spanId(1), name: "outer", attributes: generation(100) },
        { id: spanId(2), parent: spanId(1), name: "inner", attributes: generation(50) },
      ]),
    );
    expect(index.list({}).traces[0]?.inputTokens).toBe(150);
  });

  it("a span seen again replaces the first copy, and its source is told it no longer holds it", () => {
    const evicted: string[] = [];
    const index = new TraceIndex({ onEvicted: (span) => evicted.push(`${span.name}@${span.at.offset}`) });
    const line = otlpLine([{ id: spanId(1), name: "again" }]);
    index.addLine(line, { source: 0, offset: 0, length: line.length }, { source: "a", line: 1 });
    index.addLine(line, { source: 0, offset: 100, length: line.length }, { source: "a", line: 2 });
    expect(index.stats().spans).toBe(1);
    expect(evicted).toEqual(["again@0"]);
  });

  it("draws spans whose parents form a cycle, and answers a conversation over them", async () => {
    const { index, readLine } = indexOf(
      otlpLine([
        { id: spanId(1), parent: spanId(2), name: "a", attributes: { "llmtrace.span.kind": "message", "conversation.id": "c1", "ai.input": "hi" } },
        { id: spanId(2), parent: spanId(1), name: "b" },
        { id: spanId(3), parent: spanId(3), name: "self" },
      ]),
    );
    const rows = index.trace(TRACE)?.rows ?? [];
    expect(rows.map((row) => row.span.name).sort()).toEqual(["a", "b", "self"]);
    expect(index.list({}).traces[0]?.spanCount).toBe(3);
    const view = await conversationView(index, readLine as never, "c1");
    expect(view.turns.map((turn) => turn.input)).toEqual(["hi"]);
  });

  it("gives each model call to its nearest turn: a message inside a message is not counted twice; work beside the turns goes to the last turn begun", async () => {
    const { index, readLine } = indexOf(
      otlpLine([
        { id: spanId(1), name: "root", attributes: { "conversation.id": "c2" } },
        { id: spanId(2), parent: spanId(1), name: "outer", startMs: 1, attributes: { "llmtrace.span.kind": "message", "ai.input": "outer question" } },
        { id: spanId(3), parent: spanId(2), name: "chat 1", startMs: 2, attributes: chat(100, 1) },
        { id: spanId(4), parent: spanId(2), name: "inner", startMs: 3, attributes: { "llmtrace.span.kind": "message", "ai.input": "inner question" } },
        { id: spanId(5), parent: spanId(4), name: "chat 2", startMs: 4, attributes: chat(400, 4) },
        // Beside the turns (a message handle ended before its work): the last turn begun before it.
        { id: spanId(6), parent: spanId(1), name: "chat 3", startMs: 6, attributes: chat(800, 8) },
      ]),
    );
    const view = await conversationView(index, readLine as never, "c2");
    expect(view.turns.map((turn) => [turn.input, turn.inputTokens, turn.cost])).toEqual([
      ["outer question", 100, 1],
      ["inner question", 1200, 12],
    ]);
    expect(view.traces[0]?.inputTokens).toBe(1300);
  });

  it("a turn without a message span shows its model call's question, and a failed turn says it failed", async () => {
    const input = JSON.stringify([{ role: "user", parts: [{ type: "text", content: "What is the weather in Paris?" }] }]);
    const output = JSON.stringify([{ role: "assistant", parts: [{ type: "text", content: "Sunny." }] }]);
    const { index, readLine } = indexOf(
      otlpLine([
        { id: spanId(1), name: "handle_request", attributes: { "conversation.id": "c3", "ai.output": "ok" } },
        { id: spanId(2), parent: spanId(1), name: "chat", attributes: { ...chat(10, 0.1), "gen_ai.input.messages": input, "gen_ai.output.messages": output } },
      ]),
      otlpLine([{ id: spanId(3), name: "handle_request", startMs: 100, endMs: 101, error: true, attributes: { "conversation.id": "c3", "ai.input": "hello" } }], "svc", "b".repeat(32)),
    );
    const view = await conversationView(index, readLine as never, "c3");
    expect(view.turns.map((turn) => [turn.input, turn.output, turn.failure])).toEqual([
      ["What is the weather in Paris?", "ok", undefined],
      ["hello", undefined, "failed"],
    ]);
  });

  it("finds a call by the model asked for when a dated version answered it", () => {
    const { index } = indexOf(
      otlpLine([{ id: spanId(1), name: "chat", attributes: { ...chat(10, 0.1), "gen_ai.request.model": "gpt-4o-mini", "gen_ai.response.model": "gpt-4o-mini-2024-07-18" } }]),
    );
    expect(index.list({ model: "gpt-4o-mini" }).total).toBe(1);
    expect(index.list({ model: "gpt-4o-mini-2024-07-18" }).total).toBe(1);
    expect(index.list({ model: "gpt-4o" }).total).toBe(0);
    // The aggregates name the model that answered.
    expect(index.aggregates().models.map((row) => row.model)).toEqual(["gpt-4o-mini-2024-07-18"]);
  });

  it("counts an error once where it began, not once per span it failed on its way up", async () => {
    const { index, readLine } = indexOf(
      otlpLine([
        { id: spanId(1), name: "request", error: true, attributes: { "conversation.id": "c9" } },
        { id: spanId(2), parent: spanId(1), name: "message", error: true, attributes: { "llmtrace.span.kind": "message", "conversation.id": "c9", "ai.input": "weather?" } },
        { id: spanId(3), parent: spanId(2), name: "agent", error: true, attributes: { "llmtrace.span.kind": "agent" } },
        { id: spanId(4), parent: spanId(3), name: "tool.weather", error: true, attributes: { "llmtrace.span.kind": "tool" } },
        // A second, separate failure in the same turn.
        { id: spanId(5), parent: spanId(3), name: "chat", error: true, attributes: chat(10, 0.1) },
        { id: spanId(6), parent: spanId(3), name: "lookup", attributes: { "llmtrace.span.kind": "tool" } },
      ]),
    );
    const [trace] = index.list({}).traces;
    expect([trace?.errorCount, trace?.failedSpans]).toEqual([2, 5]);
    const view = await conversationView(index, readLine as never, "c9");
    expect(view.turns.map((turn) => [turn.errors, turn.failure])).toEqual([[2, "failed"]]);
  });

  it("shows trace.map's spans as a map and its items, the items as one row of the aggregates", () => {
    const { index } = indexOf(
      otlpLine([
        { id: spanId(1), name: "map embed", attributes: { "llmtrace.span.kind": "task", "llmtrace.map.items": 3 } },
        ...[0, 1, 2].map((i) => ({ id: spanId(10 + i), parent: spanId(1), name: `item ${i}`, startMs: i, endMs: i + 1 + i, attributes: { "llmtrace.span.kind": "task", "llmtrace.map.index": i } })),
      ]),
    );
    expect(index.trace(TRACE)?.rows.map((row) => row.span.kind)).toEqual(["map", "item", "item", "item"]);
    expect(index.aggregates().names.find((n) => n.kind === "item")).toMatchObject({ name: "item <i>", count: 3, p50: 2, max: 3 });
  });

  it("reads counts only from numbers of zero or more: text and negative values are no usage", () => {
    const { index } = indexOf(otlpLine([{ id: spanId(1), name: "odd", attributes: { "gen_ai.operation.name": "chat", "gen_ai.usage.input_tokens": -5, "gen_ai.usage.output_tokens": "7" as unknown as number, "ai.cost": -1 } }]));
    const summary = index.list({}).traces[0];
    expect([summary?.inputTokens, summary?.outputTokens, summary?.cost]).toEqual([0, 0, 0]);
  });

  it("counts spans without valid ids and spans of an unexpected shape as skipped, keeping the rest", () => {
    const good = otlpLine([{ id: spanId(1), name: "kept" }]);
    const badIds = otlpLine([{ id: "zz", name: "bad id" }, { id: spanId(2), name: "kept too" }], "svc", "b".repeat(32));
    const nullTimes = good.replace(/"startTimeUnixNano":"\d+"/, '"startTimeUnixNano":null').replace(spanId(1), spanId(3)).replace("kept", "null time");
    const weirdAttributes = good.replace(/"attributes":\[[^\]]*\]/, '"attributes":{"not":"a list"}').replace(spanId(1), spanId(4)).replace("kept", "odd attributes");
    const { index } = indexOf(good, badIds, nullTimes, weirdAttributes);
    expect(index.stats().spans).toBe(4);
    expect(index.stats().skipped.map((s) => [s.line, s.reason])).toEqual([[2, "1 span(s) without a valid trace or span id (hex, 32 and 16 digits)"]]);
  });

  it("cuts a very long attribute in a span's detail; the rest stays in the file", async () => {
    const huge = "x".repeat(MAX_VALUE_CHARS * 3);
    const { index, readLine } = indexOf(otlpLine([{ id: spanId(1), name: "huge", attributes: { "output.value": huge } }]));
    const detail = await readSpanDetail(index, readLine as never, TRACE, spanId(1));
    const value = String(detail?.attributes["output.value"]);
    expect(value.length).toBeLessThan(MAX_VALUE_CHARS + 100);
    expect(value).toContain(`${(MAX_VALUE_CHARS * 2).toLocaleString("en-US")} more characters in the file`);
  });
});
