/** Where an exporter sends spans, as messages and `tracing.stats()` name it. */
export interface ExportTarget {
  /** "otlp grpc", "otlp http/protobuf", "zipkin", "console", "jsonl", "memory" or "custom". */
  readonly exporter: string;
  /** The URL or file spans go to, when there is one. */
  readonly endpoint: string | undefined;
}

/** "the otlp grpc exporter (http://collector:4317)". */
export function describeTarget(target: ExportTarget): string {
  return target.endpoint ? `the ${target.exporter} exporter (${target.endpoint})` : `the ${target.exporter} exporter`;
}
