import { context } from "@opentelemetry/api";
import type {
  AgentBuilder,
  ChildBuilders,
  GenerationBuilder,
  MessageBuilder,
  RetrievalBuilder,
  SystemBuilder,
  TaskBuilder,
  ToolBuilder,
  WorkflowBuilder,
} from "./builder-types.js";
import { type CurrentSpan, currentSpan } from "./current-span.js";
import type { FeedbackOptions } from "./feedback.js";
import { type MapItem, type MapOptions, runMap } from "./map.js";
import { SPAN_STARTERS as S } from "./span-starters.js";
import { type TraceHandle, type TraceOptions, startTrace } from "./trace-handle.js";

/** llmtrace's span builders. Without an explicit parent, spans nest under the active span. */
export interface LlmTrace extends ChildBuilders {
  /**
   * Starts a new trace with its own conversation / session / user context; see TraceHandle.
   * With a callback, the trace's root span ends when the callback settles.
   */
  start(options?: TraceOptions): TraceHandle;
  start<R>(options: TraceOptions, fn: (trace: TraceHandle) => R): R;
  /** Feedback on a trace, now or later, from this process or another (`{ ref }`). */
  feedback(options: FeedbackOptions): void;
  /** The active span, whoever started it; its calls do nothing when no span is active. */
  current(): CurrentSpan;
  /**
   * Runs `fn` over `items` under one `map <name>` span — an `item <i>` span per item, a sample
   * of them, or an aggregate on the map span (`options.traceItems`) — and resolves with the
   * results in order (or, with `settle: true`, every item's outcome). See docs/pipelines.md.
   */
  map<T, R>(name: string, items: Iterable<T> | ArrayLike<T>, fn: (item: T, index: number, mapItem: MapItem) => R | PromiseLike<R>, options?: MapOptions & { settle?: false }): Promise<R[]>;
  map<T, R>(name: string, items: Iterable<T> | ArrayLike<T>, fn: (item: T, index: number, mapItem: MapItem) => R | PromiseLike<R>, options: MapOptions & { settle: true }): Promise<PromiseSettledResult<R>[]>;
}

export const trace: LlmTrace = Object.freeze({
  start: ((options?: TraceOptions, fn?: (t: TraceHandle) => unknown) => startTrace(options, fn, S)) as LlmTrace["start"],
  message: ((...args: unknown[]) => S.message(context.active(), args)) as MessageBuilder,
  tool: ((...args: unknown[]) => S.tool(context.active(), args)) as ToolBuilder,
  generation: ((...args: unknown[]) => S.generation(context.active(), args)) as GenerationBuilder,
  agent: ((...args: unknown[]) => S.agent(context.active(), args)) as AgentBuilder,
  retrieval: ((...args: unknown[]) => S.retrieval(context.active(), args)) as RetrievalBuilder,
  system: ((...args: unknown[]) => S.system(context.active(), args)) as SystemBuilder,
  workflow: ((...args: unknown[]) => S.workflow(context.active(), args)) as WorkflowBuilder,
  task: ((...args: unknown[]) => S.task(context.active(), args)) as TaskBuilder,
  feedback: (options: FeedbackOptions) => S.feedback(context.active(), options),
  current: currentSpan,
  map: ((name: string, items: Iterable<unknown>, fn: (item: unknown, index: number, mapItem: MapItem) => unknown, options?: MapOptions) =>
    runMap(context.active(), name, items, fn, options)) as LlmTrace["map"],
});
