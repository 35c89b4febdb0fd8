import type { Context } from "@opentelemetry/api";
import { type Sampler, SamplingDecision, type SamplingResult } from "@opentelemetry/sdk-trace-base";

const SAMPLED: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });
const DROPPED: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });
const TWO_POW_28 = 2 ** 28;

/**
 * Keeps a fraction of traces, decided from the trace id alone, so every process that sees a
 * trace makes the same decision. Uses the trace id's low 56 bits as the randomness value, as
 * the OpenTelemetry spec does for W3C random trace ids, so SDKs in other languages that follow
 * the spec agree with it.
 */
export class TraceIdRatioSampler implements Sampler {
  constructor(readonly rate: number) {}

  shouldSample(_context: Context, traceId: string): SamplingResult {
    return keepsTrace(traceId, this.rate) ? SAMPLED : DROPPED;
  }

  toString(): string {
    return `TraceIdRatioSampler{${this.rate}}`;
  }
}

/** Whether a trace id falls within `rate`, by the id's low 56 bits read as a fraction of 2^56. */
export function keepsTrace(traceId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (rate <= 0 || traceId.length !== 32) return false;
  // 56 bits do not fit a double's 53-bit mantissa, so the value and the threshold
  // (rate × 2^56) are compared as two 28-bit halves, which is exact.
  const high = Number.parseInt(traceId.slice(18, 25), 16);
  const low = Number.parseInt(traceId.slice(25, 32), 16);
  if (Number.isNaN(high) || Number.isNaN(low)) return false;
  const scaled = rate * TWO_POW_28;
  const thresholdHigh = Math.floor(scaled);
  if (high !== thresholdHigh) return high < thresholdHigh;
  return low < (scaled - thresholdHigh) * TWO_POW_28;
}

export const SAMPLING_RESULTS = { SAMPLED, DROPPED };
