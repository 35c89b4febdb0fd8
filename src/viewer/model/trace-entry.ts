import { hasUsage, type SpanSummary } from "./span-summary.js";
import type { TraceSummary, WaterfallRow } from "./views.js";

/** The spans of one trace, with its summary computed when asked and kept until a span arrives. */
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

  /** Roots first by start time: spans with no parent, or whose parent is not (yet) in the file. */
  private roots(): SpanSummary[] {
    const roots: SpanSummary[] = [];
    for (const span of this.spans.values()) if (span.parentSpanId === undefined || !this.spans.has(span.parentSpanId)) roots.push(span);
    return roots.sort(byStart);
  }

  private childrenByParent(): Map<string, SpanSummary[]> {
    const children = new Map<string, SpanSummary[]>();
    for (const span of this.spans.values()) {
      if (span.parentSpanId === undefined || !this.spans.has(span.parentSpanId)) continue;
      const list = children.get(span.parentSpanId);
      if (list) list.push(span);
      else children.set(span.parentSpanId, [span]);
    }
    for (const list of children.values()) list.sort(byStart);
    return children;
  }

  /** Marks which spans count a model call's usage: the outermost span carrying it (as the metrics count). */
  private markUsage(): void {
    for (const span of this.spans.values()) {
      if (!hasUsage(span) || span.countedElsewhere) {
        span.countsUsage = false;
        continue;
      }
      let counts = true;
      let parentId = span.parentSpanId;
      for (let hops = 0; parentId !== undefined && hops < 1000; hops++) {
        const parent = this.spans.get(parentId);
        if (!parent) break;
        if (hasUsage(parent) && !parent.countedElsewhere) {
          counts = false;
          break;
        }
        parentId = parent.parentSpanId;
      }
      span.countsUsage = counts;
    }
  }

  private summarize(): TraceSummary {
    this.markUsage();
    const roots = this.roots();
    const trueRoot = roots.find((span) => span.parentSpanId === undefined || span.remoteParent);
    const root = trueRoot ?? roots[0];
    let startMs = Number.POSITIVE_INFINITY;
    let endMs = 0;
    let errorCount = 0;
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
      if (span.status === 2) errorCount++;
      services.add(span.service);
      if (span.model) models.add(span.model);
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
      errorCount,
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
    const children = this.childrenByParent();
    const rows: WaterfallRow[] = [];
    const stack: { span: SpanSummary; depth: number; parent?: SpanSummary }[] = this.roots()
      .reverse()
      .map((span) => ({ span, depth: 0 }));
    while (stack.length > 0) {
      const { span, depth, parent } = stack.pop() as { span: SpanSummary; depth: number; parent?: SpanSummary };
      const kids = children.get(span.spanId) ?? [];
      const { at: _location, ...shown } = span;
      rows.push({
        span: shown,
        depth,
        childCount: kids.length,
        processBoundary: span.remoteParent || (parent !== undefined && parent.process !== span.process),
      });
      for (let i = kids.length - 1; i >= 0; i--) stack.push({ span: kids[i] as SpanSummary, depth: depth + 1, parent: span });
    }
    return rows;
  }

  /** The spans under `spanId` (itself included). */
  subtree(spanId: string): SpanSummary[] {
    const children = this.childrenByParent();
    const out: SpanSummary[] = [];
    const start = this.spans.get(spanId);
    if (!start) return out;
    const stack = [start];
    while (stack.length > 0) {
      const span = stack.pop() as SpanSummary;
      out.push(span);
      stack.push(...(children.get(span.spanId) ?? []));
    }
    return out;
  }
}

export function byStart(a: SpanSummary, b: SpanSummary): number {
  return a.startMs - b.startMs;
}
