import { type Attributes, SpanKind } from "@opentelemetry/api";
import {
  ATTR_AGENT_ID,
  ATTR_GEN_AI_AGENT_DESCRIPTION,
  ATTR_GEN_AI_AGENT_ID,
  ATTR_GEN_AI_AGENT_NAME,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_OI_AGENT_NAME,
} from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { entitySpanName } from "../conventions/span-names.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type BuildRequest, defineBuilder } from "./build-span.js";
import { stringOption } from "./parse-args.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";

export interface AgentOptions {
  /** Record the process's CPU time, heap and RSS change and file-system reads and writes over this span. @default false */
  resourceUsage?: boolean;
  /** The agent's name; the span is `agent.<name>`. */
  name?: string;
  id?: string;
  description?: string;
  /** What the agent was asked, through the content path. */
  input?: unknown;
  attributes?: Attributes;
}

/** An agent run: it plans, calls tools and models, and answers. */
export class AgentHandle extends SpanHandle {
  constructor(started: StartedSpan, settings: InstrumentationSettings, onEnd?: EndListener, input?: unknown) {
    super("agent", started, settings, onEnd);
    this.recordInput(input);
  }
}

function createAgent({ description, options, parent, settings, onEnd }: BuildRequest<AgentOptions>): AgentHandle {
  const name = stringOption(options.name) ?? "agent";
  const flags = settings.profiles;
  const attributes: Attributes = kindAttributes("agent", name, flags);
  const id = stringOption(options.id);
  const about = stringOption(options.description) ?? description;
  if (flags.ai && id) attributes[ATTR_AGENT_ID] = id;
  if (flags.genAi) {
    attributes[ATTR_GEN_AI_OPERATION_NAME] = "invoke_agent";
    attributes[ATTR_GEN_AI_AGENT_NAME] = name;
    if (id) attributes[ATTR_GEN_AI_AGENT_ID] = id;
    if (about) attributes[ATTR_GEN_AI_AGENT_DESCRIPTION] = about;
  }
  if (flags.openinference) attributes[ATTR_OI_AGENT_NAME] = name;
  Object.assign(attributes, options.attributes);
  const started = startSpan(entitySpanName("agent", name, settings.spanNames), parent, attributes, SpanKind.INTERNAL, settings);
  return new AgentHandle(started, settings, onEnd, options.input);
}

export const agentBuilder = defineBuilder<AgentOptions, AgentHandle>("agent", createAgent, (started, settings) => new AgentHandle(started, settings));
