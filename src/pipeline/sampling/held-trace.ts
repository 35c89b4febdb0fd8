import type { Attributes } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { FinishedTrace } from "../../config/options.js";
import { readModelCall } from "../metrics/model-call-reading.js";
import type { SamplingRules } from "../samplers/sampling-rules.js";

const METADATA_PREFIX = "ai.metadata.";

/** A span with no parent, or a parent in another process. */
export function isLocalRoot(span: ReadableSpan): boolean {
  return span.parentSpanContext === undefined || span.parentSpanContext.isRemote === true;
}

/**
 * The attributes rules match against: the span's, with each `withContext` metadata key also under
 * its own name (`ai.metadata.user.tier` as `user.tier`), as head rules see it.
 */
function withMetadataKeys(attributes: Attributes): Attributes {
  let view: Attributes | undefined;
  for (const key in attributes) {
    if (!key.startsWith(METADATA_PREFIX)) continue;
    view ??= { ...attributes };
    const own = key.slice(METADATA_PREFIX.length);
    if (view[own] === undefined) view[own] = attributes[key];
  }
  return view ?? attributes;
}

/**
 * The spans of one trace that ended in this process while its decision waits, and what the
 * decision needs, kept up to date as each span arrives (so deciding reads no span twice).
 */
export class HeldTrace {
  readonly spans: ReadableSpan[] = [];
  /** Wall-clock ms when the first span arrived, for the maximum wait. */
  readonly heldSince = Date.now();
  root: ReadableSpan | undefined;
  hasError = false;
  costUsd = 0;
  tokens = 0;
  /** The highest rate of a rule a span other than the root matched (a priority anywhere raises the trace's rate). */
  private childRuleRate: number | undefined;
  /** The rate of the rule the root matched, once the root is here. */
  private rootRuleRate: number | undefined;
  /** The earliest start among the spans, in ms since the epoch. */
  private startedAt = Infinity;

  add(span: ReadableSpan, rules: SamplingRules | undefined): void {
    this.spans.push(span);
    const start = span.startTime[0] * 1000 + span.startTime[1] / 1e6;
    if (start < this.startedAt) this.startedAt = start;
    if (!this.hasError && (span.status.code === 2 || span.events.some((event) => event.name === "exception"))) this.hasError = true;
    const call = readModelCall(span);
    if (call) {
      if (call.costUsd !== undefined) this.costUsd += call.costUsd;
      this.tokens += (call.input ?? 0) + (call.output ?? 0);
    }
    if (rules && rules.size > 0) {
      const rate = rules.rateFor(span.name, withMetadataKeys(span.attributes));
      if (isLocalRoot(span)) this.rootRuleRate = rate;
      else if (rate !== undefined && (this.childRuleRate === undefined || rate > this.childRuleRate)) this.childRuleRate = rate;
    }
  }

  /**
   * The trace's rate by the rules: the root's rule (else `fallback`), raised by any other span's
   * higher rule — a priority operation anywhere keeps the trace, and a low-priority rule lowers
   * it only where it matched the root. Undefined when no rule matched at all.
   */
  ruleRate(fallback: number): number | undefined {
    if (this.rootRuleRate === undefined && this.childRuleRate === undefined) return undefined;
    const base = this.rootRuleRate ?? fallback;
    return this.childRuleRate === undefined ? base : Math.max(base, this.childRuleRate);
  }

  /** The root's duration; without a root (decided early), from the first start until now. */
  get durationMillis(): number {
    if (this.root) return this.root.duration[0] * 1000 + this.root.duration[1] / 1e6;
    return Math.max(0, Date.now() - this.startedAt);
  }

  /** What a `decide` function sees. */
  view(): FinishedTrace {
    return { root: this.root, spans: [...this.spans], durationMillis: this.durationMillis, costUsd: this.costUsd, tokens: this.tokens, hasError: this.hasError };
  }
}
