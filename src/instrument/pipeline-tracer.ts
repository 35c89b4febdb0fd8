import { type Context, context as otelContext, diag, trace } from "@opentelemetry/api";
import type { CacheInfo } from "../conventions/cache-attributes.js";
import type { EntityHandle } from "../spans/entity.js";
import { taskBuilder, workflowBuilder } from "../spans/entity.js";
import { SPAN_STARTERS } from "../spans/span-starters.js";

/**
 * Telemetry hooks for an application's own pipeline or DAG runner: call them as the runner works
 * and each pipeline becomes a workflow span, each node a task span under it (a nested pipeline
 * under the node or pipeline that started it), with inputs, outputs, cache hits and errors — no
 * span handle to hold. Calls out of order, twice, or for ids never started are ignored (with a
 * debug line), never thrown; `onPipelineEnd` ends whatever of that pipeline is still open.
 *
 * Make one per run (per request). One shared by runs going on at once tells them apart by the
 * trace active where each hook is called (each request under its own span); without one, a hook
 * applies to the innermost open pipeline.
 */
export interface PipelineTracer {
  /** A pipeline starts: under the span named by an earlier `onNestedPipelineStart(parent, id)`, else under the active span. */
  onPipelineStart(id: string, inputs?: unknown): void;
  /** A node of the innermost open pipeline starts. */
  onNodeStart(id: string, inputs?: unknown): void;
  /** The node ends; `durationMillis`, the runner's own measure, is kept as `llmtrace.pipeline.duration_ms`. */
  onNodeEnd(id: string, outputs?: unknown, durationMillis?: number): void;
  /** The node's result came from a cache: its span (started now if it was not) is marked a hit and ends. */
  onNodeCached(id: string, signature?: string, info?: Omit<CacheInfo, "status" | "signature">): void;
  /** `childId` will run as a pipeline nested under `parentId` (a node or a pipeline). */
  onNestedPipelineStart(parentId: string, childId: string): void;
  /** `id` (a node or a pipeline) failed: the error is recorded and a node's span ends. */
  onError(id: string, error: unknown): void;
  /** The pipeline ends, with every node and nested pipeline of it still open. */
  onPipelineEnd(id: string, outputs?: unknown): void;
  /**
   * Runs `fn` with the span of node (or pipeline) `id` active, so what the node's work starts —
   * a model call, a tool, another instrumentation's HTTP span — nests under it. Without such a
   * node, `fn` runs as it is.
   */
  within<T>(id: string, fn: () => T): T;
}

interface OpenPipeline {
  readonly id: string;
  readonly handle: EntityHandle;
  readonly nodes: Map<string, { handle: EntityHandle }>;
  readonly children: OpenPipeline[];
  readonly parent: OpenPipeline | undefined;
  /** Nested pipelines announced by this pipeline's nodes (or itself): child id → the span to nest under. */
  readonly announced: Map<string, Context>;
}

/** Open pipelines kept at most: runs that never called onPipelineEnd are ended, oldest first. */
const MAX_OPEN = 1000;

