// Standard (TC39) decorators; test/decorators/legacy/ runs the same shapes with experimentalDecorators.
import { SpanStatusCode } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agent, task, tool, trace, workflow } from "../../src/index.js";
import { captureSpans, type SpanCapture } from "../../src/testing/index.js";

let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class SupportAgent {
  greeting = "Hello";
  static calls = 0;

  @workflow({ name: "customer_chat", organizationId: "acme", projectId: "support", version: 3 })
  async chat(question: string): Promise<string> {
    const docs = await this.search(question);
    return this.answer(question, docs);
  }

  @agent({ name: "support_agent" })
  async answer(question: string, docs: string[]): Promise<string> {
    await sleep(1);
    return `${this.greeting}: ${question} (${docs.length} docs)`;
  }

  @tool({ name: "search_docs" })
  async search(query: string): Promise<string[]> {
    await sleep(1);
    return [`doc about ${query}`];
  }

  @task()
  format(text: string): string {
    return text.toUpperCase();
  }

  @task()
  static count(): number {
    return ++SupportAgent.calls;
  }

  @task()
  factorial(n: number): number {
    return n <= 1 ? 1 : n * this.factorial(n - 1);
  }

  @tool()
  explode(): never {
    throw new RangeError("tool broke");
  }

  @tool()
  async reject(): Promise<never> {
    await sleep(1);
    throw new TypeError("async tool broke");
  }

  @task()
  *countTo(n: number): Generator<number, string> {
    for (let i = 1; i <= n; i++) yield i;
    return "done";
  }

  @task()
  async *stream(words: string[]): AsyncGenerator<string> {
    for (const word of words) {
      await sleep(1);
      yield word;
    }
  }

  @agent({ name: "streamer", traceStream: true })
  async streamed(): Promise<ReadableStream<string>> {
    return new ReadableStream({
      async pull(controller) {
        await sleep(5);
        controller.enqueue("chunk");
        controller.close();
      },
    });
  }
}

describe("decorated methods", () => {
  it("trace a whole agent turn, nested, with this, arguments and results unchanged", async () => {
    const bot = new SupportAgent();
    const answer = await bot.chat("reset password");
    expect(answer).toBe("Hello: reset password (1 docs)");

    const chat = capture.get("workflow.customer_chat");
    expect(capture.childrenOf(chat).map((s) => s.name)).toEqual(["tool.search_docs", "agent.support_agent"]);
    expect(chat.attributes).toMatchObject({
      "llmtrace.span.kind": "workflow",
      "gen_ai.operation.name": "invoke_workflow",
      "organization.id": "acme",
      "project.id": "support",
      "ai.entity.version": 3,
      "ai.input": "reset password",
      "ai.output": "Hello: reset password (1 docs)",
    });
    expect(capture.get("agent.support_agent").attributes).toMatchObject({
      "gen_ai.agent.name": "support_agent",
      "gen_ai.operation.name": "invoke_agent",
      "organization.id": "acme",
      "ai.input": '["reset password",["doc about reset password"]]',
    });
    expect(capture.get("tool.search_docs").attributes).toMatchObject({
      "gen_ai.tool.name": "search_docs",
      "gen_ai.tool.call.arguments": "reset password",
      "gen_ai.tool.call.result": '["doc about reset password"]',
      "project.id": "support",
    });
  });

  it("keeps a sync method sync, with the same return value", () => {
    const result = new SupportAgent().format("hi");
    expect(result).toBe("HI");
    expect(capture.get("task.format").attributes["ai.output"]).toBe("HI");
  });

  it("traces static methods", () => {
    expect(SupportAgent.count()).toBe(SupportAgent.calls);
    expect(capture.get("task.count")).toBeDefined();
  });

  it("handles recursion: each call is a span nested in its caller", () => {
    expect(new SupportAgent().factorial(4)).toBe(24);
    const spans = capture.findAll("task.factorial");
    expect(spans).toHaveLength(4);
    const outer = spans.find((s) => capture.parentOf(s) === undefined)!;
    let depth = 0;
    let current = outer;
    while (capture.childrenOf(current).length > 0) {
      current = capture.childrenOf(current)[0]!;
      depth++;
    }
    expect(depth).toBe(3);
  });

  it("records a thrown error and rethrows the very same error", () => {
    const bot = new SupportAgent();
    let caught: unknown;
    try {
      bot.explode();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RangeError);
    const span = capture.get("tool.explode");
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: "tool broke" });
    expect(span.events[0]!.attributes).toMatchObject({ "exception.type": "RangeError" });
    expect(span.ended).toBe(true);
  });

  it("records a rejection and rejects with the very same error", async () => {
    await expect(new SupportAgent().reject()).rejects.toThrow(TypeError);
    expect(capture.get("tool.reject").status.code).toBe(SpanStatusCode.ERROR);
  });

  it("covers a generator's whole iteration, ending at completion", () => {
    const generator = new SupportAgent().countTo(3);
    expect(capture.find("task.countTo")).toBeUndefined();
    expect([...generator]).toEqual([1, 2, 3]);
    expect(capture.get("task.countTo").attributes["ai.output"]).toBe("done");
  });

  it("ends a generator's span when the consumer breaks out early", () => {
    for (const n of new SupportAgent().countTo(100)) {
      if (n === 2) break;
    }
    const span = capture.get("task.countTo");
    expect(span.ended).toBe(true);
    expect(span.attributes["ai.output"]).toBeUndefined();
  });

  it("covers an async generator's iteration, including an early return()", async () => {
    const words: string[] = [];
    for await (const word of new SupportAgent().stream(["a", "b", "c"])) words.push(word);
    expect(words).toEqual(["a", "b", "c"]);
    const early = new SupportAgent().stream(["x", "y"]);
    await early.next();
    await early.return(undefined);
    expect(capture.findAll("task.stream")).toHaveLength(2);
  });

  it("runs a generator's steps inside its span, so spans made there nest under it", () => {
    const bot = new SupportAgent();
    const traced = task({ name: "outer" }, function* () {
      yield bot.format("inner");
    });
    expect([...traced()]).toEqual(["INNER"]);
    expect(capture.parentOf(capture.get("task.format"))?.name).toBe("task.outer");
  });

  it("keeps the span of a returned stream open until the stream is read", async () => {
    const stream = await new SupportAgent().streamed();
    expect(capture.find("agent.streamer")).toBeUndefined();
    const reader = stream.getReader();
    expect(await reader.read()).toEqual({ done: false, value: "chunk" });
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    const span = capture.get("agent.streamer");
    expect(span.attributes["ai.stream.chunks"]).toBe(1);
    const durationMs = span.duration[0] * 1e3 + span.duration[1] / 1e6;
    // The stream sleeps 5 ms; Node's timers may fire up to a millisecond early.
    expect(durationMs).toBeGreaterThanOrEqual(3.5);
  });
});

