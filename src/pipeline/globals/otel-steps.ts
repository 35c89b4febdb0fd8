import { context, diag, propagation, type TextMapPropagator, type TracerProvider, trace } from "@opentelemetry/api";
import type { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { type InstallStep, installAll } from "./install-step.js";
import { registeredGlobals } from "./otel-api-slot.js";

export interface OtelGlobals {
  readonly provider: TracerProvider;
  readonly contextManager: AsyncLocalStorageContextManager;
  /** Undefined when no propagator is configured (`propagators: ["none"]`). */
  readonly propagator: TextMapPropagator | undefined;
}

type Part = "tracer provider" | "context manager" | "propagator";

/**
 * Registers llmtrace's tracer provider, context manager and propagator with the OpenTelemetry
 * API — each only if nothing of its kind is registered yet. What is already there (an
 * application's own `NodeSDK`, `provider.register()`) is left in place and named in one warning.
 * The slot is read before any set function is called: those log a duplicate registration as an
 * error with a stack trace. Each undo unregisters only while what it registered is still there.
 */
export function otelGlobalsStep({ provider, contextManager, propagator }: OtelGlobals): InstallStep {
  return () => {
    const existing = { ...registeredGlobals() };
    const leftInPlace: Part[] = [];
    const steps: InstallStep[] = [];
    const unlessPresent = (part: Part, present: unknown, step: InstallStep) => {
      if (present === undefined) steps.push(step);
      else leftInPlace.push(part);
    };

    // Each set function below refuses only for another API version in the slot, which the API reports itself.
    unlessPresent("context manager", existing.context, () => {
      contextManager.enable();
      if (!context.setGlobalContextManager(contextManager)) return void contextManager.disable();
      return () => {
        if (registeredGlobals().context === contextManager) context.disable();
        contextManager.disable();
      };
    });
    if (propagator !== undefined) {
      unlessPresent("propagator", existing.propagation, () => {
        if (!propagation.setGlobalPropagator(propagator)) return undefined;
        return () => {
          if (registeredGlobals().propagation === propagator) propagation.disable();
        };
      });
    }
    unlessPresent("tracer provider", existing.trace, () => {
      if (!trace.setGlobalTracerProvider(provider)) return undefined;
      return () => {
        // The API registers its own proxy, which delegates to ours.
        const registered = registeredGlobals().trace as { getDelegate?: () => unknown } | undefined;
        if (registered?.getDelegate?.() === provider) trace.disable();
      };
    });

    const undo = installAll(steps);
    if (leftInPlace.length > 0) diag.warn(leftInPlaceWarning(leftInPlace));
    return undo;
  };
}

function leftInPlaceWarning(parts: readonly Part[]): string {
  const named = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)!}`;
  const verb = parts.length === 1 ? "was" : "were";
  if (parts.includes("tracer provider")) {
    return (
      `llmtrace: another OpenTelemetry setup is already registered; its global ${named} ${verb} left in place. ` +
      "Spans made through the global API, llmtrace's own included, go to that tracer provider, without llmtrace's redaction and exporters. " +
      "To send them through llmtrace, add createSpanProcessors() to that provider (spanProcessors: [...yours, ...createSpanProcessors(options)]) " +
      "instead of calling configureTracing()."
    );
  }
  return (
    `llmtrace: a global OpenTelemetry ${named} ${verb} already registered and left in place; llmtrace registered its tracer provider, which works with ${parts.length === 1 ? "it" : "them"}. ` +
    "If they come from an OpenTelemetry setup of your own, add createSpanProcessors() to its provider instead of calling configureTracing()."
  );
}
