import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trace } from "../../src/index.js";
import { pendingRootCount } from "../../src/spans/pending-roots.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";

let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const millis = (time: readonly [number, number]) => time[0] * 1000 + time[1] / 1e6;

describe("trace.start(options, fn): the callback form", () => {
  it("ends the root when fn settles, with fn's value as output, whatever awaits happen between children", async () => {
    const answer = await trace.start({ name: "turn", conversationId: "c1" }, async (t) => {
      t.message("one").end();
      await sleep(30); // an untraced await: a database call
      t.message("two").end();
      return "done";
    });
    expect(answer).toBe("done");
    const root = capture.get("turn");
    expect(root.attributes["ai.output"]).toBe("done");
    expect(capture.childrenOf(root).map((s) => s.name)).toEqual(["message", "message"]);
    expect(millis(root.endTime)).toBeGreaterThanOrEqual(millis(capture.findAll("message")[1]!.endTime));
  });

  it("makes the root the active span, so trace.<kind>() inside nests under it", () => {
    trace.start({ name: "job" }, () => trace.tool({ name: "t" }).end());
    expect(capture.parentOf(capture.get("tool.t"))?.name).toBe("job");
  });

  it("records a thrown error on the root and rethrows it", async () => {
    await expect(
      trace.start({ name: "failing" }, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(capture.get("failing").status.code).toBe(2);
  });
});

describe("trace.start(options): the handle form nobody ends", () => {
  it.each([20, 500])("keeps one root across an untraced await of %i ms between children, ending after the last child", async (gap) => {
    const t = trace.start({ name: "turn" });
    t.message("one").end();
    await sleep(gap);
    t.message("two").end();
    expect(capture.find("turn")).toBeUndefined();
    await capture.flush();
    const root = capture.get("turn");
    const messages = capture.findAll("message");
    expect(messages.map((m) => capture.parentOf(m)?.name)).toEqual(["turn", "turn"]);
    expect(millis(root.endTime)).toBeCloseTo(millis(messages[1]!.endTime), 3);
  });

  it("ends on its own after the idle period, at the last child's end time", async () => {
    const t = trace.start({ name: "turn", idleTimeoutMillis: 40 });
    t.message("one").end();
    await sleep(15);
    t.message("two").end("late");
    await sleep(25);
    // Idle 25 ms of 40 since the second message: still open.
    expect(capture.find("turn")).toBeUndefined();
    await sleep(40);
    const root = capture.get("turn");
    expect(millis(root.endTime)).toBeCloseTo(millis(capture.findAll("message")[1]!.endTime), 3);
    expect(pendingRootCount()).toBe(0);
  });

  it("ends a trace whose only span is still open only after that span ends", async () => {
    const t = trace.start({ name: "turn", idleTimeoutMillis: 10 });
    const slow = t.tool({ name: "slow" });
    await sleep(40);
    expect(capture.find("turn")).toBeUndefined();
    slow.end();
    await sleep(30);
    expect(capture.get("turn")).toBeDefined();
  });

  it("ends at t.end(output) when the application calls it, before the idle period", () => {
    const t = trace.start({ name: "turn" });
    t.message("hi").end();
    t.end("bye");
    expect(capture.get("turn").attributes["ai.output"]).toBe("bye");
    expect(pendingRootCount()).toBe(0);
  });

  it("holds nothing for a server that starts a trace per request and never ends them", async () => {
    const before = pendingRootCount();
    for (let i = 0; i < 2000; i++) {
      const t = trace.start({ name: "request", idleTimeoutMillis: 20 });
      t.message(`req ${i}`).end();
    }
    expect(pendingRootCount()).toBe(before + 2000);
    await sleep(80);
    expect(pendingRootCount()).toBe(before);
    expect(capture.findAll("request")).toHaveLength(2000);
  });

  it("with idleTimeoutMillis: Infinity, waits for end() or a flush, never a timer", async () => {
    const t = trace.start({ name: "long", idleTimeoutMillis: Number.POSITIVE_INFINITY });
    t.message("hi").end();
    await sleep(30);
    expect(capture.find("long")).toBeUndefined();
    await capture.flush();
    expect(millis(capture.get("long").endTime)).toBeCloseTo(millis(capture.get("message").endTime), 3);
    expect(pendingRootCount()).toBe(0);
  });

  it("a flush while a span is open leaves the root open, and it still ends on its own afterwards", async () => {
    const t = trace.start({ name: "turn", idleTimeoutMillis: 20 });
    t.message("one").end();
    const open = t.tool({ name: "slow" });
    await capture.flush();
    expect(capture.find("turn")).toBeUndefined();
    open.end();
    await sleep(60);
    expect(capture.get("turn")).toBeDefined();
  });

  it("ends a trace in which no span was ever started", async () => {
    trace.start({ name: "empty", idleTimeoutMillis: 10 });
    await sleep(40);
    expect(capture.get("empty")).toBeDefined();
  });
});
