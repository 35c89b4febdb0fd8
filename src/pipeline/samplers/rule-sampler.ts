import type { Attributes, Context } from "@opentelemetry/api";
import type { Sampler, SamplingResult } from "@opentelemetry/sdk-trace-base";
import type { ResolvedSamplingRule } from "../../config/resolved-config.js";
import { globToRegExp } from "./glob.js";
import { keepsTrace, SAMPLING_RESULTS } from "./ratio-sampler.js";

interface CompiledRule {
  readonly name: RegExp | undefined;
  readonly attributes: readonly (readonly [string, string | number | boolean])[];
  readonly rate: number;
}

/**
 * Picks a rate by the first rule whose span-name glob and attributes match, else `fallbackRate`.
 * The decision itself is by trace id, like the ratio sampler, so processes agree.
 */
export class RuleSampler implements Sampler {
  private readonly rules: readonly CompiledRule[];

  constructor(
    rules: readonly ResolvedSamplingRule[],
    private readonly fallbackRate: number,
  ) {
    this.rules = rules.map((rule) => ({
      name: rule.name === undefined ? undefined : globToRegExp(rule.name),
      attributes: Object.entries(rule.attributes),
      rate: rule.rate,
    }));
  }

  shouldSample(_context: Context, traceId: string, spanName: string, _kind: unknown, attributes: Attributes): SamplingResult {
    const rate = this.rateFor(spanName, attributes);
    return keepsTrace(traceId, rate) ? SAMPLING_RESULTS.SAMPLED : SAMPLING_RESULTS.DROPPED;
  }

  rateFor(spanName: string, attributes: Attributes): number {
    for (const rule of this.rules) {
      if (rule.name && !rule.name.test(spanName)) continue;
      if (rule.attributes.every(([key, value]) => attributes[key] === value)) return rule.rate;
    }
    return this.fallbackRate;
  }

  toString(): string {
    return `RuleSampler{rules=${this.rules.length},fallback=${this.fallbackRate}}`;
  }
}
