import { diag } from "@opentelemetry/api";

export interface BuilderArgs<O> {
  description: string | undefined;
  options: O;
  callback: ((handle: never) => unknown) | undefined;
}

/**
 * Reads a builder's arguments in any of its accepted shapes — `(description)`,
 * `(description, options)`, `(options)`, each optionally followed by a callback — and never
 * throws: arguments of other types are ignored with a debug line.
 */
export function parseBuilderArgs<O extends object>(builder: string, args: readonly unknown[]): BuilderArgs<Partial<O>> {
  let description: string | undefined;
  let options: Partial<O> | undefined;
  let callback: ((handle: never) => unknown) | undefined;
  for (const arg of args) {
    if (typeof arg === "string" && description === undefined && options === undefined) description = arg;
    else if (typeof arg === "function" && callback === undefined) callback = arg as (handle: never) => unknown;
    else if (typeof arg === "object" && arg !== null && options === undefined && callback === undefined) options = arg as Partial<O>;
    else if (arg !== undefined) diag.debug(`llmtrace: ${builder}() ignored an argument of type ${typeof arg}`);
  }
  return { description, options: options ?? ({} as Partial<O>), callback };
}

/** A string option, or undefined when it is missing or not a non-empty string. */
export function stringOption(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A finite number option, or undefined. */
export function numberOption(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}
