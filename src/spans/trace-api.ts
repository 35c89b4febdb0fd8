import { context } from "@opentelemetry/api";
import { startAgent } from "./agent.js";
import { registerBuilders } from "./builder-registry.js";
import type { AgentBuilder, ChildBuilders, GenerationBuilder, MessageBuilder, RetrievalBuilder, SystemBuilder, ToolBuilder } from "./builder-types.js";
import { type FeedbackOptions, recordFeedback } from "./feedback.js";
import { startGeneration } from "./generation.js";
import { startMessage } from "./message.js";
import { startRetrieval } from "./retrieval.js";
import { startSystem } from "./system.js";
import { startTool } from "./tool.js";
import { type TraceHandle, type TraceOptions, startTrace } from "./trace-handle.js";

registerBuilders({
  message: startMessage,
  tool: startTool,
  generation: startGeneration,
  agent: startAgent,
  retrieval: startRetrieval,
  system: startSystem,
  feedback: recordFeedback,
});

/** llmtrace's span builders. Without an explicit parent, spans nest under the active span. */
export interface LlmTrace extends ChildBuilders {
  /** Starts a new trace with its own conversation / session / user context; see TraceHandle. */
  start(options?: TraceOptions): TraceHandle;
  /** Feedback on a trace, now or later, from this process or another (`{ ref }`). */
  feedback(options: FeedbackOptions): void;
}

export const trace: LlmTrace = Object.freeze({
  start: startTrace,
  message: ((...args: unknown[]) => startMessage(context.active(), args)) as MessageBuilder,
  tool: ((...args: unknown[]) => startTool(context.active(), args)) as ToolBuilder,
  generation: ((...args: unknown[]) => startGeneration(context.active(), args)) as GenerationBuilder,
  agent: ((...args: unknown[]) => startAgent(context.active(), args)) as AgentBuilder,
  retrieval: ((...args: unknown[]) => startRetrieval(context.active(), args)) as RetrievalBuilder,
  system: ((...args: unknown[]) => startSystem(context.active(), args)) as SystemBuilder,
  feedback: (options: FeedbackOptions) => recordFeedback(context.active(), options),
});
