import { diag, ProxyTracerProvider } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import type { Env } from "../config/env.js";
import type { TracingOptions } from "../config/options.js";
import { resolveConfig } from "../config/resolve-config.js";
import type { ResolvedConfig } from "../config/resolved-config.js";
import { genaiPrices } from "../cost/price-data.js";
import { startPriceUpdates, stopPriceUpdates } from "../cost/price-updates.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { endPendingRoots } from "../spans/pending-roots.js";
import { setShutdownWithCause } from "./shutdown-cause.js";
import type { InterruptCause } from "./open-spans.js";
import { buildSpanPipeline } from "./create-span-processors.js";
import { buildSignals } from "./signals.js";
import { reportOutcome, withDeadline } from "./deadline.js";
import { warnDeprecated } from "./deprecation-warnings.js";
import { flushBeforeExit } from "./flush-before-exit.js";
import { flushTimeout } from "./flush-timeout.js";
import { flushingHandler } from "./flushing-handler.js";
import { diagLoggerStep } from "./globals/diag-logger.js";
import { type InstallStep, installAll, type Undo } from "./globals/install-step.js";
import { instrumentationStep } from "./globals/instrumentations-step.js";
import { otelGlobalsStep } from "./globals/otel-steps.js";
import { settingsStep } from "./globals/settings-step.js";
import { instrumentationSettings } from "./instrumentation-config.js";
import { createPropagator } from "./propagators.js";
import { createResource } from "./resource.js";
import { createSampler } from "./samplers/create-sampler.js";
import { PipelineCounters } from "./stats.js";
import { createTracerProvider } from "./tracer-provider.js";
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
 * registered as the global OpenTelemetry providers, and the instrumentations given.
 *
 * Everything is built first; only then is global state installed, in one step that takes
 * itself back if any part fails, so a failed call leaves the process as it found it.
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
  const { config, warnings, deprecations } = resolveConfig(options, env);
  warnDeprecated(deprecations);
  const settings = instrumentationSettings(config);
  if (!config.enabled) return disabledHandle(config, settings);

  const resource = createResource(config);
  // Metrics and logs first: the span pipeline records into the metrics as spans end.
  const signals = buildSignals(config, settings, resource);
  let pipeline: ReturnType<typeof buildSpanPipeline>;
  try {
    pipeline = buildSpanPipeline(config, settings, signals.metrics?.spanMetrics);
  } catch (error) {
    void signals.shutdown().catch(() => undefined);
    throw error;
  }
  let provider: ReturnType<typeof createTracerProvider>;
  let contextManager: AsyncLocalStorageContextManager;
  let propagator: ReturnType<typeof createPropagator>;
  try {
    // Always given a sampler, and built so the SDK reads no environment itself: llmtrace has read it.
    provider = createTracerProvider(
      { resource, sampler: createSampler(config.sampling, config.tailSampling !== undefined), spanProcessors: [...pipeline.processors] },
      env,
    );
    contextManager = new AsyncLocalStorageContextManager();
    propagator = createPropagator(config.propagators);
    // Loads the price data now, so a package that fails to load fails here, before anything is installed.
    if (config.priceUpdates) genaiPrices();
    else preloadPrices();
  } catch (error) {
    // Nothing global was touched; only the exporters already built are let go.
    void pipeline.shutdown().catch(() => undefined);
    void signals.shutdown().catch(() => undefined);
    throw error;
  }

  let uninstall: Undo = () => {};
  let shuttingDown: Promise<void> | undefined;
  const handle: TracingHandle = {
    config,
    tracerProvider: provider,
    memoryExporter: pipeline.memoryExporter,
    memoryMetricExporter: signals.metrics?.memoryExporter,
    memoryLogExporter: signals.logs?.memoryExporter,
    stats: () => signals.withStats(pipeline.counters.snapshot()),
    async forceFlush(flushOptions?: FlushOptions) {
      const timeout = flushTimeout(flushOptions, config.shutdownTimeoutMillis);
      endPendingRoots();
      // Spans first: their ending records metrics, which are then flushed with the logs.
      reportOutcome("forceFlush()", await withDeadline(provider.forceFlush().then(() => signals.forceFlush()), timeout), timeout);
    },
    shutdown(flushOptions?: FlushOptions) {
      return stop("shutdown", flushOptions);
    },
    flushAfter(handler, flushOptions) {
      return flushingHandler(handler, () => handle.forceFlush({ timeoutMillis: flushOptions?.timeoutMillis ?? config.exitTimeoutMillis }));
    },
  };
  // shutdown(), or shutdownOnSignals() naming its signal: the cause is what spans still open are marked with.
  const stop = (cause: InterruptCause, flushOptions?: FlushOptions): Promise<void> => {
    shuttingDown ??= (async () => {
      const timeout = flushTimeout(flushOptions, config.shutdownTimeoutMillis);
      endPendingRoots();
      // What is still running will not end in a provider that is shut down: ended now, as interrupted.
      pipeline.openSpans.endAll(cause);
      const outcome = await withDeadline(provider.shutdown().then(() => signals.shutdown()), timeout);
      reportOutcome("shutdown()", outcome, timeout);
      // Past the deadline what is still queued is given up on: counted and named per exporter.
      if (outcome.status !== "done") {
        pipeline.abandon(`shutdown() gave up after ${timeout} ms`);
        signals.reportUndelivered("shutdown()");
      }
      uninstall();
    })();
    return shuttingDown;
  };
  setShutdownWithCause(handle, stop);

  try {
    uninstall = installAll([
      diagLoggerStep(config.logLevel, config.logLevelExplicit),
      settingsStep(settings, "configureTracing"),
      otelGlobalsStep({ provider, contextManager, propagator }),
      ...signals.installSteps(),
      ...config.instrumentations.map((instrumentation) => instrumentationStep(instrumentation, provider, signals.metrics?.provider)),
      activeHandleStep(handle),
      () =>
        flushBeforeExit(provider, handle.stats, config.exitTimeoutMillis, {
          signals: signals.exitFlushes(),
          held: pipeline.tail,
          writeAtExit: () => pipeline.writeAtExit(),
          openSpans: pipeline.openSpans,
        }),
      priceUpdatesStep(config.priceUpdates),
    ]);
  } catch (error) {
    // installAll has taken back what it installed; the pipelines go too (the Prometheus port is let go).
    void provider.shutdown().catch(() => undefined);
    void signals.shutdown().catch(() => undefined);
    throw error;
  }
  for (const warning of warnings) diag.warn(`llmtrace: ${warning}`);
  return handle;
}

