import { diag } from "@opentelemetry/api";
import type { EntityKind, EntityOptions } from "./entity-options.js";
import { errorMessage } from "../spans/record-error.js";
import { type AnyFunction, wrapFunction } from "./wrap-function.js";

/**
 * A method decorator that works in both TypeScript decorator modes: standard (TC39) decorators
 * and `experimentalDecorators`. The mode is detected from the arguments at run time.
 */
export interface EntityDecorator {
  <This, Args extends unknown[], Return>(
    target: (this: This, ...args: Args) => Return,
    context: ClassMethodDecoratorContext<This, (this: This, ...args: Args) => Return>,
  ): (this: This, ...args: Args) => Return;
  <T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T>;
}

/** `@workflow()` / `@workflow(options)` on a method, or `workflow(options, fn)` / `workflow(fn)` around a function. */
export interface EntityWrapper {
  (options?: EntityOptions): EntityDecorator;
  <F extends AnyFunction>(options: EntityOptions<Parameters<F>, ReturnType<F>>, fn: F): F;
  <F extends AnyFunction>(fn: F): F;
}

function createEntityWrapper(kind: EntityKind): EntityWrapper {
  return function entity(first?: unknown, second?: unknown): unknown {
    if (typeof first === "function") return wrapFunction(kind, {}, first as AnyFunction, kind);
    const options = readEntityOptions(kind, first);
    if (typeof second === "function") return wrapFunction(kind, options, second as AnyFunction, kind);
    return createDecorator(kind, options);
  } as EntityWrapper;
}

const OPTION_KEYS = ["name", "version", "organizationId", "projectId", "captureInput", "captureOutput", "input", "output", "traceStream", "attributes", "toolCallId", "id", "description", "resourceUsage"] as const satisfies readonly (keyof EntityOptions)[];

/**
 * A plain copy of the options, read once when decorating: a getter that throws costs its own
 * option (with a warning), never the decoration or the decorated function.
 */
function readEntityOptions(kind: EntityKind, value: unknown): EntityOptions {
  if (typeof value !== "object" || value === null) return {};
  const options: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    try {
      const option = (value as Record<string, unknown>)[key];
      if (option !== undefined) options[key] = option;
    } catch (error) {
      diag.warn(`llmtrace: the "${key}" option of @${kind} could not be read and is ignored: ${errorMessage(error)}`);
    }
  }
  return options as EntityOptions;
}

function createDecorator(kind: EntityKind, options: EntityOptions): EntityDecorator {
  return function decorate(target: unknown, contextOrKey: unknown, descriptor?: PropertyDescriptor): unknown {
    if (isStandardContext(contextOrKey)) {
      if (contextOrKey.kind !== "method" || typeof target !== "function") {
        diag.warn(`llmtrace: @${kind} applies to methods; on a ${contextOrKey.kind} it does nothing.`);
        return undefined;
      }
      return wrapFunction(kind, options, target as AnyFunction, String(contextOrKey.name));
    }
    if (descriptor && typeof descriptor.value === "function") {
      descriptor.value = wrapFunction(kind, options, descriptor.value as AnyFunction, String(contextOrKey));
      return descriptor;
    }
    diag.warn(`llmtrace: @${kind} applies to methods; "${String(contextOrKey)}" is not one, so it is not traced.`);
    return descriptor;
  } as EntityDecorator;
}

/** Standard decorators receive a context object; legacy ones a property key and a descriptor. */
function isStandardContext(value: unknown): value is DecoratorContext {
  return typeof value === "object" && value !== null && "kind" in value && "name" in value;
}

/** A request, job or conversation turn: the outermost unit of work. Span `workflow.<name>`. */
export const workflow: EntityWrapper = createEntityWrapper("workflow");
/** A step of a workflow. Span `task.<name>`. */
export const task: EntityWrapper = createEntityWrapper("task");
/** An agent run. Span `agent.<name>`, `gen_ai.agent.name`. */
export const agent: EntityWrapper = createEntityWrapper("agent");
/** A tool the model can call. Span `tool.<name>`, `gen_ai.tool.name`; arguments and result as tool content. */
export const tool: EntityWrapper = createEntityWrapper("tool");
