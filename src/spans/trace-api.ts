import { context } from "@opentelemetry/api";
import { agentBuilder } from "./agent.js";
import { registerBuilders } from "./builder-registry.js";
import type { AgentBuilder, ChildBuilders, GenerationBuilder, MessageBuilder, RetrievalBuilder, SystemBuilder, ToolBuilder } from "./builder-types.js";
import { type FeedbackOptions, recordFeedback } from "./feedback.js";
import { generationBuilder } from "./generation.js";
import { messageBuilder } from "./message.js";
import { retrievalBuilder } from "./retrieval.js";
import { systemBuilder } from "./system.js";
import { toolBuilder } from "./tool.js";
import { type TraceHandle, type TraceOptions, startTrace } from "./trace-handle.js";

registerBuilders({
  message: messageBuilder.start,
  tool: toolBuilder.start,
  generation: generationBuilder.start,
  agent: agentBuilder.start,
  retrieval: retrievalBuilder.start,
  system: systemBuilder.start,
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
  message: ((...args: unknown[]) => messageBuilder.start(context.active(), args)) as MessageBuilder,
  tool: ((...args: unknown[]) => toolBuilder.start(context.active(), args)) as ToolBuilder,
  generation: ((...args: unknown[]) => generationBuilder.start(context.active(), args)) as GenerationBuilder,
  agent: ((...args: unknown[]) => agentBuilder.start(context.active(), args)) as AgentBuilder,
  retrieval: ((...args: unknown[]) => retrievalBuilder.start(context.active(), args)) as RetrievalBuilder,
  system: ((...args: unknown[]) => systemBuilder.start(context.active(), args)) as SystemBuilder,
  feedback: (options: FeedbackOptions) => recordFeedback(context.active(), options),
});
