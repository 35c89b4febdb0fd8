import { type Attributes, type Context, type SpanKind, type TraceState, trace } from "@opentelemetry/api";
import { TraceState as W3CTraceState } from "@opentelemetry/core";
import { type Sampler, SamplingDecision, type SamplingResult } from "@opentelemetry/sdk-trace-base";

/** The `tracestate` entry that says "sampled now, decided when the trace ends": `llmtrace=tail`. */
export const DEFERRED_KEY = "llmtrace";
export const DEFERRED_VALUE = "tail";

const DROPPED: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });
const RECORDED: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });

/**
 * The head sampler under tail sampling: every span is recorded (the decision is made when the
 * trace ends) — except, parent-based, under a parent that was not sampled. A root's trace state
 * gets `llmtrace=tail`, which its children inherit and `traceparent`'s companion header carries:
 * its sampled flag means "recorded, not decided yet", so a called service that tail-samples too
 * decides its part itself instead of keeping everything as its caller's choice.
 */
export class DeferringSampler implements Sampler {
  constructor(private readonly parentBased: boolean) {}

  shouldSample(context: Context, _traceId: string, _name: string, _kind: SpanKind, _attributes: Attributes): SamplingResult {
    const parent = trace.getSpanContext(context);
    if (parent && trace.isSpanContextValid(parent)) {
      if (this.parentBased && (parent.traceFlags & 1) === 0) return DROPPED;
      return RECORDED;
    }
    return { decision: SamplingDecision.RECORD_AND_SAMPLED, traceState: deferred(parent?.traceState) };
  }

  toString(): string {
    return `DeferringSampler{parentBased=${this.parentBased}}`;
  }
}

function deferred(state: TraceState | undefined): TraceState {
  return (state ?? new W3CTraceState()).set(DEFERRED_KEY, DEFERRED_VALUE);
}

/** Whether a remote parent's sampled flag is a decision its caller made (not one it deferred). */
export function callerDecided(traceState: TraceState | undefined): boolean {
  return traceState?.get(DEFERRED_KEY) !== DEFERRED_VALUE;
}
