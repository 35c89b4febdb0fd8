import type { TraceSummary, WaterfallRow } from "../../model/views.js";
import { formatDuration } from "../format.js";

const ROW_PX = 22;

/** An icicle chart: one band per depth, each span as wide as its time; nested pipelines read top down. */
export function Flame({ summary, rows, selected, onSelect }: { summary: TraceSummary; rows: WaterfallRow[]; selected: string | undefined; onSelect: (spanId: string) => void }) {
  const total = Math.max(summary.durationMs, 0.001);
  const depth = rows.reduce((max, row) => Math.max(max, row.depth), 0) + 1;
  return (
    <div class="flame" data-testid="flame" style={{ height: `${depth * ROW_PX}px` }}>
      {rows.map(({ span, depth: level }) => {
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
            {width > 4 ? span.name : ""}
          </div>
        );
      })}
    </div>
  );
}
