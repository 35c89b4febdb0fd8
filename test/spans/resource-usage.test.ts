// resourceUsage: true records the process's CPU, memory and file-system use over a span, on the
// builders, the decorators' function forms and trace.map; nothing is read when it is off.
import { describe, expect, it, vi } from "vitest";
import { configureTracing, tool, trace } from "../../src/index.js";
import { burnCpu } from "../helpers/burn-cpu.js";
import { useDiagAndTracing } from "../helpers/diag-capture.js";

useDiagAndTracing();

describe("resourceUsage", () => {
  it("records CPU time, heap and RSS change and file-system counts on a builder's span", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    await trace.task({ name: "crunch", resourceUsage: true }, async () => {
      burnCpu(40);
      return new Array(200_000).fill(1).map((n, i) => n + i).length;
    });
    const a = tracing.memoryExporter!.getFinishedSpans()[0]!.attributes;
    expect(Number(a["llmtrace.resource.cpu.user_ms"]) + Number(a["llmtrace.resource.cpu.system_ms"])).toBeGreaterThanOrEqual(20);
    for (const key of ["llmtrace.resource.memory.heap_delta_bytes", "llmtrace.resource.memory.rss_delta_bytes", "llmtrace.resource.io.block_reads", "llmtrace.resource.io.block_writes"]) {
      expect(typeof a[key], key).toBe("number");
    }
  });

  it("works on the decorators' function forms and trace.map, and reads nothing when off", async () => {
    const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
    const score = tool({ name: "score", resourceUsage: true }, async (n: number) => burnCpu(5) + n);
    await score(1);
    await trace.map("batch", [1, 2], async (n) => n, { resourceUsage: true });
    const spy = vi.spyOn(process, "resourceUsage");
    await trace.task({ name: "plain" }, async () => 1);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    const spans = tracing.memoryExporter!.getFinishedSpans();
    expect(spans.find((s) => s.name === "tool.score")!.attributes["llmtrace.resource.cpu.user_ms"]).toBeTypeOf("number");
    expect(spans.find((s) => s.name === "map batch")!.attributes["llmtrace.resource.cpu.user_ms"]).toBeTypeOf("number");
    expect(Object.keys(spans.find((s) => s.name === "task.plain")!.attributes).some((k) => k.startsWith("llmtrace.resource."))).toBe(false);
  });
});
