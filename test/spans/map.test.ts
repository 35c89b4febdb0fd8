// trace.map(): per-item spans with their work nested under them, an aggregate for large maps,
// sampled items with failures always traced, concurrency with the right parents, results in
// order, Promise.all and allSettled semantics, caches and their metrics.
import { context } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { configureTracing, trace } from "../../src/index.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";
import { memoryPoints, total } from "../helpers/metric-points.js";

useDiagAndTracing();

const memory = (extra: Record<string, unknown> = {}) => configureTracing({ exporters: [{ type: "memory" }], logLevel: "none", ...extra }, {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("trace.map", () => {
  it("traces each item under the map span, its work nested under the item, results in order", async () => {
    const tracing = memory();
    const results = await trace.workflow({ name: "index_docs" }, () =>
      trace.map("embed_batch", ["a", "bb", "ccc"], async (doc, index) => {
        await sleep(5 * (3 - index));
        return trace.tool({ name: "embed" }, async () => doc.length);
      }),
    );
    expect(results).toEqual([1, 2, 3]);
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const byName = (name: string) => spans.filter((s) => s.name === name);
    const map = byName("map embed_batch")[0]!;
    expect(map.parentSpanContext?.spanId).toBe(byName("workflow.index_docs")[0]!.spanContext().spanId);
    for (let i = 0; i < 3; i++) {
      const item = byName(`item ${i}`)[0]!;
      expect(item.parentSpanContext?.spanId).toBe(map.spanContext().spanId);
      expect(item.attributes).toMatchObject({ "llmtrace.map.index": i, "llmtrace.map.name": "embed_batch" });
    }
    const tools = byName("tool.embed");
    expect(new Set(tools.map((t) => t.parentSpanContext?.spanId))).toEqual(new Set([0, 1, 2].map((i) => byName(`item ${i}`)[0]!.spanContext().spanId)));
    expect(map.attributes).toMatchObject({ "llmtrace.map.items": 3, "llmtrace.map.trace_items": "each", "llmtrace.map.traced": 3, "llmtrace.map.succeeded": 3, "llmtrace.map.failed": 0 });
  });

  it("above the auto limit records an aggregate instead, and still details every failure", async () => {
    const tracing = memory();
    const items = Array.from({ length: 500 }, (_, i) => i);
    const outcomes = await trace.map("score", items, async (n, _i, item) => {
      if (n % 100 === 7) throw new RangeError(`bad item ${n}`);
      if (n % 2 === 0) item.cache({ status: "hit", signature: `sha256:${n}` });
      return n * 2;
    }, { settle: true });
    expect(outcomes.filter((o) => o.status === "rejected")).toHaveLength(5);
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const items0 = spans.filter((s) => s.name.startsWith("item "));
    expect(items0.map((s) => s.name).sort()).toEqual(["item 107", "item 207", "item 307", "item 407", "item 7"]);
    for (const item of items0) expect(item.status.code).toBe(2);
    const map = spans.find((s) => s.name === "map score")!;
    expect(map.attributes).toMatchObject({ "llmtrace.map.trace_items": "aggregate", "llmtrace.map.traced": 5, "llmtrace.map.succeeded": 495, "llmtrace.map.failed": 5, "llmtrace.map.cached": 250 });
    expect(map.attributes["llmtrace.map.errors"]).toEqual(["RangeError: bad item 7", "RangeError: bad item 107", "RangeError: bad item 207"]);
    expect(Number(map.attributes["llmtrace.map.duration.max_ms"])).toBeGreaterThanOrEqual(Number(map.attributes["llmtrace.map.duration.p50_ms"]));
    expect(map.status.code).toBe(0);
  });

  it("traces a fraction of items with itemSampleRate, errors always", async () => {
    const tracing = memory();
    await trace.map("sampled", Array.from({ length: 100 }, (_, i) => i), async (n) => {
      if (n === 3) throw new Error("three");
      return n;
    }, { traceItems: true, itemSampleRate: 0.1, settle: true });
    const items = tracing.memoryExporter!.getFinishedSpans().filter((s) => s.name.startsWith("item "));
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.length).toBeLessThanOrEqual(12);
    expect(items.some((s) => s.name === "item 3" && s.status.code === 2)).toBe(true);
    const map = tracing.memoryExporter!.getFinishedSpans().find((s) => s.name === "map sampled")!;
    expect(map.attributes["llmtrace.map.trace_items"]).toBe("sampled");
    expect(map.attributes["llmtrace.map.traced"]).toBe(items.length);
  });

  it("runs at most `concurrency` items at once, each item's spans under its own item", async () => {
    const tracing = memory();
    let running = 0;
    let peak = 0;
    await trace.map("limited", Array.from({ length: 12 }, (_, i) => i), async (n) => {
      running++;
      peak = Math.max(peak, running);
      await trace.task({ name: "work" }, () => sleep(3));
      running--;
      return n;
    }, { concurrency: 3 });
    expect(peak).toBe(3);
    const spans = tracing.memoryExporter!.getFinishedSpans();
    for (const work of spans.filter((s) => s.name === "task.work")) {
      const parent = spans.find((s) => s.spanContext().spanId === work.parentSpanContext?.spanId)!;
      expect(parent.name).toMatch(/^item \d+$/);
    }
  });

  it("rejects with the first error like Promise.all, starting no new item after it, and ends every span inside the map", async () => {
    const tracing = memory();
    const started: number[] = [];
    await expect(
      trace.map("fails", [0, 1, 2, 3, 4, 5], async (n) => {
        started.push(n);
        await sleep(n === 1 ? 1 : 10);
        if (n === 1) throw new TypeError("one failed");
        return n;
      }, { concurrency: 2 }),
    ).rejects.toThrow("one failed");
    expect(started.length).toBeLessThan(6);
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const map = spans.find((s) => s.name === "map fails")!;
    expect(map.status.code).toBe(2);
    // Within the SDK's clock: each span anchors to Date.now() (1 ms steps) when it starts.
    const mapEnd = map.endTime[0] * 1e3 + map.endTime[1] / 1e6;
    for (const item of spans.filter((s) => s.name.startsWith("item "))) expect(item.endTime[0] * 1e3 + item.endTime[1] / 1e6).toBeLessThanOrEqual(mapEnd + 2);
  });

  it("caches: attributes on any handle and on trace.current(), the signature exported as given, a cache lookup metric, the console marks hits", async () => {
    const printed: string[] = [];
    const tracing = memory({ exporters: [{ type: "memory" }, { type: "console", write: (text: string) => printed.push(text) }], metrics: { exporters: [{ type: "memory" }] } });
    await trace.task({ name: "render" }, async (task) => {
      task.cache({ status: "hit", signature: "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", durationMillis: 2, computeSavedMillis: 1200 });
    });
    await trace.task({ name: "render" }, async () => trace.current().cache({ status: "miss" }));
    await tracing.forceFlush();
    const [hit, miss] = tracing.memoryExporter!.getFinishedSpans();
    expect(hit!.attributes).toMatchObject({
      "llmtrace.cache.status": "hit",
      "llmtrace.cache.signature": "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9",
      "llmtrace.cache.duration_ms": 2,
      "llmtrace.cache.compute_saved_ms": 1200,
    });
    expect(miss!.attributes["llmtrace.cache.status"]).toBe("miss");
    expect(printed.join("")).toMatch(/task\.render +[\d.]+ ms +⚡ cached/);
    const points = memoryPoints(tracing.memoryMetricExporter);
    expect(total(points, "llmtrace.cache.lookups", { "llmtrace.span.name": "task.render", "llmtrace.cache.status": "hit" })).toBe(1);
    expect(total(points, "llmtrace.cache.lookups", { "llmtrace.span.name": "task.render" })).toBe(2);
  });

  it("counts a rejection with undefined as a failure, counts the items traced and never started, and takes nearest-rank percentiles", async () => {
    const tracing = memory();
    await expect(
      trace.map("strict", [0, 1, 2, 3], async (n) => {
        if (n === 0) throw undefined;
        return n;
      }, { concurrency: 1 }),
    ).rejects.toBeUndefined();
    const map = tracing.memoryExporter!.getFinishedSpans().find((s) => s.name === "map strict")!;
    expect(map.attributes).toMatchObject({ "llmtrace.map.failed": 1, "llmtrace.map.succeeded": 0, "llmtrace.map.not_started": 3, "llmtrace.map.traced": 1 });
    // Nearest rank: the median of two items is the shorter one (an interpolated median would be ~150 ms).
    await trace.map("timed", [1, 300], async (ms) => sleep(ms));
    const timed = tracing.memoryExporter!.getFinishedSpans().find((s) => s.name === "map timed")!;
    expect(Number(timed.attributes["llmtrace.map.duration.p50_ms"])).toBeLessThan(120);
  });

  it("inside trace.start(), the root waits for the map and its items", async () => {
    const tracing = memory();
    const root = trace.start({ name: "request", idleTimeoutMillis: 20 });
    await context.with(root.context, () => trace.map("slow", [1, 2], async () => sleep(80)));
    await sleep(60);
    const spans = tracing.memoryExporter!.getFinishedSpans();
    const rootSpan = spans.find((s) => s.name.includes("request"))!;
    const map = spans.find((s) => s.name === "map slow")!;
    const end = (s: typeof map) => s.endTime[0] * 1e3 + s.endTime[1] / 1e6;
    expect(end(rootSpan)).toBeGreaterThanOrEqual(end(map) - 2);
  });

  it("counts the items' cache lookups in the metrics from the map, whether items have spans or not", async () => {
    const tracing = memory({ metrics: { exporters: [{ type: "memory" }] } });
    await trace.map("lookup", Array.from({ length: 200 }, (_, i) => i), async (n, _i, item) => item.cache({ status: n % 2 ? "hit" : "miss" }));
    await trace.map("few", [1, 2], async (_n, _i, item) => item.cache({ status: "hit" }));
    await tracing.forceFlush();
    const points = memoryPoints(tracing.memoryMetricExporter);
    expect(total(points, "llmtrace.cache.lookups", { "llmtrace.span.name": "map lookup item", "llmtrace.cache.status": "hit" })).toBe(100);
    expect(total(points, "llmtrace.cache.lookups", { "llmtrace.span.name": "map lookup item", "llmtrace.cache.status": "miss" })).toBe(100);
    expect(total(points, "llmtrace.cache.lookups", { "llmtrace.span.name": "map few item" })).toBe(2);
  });
});
