import type { Attributes, Context } from "@opentelemetry/api";
import type { Sampler, SamplingResult } from "@opentelemetry/sdk-trace-base";
import type { ResolvedSamplingRule } from "../../config/resolved-config.js";
import { samplerAttributes } from "./sampler-attributes.js";
import { SamplingRules } from "./sampling-rules.js";
import { keepsTrace, SAMPLING_RESULTS } from "./ratio-sampler.js";

/**
 * Picks a rate by the first rule whose span-name glob and attributes (the `withContext` values
 * included) match, else `fallbackRate`. The decision itself is by trace id, like the ratio
 * sampler, so processes agree.
 */
export class RuleSampler implements Sampler {
  private readonly rules: SamplingRules;

  constructor(
    rules: readonly ResolvedSamplingRule[],
    private readonly fallbackRate: number,
  ) {
    this.rules = new SamplingRules(rules);
  }

  shouldSample(context: Context, traceId: string, spanName: string, _kind: unknown, attributes: Attributes): SamplingResult {
    const rate = this.rules.rateFor(spanName, samplerAttributes(context, attributes)) ?? this.fallbackRate;
    return keepsTrace(traceId, rate) ? SAMPLING_RESULTS.SAMPLED : SAMPLING_RESULTS.DROPPED;
  }

  toString(): string {
    return `RuleSampler{rules=${this.rules.size},fallback=${this.fallbackRate}}`;
  }
}
