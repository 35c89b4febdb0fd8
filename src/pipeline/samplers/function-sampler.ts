import { type Attributes, type Context, diag } from "@opentelemetry/api";
import type { Sampler, SamplingResult } from "@opentelemetry/sdk-trace-base";
import type { SamplerFunction } from "../../config/options.js";
import { samplerAttributes } from "./sampler-attributes.js";
import { safeText } from "../sampling/safe-text.js";
import { SAMPLING_RESULTS } from "./ratio-sampler.js";

/**
 * Adapts a user's `(name, context, traceId, attributes) => boolean` into a Sampler; `attributes`
 * include the `withContext` values in force (sampler-attributes.ts).
 */
export class FunctionSampler implements Sampler {
  private warned = false;

  constructor(private readonly decide: SamplerFunction) {}

  shouldSample(context: Context, traceId: string, spanName: string, _kind: unknown, attributes: Attributes): SamplingResult {
    try {
      return this.decide(spanName, context, traceId, samplerAttributes(context, attributes)) ? SAMPLING_RESULTS.SAMPLED : SAMPLING_RESULTS.DROPPED;
    } catch (error) {
      // A broken sampler must not cost the user their data: keep the trace and say so once.
      if (!this.warned) {
        this.warned = true;
        diag.warn(`llmtrace: the sampling function threw (${safeText(error)}); traces are kept while it fails.`);
      }
      return SAMPLING_RESULTS.SAMPLED;
    }
  }

  toString(): string {
    return "FunctionSampler";
  }
}
