import { SpanStatusCode, trace } from "@opentelemetry/api";
import { afterEach, describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing } from "../../src/index.js";

afterEach(async () => {
  await getActiveTracing()?.shutdown();
});

/** Durations vary run to run; the tree's shape and labels must not. */
const withoutDurations = (text: string) => text.replace(/\d+\.\d+ (ms|s)/g, "<t>").replace(/trace [0-9a-f]{16}…/g, "trace <id>…");

function configureConsole() {
  const printed: string[] = [];
  const tracing = configureTracing(
    { serviceName: "support-bot", exporters: [{ type: "console", write: (text) => printed.push(text) }], processor: "simple", logLevel: "none" },
    {},
  );
  return { printed, tracing };
}

describe("console exporter", () => {
  it("prints each finished trace as one indented tree with key attributes", () => {
    const { printed } = configureConsole();
    const tracer = trace.getTracer("test");
    tracer.startActiveSpan("workflow.answer", { attributes: { "conversation.id": "conv_1" } }, (root) => {
      tracer.startActiveSpan("agent.support", (agent) => {
        tracer.startSpan("tool.search_docs", { attributes: { "gen_ai.tool.name": "search_docs", "conversation.id": "conv_1" } }).end();
        const gen = tracer.startSpan("chat gpt-4o", {
          attributes: {
            "gen_ai.request.model": "gpt-4o",
            "gen_ai.usage.input_tokens": 1200,
            "gen_ai.usage.output_tokens": 85,
            "ai.cost": 0.0042,
            "ai.time_to_first_token_ms": 230,
          },
        });
        gen.setStatus({ code: SpanStatusCode.ERROR, message: "rate limited" });
        gen.end();
        agent.end();
      });
      expect(printed).toEqual([]);
      root.end();
    });
    expect(printed).toHaveLength(1);
    expect(withoutDurations(printed[0]!)).toBe(
      [
        "trace <id>…  support-bot  4 spans  <t>",
        "workflow.answer  <t>  conversation=conv_1",
        "└─ agent.support  <t>",
        "   ├─ tool.search_docs  <t>  tool=search_docs",
        "   └─ chat gpt-4o  <t>  ERROR: rate limited  model=gpt-4o  tokens=1200→85  cost=$0.004200  ttft=<t>",
        "",
      ].join("\n"),
    );
  });

  it("prints interleaved traces separately, each when its root ends", () => {
    const { printed } = configureConsole();
    const tracer = trace.getTracer("test");
    const a = tracer.startSpan("a");
    const b = tracer.startSpan("b");
    b.end();
    expect(printed.map(withoutDurations)).toEqual(["trace <id>…  support-bot  1 span  <t>\nb  <t>\n"]);
    a.end();
    expect(printed).toHaveLength(2);
  });

  it("prints spans still waiting for their root on flush, marked incomplete", async () => {
    const { printed, tracing } = configureConsole();
    const tracer = trace.getTracer("test");
    tracer.startActiveSpan("root", (root) => {
      tracer.startSpan("child").end();
      void root; // the root never ends, as in a crashed request
    });
    await tracing.forceFlush();
    expect(withoutDurations(printed.join(""))).toBe("trace <id>…  support-bot  1 span  <t>  (incomplete: some spans had not ended)\nchild  <t>\n");
  });

  it("is the default exporter when none is configured", () => {
    const tracing = configureTracing({ logLevel: "none" }, {});
    expect(tracing.config.exporters).toEqual([{ type: "console", write: undefined }]);
  });
});
