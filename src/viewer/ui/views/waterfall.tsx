import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { TraceSummary, WaterfallRow } from "../../model/views.js";
import { formatCost, formatCount, formatDuration } from "../format.js";
import { KindBadge, Pill, TimeTicks } from "./common.js";

/** Rows with collapsed subtrees left out. */
function visibleRows(rows: WaterfallRow[], collapsed: Set<string>): WaterfallRow[] {
  const shown: WaterfallRow[] = [];
  let hideBelow = -1;
  for (const row of rows) {
    if (hideBelow >= 0 && row.depth > hideBelow) continue;
    hideBelow = collapsed.has(row.span.spanId) ? row.depth : -1;
    shown.push(row);
  }
  return shown;
}

export function SpanPills({ row }: { row: WaterfallRow }) {
  const { span } = row;
  return (
    <>
      {row.processBoundary && <Pill tone="remote" title={`another process: ${span.process}`}>⇢ {span.service}</Pill>}
      {span.cache === "hit" && <Pill tone="cached" title="served from a cache">cached</Pill>}
      {span.status === 2 && <Pill tone="error" title={span.statusMessage ?? "error"}>error</Pill>}
      {span.inputTokens !== undefined || span.outputTokens !== undefined ? <span class="meta">{formatCount(span.inputTokens ?? 0)}→{formatCount(span.outputTokens ?? 0)} tok</span> : null}
      {span.cost !== undefined && span.cost > 0 && <span class="meta">{formatCost(span.cost)}</span>}
    </>
  );
}

/**
 * A bar's duration reads after the bar; before it when the bar reaches the right edge; inside it,
 * at its end, when the bar fills the track (before it would run into the label column).
 */
function Duration({ left, width, millis }: { left: number; width: number; millis: number }) {
  const text = formatDuration(millis);
  if (left + width <= 80) return <span class="duration" style={{ left: `${left + width}%` }}>{text}</span>;
  if (left >= 15) return <span class="duration" style={{ right: `${100 - left}%` }}>{text}</span>;
  return <span class="duration inside" style={{ right: `${Math.max(0, 100 - left - width)}%` }}>{text}</span>;
}

/** Every row is this tall (CSS .waterfall .row), so which rows are on screen follows from the scroll position. */
const ROW_PX = 24;
/** Rows drawn above and below the screen, so scrolling shows drawn rows. */
const OVERSCAN = 30;

/**
 * The rows on screen: a trace of thousands of spans draws only what the window shows (as many DOM
 * rows as fit, not one per span), so it renders as fast as a small one.
 */
function useRowsOnScreen(count: number): { ref: { current: HTMLDivElement | null }; start: number; end: number } {
  const ref = useRef<HTMLDivElement | null>(null);
  const [range, setRange] = useState({ start: 0, end: Math.min(count, 80) });
  useEffect(() => {
    const update = () => {
      const top = ref.current?.getBoundingClientRect().top ?? 0;
      const start = Math.max(0, Math.floor(-top / ROW_PX) - OVERSCAN);
      const end = Math.min(count, Math.ceil((window.innerHeight - top) / ROW_PX) + OVERSCAN);
      setRange((old) => (old.start === start && old.end === end ? old : { start, end }));
    };
    update();
    window.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    return () => {
      window.removeEventListener("scroll", update);
      window.removeEventListener("resize", update);
    };
  }, [count]);
  return { ref, ...range };
}

export function Waterfall({ summary, rows, selected, onSelect }: { summary: TraceSummary; rows: WaterfallRow[]; selected: string | undefined; onSelect: (spanId: string) => void }) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const shown = useMemo(() => visibleRows(rows, collapsed), [rows, collapsed]);
  const { ref, start, end } = useRowsOnScreen(shown.length);
  // Opened on a span (a link from a conversation): scroll it into view once.
  const scrolledTo = useRef(false);
  useEffect(() => {
    if (scrolledTo.current || !selected || !ref.current) return;
    scrolledTo.current = true;
    const index = shown.findIndex((row) => row.span.spanId === selected);
    const rowTop = ref.current.getBoundingClientRect().top + index * ROW_PX;
    if (index >= 0 && (rowTop < 0 || rowTop > window.innerHeight - ROW_PX)) window.scrollTo({ top: window.scrollY + rowTop - window.innerHeight / 3 });
  }, [selected, shown]);
  const total = Math.max(summary.durationMs, 0.001);
  const toggle = (spanId: string) => {
    const next = new Set(collapsed);
    if (next.has(spanId)) next.delete(spanId);
    else next.add(spanId);
    setCollapsed(next);
  };
  return (
    <div class="waterfall" data-testid="waterfall" data-row-count={rows.length} data-shown-count={shown.length}>
      <div class="ruler">
        <span />
        <TimeTicks totalMs={total} />
      </div>
      <div class="rows" ref={ref} style={{ height: `${shown.length * ROW_PX}px` }}>
      {shown.slice(start, end).map((row, i) => {
        const { span } = row;
        const left = ((span.startMs - summary.startMs) / total) * 100;
        const width = Math.max(0.2, ((span.endMs - span.startMs) / total) * 100);
        return (
          <div
            key={span.spanId}
            class={`row${span.spanId === selected ? " selected" : ""}${span.status === 2 ? " is-error" : ""}`}
            data-testid="span-row"
            data-span-id={span.spanId}
            data-depth={row.depth}
            data-kind={span.kind}
            data-name={span.name}
            data-index={start + i}
            style={{ top: `${(start + i) * ROW_PX}px` }}
            onClick={() => onSelect(span.spanId)}
          >
            <div class="label" style={{ paddingLeft: `${row.depth * 14 + 4}px` }}>
              {row.childCount > 0 ? (
                <button type="button" class="toggle" aria-label={collapsed.has(span.spanId) ? "expand" : "collapse"} onClick={(e) => { e.stopPropagation(); toggle(span.spanId); }}>
                  {collapsed.has(span.spanId) ? "▸" : "▾"}
                </button>
              ) : <span class="toggle" />}
              <KindBadge kind={span.kind} />
              <span class="name" title={span.name}>{span.name}</span>
              <span class="extras"><SpanPills row={row} /></span>
            </div>
            <div class="track">
              <div class={`bar bar-${span.kind}${span.status === 2 ? " bar-error" : ""}${span.cache === "hit" ? " bar-cached" : ""}`} style={{ left: `${left}%`, width: `${width}%` }} />
              <Duration left={left} width={width} millis={span.endMs - span.startMs} />
            </div>
          </div>
        );
      })}
      </div>
    </div>
  );
}
