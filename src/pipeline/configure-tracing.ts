import {
  context,
  DiagConsoleLogger,
  DiagLogLevel,
  diag,
  ProxyTracerProvider,
  propagation,
  trace,
} from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import type { Env } from "../config/env.js";
import type { LogLevel, TracingOptions } from "../config/options.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { installSettings, resetSettings } from "../settings/instrumentation-settings.js";
import { endPendingRoots } from "../spans/pending-roots.js";
import { startPriceUpdates, stopPriceUpdates } from "../cost/price-updates.js";
import { buildSpanPipeline } from "./create-span-processors.js";
import { type DeadlineOutcome, withDeadline } from "./deadline.js";
import { instrumentationSettings } from "./instrumentation-config.js";
import { createPropagator } from "./propagators.js";
import { createResource } from "./resource.js";
import { createSampler } from "./samplers/create-sampler.js";
import { flushBeforeExit } from "./flush-before-exit.js";
import { PipelineCounters } from "./stats.js";
import type { FlushOptions, TracingHandle } from "./tracing-handle.js";

// On globalThis, so the ESM and CommonJS builds loaded in one process share one pipeline.
const ACTIVE = Symbol.for("llmtrace.activeTracing");
type GlobalSlot = { [ACTIVE]?: TracingHandle };

/** The handle of the running pipeline, if `configureTracing()` set one up and it is not shut down. */
export function getActiveTracing(): TracingHandle | undefined {
  return (globalThis as GlobalSlot)[ACTIVE];
}

/**
 * Sets up tracing for the process: resource, sampler, exporters, context manager, propagators,
 * registered as the global OpenTelemetry providers.
 *
 * Calling it again while tracing is running returns the running handle (with a warning) rather
 * than building a second pipeline: call `shutdown()` first to reconfigure.
 *
 * @throws TracingConfigError when an option is invalid, listing every problem.
 */
export function configureTracing(options: TracingOptions = {}, env: Env = process.env): TracingHandle {
  const running = getActiveTracing();
  if (running) {
    diag.warn("llmtrace: configureTracing() was called while tracing is already configured; the running configuration is kept. Call shutdown() on it first to reconfigure.");
    return running;
  }
  const { config, warnings } = resolveConfig(options, env);
  const settings = instrumentationSettings(config);
  installSettings(settings);
  if (!config.enabled) return disabledHandle(config);

  const ownsDiag = installDiagLogger(config.logLevel);
  for (const warning of warnings) diag.warn(`llmtrace: ${warning}`);

  const pipeline = buildSpanPipeline(config, settings);
  const provider = new NodeTracerProvider({
    resource: createResource(config),
    sampler: createSampler(config.sampling),
    spanProcessors: [...pipeline.processors],
  });
  const registered = registerGlobals(provider, config);
  if (config.priceUpdates) startPriceUpdates(config.priceUpdates);

  let shuttingDown: Promise<void> | undefined;
  const handle: TracingHandle = {
    config,
    tracerProvider: provider,
    memoryExporter: pipeline.memoryExporter,
    stats: () => pipeline.counters.snapshot(),
    async forceFlush(flushOptions?: FlushOptions) {
      endPendingRoots();
      const outcome = await withDeadline(provider.forceFlush(), flushOptions?.timeoutMs ?? config.shutdownTimeoutMs);
      reportOutcome("forceFlush", outcome, flushOptions?.timeoutMs ?? config.shutdownTimeoutMs);
    },
    shutdown(flushOptions?: FlushOptions) {
      shuttingDown ??= (async () => {
        const timeoutMs = flushOptions?.timeoutMs ?? config.shutdownTimeoutMs;
        endPendingRoots();
        const outcome = await withDeadline(provider.shutdown(), timeoutMs);
        reportOutcome("shutdown", outcome, timeoutMs);
        registered.unregister();
        stopFlushBeforeExit();
        resetSettings();
        stopPriceUpdates();
        if ((globalThis as GlobalSlot)[ACTIVE] === handle) delete (globalThis as GlobalSlot)[ACTIVE];
        if (ownsDiag) diag.disable();
      })();
      return shuttingDown;
    },
  };
  const stopFlushBeforeExit = flushBeforeExit(handle);
  (globalThis as GlobalSlot)[ACTIVE] = handle;
  return handle;
}

interface Registration {
  unregister(): void;
}

/**
 * Registers provider, context manager and propagator globally, each only if no other is
 * registered: an application's own OpenTelemetry setup is never replaced behind its back.
 */
function registerGlobals(provider: NodeTracerProvider, config: ResolvedConfig): Registration {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  const ownsContext = context.setGlobalContextManager(contextManager);
  if (!ownsContext) contextManager.disable();

  const propagator = createPropagator(config.propagators);
  const ownsPropagation = propagator !== undefined && propagation.setGlobalPropagator(propagator);

  const ownsTrace = trace.setGlobalTracerProvider(provider);
  if (!ownsTrace) {
    diag.warn(
      "llmtrace: another global OpenTelemetry tracer provider is already registered and was left in place; spans made through the global API go to it. To send them through llmtrace, add createSpanProcessors() to that provider instead of calling configureTracing().",
    );
  }
  return {
    unregister() {
      if (ownsTrace) trace.disable();
      if (ownsPropagation) propagation.disable();
      if (ownsContext) context.disable();
    },
  };
}

const DIAG_LEVELS: Readonly<Record<Exclude<LogLevel, "none">, DiagLogLevel>> = {
  error: DiagLogLevel.ERROR,
  warn: DiagLogLevel.WARN,
  info: DiagLogLevel.INFO,
  debug: DiagLogLevel.DEBUG,
  verbose: DiagLogLevel.VERBOSE,
  all: DiagLogLevel.ALL,
};

/** Export failures and dropped spans are reported through `diag`, which prints nothing until a logger is set. */
function installDiagLogger(level: LogLevel): boolean {
  if (level === "none") return false;
  return diag.setLogger(new DiagConsoleLogger(), { logLevel: DIAG_LEVELS[level], suppressOverrideMessage: true });
}

function reportOutcome(operation: string, outcome: DeadlineOutcome, timeoutMs: number): void {
  if (outcome.status === "timeout") {
    diag.warn(`llmtrace: ${operation}() gave up after ${timeoutMs} ms; spans still queued for a slow or unreachable exporter were not delivered.`);
  } else if (outcome.status === "failed") {
    diag.warn(`llmtrace: ${operation}() failed: ${String(outcome.error)}`);
  }
}

function disabledHandle(config: ResolvedConfig): TracingHandle {
  return {
    config,
    // A proxy with no delegate is a no-op provider, whatever else is registered globally.
    tracerProvider: new ProxyTracerProvider(),
    memoryExporter: undefined,
    stats: () => new PipelineCounters().snapshot(),
    forceFlush: () => Promise.resolve(),
    shutdown: () => {
      resetSettings();
      return Promise.resolve();
    },
  };
}
