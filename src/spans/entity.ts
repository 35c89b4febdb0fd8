import { type Attributes, SpanKind } from "@opentelemetry/api";
import { ATTR_GEN_AI_OPERATION_NAME } from "../conventions/attribute-keys.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { entitySpanName } from "../conventions/span-names.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { type BuildRequest, defineBuilder } from "./build-span.js";
import { stringOption } from "./parse-args.js";
import { type EndListener, SpanHandle, type StartedSpan, startSpan } from "./span-handle.js";

/** Options of `trace.workflow(...)` and `trace.task(...)`. */
export interface WorkflowOptions {
  /** Record the process's CPU time, heap and RSS change and file-system reads and writes over this span. @default false */
  resourceUsage?: boolean;
  name?: string;
  input?: unknown;
  attributes?: Attributes;
}

export type TaskOptions = WorkflowOptions;

/** A named unit of application work: a workflow (a whole request or job) or a task within one. */
export class EntityHandle extends SpanHandle {
  constructor(kind: "workflow" | "task", started: StartedSpan, settings: InstrumentationSettings, onEnd?: EndListener, input?: unknown) {
    super(kind, started, settings, onEnd);
    this.recordInput(input);
  }
}

function createEntity({ options, parent, settings, onEnd }: BuildRequest<WorkflowOptions>, kind: "workflow" | "task"): EntityHandle {
  const name = stringOption(options.name) ?? kind;
  const attributes: Attributes = kindAttributes(kind, name, settings.profiles);
  if (kind === "workflow" && settings.profiles.genAi) attributes[ATTR_GEN_AI_OPERATION_NAME] = "invoke_workflow";
  Object.assign(attributes, options.attributes);
  const started = startSpan(entitySpanName(kind, name, settings.spanNames), parent, attributes, SpanKind.INTERNAL, settings);
  return new EntityHandle(kind, started, settings, onEnd, options.input);
}

const entityBuilder = (kind: "workflow" | "task") =>
  defineBuilder<WorkflowOptions, EntityHandle>(kind, (request) => createEntity(request, kind), (started, settings) => new EntityHandle(kind, started, settings));
export const workflowBuilder = entityBuilder("workflow");
export const taskBuilder = entityBuilder("task");
