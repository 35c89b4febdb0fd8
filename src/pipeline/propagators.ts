import type { TextMapPropagator } from "@opentelemetry/api";
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from "@opentelemetry/core";
import { B3InjectEncoding, B3Propagator } from "@opentelemetry/propagator-b3";
import { JaegerPropagator } from "@opentelemetry/propagator-jaeger";
import type { PropagatorName } from "../config/options.js";

/** A composite of the named formats, or undefined for none ("none" or an empty list). */
export function createPropagator(names: readonly PropagatorName[]): TextMapPropagator | undefined {
  const propagators: TextMapPropagator[] = [];
  for (const name of new Set(names)) {
    switch (name) {
      case "tracecontext":
        propagators.push(new W3CTraceContextPropagator());
        break;
      case "baggage":
        propagators.push(new W3CBaggagePropagator());
        break;
      case "b3":
        propagators.push(new B3Propagator({ injectEncoding: B3InjectEncoding.SINGLE_HEADER }));
        break;
      case "b3multi":
        propagators.push(new B3Propagator({ injectEncoding: B3InjectEncoding.MULTI_HEADER }));
        break;
      case "jaeger":
        propagators.push(new JaegerPropagator());
        break;
      case "none":
        return undefined;
    }
  }
  return propagators.length === 0 ? undefined : new CompositePropagator({ propagators });
}
