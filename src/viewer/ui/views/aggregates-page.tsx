import { formatCost, formatCount, formatDuration, formatPercent, formatTime } from "../format.js";
import { useData } from "../use-data.js";
import { ErrorBox, KindBadge } from "./common.js";

export function AggregatesPage() {
  const { value: a, error } = useData("aggregates", (source) => source.aggregates());
  if (error) return <ErrorBox message={error} />;
  if (!a) return <p class="empty">Loading…</p>;
  const peak = Math.max(1, ...a.throughput.map((bucket) => bucket.spans));
  return (
    <section class="aggregates" data-testid="aggregates">
      <p class="meta">Over the loaded window: {formatTime(a.window.startMs)} to {formatTime(a.window.endMs)}</p>
      <div class="cards">
        <div class="card"><div class="big">{formatCount(a.window.spans)}</div>spans</div>
        <div class="card"><div class="big">{formatCount(a.window.traces)}</div>traces</div>
        <div class="card" data-testid="spans-per-second"><div class="big">{a.spansPerSecond.toFixed(a.spansPerSecond < 10 ? 2 : 0)}</div>spans per second</div>
        <div class="card" data-testid="error-rate"><div class="big">{formatPercent(a.errors.spans > 0 ? a.errors.errorSpans / a.errors.spans : null)}</div>of spans failed · {a.errors.errorTraces} of {a.errors.traces} traces with errors</div>
        <div class="card" data-testid="cache-hit-rate"><div class="big">{formatPercent(a.cache.hitRate)}</div>cache hit rate, spans marked with cache() ({a.cache.hits} hits, {a.cache.misses + a.cache.writes} misses)</div>
        <div class="card" data-testid="prompt-cache"><div class="big">{formatPercent(a.promptCache.share)}</div>of input tokens read from the providers' prompt caches ({formatCount(a.promptCache.readTokens)})</div>
      </div>
      <h3>Throughput</h3>
      <div class="throughput">
        {a.throughput.map((bucket) => (
          <div key={bucket.startMs} class="column" title={`${formatTime(bucket.startMs)}: ${bucket.spans} spans, ${bucket.errors} errors`}>
            <div class="fill" style={{ height: `${(bucket.spans / peak) * 100}%` }}><div class="fill-error" style={{ height: `${bucket.spans > 0 ? (bucket.errors / bucket.spans) * 100 : 0}%` }} /></div>
          </div>
        ))}
      </div>
      <div class="throughput-axis">
        <span>{formatTime(a.window.startMs)}</span>
        <span>spans ended per {formatDuration((a.window.endMs - a.window.startMs) / Math.max(1, a.throughput.length))} (errors in red)</span>
        <span>{formatTime(a.window.endMs)}</span>
      </div>
      <h3>Tokens and cost per model</h3>
      <table class="grid" data-testid="models">
        <thead><tr><th>model</th><th>provider</th><th class="num" title="model calls, failed ones included">calls</th><th class="num">input tokens</th><th class="num">output tokens</th><th class="num">cost</th></tr></thead>
        <tbody>
          {a.models.map((m) => (
            <tr key={`${m.model}/${m.provider}`}><td>{m.model}</td><td>{m.provider}</td><td class="num">{formatCount(m.calls)}</td><td class="num">{formatCount(m.inputTokens)}</td><td class="num">{formatCount(m.outputTokens)}</td><td class="num">{m.unpriced === m.calls ? <span title="no price for these calls (an unknown model, or no usage)">–</span> : <>{formatCost(m.cost)}{m.unpriced > 0 && <span class="meta" title="calls without a price are not in this sum"> + {m.unpriced} unpriced</span>}</>}</td></tr>
          ))}
        </tbody>
      </table>
      <h3>Duration per span name</h3>
      <table class="grid" data-testid="names">
        <thead><tr><th>span</th><th class="num">count</th><th class="num">errors</th><th class="num">p50</th><th class="num">p95</th><th class="num">max</th></tr></thead>
        <tbody>
          {a.names.map((n) => (
            <tr key={n.name}><td><KindBadge kind={n.kind} /> {n.name}</td><td class="num">{formatCount(n.count)}</td><td class="num">{n.errors > 0 ? formatCount(n.errors) : ""}</td><td class="num">{formatDuration(n.p50)}</td><td class="num">{formatDuration(n.p95)}</td><td class="num">{formatDuration(n.max)}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
