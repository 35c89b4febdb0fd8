/**
 * Where each span sits in the flame (icicle) view: a band below its parent and a box no other box
 * in its band overlaps, so spans running at the same time (siblings, a map's items) sit side by
 * side or one under the other, never on top of each other.
 *
 * Pure arithmetic on times, so it is tested without a browser and the boxes are disjoint in the
 * chart's own units (shares of the trace), whatever the width of the screen.
 */

export interface FlameSpan {
  spanId: string;
  parentSpanId?: string;
  startMs: number;
  endMs: number;
}

export interface FlameBox {
  /** 0 for the top band. */
  level: number;
  /** Share of the trace's duration, 0..1. */
  left: number;
  width: number;
}

/**
 * Spans that cross by less than this only touch: start times often come in whole milliseconds
 * (Date.now()) and end times to the nanosecond, so one step's end and the next step's start cross
 * by a fraction of a millisecond. Such a span keeps its band and is drawn from the earlier one's end.
 */
export const TOUCH_MS = 1;

/** The narrowest box, as a share of the trace, so a span of no duration can still be seen and clicked. */
export const MIN_BOX_SHARE = 0.003;

/** Lays out spans given parents first (as the waterfall lists them). */
export function flameLayout(spans: Iterable<FlameSpan>, traceStartMs: number, durationMs: number): Map<string, FlameBox> {
  const total = Math.max(durationMs, 0.001);
  const minMs = total * MIN_BOX_SHARE;
  const boxes = new Map<string, FlameBox>();
  const taken: [number, number][][] = [];
  for (const span of spans) {
    const start = Math.min(Math.max(span.startMs - traceStartMs, 0), total - minMs);
    const end = Math.min(Math.max(span.endMs - traceStartMs, start + minMs), total);
    const parent = span.parentSpanId === undefined ? undefined : boxes.get(span.parentSpanId);
    for (let level = parent === undefined ? 0 : parent.level + 1; ; level++) {
      const band = (taken[level] ??= []);
      const drawn = fit(band, start, end, minMs, total);
      if (drawn !== undefined) {
        band.push(drawn);
        boxes.set(span.spanId, { level, left: drawn[0] / total, width: (drawn[1] - drawn[0]) / total });
        break;
      }
    }
  }
  return boxes;
}

/**
 * The box [start, end] takes in a band, or undefined when it overlaps a box there by more than a
 * touch. A touch moves this box's start past the other's end (or its end before the other's start)
 * as long as it stays at least minMs wide and inside the chart.
 */
function fit(band: readonly [number, number][], start: number, end: number, minMs: number, total: number): [number, number] | undefined {
  let s = start;
  let e = end;
  // Each pass either moves an edge onto another box's edge or ends; one pass per box is enough.
  for (let pass = 0; pass <= band.length; pass++) {
    let moved = false;
    for (const [a, b] of band) {
      if (s >= b || a >= e) continue;
      if (a <= s && b - s < TOUCH_MS) {
        s = b;
        e = Math.max(e, s + minMs);
      } else if (s < a && e - a < TOUCH_MS && a - s >= minMs) {
        e = a;
      } else {
        return undefined;
      }
      moved = true;
    }
    if (!moved) return e <= total ? [s, e] : undefined;
  }
  return undefined;
}
