import type { SpanSummary } from "./span-summary.js";
import type { TraceSummary, WaterfallRow } from "./views.js";

/** How a trace's spans hang together, computed once per change of the trace. */
interface Structure {
  /** Spans in waterfall order (depth first, children by start time), each once, with its depth. */
  ordered: { span: SpanSummary; depth: number; parent: SpanSummary | undefined; childCount: number }[];
}

/**
 * The spans of one trace, with its summary computed when asked and kept until a span arrives.
 * Files are data from anywhere: a parent missing, or parents that form a cycle, never hang or hide a
 * span — such spans are drawn as roots.
 */
export class TraceEntry {
  readonly spans = new Map<string, SpanSummary>();
  private summaryCache: TraceSummary | undefined;
  private searchCache: string | undefined;

  constructor(readonly traceId: string) {}

  add(span: SpanSummary): void {
    this.spans.set(span.spanId, span);
    this.summaryCache = undefined;
    this.searchCache = undefined;
  }

  /** The trace's totals; computing them also settles which spans count a model call's usage (`countsUsage`). */
  summary(): TraceSummary {
    this.summaryCache ??= this.summarize();
    return this.summaryCache;
  }

  /** Lower-case text the list's text filter matches: ids, names, services, models, context, status messages. */
  searchText(): string {
    if (this.searchCache === undefined) {
      const words = new Set<string>([this.traceId]);
      for (const span of this.spans.values()) {
        words.add(span.name);
        words.add(span.service);
        if (span.model) words.add(span.model);
        if (span.conversationId) words.add(span.conversationId);
        if (span.userId) words.add(span.userId);
        if (span.sessionId) words.add(span.sessionId);
        if (span.statusMessage) words.add(span.statusMessage);
      }
      this.searchCache = [...words].join("\n").toLowerCase();
    }
    return this.searchCache;
  }

