// traceStream over the streams the provider SDKs really hand out, against a loopback server.
import Anthropic from "@anthropic-ai/sdk";
import { MessageStream } from "@anthropic-ai/sdk/lib/MessageStream";
import { SpanStatusCode } from "@opentelemetry/api";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { trace, traceStream } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import { waitFor } from "../helpers/wait-for.js";
import { ANSWER, ANSWER_WORDS, FIRST_WORD_DELAY_MS, type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";
import { outputText } from "../helpers/output-text.js";

let capture: SpanCapture;
let server: FakeLlm;
let anthropic: Anthropic;
let openai: OpenAI;
beforeAll(async () => {
  server = await startFakeLlm();
  anthropic = new Anthropic({ apiKey: "test-key", baseURL: server.url, maxRetries: 0 });
  openai = new OpenAI({ apiKey: "test-key", baseURL: `${server.url}/v1`, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

const CLAUDE = "claude-sonnet-4-20250514";
const messages = [{ role: "user" as const, content: "Weather in Paris?" }];
// Timers may fire a millisecond early; the server's delay still bounds the time to first token.
const MIN_TTFT_MS = FIRST_WORD_DELAY_MS - 5;

/** The one llmtrace generation span (the Anthropic SDK records spans of its own beside it). */
const generationSpan = () => capture.get({ kind: "generation" });

function expectAnthropicAnswer(): void {
  const a = generationSpan().attributes;
  expect(a).toMatchObject({
    "ai.chunk_count": ANSWER_WORDS.length,
    "gen_ai.usage.input_tokens": 42,
    "gen_ai.usage.cache_read.input_tokens": 12,
    "gen_ai.usage.output_tokens": 9,
    "gen_ai.response.finish_reasons": ["end_turn"],
    "gen_ai.response.id": "msg_stream",
  });
  expect(outputText(a)).toBe(ANSWER);
  expect(Number(a["ai.time_to_first_token_ms"])).toBeGreaterThanOrEqual(MIN_TTFT_MS);
}

function expectOpenAIAnswer(): void {
  const a = generationSpan().attributes;
  expect(a).toMatchObject({
    "ai.chunk_count": ANSWER_WORDS.length,
    "gen_ai.usage.input_tokens": 42,
    "gen_ai.usage.output_tokens": 7,
    "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
    "gen_ai.response.id": "chatcmpl-stream",
  });
  expect(outputText(a)).toBe(ANSWER);
  expect(Number(a["ai.time_to_first_token_ms"])).toBeGreaterThanOrEqual(MIN_TTFT_MS);
}

async function readAllBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push(value);
  }
}

/** A stream class that keeps its state in #private fields, as the SDKs' stream classes do. */
class PrivateStream {
  #events: unknown[];
  #listeners: ((text: string) => void)[] = [];
  #read = 0;
  constructor(events: unknown[]) {
    this.#events = events;
  }
  get read(): number {
    return this.#read;
  }
  on(_event: "text", listener: (text: string) => void): this {
    this.#listeners.push(listener);
    return this;
  }
  summary(): string {
    return `${this.#events.length} events, ${this.#read} read`;
  }
  async *[Symbol.asyncIterator]() {
    for (const event of this.#events) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      this.#read++;
      const text = (event as { delta?: { text?: string } }).delta?.text;
      if (text) for (const listener of this.#listeners) listener(text);
      yield event;
    }
  }
}

const anthropicEvents = () => [
  { type: "message_start", message: { id: "msg_private", type: "message", role: "assistant", model: CLAUDE, content: [], usage: { input_tokens: 10, output_tokens: 1 } } },
  { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hi " } },
  { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "there" } },
  { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 2 } },
  { type: "message_stop" },
];

describe("a stream class with #private fields", () => {
  it("comes back as itself: its methods and getters work, chaining keeps the object, iteration is observed", async () => {
    const stream = new PrivateStream(anthropicEvents());
    const traced = traceStream(trace.generation({ model: CLAUDE }), stream);
    expect(traced).toBe(stream);
    const texts: string[] = [];
    expect(traced.on("text", (text) => texts.push(text))).toBe(stream);
    expect(traced.summary()).toBe("6 events, 0 read");
    const read: unknown[] = [];
    for await (const event of traced) read.push(event);
    expect(read).toHaveLength(6);
    expect(traced.read).toBe(6);
    expect(texts).toEqual(["Hi ", "there"]);
    expect(generationSpan().attributes).toMatchObject({ "gen_ai.output.messages": expect.stringContaining("\"content\":\"Hi there\""), "ai.chunk_count": 2, "gen_ai.usage.output_tokens": 2, "gen_ai.response.id": "msg_private" });
  });

  it("frozen: handed back behind a proxy whose methods run on the real object", async () => {
    const stream = Object.freeze(new PrivateStream(anthropicEvents()));
    const traced = traceStream(trace.generation({ model: CLAUDE }), stream);
    expect(traced).toBeInstanceOf(PrivateStream);
    const texts: string[] = [];
    expect(traced.on("text", (text) => texts.push(text))).toBe(traced);
    expect(traced.summary()).toBe("6 events, 0 read");
    for await (const _ of traced);
    expect(traced.read).toBe(6);
    expect(texts).toEqual(["Hi ", "there"]);
    expect(outputText(generationSpan().attributes)).toBe("Hi there");
  });
});

describe("Anthropic's MessageStream (client.messages.stream)", () => {
  it("finalMessage() and .on('text') work on the traced stream; the generation records output, usage and time to first token", async () => {
    const final = await trace.generation({ model: CLAUDE, provider: "anthropic" }, async (gen) => {
      const stream = anthropic.messages.stream({ model: CLAUDE, max_tokens: 100, messages });
      const traced = traceStream(gen, stream);
      expect(traced).toBe(stream);
      const texts: string[] = [];
      traced.on("text", (text) => texts.push(text));
      const message = await traced.finalMessage();
      expect(texts).toEqual(ANSWER_WORDS);
      expect(await traced.finalText()).toBe(ANSWER);
      return message;
    });
    expect(final.content).toEqual([{ type: "text", text: ANSWER }]);
    expectAnthropicAnswer();
  });

  it("returned from the generation's callback: the callback's caller gets the MessageStream, the generation ends with it", async () => {
    const stream = trace.generation({ model: CLAUDE, provider: "anthropic" }, (gen) => traceStream(gen, anthropic.messages.stream({ model: CLAUDE, max_tokens: 100, messages })));
    expect(stream).toBeInstanceOf(MessageStream);
    expect(capture.find({ kind: "generation" })).toBeUndefined();
    expect(await stream.finalText()).toBe(ANSWER);
    expectAnthropicAnswer();
  });

  it("read with for await: every event once, the same record", async () => {
    const gen = trace.generation({ model: CLAUDE, provider: "anthropic" });
    const types: string[] = [];
    for await (const event of traceStream(gen, anthropic.messages.stream({ model: CLAUDE, max_tokens: 100, messages }))) types.push(event.type);
    expect(types.filter((type) => type === "content_block_delta")).toHaveLength(ANSWER_WORDS.length);
    expect(types.at(-1)).toBe("message_stop");
    expectAnthropicAnswer();
  });

  it("the consumer stops early: the generation ends as cancelled with what was read", async () => {
    const gen = trace.generation({ model: CLAUDE });
    for await (const event of traceStream(gen, anthropic.messages.stream({ model: CLAUDE, max_tokens: 100, messages }))) {
      if (event.type === "content_block_delta") break;
    }
    // The SDK aborts the request, then emits `end`.
    await waitFor(() => capture.find({ kind: "generation" }), 5000, () => "the generation to end");
    expect(generationSpan().attributes).toMatchObject({ "ai.stream.cancelled": true, "ai.chunk_count": 1, "gen_ai.usage.input_tokens": 42 });
    expect(outputText(generationSpan().attributes)).toBe(ANSWER_WORDS[0]);
  });

  it("a failed request: finalMessage() rejects with the SDK's error and the generation records it", async () => {
    const gen = trace.generation({ model: "fail" });
    const traced = traceStream(gen, anthropic.messages.stream({ model: "fail", max_tokens: 100, messages }));
    await expect(traced.finalMessage()).rejects.toBeInstanceOf(Anthropic.BadRequestError);
    await waitFor(() => capture.find({ kind: "generation" }), 5000, () => "the generation to end");
    const span = generationSpan();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toContain("model fail does not exist");
  });

  it("toReadableStream() bytes: passed on unchanged (fromReadableStream reads them back) and decoded for the record", async () => {
    const gen = trace.generation({ model: CLAUDE, provider: "anthropic" });
    const bytes = traceStream(gen, anthropic.messages.stream({ model: CLAUDE, max_tokens: 100, messages }).toReadableStream());
    const replay = MessageStream.fromReadableStream(bytes);
    expect(await replay.finalText()).toBe(ANSWER);
    expectAnthropicAnswer();
  });
});

describe("OpenAI streams", () => {
  const request = { model: "gpt-4o-mini", messages, stream: true as const, stream_options: { include_usage: true } };

  it("Stream from create({ stream: true }): the same object, iteration observed", async () => {
    const gen = trace.generation({ model: "gpt-4o-mini", provider: "openai" });
    const stream = await openai.chat.completions.create(request);
    const traced = traceStream(gen, stream);
    expect(traced).toBe(stream);
    expect(traced.controller).toBeInstanceOf(AbortController);
    let text = "";
    for await (const chunk of traced) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe(ANSWER);
    expectOpenAIAnswer();
  });

  it("returned from an async generation callback, read by its caller: the generation ends when the caller has read it", async () => {
    const stream = await trace.generation({ model: "gpt-4o-mini", provider: "openai" }, async (gen) => traceStream(gen, await openai.chat.completions.create(request)));
    expect(capture.find({ kind: "generation" })).toBeUndefined();
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe(ANSWER);
    expectOpenAIAnswer();
  });

  it("the traced Stream's own toReadableStream() is observed too", async () => {
    const gen = trace.generation({ model: "gpt-4o-mini", provider: "openai" });
    const traced = traceStream(gen, await openai.chat.completions.create(request));
    const lines = new TextDecoder().decode(Buffer.concat(await readAllBytes(traced.toReadableStream()))).trim().split("\n");
    expect(lines).toHaveLength(ANSWER_WORDS.length + 3);
    expectOpenAIAnswer();
  });

  it("traceStream over stream.toReadableStream(): the bytes unchanged, chunks, output and time to first token recorded", async () => {
    const gen = trace.generation({ model: "gpt-4o-mini", provider: "openai" });
    const stream = await openai.chat.completions.create(request);
    const bytes = await readAllBytes(traceStream(gen, stream.toReadableStream()));
    const chunks = new TextDecoder().decode(Buffer.concat(bytes)).trim().split("\n").map((line) => JSON.parse(line) as OpenAI.ChatCompletionChunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? "").join("")).toBe(ANSWER);
    expect(chunks.at(-1)?.usage?.prompt_tokens).toBe(42);
    expectOpenAIAnswer();
  });

  it("chat.completions.stream() helper: finalChatCompletion() works, the generation is recorded from its chunk events", async () => {
    const gen = trace.generation({ model: "gpt-4o-mini", provider: "openai" });
    const helper = openai.chat.completions.stream(request);
    const traced = traceStream(gen, helper);
    expect(traced).toBe(helper);
    const completion = await traced.finalChatCompletion();
    expect(completion.choices[0]?.message.content).toBe(ANSWER);
    expectOpenAIAnswer();
  });

  it("responses.stream() helper: finalResponse() works, the generation is recorded from its events", async () => {
    const gen = trace.generation({ model: "gpt-4.1", provider: "openai" });
    const helper = openai.responses.stream({ model: "gpt-4.1", input: "Weather in Paris?" });
    expect(traceStream(gen, helper)).toBe(helper);
    const response = await helper.finalResponse();
    expect(response.output[0]).toMatchObject({ type: "message", content: [{ type: "output_text", text: ANSWER }] });
    const a = generationSpan().attributes;
    expect(outputText(a)).toBe(ANSWER);
    expect(a).toMatchObject({ "ai.chunk_count": ANSWER_WORDS.length, "gen_ai.usage.input_tokens": 42, "gen_ai.usage.output_tokens": 7, "gen_ai.response.id": "resp_stream", "gen_ai.response.model": "gpt-4.1-2025-04-14" });
    expect(outputText(a)).toBe(ANSWER);
  expect(Number(a["ai.time_to_first_token_ms"])).toBeGreaterThanOrEqual(MIN_TTFT_MS);
  });

  it("a provider's raw SSE response body (fetch), split wherever the network split it", async () => {
    const gen = trace.generation({ model: "gpt-4o-mini", provider: "openai" });
    const response = await fetch(`${server.url}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
    const bytes = await readAllBytes(traceStream(gen, response.body!));
    expect(new TextDecoder().decode(Buffer.concat(bytes))).toContain("data: [DONE]");
    expectOpenAIAnswer();
  });
});
