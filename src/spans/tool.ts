import { type Attributes, SpanKind } from "@opentelemetry/api";
import {
  ATTR_AI_DESCRIPTION,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_TOOL_CALL_ARGUMENTS,
  ATTR_GEN_AI_TOOL_CALL_RESULT,
  ATTR_GEN_AI_TOOL_DESCRIPTION,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_OI_TOOL_DESCRIPTION,
  ATTR_OI_TOOL_NAME,
  ATTR_OI_TOOL_PARAMETERS,
} from "../conventions/attribute-keys.js";
import { kindAttributes, writeContent, writeToolCallId } from "../conventions/span-attributes.js";
import { entitySpanName } from "../conventions/span-names.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type BuildRequest, defineBuilder } from "./build-span.js";
import { stringOption } from "./parse-args.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";

export interface ToolOptions {
  /** Record the process's CPU time, heap and RSS change and file-system reads and writes over this span. @default false */
  resourceUsage?: boolean;
  /** The tool's name; the span is `tool.<name>`. */
  name?: string;
  /** The id the model gave this call (`tool_calls[i].id`), to match it with the model's request. */
  toolCallId?: string;
  /** @deprecated the same as `toolCallId`. */
  callId?: string;
  /** The arguments, through the content path. */
  args?: unknown;
  description?: string;
  attributes?: Attributes;
}

/** A tool call: arguments in, result out (`end(result)`). */
export class ToolHandle extends SpanHandle {
  constructor(started: StartedSpan, settings: InstrumentationSettings, onEnd?: EndListener, args?: unknown) {
    super("tool", started, settings, onEnd);
    if (args !== undefined) this.setArguments(args);
  }

  /**
   * Records the call's arguments, when they are known only after the span started (a framework
   * that reports them late); captured, redacted and limited like arguments given at the start.
   */
  setArguments(args: unknown): this {
    if (args === undefined || !this.recording || this.ended) return this;
    const text = this.content(args, ATTR_GEN_AI_TOOL_CALL_ARGUMENTS, "toolArguments");
    if (text === undefined) return this;
    const flags = this.settings.profiles;
    const attributes: Attributes = {};
    writeContent(attributes, "input", text, flags, flags.genAi);
    if (flags.genAi) attributes[ATTR_GEN_AI_TOOL_CALL_ARGUMENTS] = text;
    if (flags.openinference) attributes[ATTR_OI_TOOL_PARAMETERS] = text;
    this.span.setAttributes(attributes);
    return this;
  }

  /** Sets the id the model gave this call, when it is known only once the tool runs. */
  setToolCallId(id: string): this {
    if (typeof id === "string" && id !== "" && this.recording && !this.ended) {
      const attributes: Attributes = {};
      writeToolCallId(attributes, id, this.settings.profiles);
      this.span.setAttributes(attributes);
    }
    return this;
  }

  protected override finish(attributes: Attributes, result: unknown): void {
    const text = this.content(result, ATTR_GEN_AI_TOOL_CALL_RESULT, "toolResults");
    if (text === undefined) return;
    writeContent(attributes, "output", text, this.settings.profiles, this.settings.profiles.genAi);
    if (this.settings.profiles.genAi) attributes[ATTR_GEN_AI_TOOL_CALL_RESULT] = text;
  }
}

function createTool({ description, options, parent, settings, onEnd }: BuildRequest<ToolOptions>): ToolHandle {
  const name = stringOption(options.name) ?? "tool";
  const flags = settings.profiles;
  const attributes: Attributes = kindAttributes("tool", name, flags);
  const callId = stringOption(options.toolCallId) ?? stringOption(options.callId);
  const about = stringOption(options.description) ?? description;
  if (flags.ai && description !== undefined) attributes[ATTR_AI_DESCRIPTION] = description;
  if (flags.genAi) {
    attributes[ATTR_GEN_AI_OPERATION_NAME] = "execute_tool";
    attributes[ATTR_GEN_AI_TOOL_NAME] = name;
    if (about) attributes[ATTR_GEN_AI_TOOL_DESCRIPTION] = about;
  }
  if (flags.openinference) {
    attributes[ATTR_OI_TOOL_NAME] = name;
    if (about) attributes[ATTR_OI_TOOL_DESCRIPTION] = about;
  }
  if (callId) writeToolCallId(attributes, callId, flags);
  Object.assign(attributes, options.attributes);
  const started = startSpan(entitySpanName("tool", name, settings.spanNames), parent, attributes, SpanKind.INTERNAL, settings);
  return new ToolHandle(started, settings, onEnd, options.args);
}

export const toolBuilder = defineBuilder<ToolOptions, ToolHandle>("tool", createTool, (started, settings) => new ToolHandle(started, settings));
