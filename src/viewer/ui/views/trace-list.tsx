import { useEffect, useState } from "preact/hooks";
import { filtersFromParams } from "../../model/list-query.js";
import type { ListQuery } from "../../model/views.js";
import { formatCost, formatCount, formatDuration, formatTime, shortId } from "../format.js";
import { conversationHref, listHref, traceHref } from "../router.js";
import { useData } from "../use-data.js";
import { ErrorBox, KindBadge, Pill, plural, SourceStats } from "./common.js";

const PAGE_SIZE = 50;

function queryOf(params: URLSearchParams): ListQuery {
  return { ...filtersFromParams(params), limit: PAGE_SIZE, offset: (Math.max(1, Number(params.get("page") ?? 1)) - 1) * PAGE_SIZE };
}

function withParam(params: URLSearchParams, name: string, value: string): string {
  const next = new URLSearchParams(params);
  if (value) next.set(name, value);
  else next.delete(name);
  if (name !== "page") next.delete("page");
  return listHref(next);
}

export function TraceList({ params, live }: { params: URLSearchParams; live: boolean }) {
  const query = queryOf(params);
  const { value: page, error } = useData(`list:${params}`, (source) => source.list(query));
  const [text, setText] = useState(params.get("q") ?? "");
  useEffect(() => setText(params.get("q") ?? ""), [params.get("q")]);
  useEffect(() => {
    if (text === (params.get("q") ?? "")) return;
    const timer = setTimeout(() => location.replace(withParam(params, "q", text)), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const select = (name: string, options: string[], label: string) => (
    <label>
      {label}{" "}
      <select name={name} value={params.get(name) ?? ""} onChange={(e) => (location.hash = withParam(params, name, (e.target as HTMLSelectElement).value))}>
        <option value="">all</option>
        {options.map((option) => <option key={option} value={option}>{option}</option>)}
      </select>
    </label>
  );
  const pageNumber = Math.floor((page?.offset ?? 0) / PAGE_SIZE) + 1;
  return (
    <section>
      <div class="filters">
        <input type="search" name="q" placeholder="Filter: name, id, model, user…" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} />
        {select("service", page?.facets.services ?? [], "service")}
        {select("status", ["error", "ok"], "status")}
        {select("model", page?.facets.models ?? [], "model")}
        {select("conversation", page?.facets.conversations ?? [], "conversation")}
      </div>
      {error && <ErrorBox message={error} />}
      {page && page.total === 0 && (
        <p class="empty" data-testid="empty">
          {page.stats.spans > 0 ? "No trace matches these filters." : live ? "No spans yet. Spans appear here as your application writes them: configureTracing({ exporters: [{ type: \"jsonl\" }] })." : "This report holds no spans."}
        </p>
      )}
      {page && page.total > 0 && (
        <table class="traces">
          <thead>
            <tr><th>time</th><th>service</th><th>trace</th><th class="num">duration</th><th class="num">spans</th><th class="num">tokens</th><th class="num">cost</th><th>status</th><th>conversation</th><th>user</th></tr>
          </thead>
          <tbody>
            {page.traces.map((trace) => (
              <tr key={trace.traceId} data-testid="trace-row" data-trace-id={trace.traceId} class={trace.errorCount > 0 ? "has-error" : ""} onClick={() => (location.hash = traceHref(trace.traceId))}>
                <td class="time">{formatTime(trace.startMs)}</td>
                <td>{trace.service}</td>
                <td>
                  <a href={traceHref(trace.traceId)}><KindBadge kind={trace.rootKind} /> <span class="root-name">{trace.rootName}</span></a>
                  {!trace.complete && <Pill tone="live" title="the root span has not ended yet">in progress</Pill>}
                  <span class="trace-id">{shortId(trace.traceId)}</span>
                </td>
                <td class="num">{formatDuration(trace.durationMs)}</td>
                <td class="num" data-testid="span-count">{trace.spanCount}</td>
                <td class="num" data-testid="tokens" title={`${trace.inputTokens} in, ${trace.outputTokens} out`}>{trace.inputTokens + trace.outputTokens > 0 ? `${formatCount(trace.inputTokens)} → ${formatCount(trace.outputTokens)}` : "–"}</td>
                <td class="num" data-testid="cost">{trace.cost > 0 ? formatCost(trace.cost) : "–"}</td>
                <td>{trace.errorCount > 0 ? <Pill tone="error" title={`${plural(trace.failedSpans, "span")} failed`}>{plural(trace.errorCount, "error")}</Pill> : <Pill tone="ok">ok</Pill>}</td>
                <td>{trace.conversationId ? <a href={conversationHref(trace.conversationId)} onClick={(e) => e.stopPropagation()}>{trace.conversationId}</a> : ""}</td>
                <td>{trace.userId ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {page && page.total > PAGE_SIZE && (
        <nav class="pager">
          {pageNumber > 1 ? <a href={withParam(params, "page", String(pageNumber - 1))}>← newer</a> : <span />}
          <span>{page.offset + 1}–{Math.min(page.total, page.offset + page.limit)} of {formatCount(page.total)}</span>
          {page.offset + page.limit < page.total ? <a href={withParam(params, "page", String(pageNumber + 1))}>older →</a> : <span />}
        </nav>
      )}
      {page && <SourceStats stats={page.stats} />}
    </section>
  );
}
