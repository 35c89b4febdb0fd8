// What a builder callback or a wrapped function returns is what its caller gets: the very object.
import { SpanStatusCode } from "@opentelemetry/api";
import OpenAI from "openai";
import { APIPromise } from "openai/api-promise";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { task, tool, trace } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";
import { ANSWER, type FakeLlm, startFakeLlm } from "../helpers/fake-llm.js";

let capture: SpanCapture;
let server: FakeLlm;
let client: OpenAI;
beforeAll(async () => {
  server = await startFakeLlm();
  client = new OpenAI({ apiKey: "test-key", baseURL: `${server.url}/v1`, maxRetries: 0 });
});
afterAll(() => server.close());
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

const ask = (model = "gpt-4o-mini") => client.chat.completions.create({ model, messages: [{ role: "user", content: "Weather in Paris?" }] });
const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Unhandled rejections reported while `run` runs (and one turn after). */
async function unhandledRejectionsDuring(run: () => Promise<void>): Promise<unknown[]> {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  process.on("unhandledRejection", listener);
  try {
    await run();
    await nextTurn();
    await nextTurn();
  } finally {
    process.off("unhandledRejection", listener);
  }
  return seen;
}

describe("OpenAI's APIPromise through a builder callback", () => {
  it("comes back as the same object; withResponse() works and the generation ends with the usage", async () => {
    let made: unknown;
    const returned = trace.generation({ model: "gpt-4o-mini", provider: "openai" }, () => (made = ask()));
    expect(returned).toBe(made);
    expect(returned).toBeInstanceOf(APIPromise);
    // Nothing has settled yet: the span is still open.
    expect(capture.byKind("generation")).toHaveLength(0);

    const { data, response, request_id } = await returned.withResponse();
    expect(data.choices[0]?.message.content).toBe(ANSWER);
    expect(response.status).toBe(200);
    expect(request_id).toBe("req_fake");
    capture.expectAttributes({ kind: "generation" }, {
      "gen_ai.usage.input_tokens": 42,
      "gen_ai.usage.output_tokens": 7,
      "gen_ai.response.model": "gpt-4o-mini-2024-07-18",
      "gen_ai.response.id": "chatcmpl-plain",
      "gen_ai.response.finish_reasons": ["stop"],
    });
    expect(server.requests.filter((r) => r.path === "/v1/chat/completions")).toHaveLength(1);
  });

  it("awaited directly: the parsed completion, once, with the usage recorded", async () => {
    const before = server.requests.length;
    const completion = await trace.generation({ model: "gpt-4o-mini" }, () => ask());
    expect(completion.choices[0]?.message.content).toBe(ANSWER);
    expect(capture.get({ kind: "generation" }).attributes["gen_ai.usage.input_tokens"]).toBe(42);
    expect(server.requests.length - before).toBe(1);
  });

  it("asResponse() gets a body still unread, and the span ends when the response arrives", async () => {
    const response = await trace.generation({ model: "gpt-4o-mini" }, () => ask()).asResponse();
    expect(response.bodyUsed).toBe(false);
    const body = (await response.json()) as { usage: { prompt_tokens: number } };
    expect(body.usage.prompt_tokens).toBe(42);
    const span = capture.get({ kind: "generation" });
    expect(span.ended).toBe(true);
    // llmtrace did not read the body, so it has no usage to record.
    expect(span.attributes["gen_ai.usage.input_tokens"]).toBeUndefined();
  });

  it("a rejected request: the caller sees the SDK's own error on the object it holds, the span records it, nothing goes unhandled", async () => {
    const unhandled = await unhandledRejectionsDuring(async () => {
      const returned = trace.generation({ model: "fail" }, () => ask("fail"));
      await expect(returned).rejects.toBeInstanceOf(OpenAI.BadRequestError);
      await expect(returned.withResponse()).rejects.toThrow("model fail does not exist");
    });
    expect(unhandled).toEqual([]);
    const span = capture.get({ kind: "generation" });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toContain("model fail does not exist");
  });
});

describe("OpenAI's APIPromise through wrapped functions", () => {
  it("task(): the same APIPromise, withResponse() works, the task ends once the response is parsed", async () => {
    const askTask = task({ name: "ask" }, (question: string) => client.chat.completions.create({ model: "gpt-4o-mini", messages: [{ role: "user", content: question }] }));
    const returned = askTask("Weather in Paris?");
    expect(returned).toBeInstanceOf(APIPromise);
    expect(capture.find("task.ask")).toBeUndefined();
    const { data, response } = await returned.withResponse();
    expect(data.choices[0]?.message.content).toBe(ANSWER);
    expect(response.headers.get("x-request-id")).toBe("req_fake");
    const span = capture.get("task.ask");
    expect(String(span.attributes["gen_ai.output.messages"] ?? span.attributes["ai.output"] ?? "")).toContain("sunny");
  });

  it("tool() around trace.generation(): both hand the APIPromise through; the generation has the usage", async () => {
    const lookUp = tool({ name: "look_up" }, () => trace.generation({ model: "gpt-4o-mini", provider: "openai" }, () => ask()));
    const returned = lookUp();
    expect(typeof returned.withResponse).toBe("function");
    const { data } = await returned.withResponse();
    expect(data.usage?.prompt_tokens).toBe(42);
    const generation = capture.get({ kind: "generation" });
    const toolSpan = capture.get("tool.look_up");
    expect(generation.attributes["gen_ai.usage.output_tokens"]).toBe(7);
    expect(capture.parentOf(generation)).toBe(toolSpan);
    expect(String(toolSpan.attributes["gen_ai.tool.call.result"])).toContain("sunny");
  });

  it("a rejection through a wrapped function reaches the caller unchanged, recorded, with nothing unhandled", async () => {
    const failing = tool({ name: "failing" }, () => ask("fail"));
    const unhandled = await unhandledRejectionsDuring(async () => {
      await expect(failing()).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    });
    expect(unhandled).toEqual([]);
    expect(capture.get("tool.failing").status.code).toBe(SpanStatusCode.ERROR);
  });
});

