import { type Attributes, SpanKind } from "@opentelemetry/api";
import { ATTR_AI_MESSAGE_ROLE } from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type BuildRequest, defineBuilder } from "./build-span.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";

export interface MessageOptions {
  /** Record the process's CPU time, heap and RSS change and file-system reads and writes over this span. @default false */
  resourceUsage?: boolean;
  /** The user's input for this turn; the description string is used when this is absent. */
  input?: unknown;
  /** Who spoke; "user" by default. */
  role?: string;
  /** Extra attributes for the span. */
  attributes?: Attributes;
}

/** One conversation turn: the user's input, and (at `end(response)`) the bot's response. */
export class MessageHandle extends SpanHandle {
  constructor(started: StartedSpan, settings: InstrumentationSettings, onEnd?: EndListener, input?: unknown) {
    super("message", started, settings, onEnd);
    this.recordInput(input);
  }
}

function createMessage({ description, options, parent, settings, onEnd }: BuildRequest<MessageOptions>): MessageHandle {
  const attributes: Attributes = { ...kindAttributes("message", "message", settings.profiles), [ATTR_AI_MESSAGE_ROLE]: options.role ?? "user" };
  Object.assign(attributes, options.attributes);
  const started = startSpan("message", parent, attributes, SpanKind.INTERNAL, settings);
  return new MessageHandle(started, settings, onEnd, options.input ?? description);
}

export const messageBuilder = defineBuilder<MessageOptions, MessageHandle>("message", createMessage, (started, settings) => new MessageHandle(started, settings));
