import type { LooseOptions } from "../spans/build-span.js";
import type { GenerationOptions } from "../types/generation-result.js";
import { asFields, num, str } from "./fields.js";
import { traceMethod } from "./traced-call.js";

/** The `@anthropic-ai/sdk` client: whether `client` is one (messages, and no chat completions). */
export function isAnthropicClient(client: object): boolean {
  const messages = (client as { messages?: { create?: unknown } }).messages;
  return typeof messages?.create === "function";
}

/** Records `messages.create` (plain and `stream: true`) and `messages.stream()` as generations. */
export function instrumentAnthropic(client: object, provider: string): void {
  const messages = (client as Record<string, Record<string, unknown> | undefined>)["messages"];
  if (!messages) return;
  const describe = (args: readonly unknown[]): LooseOptions<GenerationOptions> => {
    const request = asFields(args[0]);
    return {
      model: str(request["model"]),
      provider,
      input: request["messages"],
      system: request["system"],
      temperature: num(request["temperature"]),
      maxTokens: num(request["max_tokens"]),
      topP: num(request["top_p"]),
      topK: num(request["top_k"]),
      stop: request["stop_sequences"] as string[] | undefined,
      stream: request["stream"] === true,
    };
  };
  traceMethod(messages, "create", { describe, returns: "result" });
  traceMethod(messages, "stream", { describe: (args) => ({ ...describe(args), stream: true }), returns: "stream" });
}
