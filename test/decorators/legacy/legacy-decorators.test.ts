// The same decorators compiled with experimentalDecorators (NestJS and older codebases).
import { SpanStatusCode } from "@opentelemetry/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { agent, task, tool, workflow } from "../../../src/index.js";
import { captureSpans, type SpanCapture } from "../../../src/testing/index.js";

let capture: SpanCapture;
beforeEach(() => {
  capture = captureSpans();
});
afterEach(async () => {
  await capture.shutdown();
});

class LegacyAgent {
  prefix = "re";

  @workflow({ name: "customer_chat", organizationId: "acme" })
  async chat(question: string): Promise<string> {
    return this.answer(await this.search(question));
  }

  @agent()
  async answer(docs: string[]): Promise<string> {
    return `${this.prefix}: ${docs.join(",")}`;
  }

  @tool({ name: "search_docs" })
  async search(query: string): Promise<string[]> {
    return [query];
  }

  @task()
  shout(text: string): string {
    return text.toUpperCase();
  }

  @task()
  static version(): number {
    return 2;
  }

  @tool()
  fail(): void {
    throw new Error("legacy failure");
  }

  @task()
  *numbers(): Generator<number> {
    yield 1;
    yield 2;
  }
}

describe("experimentalDecorators mode", () => {
  it("traces an async agent turn with this and nesting", async () => {
    expect(await new LegacyAgent().chat("q")).toBe("re: q");
    const chat = capture.get("workflow.customer_chat");
    expect(capture.childrenOf(chat).map((s) => s.name)).toEqual(["tool.search_docs", "agent.answer"]);
    expect(capture.get("agent.answer").attributes["organization.id"]).toBe("acme");
  });

  it("keeps sync methods sync and traces static methods", () => {
    expect(new LegacyAgent().shout("a")).toBe("A");
    expect(LegacyAgent.version()).toBe(2);
    expect(capture.spans.map((s) => s.name)).toEqual(["task.shout", "task.version"]);
  });

  it("records and rethrows errors", () => {
    expect(() => new LegacyAgent().fail()).toThrow("legacy failure");
    expect(capture.get("tool.fail").status.code).toBe(SpanStatusCode.ERROR);
  });

  it("covers generator iteration", () => {
    expect([...new LegacyAgent().numbers()]).toEqual([1, 2]);
    expect(capture.get("task.numbers").ended).toBe(true);
  });
});