  /** Computed when needed and not kept: kept for every trace, it would double the index's memory. */
  private structure(): Structure {
    const children = new Map<string, SpanSummary[]>();
    const roots: SpanSummary[] = [];
    for (const span of this.spans.values()) {
      if (span.parentSpanId === undefined || span.parentSpanId === span.spanId || !this.spans.has(span.parentSpanId)) {
        roots.push(span);
        continue;
      }
      const list = children.get(span.parentSpanId);
      if (list) list.push(span);
      else children.set(span.parentSpanId, [span]);
    }
    for (const list of children.values()) list.sort(byStart);
    roots.sort(byStart);
    const ordered: Structure["ordered"] = [];
    const visited = new Set<string>();
    const walk = (root: SpanSummary) => {
      const stack: { span: SpanSummary; depth: number; parent: SpanSummary | undefined }[] = [{ span: root, depth: 0, parent: undefined }];
      while (stack.length > 0) {
        const { span, depth, parent } = stack.pop() as (typeof stack)[number];
        if (visited.has(span.spanId)) continue;
        visited.add(span.spanId);
        const kids = (children.get(span.spanId) ?? []).filter((kid) => !visited.has(kid.spanId));
        ordered.push({ span, depth, parent, childCount: kids.length });
        for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i] as SpanSummary, depth: depth + 1, parent: span });
      }
    };
    for (const root of roots) walk(root);
    // Spans no root reaches: their parents form a cycle. Each cycle is drawn from its earliest span.
    if (visited.size < this.spans.size) for (const span of [...this.spans.values()].sort(byStart)) if (!visited.has(span.spanId)) walk(span);
    return { ordered };
  }

  /**
   * Marks which spans count a model call's usage, as the metrics count it: a model call (an llmtrace
   * generation, a GenAI model operation, an OpenInference LLM or embedding span) that no other span
   * already counts (`llmtrace.usage.counted_on`). llmtrace's pipeline marks nested calls in the
   * files it writes; in other tools' files, a call inside another model call (a framework's model
   * span around the provider's) is left to the outer one. llmtrace's own generations always count,
   * as in the metrics.
   */
  private markUsage(structure: Structure): void {
    for (const { span, parent } of structure.ordered) {
      if (!span.modelCall || span.countedElsewhere) {
        span.countsUsage = false;
        continue;
      }
      let counts = true;
      if (span.ownGeneration) {
        span.countsUsage = true;
        continue;
      }
      const seen = new Set<string>([span.spanId]);
      for (let ancestor = parent; ancestor !== undefined && !seen.has(ancestor.spanId); ancestor = ancestor.parentSpanId ? this.spans.get(ancestor.parentSpanId) : undefined) {
        seen.add(ancestor.spanId);
        if (ancestor.modelCall && !ancestor.countedElsewhere) {
          counts = false;
          break;
        }
      }
      span.countsUsage = counts;
    }
  }

  private summarize(): TraceSummary {
    const structure = this.structure();
    this.markUsage(structure);
    const { ordered } = structure;
    const roots = ordered.filter((row) => row.depth === 0).map((row) => row.span);
    const trueRoot = roots.find((span) => span.parentSpanId === undefined || span.remoteParent);
    const root = trueRoot ?? roots[0];
    let startMs = Number.POSITIVE_INFINITY;
    let endMs = 0;
    let failedSpans = 0;
    let inputTokens = 0;
    let outputTokens = 0;
    let cost = 0;
    const models = new Set<string>();
    const services = new Set<string>();
    let conversationId = root?.conversationId;
    let userId = root?.userId;
    let sessionId = root?.sessionId;
    for (const span of this.spans.values()) {
      if (span.startMs < startMs) startMs = span.startMs;
      if (span.endMs > endMs) endMs = span.endMs;
      if (span.status === 2) failedSpans++;
      services.add(span.service);
      if (span.model && span.modelCall) {
        models.add(span.model);
        // Filtering by the name asked for finds the calls answered by a dated version of it.
        if (span.requestModel) models.add(span.requestModel);
      }
      if (span.countsUsage) {
        inputTokens += span.inputTokens ?? 0;
        outputTokens += span.outputTokens ?? 0;
        cost += span.cost ?? 0;
      }
      conversationId ??= span.conversationId;
      userId ??= span.userId;
      sessionId ??= span.sessionId;
    }
    if (startMs === Number.POSITIVE_INFINITY) startMs = 0;
    const summary: TraceSummary = {
      traceId: this.traceId,
      startMs,
      endMs,
      durationMs: Math.max(0, endMs - startMs),
      service: root?.service ?? "",
      rootName: root?.name ?? "",
      rootKind: root?.kind ?? "span",
      complete: trueRoot !== undefined,
      spanCount: this.spans.size,
      errorCount: failedSpans === 0 ? 0 : Math.max(1, this.errorOrigins().size),
      failedSpans,
      inputTokens,
      outputTokens,
      cost,
      models: [...models],
      services: [...services],
    };
    if (conversationId !== undefined) summary.conversationId = conversationId;
    if (userId !== undefined) summary.userId = userId;
    if (sessionId !== undefined) summary.sessionId = sessionId;
    return summary;
  }

  /** The waterfall: depth-first from the roots, children by start time. */
  rows(): WaterfallRow[] {
    this.summary();
    return this.structure().ordered.map(({ span, depth, parent, childCount }) => {
      const { at: _location, ...shown } = span;
      return { span: shown, depth, childCount, processBoundary: span.remoteParent || (parent !== undefined && parent.process !== span.process) };
    });
  }

  /**
   * The failed spans where an error began: failed, with no failed child. One exception thrown by a
   * tool fails the tool, its agent, its message and the root; it is one error, not four. (Failed
   * spans whose parents form a cycle have none: summaries count at least one error then.)
   */
  errorOrigins(): Set<SpanSummary> {
    const failedParents = new Set<string>();
    for (const span of this.spans.values()) if (span.status === 2 && span.parentSpanId !== undefined) failedParents.add(span.parentSpanId);
    const origins = new Set<SpanSummary>();
    for (const span of this.spans.values()) if (span.status === 2 && !failedParents.has(span.spanId)) origins.add(span);
    return origins;
  }

  /** The roots, in waterfall order. */
  rootSpans(): SpanSummary[] {
    return this.structure()
      .ordered.filter((row) => row.depth === 0)
      .map((row) => row.span);
  }

  /**
   * The nearest of `turns` above each span (itself included), for giving each counted model call to
   * the turn it belongs to; spans under no turn are left out.
   */
  nearestTurn(turns: ReadonlySet<string>): Map<SpanSummary, string> {
    this.summary();
    const owner = new Map<SpanSummary, string>();
    const ownerOf = new Map<string, string | undefined>();
    // Turns by start: a span under no turn (a message ended before the work it answers, which then
    // runs beside it) belongs to the last turn started before it, or the first.
    const byTime = [...turns].map((id) => this.spans.get(id)).filter((span): span is SpanSummary => span !== undefined).sort(byStart);
    const lastTurnBefore = (span: SpanSummary) => {
      let found = byTime[0];
      for (const turn of byTime) if (turn.startMs <= span.startMs) found = turn;
      return found?.spanId;
    };
    for (const { span, parent } of this.structure().ordered) {
      // Rows come parents first, so a parent's owner is known when its children are reached.
      const own = turns.has(span.spanId) ? span.spanId : parent ? ownerOf.get(parent.spanId) : undefined;
      ownerOf.set(span.spanId, own);
      const owned = own ?? (parent ? lastTurnBefore(span) : undefined);
      if (owned !== undefined) owner.set(span, owned);
    }
    return owner;
  }
}

/**
 * Start time order. Start times often come in whole milliseconds, so siblings started one after the
 * other can start "together": the one that ended first comes first (it ran first), then by id, so the
 * order never depends on the order spans arrived in.
 */
export function byStart(a: SpanSummary, b: SpanSummary): number {
  return a.startMs - b.startMs || a.endMs - b.endMs || (a.spanId < b.spanId ? -1 : a.spanId > b.spanId ? 1 : 0);
}
