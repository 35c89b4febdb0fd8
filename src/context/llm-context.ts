import { type Baggage, type Context, context, createContextKey, propagation } from "@opentelemetry/api";
import { getSettings } from "../settings/instrumentation-settings.js";
import type { LlmContext } from "../types/llm-context.js";


const LLM_CONTEXT = createContextKey("llmtrace.llmContext");

/** The ids that also travel as W3C baggage entries, by baggage key. */
export const BAGGAGE_KEYS = {
  conversationId: "conversation.id",
  sessionId: "session.id",
  userId: "user.id",
  organizationId: "organization.id",
  projectId: "project.id",
  requestId: "request.id",
  agentId: "agent.id",
} as const satisfies Partial<Record<keyof LlmContext, string>>;

type IdKey = keyof typeof BAGGAGE_KEYS;
const ID_KEYS = Object.keys(BAGGAGE_KEYS) as IdKey[];

/**
 * Runs `fn` with conversation / session / user / organization context: every span started
 * inside — by llmtrace or, when configureTracing owns the pipeline, any instrumentation —
 * carries these ids. Nested calls merge: inner keys win, outer keys stay, metadata merges,
 * tags add up. Concurrent requests never see each other's context.
 */
export function withContext<T>(values: LlmContext, fn: () => T): T {
  let next: Context;
  try {
    next = contextWithLlm(context.active(), values);
  } catch {
    return fn();
  }
  return context.with(next, fn);
}

/** The llm context active in `ctx` (ids carried in baggage from another process included, when enabled). */
export function getLlmContext(ctx: Context = context.active()): LlmContext | undefined {
  const own = ctx.getValue(LLM_CONTEXT) as LlmContext | undefined;
  if (!getSettings().contextBaggage) return own;
  const baggage = propagation.getBaggage(ctx);
  if (!baggage) return own;
  const fromBaggage = readBaggage(baggage, own);
  return fromBaggage === undefined ? own : { ...fromBaggage, ...own };
}

/** `ctx` with `values` merged over the llm context it already holds. */
export function contextWithLlm(ctx: Context, values: LlmContext): Context {
  const outer = ctx.getValue(LLM_CONTEXT) as LlmContext | undefined;
  const merged = mergeLlmContext(outer, values);
  let next = ctx.setValue(LLM_CONTEXT, merged);
  if (getSettings().contextBaggage) next = withBaggage(next, merged);
  return next;
}

function mergeLlmContext(outer: LlmContext | undefined, inner: LlmContext): LlmContext {
  const merged: LlmContext = { ...outer };
  for (const key of ID_KEYS) {
    const value = inner[key];
    if (typeof value === "string" && value !== "") merged[key] = value;
  }
  if (inner.metadata) merged.metadata = Object.freeze({ ...outer?.metadata, ...validMetadata(inner.metadata) });
  if (inner.tags) merged.tags = Object.freeze([...new Set([...(outer?.tags ?? []), ...inner.tags.filter((t) => typeof t === "string")])]);
  return Object.freeze(merged);
}

function validMetadata(metadata: Readonly<Record<string, unknown>>): Record<string, string | number | boolean> {
  const valid: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === "string" || typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) valid[key] = value;
  }
  return valid;
}

function withBaggage(ctx: Context, values: LlmContext): Context {
  let baggage = propagation.getBaggage(ctx) ?? propagation.createBaggage();
  for (const key of ID_KEYS) {
    const value = values[key];
    if (value !== undefined) baggage = baggage.setEntry(BAGGAGE_KEYS[key], { value });
  }
  return propagation.setBaggage(ctx, baggage);
}

function readBaggage(baggage: Baggage, own: LlmContext | undefined): LlmContext | undefined {
  let found: LlmContext | undefined;
  for (const key of ID_KEYS) {
    if (own?.[key] !== undefined) continue;
    const value = baggage.getEntry(BAGGAGE_KEYS[key])?.value;
    if (value) (found ??= {})[key] = value;
  }
  return found;
}
