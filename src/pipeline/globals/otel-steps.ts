import { context, diag, propagation, type TextMapPropagator, trace } from "@opentelemetry/api";
import type { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import type { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { InstallStep } from "./install-step.js";
import { registeredGlobals } from "./otel-api-slot.js";

// Each registers only if nothing of its kind is registered (an application's own OpenTelemetry
// set-up is never replaced behind its back), and each undo unregisters only while what it
// registered is still there.

export function contextManagerStep(contextManager: AsyncLocalStorageContextManager): InstallStep {
  return () => {
    contextManager.enable();
    if (!context.setGlobalContextManager(contextManager)) {
      contextManager.disable();
      return undefined;
    }
    return () => {
      if (registeredGlobals().context === contextManager) context.disable();
      contextManager.disable();
    };
  };
}

export function propagatorStep(propagator: TextMapPropagator | undefined): InstallStep {
  return () => {
    if (propagator === undefined || !propagation.setGlobalPropagator(propagator)) return undefined;
    return () => {
      if (registeredGlobals().propagation === propagator) propagation.disable();
    };
  };
}

export function tracerProviderStep(provider: NodeTracerProvider): InstallStep {
  return () => {
    if (!trace.setGlobalTracerProvider(provider)) {
      diag.warn(
        "llmtrace: another global OpenTelemetry tracer provider is already registered and was left in place; spans made through the global API go to it. To send them through llmtrace, add createSpanProcessors() to that provider instead of calling configureTracing().",
      );
      return undefined;
    }
    return () => {
      // The API registers its own proxy, which delegates to ours.
      const registered = registeredGlobals().trace as { getDelegate?: () => unknown } | undefined;
      if (registered?.getDelegate?.() === provider) trace.disable();
    };
  };
}
