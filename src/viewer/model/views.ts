import type { SpanSummary, ViewKind } from "./span-summary.js";

/** The answers the viewer's server (and a report's embedded data) give the UI: one contract for both. */

export interface TraceSummary {
  traceId: string;
  startMs: number;
  endMs: number;
  durationMs: number;
  service: string;
  /** The root span's name; until the root has ended, the earliest span's name. */
  rootName: string;
  rootKind: ViewKind;
  /** The root span has arrived (roots end last: a trace in progress has none yet). */
  complete: boolean;
  spanCount: number;
  /** Errors where they began (a failed span with no failed child): one exception is one error. */
  errorCount: number;
  /** Spans with status ERROR, the errors' own and those they failed on their way up. */
  failedSpans: number;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  models: string[];
  services: string[];
  conversationId?: string;
  userId?: string;
  sessionId?: string;
}

export interface ListQuery {
  text?: string;
  service?: string;
  status?: "error" | "ok";
  model?: string;
  conversation?: string;
  offset?: number;
  limit?: number;
}

export interface IndexStats {
  spans: number;
  traces: number;
  /** Lines that were not OTLP/JSON trace lines (malformed, truncated): skipped, counted here. */
  skippedLines: number;
  /** The first few skipped lines: where, and why. */
  skipped: { source: string; line: number; reason: string }[];
  /** Traces dropped from the index to stay within its span limit, oldest first. */
  evictedTraces: number;
  /** `unterminatedBytes`: a last line without its newline yet (said in `state` too). */
  sources: { path: string; spans: number; state: string; unterminatedBytes?: number }[];
  version: number;
}

export interface TraceListPage {
  total: number;
  offset: number;
  limit: number;
  traces: TraceSummary[];
  facets: { services: string[]; models: string[]; conversations: string[] };
  stats: IndexStats;
}

/** One row of the waterfall: a span in depth-first order, with its depth. */
export interface WaterfallRow {
  span: Omit<SpanSummary, "at">;
  depth: number;
  childCount: number;
  /** The span ran in another process than its parent (remote parent or another resource). */
  processBoundary: boolean;
}

export interface TraceView {
  summary: TraceSummary;
  rows: WaterfallRow[];
}

export interface ConversationTurn {
  traceId: string;
  span: Omit<SpanSummary, "at">;
  input?: string;
  output?: string;
  /** The turn's span failed: its status message ("failed" without one). */
  failure?: string;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  errors: number;
}

export interface ConversationView {
  conversationId: string;
  turns: ConversationTurn[];
  traces: TraceSummary[];
}

export interface Aggregates {
  window: { startMs: number; endMs: number; spans: number; traces: number };
  spansPerSecond: number;
  errors: { spans: number; errorSpans: number; traces: number; errorTraces: number };
  cache: { hits: number; misses: number; writes: number; hitRate: number | null };
  /** Input tokens model calls read from the providers' prompt caches, and their share of all input tokens. */
  promptCache: { readTokens: number; inputTokens: number; share: number | null };
  models: { model: string; provider: string; calls: number; inputTokens: number; outputTokens: number; cost: number; /** Calls without a cost (an unknown model, no usage): not in `cost`. */ unpriced: number }[];
  names: { name: string; kind: ViewKind; count: number; errors: number; p50: number; p95: number; max: number }[];
  throughput: { startMs: number; spans: number; errors: number }[];
}

