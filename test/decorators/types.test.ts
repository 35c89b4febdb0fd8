// Type tests: decorated methods and wrapped functions keep their exact signatures.
// They are checked by `npm run typecheck`; the runtime assertions below are no-ops.
import { describe, expectTypeOf, it } from "vitest";
import { agent, task, tool, workflow } from "../../src/index.js";

describe("signatures are preserved", () => {
  it("for function wrappers", () => {
    const answer = workflow({ name: "answer" }, async (q: string, limit?: number) => ({ text: q, limit }));
    expectTypeOf(answer).toEqualTypeOf<(q: string, limit?: number) => Promise<{ text: string; limit: number | undefined }>>();

    const sum = task((a: number, b: number): number => a + b);
    expectTypeOf(sum).toEqualTypeOf<(a: number, b: number) => number>();

    function* gen(n: number): Generator<number, string, boolean> {
      yield n;
      return "x";
    }
    expectTypeOf(tool({ name: "g" }, gen)).toEqualTypeOf<typeof gen>();

    async function* agen(): AsyncGenerator<string> {
      yield "a";
    }
    expectTypeOf(agent(agen)).toEqualTypeOf<typeof agen>();

    const withThis = task(function (this: { base: number }, n: number) {
      return this.base + n;
    });
    expectTypeOf(withThis).thisParameter.toEqualTypeOf<{ base: number }>();
  });

  it("for mappers, typed from the wrapped function", () => {
    tool(
      {
        input: (args) => {
          expectTypeOf(args).toEqualTypeOf<[user: string, password: string]>();
          return args[0];
        },
        output: (result) => {
          expectTypeOf(result).toEqualTypeOf<{ ok: boolean }>();
          return result.ok;
        },
      },
      async (user: string, password: string) => ({ ok: user.length > 0 && password.length > 0 }),
    );
  });

  it("for decorated methods", () => {
    class Bot {
      @agent({ name: "bot" })
      async reply(message: string, attempt = 1): Promise<string> {
        return `${message}${attempt}`;
      }

      @task()
      static make(): Bot {
        return new Bot();
      }
    }
    expectTypeOf(new Bot().reply).toEqualTypeOf<(message: string, attempt?: number) => Promise<string>>();
    expectTypeOf(Bot.make).toEqualTypeOf<() => Bot>();
  });
});
