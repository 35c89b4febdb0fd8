import { DeferringSampler } from "../sampling/deferring-sampler.js";
import { AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, type Sampler } from "@opentelemetry/sdk-trace-base";
import type { ResolvedSampling } from "../../config/resolved-config.js";
import { FunctionSampler } from "./function-sampler.js";
import { TraceIdRatioSampler } from "./ratio-sampler.js";
import { RuleSampler } from "./rule-sampler.js";

/**
 * Builds the provider's sampler; with `parentBased`, only root spans consult the decision. Under
 * tail sampling (`deferred`), every span is recorded and the decision is made when a trace ends.
 */
export function createSampler(sampling: ResolvedSampling, deferred = false): Sampler {
  if (deferred) return new DeferringSampler(sampling.parentBased);
  const root = rootSampler(sampling);
  return sampling.parentBased ? new ParentBasedSampler({ root }) : root;
}

function rootSampler(sampling: ResolvedSampling): Sampler {
  switch (sampling.kind) {
    case "always_on":
      return new AlwaysOnSampler();
    case "always_off":
      return new AlwaysOffSampler();
    case "ratio":
      return new TraceIdRatioSampler(sampling.rate);
    case "rules":
      return new RuleSampler(sampling.rules, sampling.rate);
    case "function":
      return new FunctionSampler(sampling.decide);
    case "sampler":
      return sampling.sampler;
  }
}
