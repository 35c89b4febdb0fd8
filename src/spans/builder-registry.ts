import type { Context, SpanContext } from "@opentelemetry/api";
import type { FeedbackOptions } from "./feedback.js";

/**
 * The builder implementations, registered by trace-api.ts once every span kind is loaded.
 * Handles reach them through here because the kind modules extend SpanHandle: importing them
 * from span-handle.ts would be a cycle that breaks at load time.
 */
export interface BuilderImplementations {
  message(parent: Context, args: readonly unknown[]): unknown;
  tool(parent: Context, args: readonly unknown[]): unknown;
  generation(parent: Context, args: readonly unknown[]): unknown;
  agent(parent: Context, args: readonly unknown[]): unknown;
  retrieval(parent: Context, args: readonly unknown[]): unknown;
  system(parent: Context, args: readonly unknown[]): unknown;
  feedback(parent: Context, options: FeedbackOptions, target?: SpanContext): void;
}

let implementations: BuilderImplementations | undefined;

export function registerBuilders(builders: BuilderImplementations): void {
  implementations = builders;
}

export function builders(): BuilderImplementations {
  if (!implementations) throw new Error("llmtrace: span builders used before they were registered");
  return implementations;
}
