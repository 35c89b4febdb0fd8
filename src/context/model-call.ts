import { type Context, createContextKey, type Span, trace } from "@opentelemetry/api";

/**
 * Marks a context in which a model call is already being recorded: inside an llmtrace
 * generation, an instrumented client's call records nothing of its own, so one model call is one
 * generation, its usage and cost counted once. Only while the generation's span is the active one:
 * a tool run inside the generation, and its model calls, are spans of their own.
 */
const MODEL_CALL = createContextKey("llmtrace.modelCall");

export function withModelCall(ctx: Context, span: Span): Context {
  return ctx.setValue(MODEL_CALL, span);
}

export function inModelCall(ctx: Context): boolean {
  const span = ctx.getValue(MODEL_CALL);
  return span !== undefined && span === trace.getSpan(ctx);
}
