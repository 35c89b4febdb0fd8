import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trace } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import { captureDiag } from "../helpers/diag-capture.js";

const run = promisify(execFile);
let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

describe("feedback", () => {
  it("lands in the right trace after the trace ended, under the span its ref names", async () => {
    const t = trace.start({ name: "turn", conversationId: "conv_1" });
    const msg = t.message("question");
    const ref = msg.ref();
    msg.end("answer");
    t.end();
    expect(capture.get("turn").endTime).toBeDefined();

    trace.feedback({ ref, tag: "THUMBS_UP", score: 1, label: "helpful" });
    const feedback = capture.get("feedback");
    expect(feedback.spanContext().traceId).toBe(t.spanContext().traceId);
    expect(feedback.parentSpanContext?.spanId).toBe(msg.spanContext().spanId);
    expect(feedback.attributes).toMatchObject({ "ai.feedback.tag": "THUMBS_UP", "ai.feedback.score": 1, "ai.feedback.label": "helpful", "llmtrace.span.kind": "feedback" });
  });

  it("lands in the same trace when sent from another process with the ref alone", async () => {
    const t = trace.start({ name: "turn" });
    const ref = t.ref();
    t.end();
    const { stdout } = await run(process.execPath, ["--import", "tsx", "test/fixtures/feedback-child.ts", ref], { timeout: 30_000 });
    const [span] = JSON.parse(stdout) as { name: string; traceId: string; parentSpanId: string; attributes: Record<string, unknown> }[];
    expect(span).toMatchObject({
      name: "feedback",
      traceId: t.spanContext().traceId,
      parentSpanId: t.spanContext().spanId,
      attributes: { "ai.feedback.tag": "THUMBS_DOWN", "ai.feedback.text": "wrong answer", "ai.feedback.score": 0, "ai.feedback.label": "incorrect" },
    });
  });

  it("attaches to the active span without a ref", () => {
    trace.agent({ name: "a" }, () => trace.feedback({ tag: "NOTE" }));
    expect(capture.parentOf(capture.get("feedback"))?.name).toBe("agent.a");
  });

  it("warns about a ref that is not one, and records under the active span instead", () => {
    const diagnostics = captureDiag();
    try {
      trace.feedback({ ref: "not-a-ref", tag: "X" });
      expect(diagnostics.warnings.some((w) => w.includes('feedback ref "not-a-ref" is not a reference'))).toBe(true);
      expect(capture.get("feedback").parentSpanContext).toBeUndefined();
    } finally {
      diagnostics.restore();
    }
  });
});
