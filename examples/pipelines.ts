// Tracing the work around the model calls: a map over documents (a span per item, a cached one
// marked), a large map as one aggregate span, a DAG runner's nested pipelines through
// createPipelineTracer(), resource usage, and tracing's own cost.
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { configureTracing, createPipelineTracer, trace } from "llmtrace";

const tracing = configureTracing({ serviceName: "pipelines-example", exporters: [{ type: "console" }, { type: "memory" }] });
const cache = new Map<string, number>([["doc-b", 3]]);

// 1. A map with a span per item; item 1 comes from the cache.
await trace.workflow({ name: "index_docs" }, () =>
  trace.map("embed_batch", ["doc-a", "doc-b", "doc-c"], async (doc, _index, item) => {
    const signature = createHash("sha256").update(doc).digest("hex").slice(0, 16);
    const hit = cache.get(doc);
    if (hit !== undefined) {
      item.cache({ status: "hit", signature, computeSavedMillis: 120 });
      return hit;
    }
    item.cache({ status: "miss", signature });
    return trace.tool({ name: "embed", args: { doc } }, async () => doc.length);
  }),
);

// 2. 1,000 items: one span with the aggregate (count, failures, p50/p95/max); a failure is detailed.
const outcomes = await trace.map(
  "score_chunks",
  Array.from({ length: 1000 }, (_, i) => i),
  async (n) => {
    if (n === 500) throw new Error("chunk 500 is empty");
    return n % 7;
  },
  { settle: true, concurrency: 50, resourceUsage: true },
);
assert.equal(outcomes.filter((outcome) => outcome.status === "rejected").length, 1);

// 3. A DAG runner that knows nothing of spans calls the hooks; nested pipelines nest.
const hooks = createPipelineTracer();
hooks.onPipelineStart("outer_pipeline", { query: "refund policy" });
hooks.onNodeCached("load_config", "sha256:9f2c41", { computeSavedMillis: 40 });
hooks.onNodeStart("retrieve", { query: "refund policy" });
hooks.onNestedPipelineStart("retrieve", "inner_pipeline");
hooks.onPipelineStart("inner_pipeline");
for (const node of ["preprocess", "encode"]) {
  hooks.onNodeStart(node);
  await hooks.within(node, () => trace.task({ name: `${node}_step` }, async () => node));
  hooks.onNodeEnd(node, "ok", 1);
}
hooks.onPipelineEnd("inner_pipeline", { vectors: 2 });
hooks.onNodeEnd("retrieve", { documents: 2 });
hooks.onPipelineEnd("outer_pipeline", { answer: "…" });

await tracing.forceFlush();
const spans = tracing.memoryExporter!.getFinishedSpans();
const named = (name: string) => spans.find((span) => span.name === name)!;
assert.equal(named("item 1").attributes["llmtrace.cache.status"], "hit");
assert.equal(named("map score_chunks").attributes["llmtrace.map.failed"], 1);
assert.equal(typeof named("map score_chunks").attributes["llmtrace.resource.cpu.user_ms"], "number");
assert.equal(named("workflow.inner_pipeline").parentSpanContext?.spanId, named("task.retrieve").spanContext().spanId);
console.log(`overhead: ${JSON.stringify(tracing.stats().overhead)}`);
await tracing.shutdown();
console.log("ok: item spans with a cache hit, an aggregate map, nested pipelines");
