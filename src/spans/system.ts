import { type Attributes, SpanKind } from "@opentelemetry/api";
import { ATTR_AI_DESCRIPTION } from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type BuildRequest, defineBuilder } from "./build-span.js";
import { stringOption } from "./parse-args.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";

export interface SystemOptions {
  /** Record the process's CPU time, heap and RSS change and file-system reads and writes over this span. @default false */
  resourceUsage?: boolean;
  /** Names the span `system.<name>`; "event" by default. */
  name?: string;
  /** Input of the operation, through the content path. */
  input?: unknown;
  attributes?: Attributes;
}

/** Infrastructure work around the model calls: cache warm-up, index load, config refresh. */
export class SystemHandle extends SpanHandle {
  constructor(started: StartedSpan, settings: InstrumentationSettings, onEnd?: EndListener, input?: unknown) {
    super("system", started, settings, onEnd);
    this.recordInput(input);
  }
}

function createSystem({ description, options, parent, settings, onEnd }: BuildRequest<SystemOptions>): SystemHandle {
  const name = stringOption(options.name) ?? "event";
  const attributes: Attributes = kindAttributes("system", name, settings.profiles);
  if (description !== undefined) attributes[ATTR_AI_DESCRIPTION] = description;
  Object.assign(attributes, options.attributes);
  const started = startSpan(`system.${name}`, parent, attributes, SpanKind.INTERNAL, settings);
  return new SystemHandle(started, settings, onEnd, options.input);
}

export const systemBuilder = defineBuilder<SystemOptions, SystemHandle>("system", createSystem, (started, settings) => new SystemHandle(started, settings));
