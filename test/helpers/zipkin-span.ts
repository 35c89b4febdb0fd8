/** A span in Zipkin's v2 JSON, as exporters send it and Zipkin's API returns it. */
export interface ZipkinSpan {
  traceId: string;
  id: string;
  parentId?: string;
  name: string;
  localEndpoint: { serviceName: string };
  tags?: Record<string, string>;
  annotations?: { value: string }[];
}
