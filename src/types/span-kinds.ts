/** What an llmtrace span represents; written as `llmtrace.span.kind`. */
export type LlmSpanKind =
  | "trace"
  | "workflow"
  | "task"
  | "agent"
  | "tool"
  | "generation"
  | "retrieval"
  | "message"
  | "system"
  | "feedback";

/** The conventions profiles a span's attributes can be written in. */
export type ConventionProfile = "ai" | "gen_ai" | "openinference" | "traceloop" | "langfuse";

export const CONVENTION_PROFILES: readonly ConventionProfile[] = ["ai", "gen_ai", "openinference", "traceloop", "langfuse"];

/** Which convention profiles are on, as flags read on every span. */
export interface ProfileFlags {
  readonly ai: boolean;
  readonly genAi: boolean;
  readonly openinference: boolean;
  readonly traceloop: boolean;
  readonly langfuse: boolean;
}

export function profileFlags(profiles: readonly ConventionProfile[]): ProfileFlags {
  const set = new Set(profiles);
  return Object.freeze({
    ai: set.has("ai"),
    genAi: set.has("gen_ai"),
    openinference: set.has("openinference"),
    traceloop: set.has("traceloop"),
    langfuse: set.has("langfuse"),
  });
}
