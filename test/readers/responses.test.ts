import { calcPrice } from "@pydantic/genai-prices";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { recognizeResponse, trace } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import * as fixtures from "../fixtures/providers/responses.js";

let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

function endWith(response: unknown, model = "m", provider?: string) {
  trace.generation(provider ? { model, provider } : { model }).end(response as object);
  return capture.spans.at(-1)!.attributes;
}

describe("gen.end(response) reads provider responses by shape", () => {
  it("OpenAI Chat Completions: answer, usage with cached and reasoning tokens, finish reason, model, id, cost", () => {
    const a = endWith(fixtures.openaiChatCompletion, "gpt-4o");
    expect(a).toMatchObject({
      "gen_ai.output.messages": expect.stringContaining("\"content\":\"Hello! How can I assist you today?\""),
      "gen_ai.usage.input_tokens": 1200,
      "gen_ai.usage.output_tokens": 85,
      "gen_ai.usage.cache_read.input_tokens": 1024,
      "gen_ai.usage.reasoning.output_tokens": 0,
      "ai.total_tokens": 1285,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.id": "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT",
      "gen_ai.provider.name": "openai",
    });
    const expected = calcPrice({ input_tokens: 1200, output_tokens: 85, cache_read_tokens: 1024 }, "gpt-4o-2024-08-06", { providerId: "openai" });
    expect(a["ai.cost"]).toBe(Number(expected!.total_price.toPrecision(10)));
  });

  it("OpenAI tool calls become tool-call parts of the output message", () => {
    const a = endWith(fixtures.openaiChatToolCall);
    expect(JSON.parse(String(a["gen_ai.output.messages"]))).toEqual([
      { role: "assistant", parts: [{ type: "tool_call", id: "call_abc", name: "get_weather", arguments: '{"city":"Paris"}' }], finish_reason: "tool_calls" },
    ]);
  });

  it("OpenAI Responses API: output text, reasoning tokens, status", () => {
    const a = endWith(fixtures.openaiResponse);
    expect(a).toMatchObject({
      "gen_ai.output.messages": expect.stringContaining("\"content\":\"In a peaceful grove beneath a silver moon...\""),
      "gen_ai.usage.input_tokens": 36,
      "gen_ai.usage.output_tokens": 187,
      "gen_ai.usage.reasoning.output_tokens": 128,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.response.model": "o4-mini-2025-04-16",
      "gen_ai.response.id": "resp_67ccd2bed1ec8190b14f964abc0542670bb6a6b452d3795b",
    });
  });

  it("OpenAI embeddings: count and size, not the vectors", () => {
    const a = endWith(fixtures.openaiEmbeddings);
    expect(a).toMatchObject({ "gen_ai.output.messages": expect.stringContaining("\"content\":\"2 embeddings of 3 dimensions\""), "gen_ai.usage.input_tokens": 8, "gen_ai.response.model": "text-embedding-3-small" });
    expect(JSON.stringify(a)).not.toContain("0.0023064255");
  });

  it("Anthropic Messages: cache reads and writes added to input tokens, priced as Anthropic charges", () => {
    const a = endWith(fixtures.anthropicMessage, "claude-sonnet-4-20250514");
    expect(a).toMatchObject({
      "gen_ai.output.messages": expect.stringContaining("\"content\":\"Hi! My name is Claude.\""),
      "gen_ai.usage.input_tokens": 2095 + 2051 + 5000,
      "gen_ai.usage.output_tokens": 503,
      "gen_ai.usage.cache_read.input_tokens": 5000,
      "gen_ai.usage.cache_creation.input_tokens": 2051,
      "gen_ai.response.finish_reasons": ["end_turn"],
      "gen_ai.provider.name": "anthropic",
    });
    const expected = calcPrice(
      { input_tokens: 2095 + 2051 + 5000, output_tokens: 503, cache_read_tokens: 5000, cache_write_tokens: 2051 },
      "claude-sonnet-4-20250514",
      { providerId: "anthropic" },
    );
    expect(a["ai.cost"]).toBe(Number(expected!.total_price.toPrecision(10)));
  });

  it("Anthropic tool use becomes a tool-call part", () => {
    const a = endWith(fixtures.anthropicToolUse);
    const [message] = JSON.parse(String(a["gen_ai.output.messages"])) as { parts: unknown[] }[];
    expect(message!.parts).toEqual([
      { type: "text", content: "Let me check." },
      { type: "tool_call", id: "toolu_01A09q90qw90lq917835lq9", name: "get_weather", arguments: { location: "San Francisco, CA" } },
    ]);
  });

  it("AI SDK generateText and embed results", () => {
    const text = endWith(fixtures.aiSdkGenerateText, "gpt-4o-mini", "openai");
    expect(text).toMatchObject({
      "gen_ai.output.messages": expect.stringContaining("\"content\":\"Paris is sunny.\""),
      "gen_ai.usage.input_tokens": 50,
      "gen_ai.usage.output_tokens": 7,
      "gen_ai.usage.cache_read.input_tokens": 10,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.response.model": "gpt-4o-mini",
    });
    const embed = endWith(fixtures.aiSdkEmbed);
    expect(embed).toMatchObject({ "gen_ai.output.messages": expect.stringContaining("\"content\":\"1 embedding of 4 dimensions\""), "gen_ai.usage.input_tokens": 4 });
  });

  it("lets an explicit result keep working, and records an unknown object as the output", () => {
    expect(endWith({ output: "mine", usage: { inputTokens: 1, outputTokens: 2 } })).toMatchObject({ "gen_ai.output.messages": expect.stringContaining("\"content\":\"mine\""), "ai.prompt_tokens": 1 });
    expect(endWith({ some: "object" })["gen_ai.output.messages"]).toBe('{"some":"object"}');
  });

  it("recognizes nothing it does not know, and survives hostile objects", () => {
    expect(recognizeResponse({ choices: "no" })).toBeUndefined();
    expect(recognizeResponse(42)).toBeUndefined();
    const hostile = new Proxy({}, { get: () => { throw new Error("no"); } });
    expect(recognizeResponse(hostile)).toBeUndefined();
  });
});
