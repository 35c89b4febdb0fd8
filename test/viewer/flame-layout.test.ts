import { describe, expect, it } from "vitest";
import { type FlameBox, type FlameSpan, flameLayout, MIN_BOX_SHARE } from "../../src/viewer/model/flame-layout.js";

/** Pairs of boxes in one band that cover each other (in shares of the trace; 1e-9 for float error). */
function overlaps(boxes: Map<string, FlameBox>): string[] {
  const found: string[] = [];
  const list = [...boxes];
  for (const [i, [idA, a]] of list.entries()) {
    for (const [idB, b] of list.slice(i + 1)) {
      if (a.level === b.level && a.left < b.left + b.width - 1e-9 && b.left < a.left + a.width - 1e-9) found.push(`${idA}/${idB}`);
    }
  }
  return found;
}

/** A deterministic pseudo-random sequence, so a failure is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("flame layout", () => {
  it("keeps sequential steps in one band although a step starts in whole milliseconds before the last one's nanosecond end", () => {
    const spans: FlameSpan[] = [
      { spanId: "root", startMs: 0, endMs: 1000 },
      { spanId: "a", parentSpanId: "root", startMs: 0, endMs: 400.6 },
      { spanId: "b", parentSpanId: "root", startMs: 400, endMs: 999.2 },
    ];
    const boxes = flameLayout(spans, 0, 1000);
    expect([boxes.get("a")?.level, boxes.get("b")?.level]).toEqual([1, 1]);
    expect(boxes.get("b")?.left).toBeCloseTo(0.4006, 9);
    expect(overlaps(boxes)).toEqual([]);
  });

  it("draws a span of no duration just after a step (CI's case) at the narrowest width, beside the step, not on it", () => {
    // A step ending at 400.6 ms and a zero-length span at 400 ms: drawn 2 px wide from its own start it
    // covered the step's last pixels.
    const spans: FlameSpan[] = [
      { spanId: "root", startMs: 0, endMs: 1000 },
      { spanId: "step", parentSpanId: "root", startMs: 100, endMs: 400.6 },
      { spanId: "instant", parentSpanId: "root", startMs: 400, endMs: 400 },
      { spanId: "next", parentSpanId: "root", startMs: 401, endMs: 900 },
    ];
    const boxes = flameLayout(spans, 0, 1000);
    expect(overlaps(boxes)).toEqual([]);
    const instant = boxes.get("instant");
    expect(instant?.width).toBeCloseTo(MIN_BOX_SHARE, 9);
    expect(instant?.left).toBeCloseTo(0.4006, 9);
    // "next" starts inside the instant's drawn box by more than a touch: it takes the band below.
    expect([boxes.get("step")?.level, instant?.level, boxes.get("next")?.level]).toEqual([1, 1, 2]);
  });

  it("puts spans running at the same time in bands of their own, each below its parent", () => {
    const spans: FlameSpan[] = [
      { spanId: "root", startMs: 0, endMs: 100 },
      { spanId: "x", parentSpanId: "root", startMs: 0, endMs: 60 },
      { spanId: "x1", parentSpanId: "x", startMs: 5, endMs: 50 },
      { spanId: "y", parentSpanId: "root", startMs: 10, endMs: 90 },
      { spanId: "y1", parentSpanId: "y", startMs: 20, endMs: 80 },
    ];
    const boxes = flameLayout(spans, 0, 100);
    expect(Object.fromEntries([...boxes].map(([id, box]) => [id, box.level]))).toEqual({ root: 0, x: 1, x1: 2, y: 3, y1: 4 });
    expect(boxes.get("y")?.left).toBeCloseTo(0.1, 9);
    expect(boxes.get("y")?.width).toBeCloseTo(0.8, 9);
  });

  it("keeps a span of no duration at the trace's end inside the chart", () => {
    const boxes = flameLayout(
      [
        { spanId: "root", startMs: 0, endMs: 10 },
        { spanId: "last", parentSpanId: "root", startMs: 10, endMs: 10 },
      ],
      0,
      10,
    );
    const last = boxes.get("last");
    expect((last?.left ?? 0) + (last?.width ?? 0)).toBeLessThanOrEqual(1 + 1e-12);
    expect(last?.width).toBeCloseTo(MIN_BOX_SHARE, 9);
  });

  it("gives a span of no duration at the end of a short trace a band below its sibling rather than no width", () => {
    // In a 100 ms trace the narrowest box (0.3 ms) is under a touch: moved past its sibling's end it
    // would start at the chart's edge.
    const boxes = flameLayout(
      [
        { spanId: "root", startMs: 0, endMs: 100 },
        { spanId: "all", parentSpanId: "root", startMs: 0, endMs: 100 },
        { spanId: "last", parentSpanId: "root", startMs: 100, endMs: 100 },
      ],
      0,
      100,
    );
    expect(boxes.get("last")).toMatchObject({ level: 2 });
    expect(boxes.get("last")?.width).toBeCloseTo(MIN_BOX_SHARE, 9);
    expect(boxes.get("last")?.left).toBeCloseTo(1 - MIN_BOX_SHARE, 9);
    expect(overlaps(boxes)).toEqual([]);
  });

  it("never lets two boxes in a band overlap, and always draws a child below its parent, in random traces", () => {
    const next = random(20261129);
    for (let trial = 0; trial < 200; trial++) {
      // Short traces too, where the narrowest box (0.3%) is under a touch (1 ms).
      const total = trial % 2 === 0 ? 1000 : 100;
      const spans: FlameSpan[] = [{ spanId: "s0", startMs: 0, endMs: total }];
      const count = 2 + Math.floor(next() * 60);
      for (let i = 1; i < count; i++) {
        const parent = spans[Math.floor(next() * spans.length)] as FlameSpan;
        // Whole-millisecond starts, fractional ends, many spans of no or tiny duration.
        const startMs = Math.floor(parent.startMs + next() * (parent.endMs - parent.startMs));
        const length = next() < 0.3 ? next() * 2 : next() * (parent.endMs - startMs);
        spans.push({ spanId: `s${i}`, parentSpanId: parent.spanId, startMs, endMs: Math.min(startMs + length, parent.endMs) });
      }
      const boxes = flameLayout(spans, 0, total);
      expect(overlaps(boxes), `trial ${trial}`).toEqual([]);
      for (const span of spans) {
        const box = boxes.get(span.spanId) as FlameBox;
        expect(box.width).toBeGreaterThan(0);
        expect(box.left + box.width).toBeLessThanOrEqual(1 + 1e-9);
        if (span.parentSpanId !== undefined) expect(box.level).toBeGreaterThan((boxes.get(span.parentSpanId) as FlameBox).level);
      }
    }
  });
});
