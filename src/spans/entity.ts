import { type Attributes, type Context, SpanKind } from "@opentelemetry/api";
import { ATTR_GEN_AI_OPERATION_NAME } from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { entitySpanName } from "../conventions/span-names.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { buildSpan } from "./build-span.js";
import { stringOption } from "./parse-args.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";

export interface EntityOptions {
  name?: string;
  input?: unknown;
  attributes?: Attributes;
}

/** A named unit of application work: a workflow (a whole request or job) or a task within one. */
export class EntityHandle extends SpanHandle {
  constructor(kind: "workflow" | "task", started: StartedSpan, settings: InstrumentationSettings, onEnd?: EndListener, input?: unknown) {
    super(kind, started, settings, onEnd);
    this.recordInput(input);
  }
}

export function startEntity(kind: "workflow" | "task", parent: Context, args: readonly unknown[]): unknown {
  return buildSpan<EntityOptions, EntityHandle>(
    kind,
    parent,
    args,
    ({ options, parent, settings, onEnd }) => {
      const name = stringOption(options.name) ?? kind;
      const attributes: Attributes = kindAttributes(kind, name, settings.profiles);
      if (kind === "workflow" && settings.profiles.genAi) attributes[ATTR_GEN_AI_OPERATION_NAME] = "invoke_workflow";
      Object.assign(attributes, options.attributes);
      const started = startSpan(entitySpanName(kind, name, settings), parent, attributes, SpanKind.INTERNAL, settings);
      return new EntityHandle(kind, started, settings, onEnd, options.input);
    },
    (started, settings) => new EntityHandle(kind, started, settings),
  );
}