/** A query builder in the style of Knex or Drizzle: every then() runs the query. */
class LazyQuery {
  runs = 0;
  #rows: string[];
  constructor(rows: string[]) {
    this.#rows = rows;
  }
  where(_condition: string): this {
    return this;
  }
  // biome-ignore lint/suspicious/noThenProperty: a thenable is the point.
  then<R1 = string[], R2 = never>(onFulfilled?: ((rows: string[]) => R1 | PromiseLike<R1>) | null, onRejected?: ((error: unknown) => R2 | PromiseLike<R2>) | null): Promise<R1 | R2> {
    this.runs++;
    const rows = this.#rows;
    return new Promise<string[]>((resolve) => setTimeout(() => resolve(rows), 5)).then(onFulfilled, onRejected);
  }
}

describe("other promise-like results", () => {
  it("a lazy thenable runs once, when the caller awaits it, and the span covers that run", async () => {
    const query = new LazyQuery(["a", "b"]);
    const returned = trace.tool({ name: "select_rows" }, () => query);
    expect(returned).toBe(query);
    await nextTurn();
    expect(query.runs).toBe(0);
    expect(await returned.where("id > 1")).toEqual(["a", "b"]);
    expect(query.runs).toBe(1);
    expect(capture.get("tool.select_rows").attributes["gen_ai.tool.call.result"]).toBe('["a","b"]');
  });

  it("a lazy thenable from a wrapped function runs once too", async () => {
    const query = new LazyQuery(["x"]);
    const select = task({ name: "select" }, () => query);
    expect(select()).toBe(query);
    expect(await query).toEqual(["x"]);
    expect(query.runs).toBe(1);
    expect(capture.get("task.select").ended).toBe(true);
  });

  it("a native promise comes back as itself; a sync result stays sync", async () => {
    const promise = Promise.resolve(5);
    expect(trace.tool({ name: "async_tool" }, () => promise)).toBe(promise);
    expect(task({ name: "async_task" }, () => promise)()).toBe(promise);
    expect(trace.tool({ name: "sync_tool" }, () => 3)).toBe(3);
    await promise;
    await nextTurn();
    expect(capture.get("tool.async_tool").attributes["gen_ai.tool.call.result"]).toBe("5");
    expect(capture.get("task.async_task").ended).toBe(true);
  });

  it("a native rejection the caller handles is recorded and raises no unhandled rejection", async () => {
    const unhandled = await unhandledRejectionsDuring(async () => {
      const returned = trace.tool({ name: "rejects" }, () => Promise.reject(new Error("tool broke")));
      await expect(returned).rejects.toThrow("tool broke");
      const wrapped = task({ name: "rejects_too" }, async () => {
        throw new Error("task broke");
      });
      await expect(wrapped()).rejects.toThrow("task broke");
    });
    expect(unhandled).toEqual([]);
    expect(capture.get("tool.rejects").status).toEqual({ code: SpanStatusCode.ERROR, message: "tool broke" });
    expect(capture.get("task.rejects_too").status).toEqual({ code: SpanStatusCode.ERROR, message: "task broke" });
  });

  it("a frozen thenable comes back untouched, its span ended at once", async () => {
    let runs = 0;
    const frozen = Object.freeze({
      // biome-ignore lint/suspicious/noThenProperty: a thenable is the point.
      then(resolve: (rows: string[]) => void) {
        runs++;
        resolve(["z"]);
      },
    });
    expect(trace.tool({ name: "frozen" }, () => frozen)).toBe(frozen);
    expect(capture.get("tool.frozen").ended).toBe(true);
    expect(await frozen).toEqual(["z"]);
    expect(runs).toBe(1);
  });

  it("a then getter that throws makes the value a plain result, not a failure", () => {
    const odd = {};
    Object.defineProperty(odd, "then", {
      get() {
        throw new Error("no then here");
      },
    });
    expect(trace.tool({ name: "odd" }, () => odd)).toBe(odd);
    expect(task({ name: "odd_task" }, () => odd)()).toBe(odd);
    expect(capture.get("tool.odd").status.code).not.toBe(SpanStatusCode.ERROR);
    expect(capture.get("task.odd_task").ended).toBe(true);
  });
});
