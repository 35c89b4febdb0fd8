import { useMemo } from "preact/hooks";
import { flameLayout } from "../../model/flame-layout.js";
import type { TraceSummary, WaterfallRow } from "../../model/views.js";
import { formatDuration } from "../format.js";
import { TimeTicks } from "./common.js";

const ROW_PX = 22;

/** An icicle chart: each span as wide as its time, under its parent; nested pipelines read top down. */
export function Flame({ summary, rows, selected, onSelect }: { summary: TraceSummary; rows: WaterfallRow[]; selected: string | undefined; onSelect: (spanId: string) => void }) {
  const boxes = useMemo(() => flameLayout(rows.map((row) => row.span), summary.startMs, summary.durationMs), [rows, summary.startMs, summary.durationMs]);
  let depth = 1;
  for (const box of boxes.values()) depth = Math.max(depth, box.level + 1);
  return (
    <>
    <div class="flame-ruler"><TimeTicks totalMs={Math.max(summary.durationMs, 0.001)} /></div>
    <div class="flame" data-testid="flame" style={{ height: `${depth * ROW_PX}px` }}>
      {rows.map(({ span }) => {
        const box = boxes.get(span.spanId) ?? { level: 0, left: 0, width: 0 };
        const left = box.left * 100;
        const width = box.width * 100;
        return (
          <div
            key={span.spanId}
            class={`flame-box bar-${span.kind}${span.status === 2 ? " bar-error" : ""}${span.cache === "hit" ? " bar-cached" : ""}${span.spanId === selected ? " selected" : ""}`}
            data-testid="flame-box"
            data-span-id={span.spanId}
            style={{ left: `${left}%`, width: `${width}%`, top: `${box.level * ROW_PX}px` }}
            title={`${span.name} — ${formatDuration(span.endMs - span.startMs)}`}
            onClick={() => onSelect(span.spanId)}
          >
            {/* The label is clipped by its box (overflow hidden): it never widens a box onto its neighbour. */}
            {width > 4 ? <span>{span.name}</span> : null}
          </div>
        );
      })}
    </div>
    </>
  );
}
