import { type Attributes, type Context, context, diag } from "@opentelemetry/api";
import { ATTR_AI_ENTITY_VERSION, ATTR_TRACELOOP_ENTITY_VERSION } from "../conventions/attribute-keys.js";
import { contextWithLlm } from "../context/llm-context.js";
import { getSettings } from "../settings/instrumentation-settings.js";
import { agentBuilder } from "../spans/agent.js";
import { taskBuilder, workflowBuilder } from "../spans/entity.js";
import { SPAN_STARTERS } from "../spans/span-starters.js";
import type { SpanHandle } from "../spans/span-handle.js";
import { toolBuilder } from "../spans/tool.js";
import type { EntityKind, EntityOptions } from "./entity-options.js";
import { errorMessage } from "../spans/record-error.js";
import { traceResult } from "./trace-result.js";

// biome-ignore lint/suspicious/noExplicitAny: a wrapper must accept any function shape.
export type AnyFunction = (this: any, ...args: any[]) => any;

/**
 * Wraps `fn` so every call is a span of `kind`, with nothing about the call changing: the same
 * `this`, arguments and return value (sync stays sync; a promise resolves to the same value), and
 * the caller's own errors, rethrown unchanged after being recorded.
 */
export function wrapFunction<F extends AnyFunction>(kind: EntityKind, options: EntityOptions, fn: F, fallbackName: string): F {
  const name = (typeof options.name === "string" && options.name) || fn.name || fallbackName;
  const captureInput = options.captureInput !== false;
  const captureOutput = options.captureOutput !== false;
  const traceStream = options.traceStream === true;
  const recordOutput = captureOutput ? (value: unknown) => mapOutput(options, name, value) : () => undefined;
  const scoped = options.organizationId !== undefined || options.projectId !== undefined;

  const wrapped = function (this: unknown, ...args: unknown[]): unknown {
    const settings = getSettings();
    // Disabled tracing costs one property read.
    if (settings.disabled) return fn.apply(this, args);
    let handle: SpanHandle;
    try {
      let parent = context.active();
      if (scoped) parent = contextWithLlm(parent, { ...(options.organizationId !== undefined && { organizationId: options.organizationId }), ...(options.projectId !== undefined && { projectId: options.projectId }) });
      handle = startFor(kind, name, options, parent, captureInput ? mapInput(options, name, args) : undefined, args);
    } catch (error) {
      // Options that fail when used (attributes whose getters throw...) cost the options, not the span.
      diag.warn(`llmtrace: ${kind} "${name}" could not use its options, so the span is recorded without them: ${errorMessage(error)}`);
      try {
        handle = startFor(kind, name, {}, context.active(), undefined, args);
      } catch {
        return fn.apply(this, args);
      }
    }
    let result: unknown;
    try {
      result = context.with(handle.context, fn, this as ThisParameterType<F>, ...args);
    } catch (error) {
      handle.fail(error);
      throw error;
    }
    return traceResult(handle, result, recordOutput, traceStream);
  };
  Object.defineProperty(wrapped, "name", { value: fn.name, configurable: true });
  Object.defineProperty(wrapped, "length", { value: fn.length, configurable: true });
  return wrapped as F;
}

function startFor(kind: EntityKind, name: string, options: EntityOptions, parent: Context, input: unknown, args: readonly unknown[]): SpanHandle {
  const attributes = entityAttributes(options);
  switch (kind) {
    case "agent":
      return agentBuilder.startHandle(parent, { name, id: options.id, description: options.description, input, attributes, resourceUsage: options.resourceUsage }, SPAN_STARTERS);
    case "tool":
      return toolBuilder.startHandle(
        parent,
        { name, description: options.description, args: input, attributes, toolCallId: options.toolCallId?.(...args), resourceUsage: options.resourceUsage },
        SPAN_STARTERS,
      );
    default:
      return (kind === "workflow" ? workflowBuilder : taskBuilder).startHandle(parent, { name, input, attributes, resourceUsage: options.resourceUsage }, SPAN_STARTERS);
  }
}

function entityAttributes(options: EntityOptions): Attributes | undefined {
  if (options.version === undefined) return options.attributes;
  const flags = getSettings().profiles;
  const attributes: Attributes = { ...options.attributes };
  if (flags.ai) attributes[ATTR_AI_ENTITY_VERSION] = options.version;
  if (flags.traceloop) attributes[ATTR_TRACELOOP_ENTITY_VERSION] = options.version;
  return attributes;
}

function mapInput(options: EntityOptions, name: string, args: readonly unknown[]): unknown {
  if (options.input !== undefined) {
    try {
      return options.input(args);
    } catch (error) {
      diag.warn(`llmtrace: the input mapper of "${name}" failed (${errorMessage(error)}); input not recorded.`);
      return undefined;
    }
  }
  if (args.length === 0) return undefined;
  return args.length === 1 ? args[0] : args;
}

function mapOutput(options: EntityOptions, name: string, value: unknown): unknown {
  if (options.output === undefined) return value;
  try {
    return options.output(value as never);
  } catch (error) {
    diag.warn(`llmtrace: the output mapper of "${name}" failed (${errorMessage(error)}); output not recorded.`);
    return undefined;
  }
}
