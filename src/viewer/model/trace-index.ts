import { MalformedLine, type OtlpSpan, parseTraceLine } from "./otlp-json.js";
import { nearestRank } from "../../conventions/nearest-rank.js";
import { countInvalidSpans, forEachSpan } from "./span-record.js";
import { describeResource, type SpanLocation, type SpanSummary, summarizeSpan } from "./span-summary.js";
import { byStart, TraceEntry } from "./trace-entry.js";
import type { Aggregates, IndexStats, ListQuery, TraceListPage, TraceSummary, TraceView } from "./views.js";

const MAX_SKIPPED_SHOWN = 20;
const MAX_PAGE = 500;
const THROUGHPUT_BUCKETS = 40;
const MAX_NAMES = 200;
const MAX_CONVERSATION_FACETS = 200;
const MAX_SHARED_STRINGS = 200_000;

/** A turn of a conversation as the index knows it; its text is read from the files. */
export interface ConversationTurnSpans {
  span: SpanSummary;
  /** The earliest model call under the turn: its text stands in when the turn's span has none. */
  firstCall?: SpanSummary;
  inputTokens: number;
  outputTokens: number;
  cost: number;
  /** Spans with an error in the turn (its own included). */
  errors: number;
}

export interface TraceIndexOptions {
  /** Past this many spans, the traces read first leave the index (counted in `stats().evictedTraces`). */
  maxSpans?: number;
  /** Told of each span that left the index, so its source can let its file go. */
  onEvicted?: (span: SpanSummary) => void;
}

/**
 * Every span of the loaded files, summarized, grouped by trace: what the traces list, the waterfall,
 * conversations and aggregates are computed from. Pure, so the server and a static report share it.
 */
export class TraceIndex {
  private readonly traces = new Map<string, TraceEntry>();
  private spanCount = 0;
  private evictedTraces = 0;
  private skippedLines = 0;
  private readonly skipped: IndexStats["skipped"] = [];
  private versionNumber = 0;
  private newestFirst: TraceSummary[] | undefined;
  private readonly maxSpans: number;
  private readonly onEvicted: ((span: SpanSummary) => void) | undefined;
  private readonly strings = new Map<string, string>();

  constructor(options: TraceIndexOptions = {}) {
    this.maxSpans = options.maxSpans ?? 1_000_000;
    this.onEvicted = options.onEvicted;
  }

  get version(): number {
    return this.versionNumber;
  }

  /** Indexes one line; a line that is not OTLP/JSON is counted as skipped. Returns the spans added. */
  addLine(line: string, at: SpanLocation, where: { source: string; line: number }): number {
    if (line.trim() === "") return 0;
    let added = 0;
    try {
      const resourceSpans = parseTraceLine(line);
      let lastResource: unknown;
      let described = { service: "", process: "" };
      forEachSpan(resourceSpans, (span, resource) => {
        if (resource !== lastResource) {
          lastResource = resource;
          described = describeResource(resource);
        }
        this.addSpan(span, described, at);
        added++;
      });
      const invalid = countInvalidSpans(resourceSpans);
      if (invalid > 0) this.skip(where, `${invalid} span(s) without a valid trace or span id (hex, 32 and 16 digits)`);
    } catch (error) {
      // Data of any shape reaches here; what it breaks is a skipped line, said plainly.
      this.skip(where, error instanceof MalformedLine ? error.message : `a span of an unexpected shape (${error instanceof Error ? error.message : String(error)})`);
    }
    return added;
  }

  /** Counts a line that could not be read (the UI shows the count and the first few). */
  skip(where: { source: string; line: number }, reason: string): void {
    this.skippedLines++;
    this.versionNumber++;
    if (this.skipped.length < MAX_SKIPPED_SHOWN) this.skipped.push({ ...where, reason });
  }

  private addSpan(span: OtlpSpan, resource: { service: string; process: string }, at: SpanLocation): void {
    const summary = summarizeSpan(span, resource, at);
    let entry = this.traces.get(summary.traceId);
    if (!entry) {
      entry = new TraceEntry(summary.traceId);
      this.traces.set(summary.traceId, entry);
    }
    this.share(summary, entry.traceId);
    const replaced = entry.spans.get(summary.spanId);
    // The same span again (a file read twice, a line repeated): the new copy replaces the old one,
    // whose source no longer holds it.
    if (replaced) this.onEvicted?.(replaced);
    else this.spanCount++;
    entry.add(summary);
    this.versionNumber++;
    this.newestFirst = undefined;
    while (this.spanCount > this.maxSpans && this.traces.size > 1) this.evictOldest();
  }

