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
});
