// Reads traces back from Jaeger's /api/v3/traces/{traceId}, which answers in OTLP/JSON — decoded by
// the same code as the test receivers' requests.
import { type ReceivedSpan, spansOfRequest } from "../helpers/otlp-decode.js";
import { eventually, getJson, JAEGER } from "./backends.js";

export async function jaegerTrace(traceId: string, count: number): Promise<ReceivedSpan[]> {
  return eventually(`${count} spans of trace ${traceId} in Jaeger`, async () => {
    const body = (await getJson(`${JAEGER.query}/api/v3/traces/${traceId}`)) as { result?: unknown } | undefined;
    const spans = spansOfRequest(body?.result);
    return spans.length >= count ? spans : undefined;
  });
}

/** The service a span came from. */
export const serviceOf = (span: ReceivedSpan): unknown => span.resource["service.name"];
