import { formatCost, formatCount, formatDuration, formatTime } from "../format.js";
import { conversationHref, traceHref } from "../router.js";
import { useData } from "../use-data.js";
import { ErrorBox, KindBadge, Pill, plural } from "./common.js";
import { Flame } from "./flame.js";
import { SpanDetail } from "./span-detail.js";
import { Waterfall } from "./waterfall.js";

export function TracePage({ traceId, spanId, params }: { traceId: string; spanId: string | undefined; params: URLSearchParams }) {
  const { value: view, error, loading } = useData(`trace:${traceId}`, (source) => source.trace(traceId));
  const mode = params.get("view") === "flame" ? "flame" : "waterfall";
  if (error) return <ErrorBox message={error} />;
  if (!view) return <p class="empty">{loading ? "Loading…" : `Trace ${traceId} is not in the files (yet).`}</p>;
  const { summary, rows } = view;
  const select = (id: string) => location.replace(traceHref(traceId, id, mode === "flame" ? "flame" : undefined));
  const chart = { summary, rows, selected: spanId, onSelect: select };
  return (
    <section class="trace-page">
      <header class="trace-header" data-testid="trace-header">
        <h1><KindBadge kind={summary.rootKind} /> {summary.rootName} {!summary.complete && <Pill tone="live">in progress</Pill>}</h1>
        <div class="facts">
          <span>{formatTime(summary.startMs)}</span>
          <span>{summary.service}{summary.services.length > 1 ? ` + ${summary.services.length - 1} more` : ""}</span>
          <span>{formatDuration(summary.durationMs)}</span>
          <span data-testid="trace-span-count">{summary.spanCount} spans</span>
          <span data-testid="trace-tokens">{summary.inputTokens + summary.outputTokens > 0 ? `${formatCount(summary.inputTokens)} → ${formatCount(summary.outputTokens)} tokens` : "no tokens"}</span>
          <span data-testid="trace-cost">{summary.cost > 0 ? formatCost(summary.cost) : "no cost"}</span>
          {summary.errorCount > 0 && <Pill tone="error" title={`${plural(summary.failedSpans, "span")} failed: where the error began and those it failed on its way up`}>{plural(summary.errorCount, "error")}</Pill>}
          {summary.conversationId && <a href={conversationHref(summary.conversationId)}>conversation {summary.conversationId}</a>}
          {summary.userId && <span>user {summary.userId}</span>}
          <span class="meta">trace {summary.traceId}</span>
        </div>
        <nav class="tabs">
          <a class={mode === "waterfall" ? "active" : ""} href={traceHref(traceId, spanId)}>Waterfall</a>
          <a class={mode === "flame" ? "active" : ""} href={traceHref(traceId, spanId, "flame")} data-testid="flame-tab">Flame</a>
        </nav>
      </header>
      <div class="split">
        <div class="chart">{mode === "flame" ? <Flame {...chart} /> : <Waterfall {...chart} />}</div>
        <aside class="detail">{spanId ? <SpanDetail traceId={traceId} spanId={spanId} /> : <p class="empty">Select a span to see its attributes, messages and events.</p>}</aside>
      </div>
    </section>
  );
}
