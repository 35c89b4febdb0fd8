import type { ContextManager, DiagLogger, TextMapPropagator, TracerProvider } from "@opentelemetry/api";

// Every copy of @opentelemetry/api 1.x keeps its globals under this key: it is how two copies in
// one process share one provider, so its shape is stable across the 1.x line. The API has no
// getter for the diag logger, the context manager or the propagator; this is where they are read.
const API_KEY = Symbol.for("opentelemetry.js.api.1");

interface ApiGlobals {
  readonly diag?: DiagLogger;
  readonly context?: ContextManager;
  readonly propagation?: TextMapPropagator;
  readonly trace?: TracerProvider;
}

/** What is registered with the OpenTelemetry API right now (nothing read here is changed). */
export function registeredGlobals(): ApiGlobals {
  return (globalThis as { [API_KEY]?: ApiGlobals })[API_KEY] ?? {};
}
