import { calcPrice } from "@pydantic/genai-prices";
import { afterEach, describe, expect, it } from "vitest";
import { type TokenUsage, type TracingOptions, trace } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import { outputText } from "../helpers/output-text.js";

let capture: SpanCapture | undefined;
function capturing(options: Parameters<typeof captureSpans>[0] = {}): SpanCapture {
  capture = captureSpans(options);
  return capture;
}
afterEach(async () => {
  await capture?.shutdown();
});

describe("generation request and result", () => {
  it("records model, provider, parameters, prompt, answer, usage and response fields", () => {
    const spans = capturing();
    const gen = trace.generation({
      model: "gpt-4o",
      provider: "openai",
      input: [
        { role: "user", content: "What's the weather in Paris?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "sunny" },
      ],
      system: "You are a helpful assistant.",
      temperature: 0.2,
      maxTokens: 512,
      topP: 0.9,
      stop: ["\n\n"],
      seed: 7,
    });
    gen.end({
      output: "It's sunny in Paris.",
      usage: { inputTokens: 1200, outputTokens: 85, cacheReadTokens: 1000, reasoningTokens: 10 },
      finishReasons: ["stop"],
      responseModel: "gpt-4o-2024-08-06",
      responseId: "chatcmpl-123",
    });
    const a = spans.get("chat gpt-4o").attributes;
    expect(a).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.max_tokens": 512,
      "gen_ai.request.top_p": 0.9,
      "gen_ai.request.stop_sequences": ["\n\n"],
      "gen_ai.request.seed": 7,
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.id": "chatcmpl-123",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.usage.input_tokens": 1200,
      "gen_ai.usage.output_tokens": 85,
      "gen_ai.usage.cache_read.input_tokens": 1000,
      "gen_ai.usage.reasoning.output_tokens": 10,
      "ai.provider": "openai",
      "ai.model": "gpt-4o-2024-08-06",
      "ai.prompt_tokens": 1200,
      "ai.completion_tokens": 85,
      "ai.total_tokens": 1285,
      "ai.cached_tokens": 1000,
      "ai.reasoning_tokens": 10,
      "gen_ai.output.messages": expect.stringContaining("\"content\":\"It's sunny in Paris.\""),
    });
    expect(JSON.parse(String(a["gen_ai.input.messages"]))).toEqual([
      { role: "user", parts: [{ type: "text", content: "What's the weather in Paris?" }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "call_1", name: "weather", arguments: '{"city":"Paris"}' }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "call_1", response: "sunny" }] },
    ]);
    expect(JSON.parse(String(a["gen_ai.system_instructions"]))).toEqual([{ type: "text", content: "You are a helpful assistant." }]);
    expect(JSON.parse(String(a["gen_ai.output.messages"]))).toEqual([
      { role: "assistant", parts: [{ type: "text", content: "It's sunny in Paris." }], finish_reason: "stop" },
    ]);
    expect(typeof a["ai.duration_ms"]).toBe("number");
  });

  it("accepts a plain string as the answer", () => {
    const spans = capturing();
    trace.generation({ model: "m" }).end("just text");
    expect(outputText(spans.get("chat m").attributes)).toBe("just text");
  });

  it("ignores usage counts that are not non-negative numbers, and keeps the rest", () => {
    const spans = capturing();
    trace.generation({ model: "m" }).end({ usage: { inputTokens: Number.NaN, outputTokens: -3, totalTokens: "12" as never, cacheReadTokens: 4 } });
    const a = spans.get("chat m").attributes;
    expect(a["ai.prompt_tokens"]).toBeUndefined();
    expect(a["ai.completion_tokens"]).toBeUndefined();
    expect(a["ai.total_tokens"]).toBeUndefined();
    expect(a["ai.cached_tokens"]).toBe(4);
  });
});

