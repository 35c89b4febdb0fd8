/** OTLP/JSON lines written by hand, for files llmtrace's exporter would not write (other tools, damaged data). */
export interface RawSpan {
  trace?: string;
  id: string;
  parent?: string;
  name: string;
  startMs?: number;
  endMs?: number;
  error?: boolean;
  flags?: number;
  attributes?: Record<string, string | number>;
}

const BASE_NANOS = 1_795_000_000_000_000_000n;

export function otlpLine(spans: RawSpan[], service = "svc", traceId = "a".repeat(32)): string {
  return `${JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: service } }] },
        scopeSpans: [
          {
            scope: { name: "hand-written" },
            spans: spans.map((span, i) => ({
              traceId: span.trace ?? traceId,
              spanId: span.id,
              ...(span.parent ? { parentSpanId: span.parent } : {}),
              name: span.name,
              kind: 1,
              startTimeUnixNano: String(BASE_NANOS + BigInt(Math.round((span.startMs ?? i) * 1e6))),
              endTimeUnixNano: String(BASE_NANOS + BigInt(Math.round((span.endMs ?? i + 5) * 1e6))),
              attributes: Object.entries(span.attributes ?? {}).map(([key, value]) => ({ key, value: typeof value === "number" ? (Number.isInteger(value) ? { intValue: value } : { doubleValue: value }) : { stringValue: value } })),
              status: { code: span.error ? 2 : 0 },
              flags: span.flags ?? 257,
            })),
          },
        ],
      },
    ],
  })}\n`;
}

/** A 16-digit span id from a small number. */
export function spanId(n: number): string {
  return n.toString(16).padStart(16, "0");
}