function activeHandleStep(handle: TracingHandle): InstallStep {
  return () => {
    const slot = globalThis as GlobalSlot;
    slot[ACTIVE] = handle;
    return () => {
      if (slot[ACTIVE] === handle) delete slot[ACTIVE];
    };
  };
}

function priceUpdatesStep(priceUpdates: ResolvedConfig["priceUpdates"]): InstallStep {
  return () => {
    if (!priceUpdates) return undefined;
    startPriceUpdates({ url: priceUpdates.url, refreshHours: priceUpdates.refreshMillis / 3_600_000 });
    return stopPriceUpdates;
  };
}

/** Tracing off: the disabled settings make every builder a no-op; nothing else is installed. */
function disabledHandle(config: ResolvedConfig, settings: InstrumentationSettings): TracingHandle {
  const uninstall = installAll([settingsStep(settings, "configureTracing")]);
  return {
    config,
    // A proxy with no delegate is a no-op provider, whatever else is registered globally.
    tracerProvider: new ProxyTracerProvider(),
    memoryExporter: undefined,
    memoryMetricExporter: undefined,
    memoryLogExporter: undefined,
    stats: () => new PipelineCounters().snapshot(),
    forceFlush: () => Promise.resolve(),
    flushAfter: (handler) => flushingHandler(handler, () => Promise.resolve()),
    shutdown: () => {
      uninstall();
      return Promise.resolve();
    },
  };
}

/**
 * The price data takes ~30 ms to load. Loaded on the next turn after configureTracing(), while the
 * application starts, rather than inside the first model call that ends (a server's first request
 * waited for it). Unref'd, so a script that is done does not wait; a failure to load is left to the
 * first cost computed, which says so.
 */
function preloadPrices(): void {
  setTimeout(() => {
    try {
      genaiPrices();
    } catch {
      // Said where a cost is computed.
    }
  }, 0).unref();
}
