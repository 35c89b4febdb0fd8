import { SpanStatusCode } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { trace, traceStream } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import * as fixtures from "../fixtures/providers/streams.js";
import { outputText } from "../helpers/output-text.js";

let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

async function readAll<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const chunks: T[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** A ReadableStream of `bytes` in pieces of `size`. */
function byteStream(bytes: Uint8Array, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + size));
      offset += size;
    },
  });
}

async function readBytes(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

describe("traceStream", () => {
  it("OpenAI chat chunks: passes every chunk through, records text, TTFT, usage from the final chunk", async () => {
    const gen = trace.generation({ model: "gpt-4o-mini", provider: "openai", stream: true });
    const chunks = await readAll(traceStream(gen, fixtures.streamOf(fixtures.openaiChatChunks, { delayMs: 5 })));
    expect(chunks).toEqual(fixtures.openaiChatChunks);
    const a = capture.get("chat gpt-4o-mini").attributes;
    expect(a).toMatchObject({
      "gen_ai.output.messages": expect.stringContaining("\"content\":\"It's sunny.\""),
      "ai.chunk_count": 2,
      "ai.stream": true,
      "gen_ai.usage.input_tokens": 20,
      "gen_ai.usage.output_tokens": 3,
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.response.id": "chatcmpl-1",
    });
    // Two 5 ms delays before the first content; Node's timers may fire up to a millisecond early each.
    expect(Number(a["ai.time_to_first_token_ms"])).toBeGreaterThanOrEqual(8);
    expect(typeof a["ai.cost"]).toBe("number");
  });

  it("OpenAI tool-call chunks: arguments assembled into the output message", async () => {
    const gen = trace.generation({ model: "gpt-4o" });
    await readAll(traceStream(gen, fixtures.streamOf(fixtures.openaiToolCallChunks)));
    const [message] = JSON.parse(String(capture.get("chat gpt-4o").attributes["gen_ai.output.messages"])) as { parts: unknown[] }[];
    expect(message!.parts).toEqual([{ type: "tool_call", id: "call_1", name: "get_weather", arguments: '{"city":"Paris"}' }]);
  });

  it("OpenAI Responses events: deltas as text, usage and model from response.completed", async () => {
    const gen = trace.generation({ model: "gpt-4.1" });
    await readAll(traceStream(gen, fixtures.streamOf(fixtures.openaiResponseEvents)));
    expect(capture.get("chat gpt-4.1").attributes).toMatchObject({
      "gen_ai.output.messages": expect.stringContaining("\"content\":\"Hello there\""),
      "ai.chunk_count": 2,
      "gen_ai.usage.input_tokens": 12,
      "gen_ai.usage.output_tokens": 2,
      "gen_ai.response.model": "gpt-4.1-2025-04-14",
      "gen_ai.response.id": "resp_1",
    });
  });

  it("Anthropic events: usage from message_start and message_delta, cache reads included", async () => {
    const gen = trace.generation({ model: "claude-sonnet-4-20250514" });
    await readAll(traceStream(gen, fixtures.streamOf(fixtures.anthropicEvents)));
    expect(capture.get("chat claude-sonnet-4-20250514").attributes).toMatchObject({
      "gen_ai.output.messages": expect.stringContaining("\"content\":\"Hello!\""),
      "gen_ai.usage.input_tokens": 125,
      "gen_ai.usage.cache_read.input_tokens": 100,
      "gen_ai.usage.output_tokens": 15,
      "gen_ai.response.finish_reasons": ["end_turn"],
      "gen_ai.response.id": "msg_1",
      "gen_ai.provider.name": "anthropic",
    });
  });

  it("AI SDK fullStream and textStream", async () => {
    const full = trace.generation({ model: "gpt-4o-mini", provider: "openai" });
    await readAll(traceStream(full, fixtures.streamOf(fixtures.aiSdkFullStream)));
    expect(capture.get("chat gpt-4o-mini").attributes).toMatchObject({ "gen_ai.output.messages": expect.stringContaining("\"content\":\"Sunny today.\""), "gen_ai.usage.input_tokens": 30, "gen_ai.usage.output_tokens": 4, "gen_ai.response.id": "aitxt-2" });
    capture.reset();
    const text = trace.generation({ model: "m" });
    expect(await readAll(traceStream(text, fixtures.streamOf(["a", "b", "c"])))).toEqual(["a", "b", "c"]);
    expect(capture.get("chat m").attributes).toMatchObject({ "gen_ai.output.messages": expect.stringContaining("\"content\":\"abc\""), "ai.chunk_count": 3 });
  });

  it("ReadableStream in, equivalent ReadableStream out, read with a reader", async () => {
    const source = new ReadableStream({
      start(controller) {
        for (const piece of ["x", "y"]) controller.enqueue(piece);
        controller.close();
      },
    });
    const gen = trace.generation({ model: "m" });
    const reader = traceStream(gen, source).getReader();
    expect((await reader.read()).value).toBe("x");
    expect((await reader.read()).value).toBe("y");
    expect((await reader.read()).done).toBe(true);
    expect(outputText(capture.get("chat m").attributes)).toBe("xy");
  });

  it("bytes of JSON lines (an SDK's toReadableStream()), split at every byte: the same record as the objects", async () => {
    const encoded = new TextEncoder().encode(fixtures.openaiChatChunks.map((chunk) => `${JSON.stringify(chunk)}\n`).join(""));
    for (const size of [1, 7, 64, encoded.length]) {
      capture.reset();
      const gen = trace.generation({ model: "gpt-4o-mini", provider: "openai" });
      const out = await readBytes(traceStream(gen, byteStream(encoded, size)));
      expect(Buffer.from(out).equals(Buffer.from(encoded))).toBe(true);
      expect(capture.get("chat gpt-4o-mini").attributes).toMatchObject({ "gen_ai.output.messages": expect.stringContaining("\"content\":\"It's sunny.\""), "ai.chunk_count": 2, "gen_ai.usage.input_tokens": 20, "gen_ai.response.id": "chatcmpl-1" });
    }
  });

  it("bytes of server-sent events (a provider's response body), with event lines and [DONE]", async () => {
    const sse = fixtures.anthropicEvents.map((event) => `event: ${event.type}\r\ndata: ${JSON.stringify(event)}\r\n\r\n`).join("") + "data: [DONE]\n\n";
    const gen = trace.generation({ model: "claude-sonnet-4-20250514" });
    await readBytes(traceStream(gen, byteStream(new TextEncoder().encode(sse), 5)));
    expect(capture.get("chat claude-sonnet-4-20250514").attributes).toMatchObject({ "gen_ai.output.messages": expect.stringContaining("\"content\":\"Hello!\""), "gen_ai.usage.output_tokens": 15, "gen_ai.response.id": "msg_1" });
  });

  it("bytes of plain text, even text that opens with a brace or a multi-byte character cut in two, are recorded as text", async () => {
    for (const text of ["Sunny, 21°C in Paris.", '{"city": "Paris", "sky": "sunny"} is the answer', "it's data: none"]) {
      capture.reset();
      const gen = trace.generation({ model: "m" });
      await readBytes(traceStream(gen, byteStream(new TextEncoder().encode(text), 3)));
      expect(outputText(capture.get("chat m").attributes)).toBe(text);
    }
  });

  it("records a stream that fails midway, and the consumer sees the same error", async () => {
    const gen = trace.generation({ model: "m" });
    await expect(readAll(traceStream(gen, fixtures.streamOf(fixtures.openaiChatChunks, { failAfter: 2 })))).rejects.toThrow("connection reset by peer");
    const span = capture.get("chat m");
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "connection reset by peer" });
    expect(span.attributes["ai.chunk_count"]).toBe(1);
  });

  it("ends the span when the consumer stops early, with what was read", async () => {
    const gen = trace.generation({ model: "m" });
    for await (const chunk of traceStream(gen, fixtures.streamOf(fixtures.anthropicEvents))) {
      if ((chunk as { type: string }).type === "content_block_delta") break;
    }
    expect(capture.get("chat m").attributes).toMatchObject({ "ai.stream.cancelled": true, "ai.chunk_count": 1, "gen_ai.output.messages": expect.stringContaining("\"content\":\"Hello\""), "gen_ai.usage.input_tokens": 125 });
  });

  it("keeps an SDK stream object's own methods", async () => {
    class SdkStream {
      controller = { abort: () => "aborted" };
      async *[Symbol.asyncIterator]() {
        yield* fixtures.streamOf(fixtures.openaiChatChunks);
      }
    }
    const stream = traceStream(trace.generation({ model: "m" }), new SdkStream());
    expect(stream.controller.abort()).toBe("aborted");
    expect(stream).toBeInstanceOf(SdkStream);
    await readAll(stream);
    expect(capture.get("chat m").ended).toBe(true);
  });

  it("hands back anything else untouched", () => {
    const gen = trace.generation({ model: "m" });
    const notAStream = { value: 1 };
    expect(traceStream(gen, notAStream)).toBe(notAStream);
    gen.end();
  });
});
