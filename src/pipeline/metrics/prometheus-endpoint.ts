import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { diag } from "@opentelemetry/api";
import { AggregationTemporality, MetricReader } from "@opentelemetry/sdk-metrics";
import type { ResolvedMetricExporter } from "../../config/resolved-config.js";
import type { SignalExportCounters } from "../export/signal-export-counters.js";
import type { SpanMetrics } from "./span-metrics.js";
import { prometheusText } from "./prometheus-text.js";

type PrometheusConfig = Extract<ResolvedMetricExporter, { type: "prometheus" }>;

/**
 * Prometheus pulls: a reader that collects at each scrape, served from llmtrace's own server on
 * exactly the address given, which says a taken port once in its own words and reports the port
 * it bound (`port: 0` picks a free one). Each scrape answered counts as an export. The server is
 * closed with the reader, and never keeps the process alive.
 */
class PrometheusReader extends MetricReader {
  private readonly server: Server;
  /** Set at shutdown: a listen still under way closes the server as soon as it is done. */
  private closing = false;

  constructor(
    config: PrometheusConfig,
    private readonly counters: SignalExportCounters,
    producer: SpanMetrics,
  ) {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE, metricProducers: [producer] });
    // Port 0: the address is known once the server listens (a turn of the event loop later).
    if (config.port === 0) counters.endpoint = undefined;
    this.server = createServer((request, response) => {
      const path = (request.url ?? "/").split("?")[0];
      if (request.method !== "GET" || path !== config.path) {
        response.writeHead(404, { "content-type": "text/plain" }).end(`Not found: metrics are served at ${config.path}\n`);
        return;
      }
      void this.scrape().then(
        (text) => response.writeHead(200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" }).end(text),
        (error: unknown) => {
          counters.failed(error);
          response.writeHead(500, { "content-type": "text/plain" }).end("# metrics could not be collected\n");
        },
      );
    }).unref();
    this.server.once("error", (error: NodeJS.ErrnoException) => {
      counters.failedFinally(
        `could not listen on ${config.host}:${config.port} (${error.code ?? error.message}); metrics are not served. Choose another port: metrics: { exporters: [{ type: "prometheus", port: ${config.port === 9465 ? 9466 : 9465} }] }`,
      );
    });
    this.server.listen(config.port, config.host, () => {
      if (this.closing) {
        this.server.close();
        return;
      }
      const { port } = this.server.address() as AddressInfo;
      counters.endpoint = prometheusUrl(config.host, port, config.path);
      diag.debug(`llmtrace: Prometheus metrics served at ${counters.endpoint}`);
    });
  }

  private async scrape(): Promise<string> {
    const { resourceMetrics, errors } = await this.collect();
    if (errors.length > 0) diag.debug(`llmtrace: ${errors.length} error(s) while collecting metrics for Prometheus: ${String(errors[0])}`);
    this.counters.succeeded();
    return prometheusText(resourceMetrics);
  }

  protected onForceFlush(): Promise<void> {
    return Promise.resolve();
  }

  protected onShutdown(): Promise<void> {
    this.closing = true;
    return new Promise<void>((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
  }
}

export function prometheusReader(config: PrometheusConfig, counters: SignalExportCounters, producer: SpanMetrics): MetricReader {
  return new PrometheusReader(config, counters, producer);
}

export function prometheusUrl(host: string, port: number, path: string): string {
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}${path}`;
}
