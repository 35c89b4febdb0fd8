import { turnText } from "./chat-messages.js";
import { MalformedLine, parseTraceLine } from "./otlp-json.js";
import { findSpanRecord, type SpanRecord } from "./span-record.js";
import type { SpanLocation } from "./span-summary.js";
import type { TraceIndex } from "./trace-index.js";
import type { ConversationView } from "./views.js";

/** Reads a span's line again (the server from its file, a report from its embedded lines). */
export type LineReader = (at: SpanLocation) => Promise<string | undefined>;

/** A span's full record, read from its line on demand; undefined when it is not (or no longer) there. */
export async function readSpanDetail(index: TraceIndex, readLine: LineReader, traceId: string, spanId: string): Promise<SpanRecord | undefined> {
  const at = index.locate(traceId, spanId);
  if (!at) return undefined;
  const line = await readLine(at);
  if (line === undefined) return undefined;
  try {
    const record = findSpanRecord(parseTraceLine(line), spanId);
    return record?.traceId === traceId ? record : undefined;
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
    // A turn whose own span holds no text (a root with none): its first model call's.
    if (text.input === undefined && text.output === undefined && turn.firstCall) {
      const call = await readSpanDetail(index, readLine, turn.firstCall.traceId, turn.firstCall.spanId);
      if (call) text = turnText(call);
    }
    const { at: _location, ...span } = turn.span;
    shown.push({ traceId: turn.span.traceId, span, ...text, inputTokens: turn.inputTokens, outputTokens: turn.outputTokens, cost: turn.cost });
  }
  return { conversationId, turns: shown, traces };
}