/** Hooks for a pipeline runner's telemetry; see PipelineTracer. */
export function createPipelineTracer(): PipelineTracer {
  const open: OpenPipeline[] = [];

  /**
   * Open pipelines of the trace active where the hook is called, innermost first — so two runs
   * of one DAG at once (two requests, each under its own span) are told apart; with no active
   * trace, all of them.
   */
  const candidates = (): OpenPipeline[] => {
    const traceId = trace.getSpanContext(otelContext.active())?.traceId;
    const inScope = traceId === undefined ? open : open.filter((pipeline) => pipeline.handle.spanContext().traceId === traceId);
    return inScope.slice().reverse();
  };
  /** The innermost open pipeline with a node `id` open, and that node. */
  const findNode = (id: string) => {
    for (const pipeline of candidates()) {
      const node = pipeline.nodes.get(id);
      if (node) return { pipeline, node };
    }
    return undefined;
  };
  const findPipeline = (id: string) => candidates().find((pipeline) => pipeline.id === id);
  const innermost = () => candidates()[0];
  const ignored = (what: string) => diag.debug(`llmtrace: pipeline tracer: ${what}; ignored`);
  const safely = <A extends unknown[]>(name: string, hook: (...args: A) => void) => (...args: A): void => {
    try {
      hook(...args);
    } catch (error) {
      diag.debug(`llmtrace: pipeline tracer ${name} failed: ${String(error)}`);
    }
  };

  const endPipeline = (pipeline: OpenPipeline, outputs: unknown, error?: unknown): void => {
    for (const child of [...pipeline.children]) endPipeline(child, undefined);
    for (const { handle } of pipeline.nodes.values()) {
      handle.setAttribute("llmtrace.pipeline.incomplete", true);
      handle.end();
    }
    pipeline.nodes.clear();
    if (error !== undefined) pipeline.handle.recordError(error);
    pipeline.handle.end(outputs);
    const index = open.indexOf(pipeline);
    if (index >= 0) open.splice(index, 1);
    if (pipeline.parent) {
      const at = pipeline.parent.children.indexOf(pipeline);
      if (at >= 0) pipeline.parent.children.splice(at, 1);
    }
  };

  return {
    onPipelineStart: safely("onPipelineStart", (id: string, inputs?: unknown) => {
      // Nested: announced by an open pipeline of this run (innermost first), or — unannounced —
      // started while one is open; it then ends with it at the latest.
      const running = candidates();
      const announcer = running.find((pipeline) => pipeline.announced.has(id));
      const parent = announcer ?? running[0];
      let parentContext = otelContext.active();
      if (announcer) {
        parentContext = announcer.announced.get(id)!;
        announcer.announced.delete(id);
      } else if (parent) {
        parentContext = ([...parent.nodes.values()].at(-1)?.handle ?? parent.handle).context;
      }
      const handle = workflowBuilder.startHandle(parentContext, { name: id, input: inputs }, SPAN_STARTERS) as EntityHandle;
      if (parent) handle.setAttribute("llmtrace.pipeline.nested", true);
      const pipeline: OpenPipeline = { id, handle, nodes: new Map(), children: [], parent, announced: new Map() };
      parent?.children.push(pipeline);
      open.push(pipeline);
      if (open.length > MAX_OPEN) {
        const stale = open.find((candidate) => candidate.parent === undefined) ?? open[0]!;
        diag.debug(`llmtrace: pipeline tracer: more than ${MAX_OPEN} pipelines open; "${stale.id}", the oldest, is ended as incomplete`);
        stale.handle.setAttribute("llmtrace.pipeline.incomplete", true);
        endPipeline(stale, undefined);
      }
    }),
    onNodeStart: safely("onNodeStart", (id: string, inputs?: unknown) => {
      const pipeline = innermost();
      if (!pipeline) return ignored(`node "${id}" started outside any pipeline`);
      if (pipeline.nodes.has(id)) return ignored(`node "${id}" is already running`);
      const handle = taskBuilder.startHandle(pipeline.handle.context, { name: id, input: inputs }, SPAN_STARTERS) as EntityHandle;
      pipeline.nodes.set(id, { handle });
    }),
    onNodeEnd: safely("onNodeEnd", (id: string, outputs?: unknown, durationMillis?: number) => {
      const found = findNode(id);
      if (!found) return ignored(`node "${id}" ended without a start`);
      found.pipeline.nodes.delete(id);
      if (typeof durationMillis === "number" && Number.isFinite(durationMillis) && durationMillis >= 0) {
        found.node.handle.setAttribute("llmtrace.pipeline.duration_ms", durationMillis);
      }
      found.node.handle.end(outputs);
    }),
    onNodeCached: safely("onNodeCached", (id: string, signature?: string, info?: Omit<CacheInfo, "status" | "signature">) => {
      let found = findNode(id);
      if (!found) {
        const pipeline = innermost();
        if (!pipeline) return ignored(`cached node "${id}" outside any pipeline`);
        const handle = taskBuilder.startHandle(pipeline.handle.context, { name: id }, SPAN_STARTERS) as EntityHandle;
        found = { pipeline, node: { handle } };
      }
      found.pipeline.nodes.delete(id);
      found.node.handle.cache({ ...info, status: "hit", ...(typeof signature === "string" && { signature }) });
      found.node.handle.end();
    }),
    onNestedPipelineStart: safely("onNestedPipelineStart", (parentId: string, childId: string) => {
      const node = findNode(parentId);
      const pipeline = node?.pipeline ?? findPipeline(parentId);
      if (!pipeline) return ignored(`nested pipeline "${childId}" under "${parentId}", which is not running`);
      pipeline.announced.set(childId, (node?.node.handle ?? pipeline.handle).context);
    }),
    onError: safely("onError", (id: string, error: unknown) => {
      const found = findNode(id);
      if (found) {
        found.pipeline.nodes.delete(id);
        found.node.handle.recordError(error);
        found.node.handle.end();
        return;
      }
      const pipeline = findPipeline(id);
      if (!pipeline) return ignored(`error for "${id}", which is not running`);
      pipeline.handle.recordError(error);
    }),
    within<T>(id: string, fn: () => T): T {
      let active: Context | undefined;
      try {
        active = (findNode(id)?.node.handle ?? findPipeline(id)?.handle)?.context;
      } catch {
        active = undefined;
      }
      return active ? otelContext.with(active, fn) : fn();
    },
    onPipelineEnd: safely("onPipelineEnd", (id: string, outputs?: unknown) => {
      const pipeline = findPipeline(id);
      if (!pipeline) return ignored(`pipeline "${id}" ended without a start`);
      endPipeline(pipeline, outputs);
    }),
  };
}
