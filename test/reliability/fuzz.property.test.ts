// Fuzzing every builder and decorator argument with fast-check: NaN and negative token counts,
// strings for numbers, cycles, BigInt, symbols, proxies and getters that throw, huge arrays and
// strings. Nothing may throw into the caller (other than the caller's own error), and every span
// must end and encode as a valid OTLP request — the real protobuf serializer is the judge.
import { type AttributeValue } from "@opentelemetry/api";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { agent, configureTracing, task, tool, trace, type TracingHandle, workflow } from "../../src/index.js";

let tracing: TracingHandle;
beforeAll(() => {
  tracing = configureTracing({ exporters: [{ type: "memory" }], conventions: ["ai", "gen_ai", "openinference", "traceloop", "langfuse"], logLevel: "none" }, {});
});
afterAll(async () => {
  await tracing.shutdown();
});

function cyclic(): unknown {
  const node: Record<string, unknown> = { name: "loop", list: [] };
  node["self"] = node;
  (node["list"] as unknown[]).push(node);
  return node;
}
// Both answer fast-check's own toString hook, so a failure report can print them.
const throwingProxy = () =>
  new Proxy(
    {},
    {
      get: (_target, key) => {
        if (key === fc.toStringMethod) return () => "<proxy that throws>";
        throw new Error("hostile get");
      },
      has: (_target, key) => key === fc.toStringMethod,
      ownKeys: () => {
        throw new Error("hostile keys");
      },
    },
  );
const throwingGetter = () =>
  Object.defineProperties({}, {
    inputTokens: { enumerable: true, get: () => { throw new Error("hostile getter"); } },
    [fc.toStringMethod]: { value: () => "<object whose getter throws>" },
  });

const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true, withBoxedValues: true, maxDepth: 3 }),
  fc.constantFrom(Number.NaN, -1, -0, Number.POSITIVE_INFINITY, "12", "NaN", 2n ** 70n, Symbol("s"), () => 1),
  fc.constant(undefined).map(cyclic),
  fc.constant(undefined).map(throwingProxy),
  fc.constant(undefined).map(throwingGetter),
  fc.constant(undefined).map(() => new Array(20_000).fill("x")),
  fc.constant(undefined).map(() => "y".repeat(300_000)),
);

const OPTION_KEYS = [
  "name", "model", "provider", "operation", "input", "output", "system", "temperature", "maxTokens", "topP", "topK", "seed", "stop",
  "stream", "frequencyPenalty", "presencePenalty", "parameters", "args", "callId", "query", "dataSource", "documents", "role", "content",
  "description", "id", "version", "metadata", "attributes", "usage", "cost", "finishReasons", "responseModel", "responseId", "score",
  "tag", "text", "label", "ref", "captureInput", "captureOutput", "traceStream",
] as const;
const USAGE_KEYS = ["inputTokens", "outputTokens", "totalTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens"] as const;

// A function in the options position is, by the builders' contract, the callback; not fuzzed there.
const options: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...OPTION_KEYS), hostile, { maxKeys: 8 }) },
  { weight: 2, arbitrary: fc.record({ model: fc.string(), usage: fc.dictionary(fc.constantFrom(...USAGE_KEYS), hostile) }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: hostile.filter((value) => typeof value !== "function") },
);

const BUILDERS = ["message", "tool", "generation", "agent", "retrieval", "system"] as const;
const DECORATORS = { workflow, task, agent, tool } as const;

type Call = { kind: "builder"; builder: (typeof BUILDERS)[number] } | { kind: "decorator"; name: keyof typeof DECORATORS } | { kind: "feedback" } | { kind: "start" };
const call: fc.Arbitrary<Call> = fc.oneof(
  fc.constantFrom(...BUILDERS).map((builder) => ({ kind: "builder" as const, builder })),
  fc.constantFrom(...(Object.keys(DECORATORS) as (keyof typeof DECORATORS)[])).map((name) => ({ kind: "decorator" as const, name })),
  fc.constant({ kind: "feedback" as const }),
  fc.constant({ kind: "start" as const }),
);

