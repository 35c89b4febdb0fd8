import { type Attributes, type Context, SpanKind } from "@opentelemetry/api";
import { ATTR_GEN_AI_OPERATION_NAME } from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { entitySpanName } from "../conventions/span-names.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type BuildRequest, buildSpan, type LooseOptions, startHandle } from "./build-span.js";
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

function createEntity({ options, parent, settings, onEnd }: BuildRequest<EntityOptions>, kind: "workflow" | "task"): EntityHandle {
  const name = stringOption(options.name) ?? kind;
  const attributes: Attributes = kindAttributes(kind, name, settings.profiles);
  if (kind === "workflow" && settings.profiles.genAi) attributes[ATTR_GEN_AI_OPERATION_NAME] = "invoke_workflow";
  Object.assign(attributes, options.attributes);
  const started = startSpan(entitySpanName(kind, name, settings), parent, attributes, SpanKind.INTERNAL, settings);
  return new EntityHandle(kind, started, settings, onEnd, options.input);
}

// Module-level functions, not per-call closures: starting a span allocates as little as it can.
const createWorkflow = (request: BuildRequest<EntityOptions>) => createEntity(request, "workflow");
const createTask = (request: BuildRequest<EntityOptions>) => createEntity(request, "task");
const fallbackWorkflow = (started: StartedSpan, settings: InstrumentationSettings) => new EntityHandle("workflow", started, settings);
const fallbackTask = (started: StartedSpan, settings: InstrumentationSettings) => new EntityHandle("task", started, settings);

export function startEntity(kind: "workflow" | "task", parent: Context, args: readonly unknown[]): unknown {
  return kind === "workflow"
    ? buildSpan<EntityOptions, EntityHandle>(kind, parent, args, createWorkflow, fallbackWorkflow)
    : buildSpan<EntityOptions, EntityHandle>(kind, parent, args, createTask, fallbackTask);
}

/** Starts a workflow or task span from options in hand, without argument parsing (for decorators). */
export function startEntityHandle(kind: "workflow" | "task", parent: Context, options: LooseOptions<EntityOptions>): EntityHandle {
  return kind === "workflow"
    ? startHandle<EntityOptions, EntityHandle>(kind, parent, undefined, options, createWorkflow, fallbackWorkflow)
    : startHandle<EntityOptions, EntityHandle>(kind, parent, undefined, options, createTask, fallbackTask);
}