describe("function wrappers", () => {
  it("return a function of the same behaviour, named after the original", async () => {
    const answer = workflow({ name: "answer_question" }, async (q: string) => `answer to ${q}`);
    expect(await answer("why")).toBe("answer to why");
    const add = task(function add(a: number, b: number) {
      return a + b;
    });
    expect(add(2, 3)).toBe(5);
    expect(add.name).toBe("add");
    expect(add.length).toBe(2);
    expect(capture.spans.map((s) => s.name)).toEqual(["workflow.answer_question", "task.add"]);
  });

  it("preserve `this` for function-style methods", () => {
    const counter = { step: 2, next: task({ name: "next" }, function (this: { step: number }, n: number) {
      return n + this.step;
    }) };
    expect(counter.next(1)).toBe(3);
  });

  it("use mappers to choose what is recorded, and honour captureInput / captureOutput", () => {
    const login = tool(
      { name: "login", input: ([user]) => ({ user }), output: (result) => ({ ok: result.ok }) },
      (_user: string, _password: string) => ({ ok: true, token: "abc" }),
    );
    expect(login("ada", "hunter2")).toEqual({ ok: true, token: "abc" });
    const quiet = task({ name: "quiet", captureInput: false, captureOutput: false }, (secret: string) => secret.length);
    expect(quiet("shh")).toBe(3);
    expect(capture.get("tool.login").attributes).toMatchObject({ "gen_ai.tool.call.arguments": '{"user":"ada"}', "gen_ai.tool.call.result": '{"ok":true}' });
    expect(JSON.stringify(capture.get("tool.login").attributes)).not.toContain("hunter2");
    expect(capture.get("task.quiet").attributes["ai.input"]).toBeUndefined();
    expect(capture.get("task.quiet").attributes["ai.output"]).toBeUndefined();
  });

  it("keep methods and properties of a returned async iterable with traceStream", async () => {
    class SdkStream implements AsyncIterable<string> {
      controller = "abort-controller";
      async *[Symbol.asyncIterator]() {
        yield "a";
        yield "b";
        yield "c";
      }
    }
    const call = agent({ name: "llm_stream", traceStream: true }, async () => new SdkStream());
    const stream = await call();
    expect(stream.controller).toBe("abort-controller");
    expect(capture.find("agent.llm_stream")).toBeUndefined();
    for await (const piece of stream) if (piece === "b") break;
    expect(capture.get("agent.llm_stream").attributes).toMatchObject({ "ai.stream.chunks": 2, "ai.stream.cancelled": true });
  });

  it("nest decorated calls under builder spans and the other way round", async () => {
    const lookup = tool({ name: "lookup" }, async () => "found");
    await trace.agent({ name: "planner" }, async (planner) => {
      await lookup();
      planner.generation({ model: "m" }).end();
    });
    expect(capture.parentOf(capture.get("tool.lookup"))?.name).toBe("agent.planner");
  });

  it("use the GenAI span names when configured", async () => {
    await capture.shutdown();
    capture = captureSpans({ spanNames: "gen_ai" });
    workflow({ name: "w" }, () => agent({ name: "a" }, () => tool({ name: "t" }, () => 1)())())();
    expect(capture.spans.map((s) => s.name)).toEqual(["execute_tool t", "invoke_agent a", "invoke_workflow w"]);
  });
});
