import { diag } from "@opentelemetry/api";

interface Transport {
  send(data: Uint8Array, timeoutMillis: number): Promise<unknown>;
  shutdown(): void;
}

/**
 * Makes each `export()` of an OTLP/HTTP exporter one request. The exporter wraps its HTTP
 * transport in a retrying one (up to 5 tries within its timeout); llmtrace's export queue
 * retries failed batches itself, with its own documented backoff, and names each failure when
 * it happens — two policies stacked made failures take ~10 s to surface and multiplied the
 * retries. The exporter keeps no public way to turn its retries off, so the inner transport is
 * taken out of the retrying one; if the exporter's shape ever differs, it is left as it is (a
 * test asserts one request per failed export, so a change is noticed). gRPC exporters do not
 * retry on their own.
 */
export function withoutInnerRetries<E extends object>(exporter: E): E {
  const delegate = (exporter as { _delegate?: { _transport?: Transport & { _transport?: Transport } } })._delegate;
  const retrying = delegate?._transport;
  const inner = retrying?._transport;
  if (delegate && retrying?.constructor?.name === "RetryingTransport" && inner && typeof inner.send === "function") {
    delegate._transport = inner;
  } else {
    diag.debug("llmtrace: the OTLP/HTTP exporter's transport has an unexpected shape; its own retries stay on");
  }
  return exporter;
}
