import { diag } from "@opentelemetry/api";
import type { Resource } from "@opentelemetry/resources";
import type { ResolvedConfig } from "../config/resolved-config.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import type { InstallStep } from "./globals/install-step.js";
import { loggerProviderStep, meterProviderStep } from "./globals/signal-steps.js";
import { consoleCorrelationStep } from "./logs/console-correlation.js";
import { LogsPipeline } from "./logs/logs-pipeline.js";
import { MetricsPipeline } from "./metrics/metrics-pipeline.js";
import type { TracingStats } from "./stats.js";

/** Something an exiting process flushes when it has unsent data. */
export interface ExitFlush {
  readonly unflushed: boolean;
  forceFlush(): Promise<void>;
  /** What is still queued after a flush, named for a warning; undefined when nothing is. */
  undelivered?(): string | undefined;
}

/** The metrics and logs beside the spans of one configureTracing(): built, flushed, installed and shut down together. */
export interface Signals {
  readonly metrics: MetricsPipeline | undefined;
  readonly logs: LogsPipeline | undefined;
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
  installSteps(): InstallStep[];
  exitFlushes(): ExitFlush[];
  withStats(stats: TracingStats): TracingStats;
  /** Says what the exporters still hold after a flush or shutdown ended (past its deadline). */
  reportUndelivered(when: string): void;
}

/** Builds what `config.metrics` and `config.logs` ask for; if one fails to build, the other is let go and the error rethrown. */
export function buildSignals(config: ResolvedConfig, settings: InstrumentationSettings, resource: Resource): Signals {
  const metrics = config.metrics ? new MetricsPipeline(config.metrics, resource) : undefined;
  let logs: LogsPipeline | undefined;
  try {
    logs = config.logs && config.logs.exporters.length > 0 ? new LogsPipeline(config.logs, resource, settings.content.redactor, settings.content.maxLength) : undefined;
  } catch (error) {
    void metrics?.shutdown().catch(() => undefined);
    throw error;
  }
  const parts = [metrics, logs].filter((part): part is MetricsPipeline | LogsPipeline => part !== undefined);
  return {
    metrics,
    logs,
    forceFlush: () => Promise.all(parts.map((part) => part.forceFlush())).then(() => undefined),
    shutdown: () => Promise.all(parts.map((part) => part.shutdown())).then(() => undefined),
    installSteps() {
      const steps: InstallStep[] = [];
      if (metrics) steps.push(meterProviderStep(metrics.provider));
      if (logs) steps.push(loggerProviderStep(logs.provider));
      if (config.logs?.console) steps.push(consoleCorrelationStep());
      return steps;
    },
    exitFlushes: () => parts,
    reportUndelivered(when) {
      const left = logs?.undelivered();
      if (left) diag.warn(`llmtrace: ${when} ended with ${left} not delivered; they are lost.`);
    },
    withStats(stats) {
      return { ...stats, ...(metrics && { metrics: metrics.stats() }), ...(logs && { logs: logs.stats() }) };
    },
  };
}
