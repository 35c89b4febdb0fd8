import type { Attributes } from "@opentelemetry/api";
import type { ResolvedSamplingRule } from "../../config/resolved-config.js";
import { globToRegExp } from "./glob.js";

interface CompiledRule {
  readonly name: RegExp | undefined;
  readonly attributes: readonly (readonly [string, string | number | boolean])[];
  readonly rate: number;
}

/** Sampling rules compiled once: the first whose span-name glob and attributes match gives the rate. */
export class SamplingRules {
  private readonly rules: readonly CompiledRule[];

  constructor(rules: readonly ResolvedSamplingRule[]) {
    this.rules = rules.map((rule) => ({
      name: rule.name === undefined ? undefined : globToRegExp(rule.name),
      attributes: Object.entries(rule.attributes),
      rate: rule.rate,
    }));
  }

  get size(): number {
    return this.rules.length;
  }

  /** The first matching rule's rate, or undefined when none matches. */
  rateFor(spanName: string, attributes: Attributes): number | undefined {
    for (const rule of this.rules) {
      if (rule.name && !rule.name.test(spanName)) continue;
      if (rule.attributes.every(([key, value]) => attributes[key] === value)) return rule.rate;
    }
    return undefined;
  }
}