const OWN_ERROR = new Error("the caller's own error");

/** Runs one fuzzed call the way an application would; returns what the caller saw thrown, if anything. */
async function run(target: Call, opts: unknown, result: unknown, args: unknown[], throws: boolean): Promise<unknown> {
  try {
    const body = async (handle?: { end?: (r?: unknown) => void }) => {
      if (throws) throw OWN_ERROR;
      handle?.end?.(result);
      return result;
    };
    if (target.kind === "builder") {
      await (trace[target.builder] as (...a: unknown[]) => unknown)(opts, body);
      (trace[target.builder] as (...a: unknown[]) => { end?: (r?: unknown) => void } | undefined)(opts)?.end?.(result);
    } else if (target.kind === "decorator") {
      const wrapped = (DECORATORS[target.name] as (o: unknown, f: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown)(opts, () => body());
      await wrapped(...args);
    } else if (target.kind === "feedback") {
      trace.feedback(opts as never);
    } else {
      const handle = trace.start(opts as never);
      handle?.end?.();
    }
    return undefined;
  } catch (error) {
    return error;
  }
}

async function outcomeUntraced(result: unknown, throws: boolean): Promise<unknown> {
  try {
    await (async () => {
      if (throws) throw OWN_ERROR;
      return result;
    })();
    return undefined;
  } catch (error) {
    return error;
  }
}

const describeOutcome = (error: unknown) => (error === undefined ? "returned" : error === OWN_ERROR ? "the caller's own error" : `threw ${String((error as Error)?.message ?? error)}`);

function isValidAttributeValue(value: AttributeValue | undefined): boolean {
  if (value === undefined || value === null) return true;
  if (["string", "number", "boolean"].includes(typeof value)) return true;
  return Array.isArray(value) && value.every((item) => item === null || item === undefined || ["string", "number", "boolean"].includes(typeof item));
}

it("never throws into the caller and always exports valid spans", async () => {
  await fc.assert(
    fc.asyncProperty(call, options, hostile, fc.array(hostile, { maxLength: 3 }), fc.boolean(), async (target, opts, result, args, throws) => {
      tracing.memoryExporter!.reset();
      const seen = await run(target, opts, result, args, throws);
      // Tracing changes nothing the caller sees: the outcome is the one the same code has untraced
      // (an async function returning a value whose getters throw rejects by itself, for example).
      const untraced = target.kind === "feedback" || target.kind === "start" ? undefined : await outcomeUntraced(result, throws);
      expect(describeOutcome(seen)).toBe(describeOutcome(untraced));
      const spans = tracing.memoryExporter!.getFinishedSpans();
      expect(spans.length).toBeGreaterThan(0);
      for (const span of spans) {
        expect(span.ended).toBe(true);
        expect(typeof span.name).toBe("string");
        for (const value of Object.values(span.attributes)) expect(isValidAttributeValue(value)).toBe(true);
        for (const key of Object.keys(span.attributes).filter((k) => k.includes("tokens") || k.includes("token_count"))) {
          const tokens = span.attributes[key];
          expect(typeof tokens === "number" && Number.isInteger(tokens) && tokens >= 0, `${key}=${String(tokens)}`).toBe(true);
        }
      }
      const encoded = ProtobufTraceSerializer.serializeRequest(spans);
      expect(encoded?.byteLength ?? 0).toBeGreaterThan(0);
    }),
    {
      numRuns: Number(process.env["FUZZ_RUNS"] ?? 300),
      // Counterexamples hold 300 KB strings; keep the report readable.
      reporter: (details) => {
        if (details.failed) throw new Error(`${fc.defaultReportMessage(details)?.replace(/(.)\1{40,}/g, "$1…")?.slice(0, 3000)}\n${String((details.errorInstance as Error)?.stack ?? details.errorInstance).slice(0, 3000)}`);
      },
    },
  );
}, 600_000);
