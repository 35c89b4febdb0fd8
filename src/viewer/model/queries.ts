import { turnText } from "./chat-messages.js";
import { MalformedLine, parseTraceLine, type Value } from "./otlp-json.js";
import { findSpanRecord, type SpanRecord } from "./span-record.js";
import type { SpanLocation } from "./span-summary.js";
import type { TraceIndex } from "./trace-index.js";
import type { ConversationView } from "./views.js";

/** Reads a span's line again (the server from its file, a report from its embedded lines). */
export type LineReader = (at: SpanLocation) => Promise<string | undefined>;

/** Attribute text past this many characters is cut in a span's detail (the rest stays in the file). */
export const MAX_VALUE_CHARS = 200_000;

/** A span's full record, read from its line on demand; undefined when it is not (or no longer) there. Very long values are cut. */
export async function readSpanDetail(index: TraceIndex, readLine: LineReader, traceId: string, spanId: string): Promise<SpanRecord | undefined> {
  const at = index.locate(traceId, spanId);
  if (!at) return undefined;
  const line = await readLine(at);
  if (line === undefined) return undefined;
  try {
    const record = findSpanRecord(parseTraceLine(line), spanId);
    return record?.traceId.toLowerCase() === traceId ? capValues(record) : undefined;
  } catch (error) {
    if (error instanceof MalformedLine) return undefined;
    throw error;
  }
}

/** A conversation's turns across traces, with what each turn said and answered. */
export async function conversationView(index: TraceIndex, readLine: LineReader, conversationId: string): Promise<ConversationView> {
  const { traces, turns } = index.conversationTurns(conversationId);
  const shown: ConversationView["turns"] = [];
  for (const turn of turns) {
    const record = await readSpanDetail(index, readLine, turn.span.traceId, turn.span.spanId);
    let text = record ? turnText(record) : {};
    // What the turn's own span does not say (a root without input, a failed turn without output):
    // its first model call's, each side on its own.
    if ((text.input === undefined || text.output === undefined) && turn.firstCall && turn.firstCall !== turn.span) {
      const call = await readSpanDetail(index, readLine, turn.firstCall.traceId, turn.firstCall.spanId);
      if (call) {
        const fromCall = turnText(call);
        text = { ...fromCall, ...text };
      }
    }
    const { at: _location, ...span } = turn.span;
    const shownTurn: ConversationView["turns"][number] = { traceId: turn.span.traceId, span, ...text, inputTokens: turn.inputTokens, outputTokens: turn.outputTokens, cost: turn.cost, errors: turn.errors };
    // A failed turn says so in its own words, not as the assistant's answer.
    if (turn.span.status === 2) shownTurn.failure = turn.span.statusMessage ?? "failed";
    shown.push(shownTurn);
  }
  return { conversationId, turns: shown, traces };
}

/** Cuts string values over MAX_VALUE_CHARS: a foreign file's 60 MB attribute must not freeze the page. */
function capValues(record: SpanRecord): SpanRecord {
  const cap = (value: Value): Value => {
    if (typeof value === "string") return value.length > MAX_VALUE_CHARS ? `${value.slice(0, MAX_VALUE_CHARS)}… [${(value.length - MAX_VALUE_CHARS).toLocaleString("en-US")} more characters in the file]` : value;
    if (Array.isArray(value)) return value.map(cap);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cap(v)]));
    return value;
  };
  const capAll = (attributes: Record<string, Value>) => Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, cap(v)]));
  return { ...record, attributes: capAll(record.attributes), events: record.events.map((event) => ({ ...event, attributes: capAll(event.attributes) })) };
}