describe("cost", () => {
  const priced = async (model: string, provider: string | undefined, usage: Record<string, number>, options: TracingOptions = {}) => {
    await capture?.shutdown();
    const spans = capturing(options);
    trace.generation(provider ? { model, provider } : { model }).end({ usage });
    const span = spans.get(`chat ${model}`);
    return span.attributes["ai.cost"];
  };

  it.each([
    ["gpt-4o", "openai", { inputTokens: 1200, outputTokens: 85 }],
    ["gpt-4o", "openai", { inputTokens: 150_000, outputTokens: 2000, cacheReadTokens: 100_000 }],
    ["gpt-4o-mini", undefined, { inputTokens: 3000, outputTokens: 400, cacheReadTokens: 1024 }],
    ["claude-sonnet-4-20250514", "anthropic", { inputTokens: 20_000, outputTokens: 1500, cacheReadTokens: 8000, cacheWriteTokens: 4000 }],
    ["claude-sonnet-4", undefined, { inputTokens: 5000, outputTokens: 700, cacheWriteTokens: 2000 }],
  ] as [string, string | undefined, TokenUsage][])("%s (%s) costs what @pydantic/genai-prices computes for %j", async (model, provider, usage) => {
    const expected = calcPrice(
      { input_tokens: usage.inputTokens, output_tokens: usage.outputTokens, cache_read_tokens: usage.cacheReadTokens, cache_write_tokens: usage.cacheWriteTokens },
      model,
      provider ? { providerId: provider } : {},
    );
    expect(expected).not.toBeNull();
    // To 10 significant digits: the same price without float noise.
    expect(await priced(model, provider, usage as Record<string, number>)).toBe(Number(expected!.total_price.toPrecision(10)));
  });

  it("prices cache reads and writes differently from plain input", async () => {
    const plain = Number(await priced("claude-sonnet-4-20250514", "anthropic", { inputTokens: 10_000, outputTokens: 0 }));
    const read = Number(await priced("claude-sonnet-4-20250514", "anthropic", { inputTokens: 10_000, outputTokens: 0, cacheReadTokens: 10_000 }));
    expect(read).toBeLessThan(plain);
  });

  it("writes no cost for a model the price data does not know, never a guess", async () => {
    expect(await priced("my-finetune-v3", "openai", { inputTokens: 100, outputTokens: 10 })).toBeUndefined();
  });

  it("writes no cost when the usage does not add up", async () => {
    expect(await priced("gpt-4o", "openai", { inputTokens: 10, outputTokens: 10, cacheReadTokens: 50 })).toBeUndefined();
  });

  it("lets pricing overrides win, by provider/model first and then model", async () => {
    const pricing = { "gpt-4o": { inputPerMillion: 1, outputPerMillion: 2 }, "openai/gpt-4o-mini": { inputPerMillion: 10, outputPerMillion: 20, cacheReadPerMillion: 5 } };
    expect(await priced("gpt-4o", "openai", { inputTokens: 1_000_000, outputTokens: 1_000_000 }, { pricing })).toBe(3);
    expect(await priced("gpt-4o-mini", "openai", { inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 500_000 }, { pricing })).toBe(7.5);
    expect(await priced("my-finetune-v3", undefined, { inputTokens: 1_000_000, outputTokens: 0 }, { pricing: { "my-finetune-v3": { inputPerMillion: 4, outputPerMillion: 8 } } })).toBe(4);
  });

  it("records numbers a person can read: costs to 10 significant digits, milliseconds to the microsecond", async () => {
    const spans = capturing({ pricing: { "tiny-model": { inputPerMillion: 0.1, outputPerMillion: 0.2 } } });
    const gen = trace.generation({ model: "tiny-model", stream: true });
    await new Promise((resolve) => setTimeout(resolve, 3));
    gen.chunk("a");
    gen.end({ usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } });
    const a = spans.get("chat tiny-model").attributes;
    expect(a["ai.cost"]).toBe(0.3); // 0.1 + 0.2 in floating point: 0.30000000000000004
    for (const key of ["ai.duration_ms", "ai.time_to_first_token_ms"]) {
      const value = Number(a[key]);
      expect(Math.round(value * 1000) / 1000, key).toBe(value);
    }
    const seconds = Number(a["gen_ai.response.time_to_first_chunk"]);
    expect(Math.round(seconds * 1e6) / 1e6).toBe(seconds);
  });

  it("lets an explicit cost win over any computation", () => {
    const spans = capturing();
    trace.generation({ model: "gpt-4o", provider: "openai" }).end({ usage: { inputTokens: 10, outputTokens: 10 }, cost: 0.5 });
    expect(spans.get("chat gpt-4o").attributes["ai.cost"]).toBe(0.5);
  });
});

describe("streaming", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it("records time to first token, chunk count, tokens per second and the streamed text", async () => {
    const spans = capturing();
    const gen = trace.generation({ model: "gpt-4o", provider: "openai", stream: true });
    await sleep(60); // the model "thinks" before the first chunk
    for (const piece of ["It's ", "sunny ", "in ", "Paris."]) {
      gen.chunk(piece);
      await sleep(10);
    }
    gen.end({ usage: { inputTokens: 10, outputTokens: 8 } });
    const a = spans.get("chat gpt-4o").attributes;
    expect(a["ai.stream"]).toBe(true);
    expect(a["gen_ai.request.stream"]).toBe(true);
    expect(a["ai.chunk_count"]).toBe(4);
    // Bounded below by the simulated delay; the upper side is not asserted (timers may run late).
    expect(Number(a["ai.time_to_first_token_ms"])).toBeGreaterThanOrEqual(55);
    expect(Number(a["gen_ai.response.time_to_first_chunk"])).toBeCloseTo(Number(a["ai.time_to_first_token_ms"]) / 1000, 9);
    expect(Number(a["ai.tokens_per_second"])).toBeGreaterThan(0);
    expect(Number(a["ai.tokens_per_second"])).toBeLessThanOrEqual(8 / 0.03);
    expect(outputText(a)).toBe("It's sunny in Paris.");
  });

  it("ignores chunks after the end", () => {
    const spans = capturing();
    const gen = trace.generation({ model: "m" });
    gen.chunk("a");
    gen.end();
    gen.chunk("b");
    expect(spans.get("chat m").attributes["ai.chunk_count"]).toBe(1);
  });

  it("records max_tokens only as a whole number of at least zero (a fuzz run found -1 exported)", () => {
    const spans = capturing();
    for (const maxTokens of [-1, 1.5, 256]) trace.generation({ model: `m${maxTokens}`, maxTokens }).end();
    expect(["chat m-1", "chat m1.5", "chat m256"].map((name) => spans.get(name).attributes["gen_ai.request.max_tokens"])).toEqual([undefined, undefined, 256]);
  });
});
