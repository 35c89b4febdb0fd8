import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { FinishedTrace } from "../../config/options.js";
import { readModelCall } from "../metrics/model-call-reading.js";
import type { SamplingRules } from "../samplers/sampling-rules.js";

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
  /** The highest rate of a rule any span matched; undefined when none matched. */
  ruleRate: number | undefined;
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
      const rate = rules.rateFor(span.name, span.attributes);
      if (rate !== undefined && (this.ruleRate === undefined || rate > this.ruleRate)) this.ruleRate = rate;
    }
  }

  /** The root's duration; without a root (decided early), from the first start until now. */
  get durationMillis(): number {
    if (this.root) return this.root.duration[0] * 1000 + this.root.duration[1] / 1e6;
    return Math.max(0, Date.now() - this.startedAt);
  }

  /** What a `decide` function sees. */
  view(): FinishedTrace {
    return { root: this.root, spans: this.spans, durationMillis: this.durationMillis, costUsd: this.costUsd, tokens: this.tokens, hasError: this.hasError };
  }
}