  /**
   * Spans repeat the same few strings (trace id, service, names, models, context ids): one copy of
   * each is kept, so the index grows by span, not by repeated text.
   */
  private share(summary: SpanSummary, traceId: string): void {
    summary.traceId = traceId;
    summary.service = this.shared(summary.service);
    summary.process = this.shared(summary.process);
    summary.name = this.shared(summary.name);
    if (summary.model !== undefined) summary.model = this.shared(summary.model);
    if (summary.requestModel !== undefined) summary.requestModel = this.shared(summary.requestModel);
    if (summary.provider !== undefined) summary.provider = this.shared(summary.provider);
    if (summary.conversationId !== undefined) summary.conversationId = this.shared(summary.conversationId);
    if (summary.userId !== undefined) summary.userId = this.shared(summary.userId);
    if (summary.sessionId !== undefined) summary.sessionId = this.shared(summary.sessionId);
  }

  private shared(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    // Bounded: past the limit, strings are kept as they come.
    if (this.strings.size < MAX_SHARED_STRINGS) this.strings.set(text, text);
    return text;
  }

  private evictOldest(): void {
    const oldest = this.traces.entries().next();
    if (oldest.done) return;
    this.traces.delete(oldest.value[0]);
    this.spanCount -= oldest.value[1].spans.size;
    this.evictedTraces++;
    if (this.onEvicted) for (const span of oldest.value[1].spans.values()) this.onEvicted(span);
  }

  stats(): Omit<IndexStats, "sources"> {
    return {
      spans: this.spanCount,
      traces: this.traces.size,
      skippedLines: this.skippedLines,
      skipped: [...this.skipped],
      evictedTraces: this.evictedTraces,
      version: this.versionNumber,
    };
  }

  private sortedNewestFirst(): TraceSummary[] {
    if (!this.newestFirst) {
      this.newestFirst = [...this.traces.values()].map((entry) => entry.summary());
      this.newestFirst.sort((a, b) => b.startMs - a.startMs || (a.traceId < b.traceId ? -1 : 1));
    }
    return this.newestFirst;
  }

  list(query: ListQuery, sources: IndexStats["sources"] = []): TraceListPage {
    const text = query.text?.trim().toLowerCase();
    const matches = this.sortedNewestFirst().filter((trace) => {
      if (query.service && !trace.services.includes(query.service)) return false;
      if (query.status === "error" && trace.errorCount === 0) return false;
      if (query.status === "ok" && trace.errorCount > 0) return false;
      if (query.model && !trace.models.includes(query.model)) return false;
      if (query.conversation && trace.conversationId !== query.conversation) return false;
      if (text && !(this.traces.get(trace.traceId)?.searchText().includes(text) ?? false)) return false;
      return true;
    });
    const limit = clamp(query.limit ?? 50, 1, MAX_PAGE);
    const offset = clamp(query.offset ?? 0, 0, Math.max(0, matches.length - 1));
    return {
      total: matches.length,
      offset,
      limit,
      traces: matches.slice(offset, offset + limit),
      facets: this.facets(),
      stats: { ...this.stats(), sources },
    };
  }

  private facets(): TraceListPage["facets"] {
    const services = new Set<string>();
    const models = new Set<string>();
    const conversations = new Set<string>();
    for (const trace of this.sortedNewestFirst()) {
      for (const service of trace.services) services.add(service);
      for (const model of trace.models) models.add(model);
      if (trace.conversationId && conversations.size < MAX_CONVERSATION_FACETS) conversations.add(trace.conversationId);
    }
    return { services: [...services].sort(), models: [...models].sort(), conversations: [...conversations] };
  }

  trace(traceId: string): TraceView | undefined {
    const entry = this.traces.get(traceId);
    if (!entry) return undefined;
    return { summary: entry.summary(), rows: entry.rows() };
  }

  /** Where span `spanId` of `traceId` is in the files, for reading its details. */
  locate(traceId: string, spanId: string): SpanLocation | undefined {
    return this.traces.get(traceId)?.spans.get(spanId)?.at;
  }

  /**
   * The turns of a conversation across traces, in order: its message spans, or for a trace without
   * any, the trace's root. Each model call's usage (and each error) goes to the nearest turn above
   * it (a message nested in another is a turn of its own, not counted twice); work under no turn
   * (a message handle ended before the work that answers it) to the last turn begun before it.
   */
  conversationTurns(conversationId: string): { traces: TraceSummary[]; turns: ConversationTurnSpans[] } {
    const traces: TraceSummary[] = [];
    const turns: ConversationTurnSpans[] = [];
    for (const entry of this.traces.values()) {
      const summary = entry.summary();
      let inConversation = summary.conversationId === conversationId;
      const messages: SpanSummary[] = [];
      for (const span of entry.spans.values()) {
        if (span.conversationId === conversationId) inConversation = true;
        if (span.kind === "message" && (span.conversationId ?? summary.conversationId) === conversationId) messages.push(span);
      }
      if (!inConversation) continue;
      traces.push(summary);
      const turnSpans = messages.length > 0 ? messages : entry.rootSpans().slice(0, 1);
      const byId = new Map<string, ConversationTurnSpans>(turnSpans.map((span) => [span.spanId, { span, inputTokens: 0, outputTokens: 0, cost: 0, errors: 0 }]));
      const origins = summary.errorCount > 0 ? entry.errorOrigins() : undefined;
      for (const [span, turnId] of entry.nearestTurn(new Set(byId.keys()))) {
        const turn = byId.get(turnId) as ConversationTurnSpans;
        if (origins?.has(span)) turn.errors++;
        if (span.kind === "generation" && (!turn.firstCall || span.startMs < turn.firstCall.startMs)) turn.firstCall = span;
        if (!span.countsUsage) continue;
        turn.inputTokens += span.inputTokens ?? 0;
        turn.outputTokens += span.outputTokens ?? 0;
        turn.cost += span.cost ?? 0;
      }
      turns.push(...byId.values());
    }
    traces.sort((a, b) => a.startMs - b.startMs);
    turns.sort((a, b) => byStart(a.span, b.span));
    return { traces, turns };
  }

