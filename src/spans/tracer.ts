import { type Tracer, trace } from "@opentelemetry/api";
import { getSettings, type InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { VERSION } from "../version.js";

export const TRACER_NAME = "llmtrace";

let cachedFor: InstrumentationSettings | undefined;
let cachedTracer: Tracer | undefined;

/**
 * The tracer llmtrace's spans come from. Looked up once per configuration: configureTracing and
 * shutdown install new settings, which is when the global provider can change under us.
 */
export function llmTracer(): Tracer {
  const settings = getSettings();
  if (cachedFor !== settings || cachedTracer === undefined) {
    cachedTracer = trace.getTracer(TRACER_NAME, VERSION);
    cachedFor = settings;
  }
  return cachedTracer;
}
