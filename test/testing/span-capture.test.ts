import { trace } from "@opentelemetry/api";
import { afterEach, expect, it } from "vitest";
import { configureTracing, getActiveTracing } from "../../src/index.js";
import { captureSpans } from "../../src/testing/index.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

it("captures spans as they end, with lookups by name, pattern and predicate", () => {
  const capture = captureSpans({ attributes: { team: "ml" } });
  const tracer = trace.getTracer("t");
  tracer.startActiveSpan("workflow.answer", (root) => {
    tracer.startSpan("tool.search").end();
    tracer.startSpan("tool.fetch").end();
    root.end();
  });
  expect(capture.spans.map((s) => s.name)).toEqual(["tool.search", "tool.fetch", "workflow.answer"]);
  const root = capture.get("workflow.answer");
  expect(capture.findAll(/^tool\./)).toHaveLength(2);
  expect(capture.find((s) => s.attributes["team"] === "ml")?.name).toBe("tool.search");
  expect(capture.childrenOf(root).map((s) => s.name)).toEqual(["tool.search", "tool.fetch"]);
  expect(capture.parentOf(capture.get("tool.fetch"))).toBe(root);
  expect(capture.parentOf(root)).toBeUndefined();
  capture.reset();
  expect(capture.spans).toEqual([]);
});

it("fails a lookup clearly when the span is missing or ambiguous", () => {
  const capture = captureSpans();
  trace.getTracer("t").startSpan("a").end();
  trace.getTracer("t").startSpan("a").end();
  expect(() => capture.get("a")).toThrow('expected exactly one span matching a, found 2; captured: ["a","a"]');
  expect(() => capture.get("b")).toThrow("found 0");
});

it("refuses to start while tracing is already configured", async () => {
  const running = configureTracing({ exporters: [{ type: "none" }], logLevel: "none" }, {});
  expect(() => captureSpans()).toThrow("tracing is already configured");
  await running.shutdown();
  const capture = captureSpans();
  await capture.shutdown();
  expect(getActiveTracing()).toBeUndefined();
});
