// createPipelineTracer() driven by a small DAG runner written here, as an application's own runner
// would call it: nested pipelines, a cached node, a failing node with its inputs; and calls out of
// order or missing, which must never throw nor leave spans open.
import { describe, expect, it } from "vitest";
import { configureTracing, createPipelineTracer, type PipelineTracer, trace } from "../../src/index.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";

useDiagAndTracing();

interface Node {
  id: string;
  run?: (input: unknown) => unknown;
  cached?: string;
  pipeline?: Pipeline;
}
interface Pipeline {
  id: string;
  nodes: Node[];
}

/** A runner that knows nothing of spans: it calls the hooks, as a DAG library's callbacks would. */
async function runPipeline(pipeline: Pipeline, input: unknown, hooks: PipelineTracer): Promise<unknown> {
  hooks.onPipelineStart(pipeline.id, input);
  let value = input;
  try {
    for (const node of pipeline.nodes) {
      if (node.cached) {
        hooks.onNodeCached(node.id, node.cached, { computeSavedMillis: 800 });
        continue;
      }
      hooks.onNodeStart(node.id, value);
      try {
        if (node.pipeline) {
          hooks.onNestedPipelineStart(node.id, node.pipeline.id);
          value = await runPipeline(node.pipeline, value, hooks);
        } else {
          value = await node.run!(value);
        }
        hooks.onNodeEnd(node.id, value, 5);
      } catch (error) {
        hooks.onError(node.id, error);
        throw error;
      }
    }
    hooks.onPipelineEnd(pipeline.id, value);
    return value;
  } catch (error) {
    hooks.onError(pipeline.id, error);
    hooks.onPipelineEnd(pipeline.id);
    throw error;
  }
}

describe("createPipelineTracer", () => {
  it("gives a runner's pipelines, nested pipelines, nodes, cache hits and errors their span tree", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const inner: Pipeline = { id: "inner_pipeline", nodes: [{ id: "preprocess", run: (x) => `${String(x)}!` }, { id: "encode", run: (x) => String(x).length }] };
    const outer: Pipeline = { id: "outer_pipeline", nodes: [{ id: "load", cached: "sha256:9f2c" }, { id: "embed", pipeline: inner }, { id: "store", run: () => { throw new Error("disk full"); } }] };
    const hooks = createPipelineTracer();
    await expect(runPipeline(outer, "doc-17", hooks)).rejects.toThrow("disk full");

    const spans = tracing.memoryExporter!.getFinishedSpans();
    const byName = new Map(spans.map((s) => [s.name, s]));
    const parentName = (name: string) => spans.find((s) => s.spanContext().spanId === byName.get(name)!.parentSpanContext?.spanId)?.name;
    expect(parentName("task.load")).toBe("workflow.outer_pipeline");
    expect(parentName("task.embed")).toBe("workflow.outer_pipeline");
    expect(parentName("workflow.inner_pipeline")).toBe("task.embed");
    expect(parentName("task.preprocess")).toBe("workflow.inner_pipeline");
    expect(parentName("task.encode")).toBe("workflow.inner_pipeline");
    expect(byName.get("task.load")!.attributes).toMatchObject({ "llmtrace.cache.status": "hit", "llmtrace.cache.signature": "sha256:9f2c", "llmtrace.cache.compute_saved_ms": 800 });
    expect(byName.get("workflow.inner_pipeline")!.attributes["llmtrace.pipeline.nested"]).toBe(true);
    const store = byName.get("task.store")!;
    expect(store.status.code).toBe(2);
    expect(store.attributes["ai.input"]).toBe("7"); // its input: "doc-17!".length, from the nested pipeline
    expect(byName.get("workflow.outer_pipeline")!.status.code).toBe(2);
    expect(spans).toHaveLength(7);
  });

  it("never throws on calls out of order or missing, and ends everything open at onPipelineEnd", () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const hooks = createPipelineTracer();
    expect(() => {
      hooks.onNodeEnd("never_started");
      hooks.onNodeStart("orphan");
      hooks.onError("nobody", new Error("x"));
      hooks.onPipelineEnd("never_started");
      hooks.onNestedPipelineStart("nobody", "child");
      hooks.onPipelineStart("p");
      hooks.onPipelineStart("p");
      hooks.onNodeStart("a");
      hooks.onNodeStart("a");
      hooks.onNestedPipelineStart("a", "q");
      hooks.onPipelineStart("q");
      hooks.onNodeStart("b");
      hooks.onPipelineEnd("p", { done: true });
      hooks.onNodeEnd("a");
      hooks.onPipelineEnd("p");
    }).not.toThrow();
    const spans = tracing.memoryExporter!.getFinishedSpans();
    // The second start of "p" is a run nested in the first (a recursive DAG); every span ended.
    expect(spans.map((s) => s.name).sort()).toEqual(["task.a", "task.b", "workflow.p", "workflow.p", "workflow.q"]);
    expect(spans.find((s) => s.name === "task.b")!.attributes["llmtrace.pipeline.incomplete"]).toBe(true);
  });

  it("under an active span, a pipeline nests there", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const hooks = createPipelineTracer();
    await trace.agent({ name: "planner" }, async () => {
      hooks.onPipelineStart("plan");
      hooks.onPipelineEnd("plan");
    });
    const [pipeline, agent] = tracing.memoryExporter!.getFinishedSpans();
    expect(pipeline!.parentSpanContext?.spanId).toBe(agent!.spanContext().spanId);
  });
});

