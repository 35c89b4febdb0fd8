import { useMemo } from "preact/hooks";
import type { TraceSummary, WaterfallRow } from "../../model/views.js";
import { formatDuration } from "../format.js";

const ROW_PX = 22;
/**
 * Spans that overlap by less than this only touch: start times often come in whole milliseconds
 * (Date.now()) and end times to the nanosecond, so one span's end and the next one's start cross
 * by a fraction of a millisecond.
 */
const TOUCH_MS = 1;

/**
 * Bands for an icicle chart: each span below its parent, in the first band where it overlaps no
 * other span, so spans running at the same time (siblings, a map's items) sit side by side or one
 * under the other, never on top of each other. Rows come parents first.
 */
function bands(rows: WaterfallRow[]): Map<string, number> {
  const band = new Map<string, number>();
  const taken: [number, number][][] = [];
  for (const { span } of rows) {
    let level = span.parentSpanId !== undefined && band.has(span.parentSpanId) ? (band.get(span.parentSpanId) as number) + 1 : 0;
    for (;; level++) {
      const intervals = (taken[level] ??= []);
      if (!intervals.some(([start, end]) => span.startMs < end - TOUCH_MS && start < span.endMs - TOUCH_MS)) {
        intervals.push([span.startMs, Math.max(span.endMs, span.startMs)]);
        break;
      }
    }
    band.set(span.spanId, level);
  }
  return band;
}

/** An icicle chart: each span as wide as its time, under its parent; nested pipelines read top down. */
export function Flame({ summary, rows, selected, onSelect }: { summary: TraceSummary; rows: WaterfallRow[]; selected: string | undefined; onSelect: (spanId: string) => void }) {
  const total = Math.max(summary.durationMs, 0.001);
  const levels = useMemo(() => bands(rows), [rows]);
  const depth = Math.max(0, ...levels.values()) + 1;
  return (
    <div class="flame" data-testid="flame" style={{ height: `${depth * ROW_PX}px` }}>
      {rows.map(({ span }) => {
        const level = levels.get(span.spanId) ?? 0;
        const left = ((span.startMs - summary.startMs) / total) * 100;
        const width = ((span.endMs - span.startMs) / total) * 100;
        return (
          <div
            key={span.spanId}
            class={`flame-box bar-${span.kind}${span.status === 2 ? " bar-error" : ""}${span.cache === "hit" ? " bar-cached" : ""}${span.spanId === selected ? " selected" : ""}`}
            data-testid="flame-box"
            data-span-id={span.spanId}
            style={{ left: `${left}%`, width: `max(2px, ${width}%)`, top: `${level * ROW_PX}px` }}
            title={`${span.name} — ${formatDuration(span.endMs - span.startMs)}`}
            onClick={() => onSelect(span.spanId)}
          >
            {/* The label's padding is inside the box: a box is exactly as wide as its span's time. */}
            {width > 4 ? <span>{span.name}</span> : null}
          </div>
        );
      })}
    </div>
  );
}
