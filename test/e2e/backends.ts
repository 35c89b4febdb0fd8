// Where the backends started by scripts/e2e/start.sh listen (see scripts/e2e/versions.sh).
export const JAEGER = {
  otlpGrpc: "http://127.0.0.1:27317",
  otlpHttp: "http://127.0.0.1:27318/v1/traces",
  zipkin: "http://127.0.0.1:27411/api/v2/spans",
  query: "http://127.0.0.1:27686",
  /** A pipeline through the Collector's tail sampling processor (examples/collector/tail-sampling-processor.yaml). */
  otlpHttpTail: "http://127.0.0.1:27319/v1/traces",
};
export const ZIPKIN = { url: "http://127.0.0.1:27412" };
export const PHOENIX = { url: "http://127.0.0.1:27006", otlpHttp: "http://127.0.0.1:27006/v1/traces", project: "llmtrace-e2e" };
/** Prometheus scrapes job `llmtrace-e2e`: llmtrace's exporter on 127.0.0.1:27464 (LLMTRACE_METRICS_PORT), every second. */
export const PROMETHEUS = { url: "http://127.0.0.1:27090", job: "llmtrace-e2e", metricsPort: 27464 };

/** Polls until `probe` returns a value: backends index asynchronously. Bounded, then fails clearly. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function getJson(url: string): Promise<unknown> {
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}