describe("one pipeline tracer shared by runs going on at once", () => {
  it("tells two requests' runs of the same DAG apart by the active trace", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const hooks = createPipelineTracer();
    const run = (request: string, delay: number) =>
      trace.agent({ name: request }, async () => {
        hooks.onPipelineStart("dag");
        hooks.onNodeStart("fetch");
        await new Promise((resolve) => setTimeout(resolve, delay));
        hooks.onNodeEnd("fetch");
        hooks.onNodeStart("answer");
        await new Promise((resolve) => setTimeout(resolve, delay));
        hooks.onNodeEnd("answer");
        hooks.onPipelineEnd("dag");
      });
    await Promise.all([run("request_a", 5), run("request_b", 3)]);
    const spans = tracing.memoryExporter!.getFinishedSpans();
    expect(spans).toHaveLength(8);
    for (const node of spans.filter((s) => s.name.startsWith("task."))) {
      const pipeline = spans.find((s) => s.spanContext().spanId === node.parentSpanContext?.spanId)!;
      expect(pipeline.name).toBe("workflow.dag");
      expect(pipeline.spanContext().traceId).toBe(node.spanContext().traceId);
    }
  });

  it("keeps each request's nested-pipeline announcement to itself, and ends an unannounced nested pipeline with its outer one", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const hooks = createPipelineTracer();
    const request = (name: string, input: string, delay: number) =>
      trace.agent({ name }, async () => {
        hooks.onPipelineStart("outer");
        hooks.onNodeStart("retrieve");
        hooks.onNestedPipelineStart("retrieve", "inner");
        await new Promise((resolve) => setTimeout(resolve, delay));
        hooks.onPipelineStart("inner", input);
        hooks.onPipelineEnd("inner");
        hooks.onNodeEnd("retrieve");
        hooks.onPipelineEnd("outer");
      });
    await Promise.all([request("req_A", "A", 5), request("req_B", "B", 1)]);
    const spans = tracing.memoryExporter!.getFinishedSpans();
    for (const inner of spans.filter((s) => s.name === "workflow.inner")) {
      const agent = spans.find((s) => s.name.startsWith("agent.") && s.spanContext().traceId === inner.spanContext().traceId)!;
      expect(inner.attributes["ai.input"]).toBe(agent.name === "agent.req_A" ? "A" : "B");
      expect(spans.find((s) => s.spanContext().spanId === inner.parentSpanContext?.spanId)!.name).toBe("task.retrieve");
    }

    hooks.onPipelineStart("solo");
    hooks.onNodeStart("step");
    hooks.onPipelineStart("unannounced");
    hooks.onNodeStart("deep");
    hooks.onPipelineEnd("solo");
    const names = tracing.memoryExporter!.getFinishedSpans().map((s) => s.name);
    for (const name of ["workflow.solo", "task.step", "workflow.unannounced", "task.deep"]) expect(names).toContain(name);
  });
});
