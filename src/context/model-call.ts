import { type Context, createContextKey } from "@opentelemetry/api";

/**
 * Marks a context in which a model call is already being recorded (inside an llmtrace
 * generation): an instrumented client called there records nothing of its own, so one model call
 * is one generation, its usage and cost counted once.
 */
const MODEL_CALL = createContextKey("llmtrace.modelCall");

export function withModelCall(ctx: Context): Context {
  return ctx.setValue(MODEL_CALL, true);
}

export function inModelCall(ctx: Context): boolean {
  return ctx.getValue(MODEL_CALL) === true;
}
