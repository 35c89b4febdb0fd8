import { agentBuilder } from "./agent.js";
import type { SpanStarters } from "./builder-types.js";
import { taskBuilder, workflowBuilder } from "./entity.js";
import { recordFeedback } from "./feedback.js";
import { generationBuilder } from "./generation.js";
import { messageBuilder } from "./message.js";
import { retrievalBuilder } from "./retrieval.js";
import { systemBuilder } from "./system.js";
import { toolBuilder } from "./tool.js";

/**
 * Every kind's starter, composed once here, the one module that knows all kinds. Handles get
 * this object from their builder, so `handle.tool(...)` needs no import of the tool module.
 */
export const SPAN_STARTERS: SpanStarters = Object.freeze({
  message: (parent, args) => messageBuilder.start(parent, args, SPAN_STARTERS),
  tool: (parent, args) => toolBuilder.start(parent, args, SPAN_STARTERS),
  generation: (parent, args) => generationBuilder.start(parent, args, SPAN_STARTERS),
  agent: (parent, args) => agentBuilder.start(parent, args, SPAN_STARTERS),
  retrieval: (parent, args) => retrievalBuilder.start(parent, args, SPAN_STARTERS),
  system: (parent, args) => systemBuilder.start(parent, args, SPAN_STARTERS),
  workflow: (parent, args) => workflowBuilder.start(parent, args, SPAN_STARTERS),
  task: (parent, args) => taskBuilder.start(parent, args, SPAN_STARTERS),
  feedback: recordFeedback,
} satisfies SpanStarters);