  aggregates(): Aggregates {
    const traces = this.sortedNewestFirst();
    let startMs = Number.POSITIVE_INFINITY;
    let endMs = 0;
    let spans = 0;
    let errorSpans = 0;
    const cache = { hits: 0, misses: 0, writes: 0 };
    const promptCache = { readTokens: 0, inputTokens: 0 };
    const models = new Map<string, Aggregates["models"][number]>();
    const names = new Map<string, { kind: SpanSummary["kind"]; durations: number[]; errors: number }>();
    for (const trace of traces) {
      if (trace.startMs < startMs) startMs = trace.startMs;
      if (trace.endMs > endMs) endMs = trace.endMs;
    }
    const bucketMs = Math.max(1, (endMs - startMs) / THROUGHPUT_BUCKETS);
    const throughput = Array.from({ length: traces.length > 0 ? THROUGHPUT_BUCKETS : 0 }, (_, i) => ({ startMs: startMs + i * bucketMs, spans: 0, errors: 0 }));
    for (const entry of this.traces.values()) {
      // The summary settles which spans count usage.
      entry.summary();
      for (const span of entry.spans.values()) {
        spans++;
        const error = span.status === 2;
        if (error) errorSpans++;
        if (span.cache === "hit") cache.hits++;
        else if (span.cache === "miss") cache.misses++;
        else if (span.cache === "write") cache.writes++;
        if (span.countsUsage) {
          promptCache.readTokens += span.cacheReadTokens ?? 0;
          promptCache.inputTokens += span.inputTokens ?? 0;
          const key = `${span.model ?? "(unknown model)"}\n${span.provider ?? ""}`;
          let row = models.get(key);
          if (!row) {
            row = { model: span.model ?? "(unknown model)", provider: span.provider ?? "", calls: 0, inputTokens: 0, outputTokens: 0, cost: 0, unpriced: 0 };
            models.set(key, row);
          }
          row.calls++;
          row.inputTokens += span.inputTokens ?? 0;
          row.outputTokens += span.outputTokens ?? 0;
          row.cost += span.cost ?? 0;
          if (span.cost === undefined) row.unpriced++;
        }
        // A map's items are one row ("item <i>"), not a row per index.
        const name = span.kind === "item" ? "item <i>" : span.name;
        let byName = names.get(name);
        if (!byName) {
          byName = { kind: span.kind, durations: [], errors: 0 };
          names.set(name, byName);
        }
        byName.durations.push(span.endMs - span.startMs);
        if (error) byName.errors++;
        const bucket = throughput[Math.min(THROUGHPUT_BUCKETS - 1, Math.floor((span.endMs - startMs) / bucketMs))];
        if (bucket) {
          bucket.spans++;
          if (error) bucket.errors++;
        }
      }
    }
    const windowMs = traces.length > 0 ? endMs - startMs : 0;
    const lookups = cache.hits + cache.misses + cache.writes;
    return {
      window: { startMs: traces.length > 0 ? startMs : 0, endMs, spans, traces: traces.length },
      spansPerSecond: windowMs > 0 ? spans / (windowMs / 1000) : 0,
      errors: { spans, errorSpans, traces: traces.length, errorTraces: traces.filter((trace) => trace.errorCount > 0).length },
      cache: { ...cache, hitRate: lookups > 0 ? cache.hits / lookups : null },
      promptCache: { ...promptCache, share: promptCache.inputTokens > 0 ? promptCache.readTokens / promptCache.inputTokens : null },
      models: [...models.values()].sort((a, b) => b.cost - a.cost || b.calls - a.calls),
      names: [...names.entries()]
        .map(([name, { kind, durations, errors }]) => {
          durations.sort((a, b) => a - b);
          return { name, kind, count: durations.length, errors, p50: nearestRank(durations, 0.5), p95: nearestRank(durations, 0.95), max: durations[durations.length - 1] ?? 0 };
        })
        .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1))
        .slice(0, MAX_NAMES),
      throughput,
    };
  }
}

function clamp(value: number, low: number, high: number): number {
  if (!Number.isFinite(value)) return low;
  return Math.min(high, Math.max(low, Math.floor(value)));
}
