// W1's footprint beside its time: attribute bytes one turn exports, and heap still held after many
// turns and a forced garbage collection — llmtrace with defaults against raw OpenTelemetry
// recording the same information.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { type Attributes, trace as otelTrace } from "@opentelemetry/api";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { configureTracing } from "llmtrace";
import { discardExporter } from "./discard-exporter.js";
import { rawOpenTelemetry } from "./raw-baseline.js";
import { llmtraceTurn, rawTurn, uniquePromptSource } from "./w1-agent-turn.js";

export interface Footprint {
  readonly name: string;
  readonly raw: number;
  readonly llmtrace: number;
  readonly unit: string;
  readonly budget: string;
  readonly withinBudget: boolean;
}

/** Bytes of attribute keys and values (strings by length, numbers and booleans 8, arrays summed). */
function attributeBytes(attributes: Attributes): number {
  let bytes = 0;
  const size = (value: unknown): number => (typeof value === "string" ? value.length : Array.isArray(value) ? value.reduce((sum: number, v) => sum + size(v), 0) : 8);
  for (const [key, value] of Object.entries(attributes)) bytes += key.length + size(value);
  return bytes;
}

/** Attribute bytes of one W1 turn (unique text: no memo can shorten anything). */
export async function attributeBytesPerTurn(): Promise<Footprint> {
  const rawExporter = new InMemorySpanExporter();
  const rawProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(rawExporter)] });
  await rawTurn(rawProvider.getTracer("raw"), uniquePromptSource(1))();
  const raw = rawExporter.getFinishedSpans().reduce((sum, span) => sum + attributeBytes(span.attributes), 0);
  await rawProvider.shutdown();

  const tracing = configureTracing({ exporters: [{ type: "memory" }], logLevel: "none" }, {});
  await llmtraceTurn(uniquePromptSource(1))();
  await tracing.forceFlush();
  const llmtrace = tracing.memoryExporter!.getFinishedSpans().reduce((sum, span) => sum + attributeBytes(span.attributes), 0);
  await tracing.shutdown();
  return { name: "W1 attribute bytes per turn", raw, llmtrace, unit: "bytes", budget: "≤ 1.1× raw", withinBudget: llmtrace <= raw * 1.1 };
}

/** The collector, exposed at run time: `npm run bench` runs without `--expose-gc`. */
function collector(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

async function heapAfter(run: () => Promise<unknown>, turns: number, flush: () => Promise<void>): Promise<number> {
  const gc = collector();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < turns; i++) {
    await run();
    if (i % 64 === 63) await flush();
  }
  await flush();
  gc();
  gc();
  return process.memoryUsage().heapUsed - before;
}

/** Heap still held after 3000 turns of unique text (enough to fill the memo of repeated text) and a forced GC. */
export async function heapRetained(): Promise<Footprint> {
  const turns = 3000;
  const raw = rawOpenTelemetry("raw-heap");
  const rawBytes = await heapAfter(rawTurn(raw.tracer, uniquePromptSource(turns * 3)), turns, async () => {});
  await raw.shutdown();

  const tracing = configureTracing({ exporters: [discardExporter], logLevel: "none" }, {});
  const llmtraceBytes = await heapAfter(llmtraceTurn(uniquePromptSource(turns * 3)), turns, () => tracing.forceFlush());
  await tracing.shutdown();
  otelTrace.disable();
  const mb = (bytes: number) => bytes / 1024 / 1024;
  return {
    name: `W1 heap retained after ${turns} turns of unique text and a forced GC`,
    raw: mb(rawBytes),
    llmtrace: mb(llmtraceBytes),
    unit: "MB",
    budget: "≤ raw + 3 MB",
    withinBudget: mb(llmtraceBytes) <= mb(rawBytes) + 3,
  };
}

export function formatFootprint(f: Footprint): string {
  const value = (n: number) => (f.unit === "MB" ? `${n.toFixed(2)} MB` : `${Math.round(n)} ${f.unit}`);
  const ratio = f.unit === "MB" ? `difference ${(f.llmtrace - f.raw).toFixed(2)} MB` : `ratio ${(f.llmtrace / f.raw).toFixed(2)}×`;
  return [
    f.name,
    `  ${"raw OpenTelemetry, same information".padEnd(44)} ${value(f.raw).padStart(10)}`,
    `  ${"llmtrace, defaults".padEnd(44)} ${value(f.llmtrace).padStart(10)}`,
    `  ${ratio}; budget ${f.budget}: ${f.withinBudget ? "met" : "MISSED"}`,
  ].join("\n");
}
