// instrument(client): the real openai and @anthropic-ai/sdk clients against a loopback server —
// every call a generation, the client's own objects returned, one generation per model call.
import Anthropic from "@anthropic-ai/sdk";
import { SpanStatusCode } from "@opentelemetry/api";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { instrument, trace } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import { captureDiag } from "../helpers/diag-capture.js";
import { ANSWER, FIRST_WORD_DELAY_MS, type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";
import { outputText } from "../helpers/output-text.js";
import { waitFor } from "../helpers/wait-for.js";

let capture: SpanCapture;
let server: FakeLlm;
beforeAll(async () => {
  server = await startFakeLlm();
});
afterAll(() => server.close());
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

const openaiClient = () => instrument(new OpenAI({ apiKey: "test-key", baseURL: `${server.url}/v1`, maxRetries: 0 }));
const anthropicClient = () => instrument(new Anthropic({ apiKey: "test-key", baseURL: server.url, maxRetries: 0 }));
const messages = [{ role: "user" as const, content: "Weather in Paris?" }];
const generations = () => capture.spans.filter((s) => s.attributes["llmtrace.span.kind"] === "generation");
/** Streams end their generation when the last chunk is read, a little after the caller's loop. */
const untilGenerations = (count: number) =>
  waitFor(() => (generations().length >= count ? true : undefined), 5000, () => `${count} generations, have ${generations().map((s) => s.name).join(", ")}`);

describe("instrument(openai)", () => {
  it("records chat.completions.create as a generation, returning the client's own APIPromise", async () => {
    const client = openaiClient();
    const promise = client.chat.completions.create({ model: "gpt-4o-mini", messages, temperature: 0.2, max_tokens: 64 });
    const { data, response } = await promise.withResponse();
    expect(data.choices[0]?.message.content).toBe(ANSWER);
    expect(response.headers.get("x-request-id")).toBe("req_fake");
    await untilGenerations(1);
    const a = generations()[0]!.attributes;
    expect(a).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.request.temperature": 0.2,
      "gen_ai.request.max_tokens": 64,
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.usage.input_tokens": 42,
      "gen_ai.usage.output_tokens": 7,
      "gen_ai.response.finish_reasons": ["stop"],
    });
    expect(outputText(a)).toBe(ANSWER);
    expect(String(a["gen_ai.input.messages"])).toContain("Weather in Paris?");
    expect(Number(a["ai.cost"])).toBeGreaterThan(0);
  });

  it("leaves the body of asResponse() to the caller, unread, and still ends the generation", async () => {
    const client = openaiClient();
    const raw = await client.chat.completions.create({ model: "gpt-4o-mini", messages }).asResponse();
    expect(raw.bodyUsed).toBe(false);
    expect(JSON.parse(await raw.text()).choices[0].message.content).toBe(ANSWER);
    await untilGenerations(1);
    expect(generations()[0]!.attributes["gen_ai.request.model"]).toBe("gpt-4o-mini");
  });

  it("follows a stream through tee(): its generation ends once, whichever branch reads the source", async () => {
    const client = openaiClient();
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
    const [left, right] = stream.tee();
    const read = async (branch: typeof left) => {
      let text = "";
      for await (const chunk of branch) text += chunk.choices[0]?.delta?.content ?? "";
      return text;
    };
    expect(await Promise.all([read(left), read(right)])).toEqual([ANSWER, ANSWER]);
    await untilGenerations(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(generations()).toHaveLength(1);
    expect(generations()[0]!.attributes).toMatchObject({ "gen_ai.usage.input_tokens": 42, "ai.chunk_count": 4 });
  });

  it("ends the generation when the result is read through catch() or finally(), and records a failure caught there", async () => {
    const client = openaiClient();
    expect(await client.chat.completions.create({ model: "gpt-4o-mini", messages }).catch(() => null)).not.toBeNull();
    await client.chat.completions.create({ model: "gpt-4o-mini", messages }).finally(() => undefined);
    expect(await client.chat.completions.create({ model: "fail", messages }).catch(() => "caught")).toBe("caught");
    await untilGenerations(3);
    expect(generations().filter((s) => s.status.code === SpanStatusCode.ERROR)).toHaveLength(1);
  });

  it("records responses.parse(), which derives its own promise from create()", async () => {
    const client = openaiClient();
    const parsed = await client.responses.parse({ model: "gpt-4.1", input: "Weather in Paris?" });
    expect(JSON.stringify(parsed.output)).toContain(ANSWER);
    await untilGenerations(1);
    expect(generations()[0]!.attributes["gen_ai.usage.input_tokens"]).toBe(42);
  });

  it("ends the generation of a stream aborted before it is read", async () => {
    const client = openaiClient();
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    stream.controller.abort();
    await untilGenerations(1);
    expect(generations()[0]!.attributes["ai.stream.cancelled"]).toBe(true);
  });

  it("records a model call made by a tool inside a generation: only the generation's own call is it", async () => {
    const client = openaiClient();
    await trace.generation({ model: "gpt-4o-mini", provider: "openai" }, async (gen) => {
      await trace.tool({ name: "summarize" }, () => client.chat.completions.create({ model: "gpt-4o-mini", messages }));
      gen.end({ output: "done", usage: { inputTokens: 1, outputTokens: 1 } });
    });
    await untilGenerations(2);
    expect(generations().map((s) => s.attributes["gen_ai.usage.input_tokens"]).sort()).toEqual([1, 42]);
  });

  it("records a streamed call when the stream is read, with the time to first token; the stream is the client's own", async () => {
    const client = openaiClient();
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true, stream_options: { include_usage: true } });
    expect(typeof stream.controller.abort).toBe("function");
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
    expect(text).toBe(ANSWER);
    await untilGenerations(1);
    const a = generations()[0]!.attributes;
    expect(a).toMatchObject({ "gen_ai.request.stream": true, "gen_ai.usage.input_tokens": 42, "ai.chunk_count": 4 });
    expect(outputText(a)).toBe(ANSWER);
    expect(Number(a["ai.time_to_first_token_ms"])).toBeGreaterThanOrEqual(FIRST_WORD_DELAY_MS - 5);
  });

  it("ends the generation once when the reader stops early", async () => {
    const client = openaiClient();
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    for await (const _chunk of stream) break;
    await untilGenerations(1);
    expect(generations()[0]!.attributes["ai.stream.cancelled"]).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(generations()).toHaveLength(1);
  });

  it("ends the generation once when the caller aborts the stream with its controller", async () => {
    const client = openaiClient();
    const stream = await client.chat.completions.create({ model: "gpt-4o-mini", messages, stream: true });
    const reading = (async () => {
      for await (const _chunk of stream) stream.controller.abort();
    })();
    await reading.catch(() => undefined);
    await untilGenerations(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(generations()).toHaveLength(1);
    const span = generations()[0]!;
    expect(span.attributes["ai.stream.cancelled"] === true || span.status.code === SpanStatusCode.ERROR).toBe(true);
  });

  it("records chat.completions.stream(), responses.create (plain and streamed) and embeddings.create", async () => {
    const client = openaiClient();
    const helper = client.chat.completions.stream({ model: "gpt-4o-mini", messages });
    const final = await helper.finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(ANSWER);
    const plain = await client.responses.create({ model: "gpt-4.1", input: "Weather in Paris?" });
    expect(plain.output_text).toBe(ANSWER);
    const streamed = await client.responses.create({ model: "gpt-4.1", input: "Weather in Paris?", stream: true });
    for await (const _event of streamed) {
      // read to the end
    }
    const embedded = await client.embeddings.create({ model: "text-embedding-3-small", input: "Paris" });
    expect(embedded.data[0]?.embedding).toHaveLength(3);
    await untilGenerations(4);
    const byName = generations().map((s) => s.name).sort();
    expect(byName).toEqual(["chat gpt-4.1", "chat gpt-4.1", "chat gpt-4o-mini", "embeddings text-embedding-3-small"]);
    for (const span of generations()) expect(span.attributes["gen_ai.usage.input_tokens"]).toBeGreaterThan(0);
  });

  it("records a stream that fails midway as an error, once, with what was read", async () => {
    const client = openaiClient();
    const stream = await client.chat.completions.create({ model: "fail-midway", messages, stream: true });
    let text = "";
    await expect(
      (async () => {
        for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? "";
      })(),
    ).rejects.toThrow();
    expect(text).toBe("It's ");
    await untilGenerations(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(generations()).toHaveLength(1);
    expect(generations()[0]!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("records chat.completions.parse() and responses.stream()", async () => {
    const client = openaiClient();
    const parsed = await client.chat.completions.parse({ model: "gpt-4o-mini", messages });
    expect(parsed.choices[0]?.message.content).toBe(ANSWER);
    const stream = client.responses.stream({ model: "gpt-4.1", input: "Weather in Paris?" });
    const final = await stream.finalResponse();
    expect(JSON.stringify(final.output)).toContain(ANSWER);
    await untilGenerations(2);
    for (const span of generations()) expect(span.attributes["gen_ai.usage.output_tokens"]).toBe(7);
  });

  it("records a failed call as an error and rethrows the client's own error", async () => {
    const client = openaiClient();
    await expect(client.chat.completions.create({ model: "fail", messages })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await untilGenerations(1);
    expect(generations()[0]!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("records nothing of its own inside trace.generation, and wraps a client once however often it is instrumented", async () => {
    const client = instrument(instrument(openaiClient()));
    await trace.generation({ model: "gpt-4o-mini", provider: "openai", input: messages }, async (gen) => {
      gen.end(await client.chat.completions.create({ model: "gpt-4o-mini", messages }));
    });
    await client.chat.completions.create({ model: "gpt-4o-mini", messages });
    await untilGenerations(2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(generations()).toHaveLength(2);
    for (const span of generations()) expect(span.attributes["gen_ai.usage.input_tokens"]).toBe(42);
  });

  it("names an OpenAI-compatible provider from the client's baseURL, or from the option", async () => {
    // Groq's URL, its transport answering here (the client's fetch option): no network.
    const answer = async () =>
      new Response(JSON.stringify({ id: "c", object: "chat.completion", created: 0, model: "llama-3.3-70b", choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }], usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }), { headers: { "content-type": "application/json" } });
    const groq = instrument(new OpenAI({ apiKey: "k", baseURL: "https://api.groq.com/openai/v1", maxRetries: 0, fetch: answer }));
    await groq.chat.completions.create({ model: "llama-3.3-70b", messages });
    await untilGenerations(1);
    expect(generations()[0]!.attributes["gen_ai.provider.name"]).toBe("groq");
    const named = instrument(new OpenAI({ apiKey: "k", baseURL: `${server.url}/v1`, maxRetries: 0 }), { provider: "vllm" });
    await named.chat.completions.create({ model: "llama", messages });
    await untilGenerations(2);
    expect(generations()[1]!.attributes["gen_ai.provider.name"]).toBe("vllm");
  });
});

describe("instrument(anthropic)", () => {
  it("records messages.create, plain and streamed, and messages.stream()", async () => {
    const client = anthropicClient();
    const plain = await client.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, system: "Be brief.", messages });
    expect(plain.content[0]).toMatchObject({ type: "text", text: ANSWER });
    const stream = await client.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages, stream: true });
    for await (const _event of stream) {
      // read to the end
    }
    const helper = client.messages.stream({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages });
    const texts: string[] = [];
    helper.on("text", (text) => texts.push(text));
    const final = await helper.finalMessage();
    expect(final.content[0]).toMatchObject({ text: ANSWER });
    expect(texts.join("")).toBe(ANSWER);
    await untilGenerations(3);
    for (const span of generations()) {
      expect(span.attributes).toMatchObject({ "gen_ai.provider.name": "anthropic", "gen_ai.usage.output_tokens": 9, "gen_ai.usage.cache_read.input_tokens": 12 });
      expect(outputText(span.attributes)).toBe(ANSWER);
    }
    expect(generations().find((s) => s.attributes["gen_ai.request.stream"] !== true)!.attributes["gen_ai.system_instructions"]).toContain("Be brief.");
  });
});

describe("the Anthropic SDK's own span", () => {
  it("keeps its usage only under llmtrace.nested.*: the generation counts the call", async () => {
    const client = anthropicClient();
    await client.messages.create({ model: "claude-sonnet-4-20250514", max_tokens: 100, messages });
    await untilGenerations(1);
    // The SDK records a span of its own for the call, nested under the generation.
    const own = await waitFor(() => capture.spans.find((s) => s.instrumentationScope.name !== "llmtrace"), 5000, () => "the SDK's own span");
    expect(own.attributes["gen_ai.usage.input_tokens"]).toBeUndefined();
    expect(own.attributes["llmtrace.nested.gen_ai.usage.input_tokens"]).toBeGreaterThan(0);
    expect(own.attributes["llmtrace.usage.counted_on"]).toBe(generations()[0]!.spanContext().spanId);
    expect(capture.spans.reduce((sum, s) => sum + Number(s.attributes["gen_ai.usage.input_tokens"] ?? 0), 0)).toBe(Number(generations()[0]!.attributes["gen_ai.usage.input_tokens"]));
  });
});

describe("instrument(anything else)", () => {
  it("leaves other objects as they are and says why", () => {
    const diag = captureDiag();
    try {
      const other = { chat: {} };
      expect(instrument(other)).toBe(other);
      expect(instrument(null)).toBeNull();
      expect(diag.warnings.filter((w) => w.includes("instrument()"))).toHaveLength(2);
    } finally {
      diag.restore();
    }
  });
});
