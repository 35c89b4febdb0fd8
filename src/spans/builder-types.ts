import type { Context, SpanContext } from "@opentelemetry/api";
import type { AgentHandle, AgentOptions } from "./agent.js";
import type { EntityHandle, TaskOptions, WorkflowOptions } from "./entity.js";
import type { FeedbackOptions } from "./feedback.js";
import type { GenerationOptions } from "../types/generation-result.js";
import type { GenerationHandle } from "./generation.js";
import type { MessageHandle, MessageOptions } from "./message.js";
import type { RetrievalHandle, RetrievalOptions } from "./retrieval.js";
import type { SystemHandle, SystemOptions } from "./system.js";
import type { ToolHandle, ToolOptions } from "./tool.js";

/**
 * The shapes every builder accepts. Without a callback it returns the handle, which you end.
 * With a callback it runs it with the span active, records a thrown error (and rethrows it),
 * always ends the span, and returns what the callback returns (a promise stays a promise).
 */
export interface Builder<O, H> {
  (description: string, options?: O): H;
  (options: O): H;
  <R>(options: O, fn: (span: H) => R): R;
  <R>(description: string, fn: (span: H) => R): R;
  <R>(description: string, options: O, fn: (span: H) => R): R;
}

export type MessageBuilder = Builder<MessageOptions, MessageHandle>;
export type ToolBuilder = Builder<ToolOptions, ToolHandle>;
export type GenerationBuilder = Builder<GenerationOptions, GenerationHandle>;
export type AgentBuilder = Builder<AgentOptions, AgentHandle>;
export type RetrievalBuilder = Builder<RetrievalOptions, RetrievalHandle>;
export type SystemBuilder = Builder<SystemOptions, SystemHandle>;
export type WorkflowBuilder = Builder<WorkflowOptions, EntityHandle>;
export type TaskBuilder = Builder<TaskOptions, EntityHandle>;

/** The builders every handle has (nesting under it) and `trace` has (nesting under the active span). */
export interface ChildBuilders {
  /** A conversation turn: user input in, response out. */
  message: MessageBuilder;
  /** A tool call: arguments in, result out. */
  tool: ToolBuilder;
  /** A model call: prompt in, answer, usage and cost out; `chunk()` for streams. */
  generation: GenerationBuilder;
  /** An agent run. */
  agent: AgentBuilder;
  /** A knowledge-base search: query in, ranked documents out. */
  retrieval: RetrievalBuilder;
  /** Infrastructure work: cache warm-up, index load. */
  system: SystemBuilder;
  /** A whole request or job, as `@workflow` records it. */
  workflow: WorkflowBuilder;
  /** A step within a workflow, as `@task` records it. */
  task: TaskBuilder;
}

/** The kinds a handle can start children of. */
export const CHILD_KINDS = ["message", "tool", "generation", "agent", "retrieval", "system", "workflow", "task"] as const;
export type ChildKind = (typeof CHILD_KINDS)[number];

/**
 * How each kind of span is started under a parent context: composed once (span-starters.ts)
 * and handed to every handle, so a handle starts children without importing the kinds.
 */
export type SpanStarters = {
  readonly [K in ChildKind]: (parent: Context, args: readonly unknown[]) => unknown;
} & {
  readonly feedback: (parent: Context, options: FeedbackOptions, target?: SpanContext) => void;
};
