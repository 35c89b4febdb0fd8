import type { LooseOptions } from "../spans/build-span.js";
import type { GenerationOptions } from "../types/generation-result.js";
import { asFields, num, str } from "./fields.js";
import { traceMethod } from "./traced-call.js";


/** The `openai` client (and OpenAI-compatible providers through it): whether `client` is one. */
export function isOpenAIClient(client: object): boolean {
  const chat = (client as { chat?: { completions?: { create?: unknown } } }).chat;
  return typeof chat?.completions?.create === "function";
}

/**
 * Records `chat.completions.create` (plain and `stream: true`), `chat.completions.stream()` and
 * `.parse()`, `responses.create` (plain and streamed), `responses.stream()` and
 * `embeddings.create` as generations.
 */
export function instrumentOpenAI(client: object, provider: string): void {
  const c = client as Record<string, Record<string, unknown> | undefined>;
  const completions = (c["chat"] as Record<string, Record<string, unknown>> | undefined)?.["completions"];
  if (completions) {
    const chat = (args: readonly unknown[]) => chatRequest(args[0], provider);
    traceMethod(completions, "create", { describe: chat, returns: "result" });
    traceMethod(completions, "parse", { describe: chat, returns: "result" });
    traceMethod(completions, "stream", { describe: (args) => ({ ...chat(args), stream: true }), returns: "stream" });
  }
  const responses = c["responses"];
  if (responses) {
    const respond = (args: readonly unknown[]) => responsesRequest(args[0], provider);
    traceMethod(responses, "create", { describe: respond, returns: "result" });
    traceMethod(responses, "stream", { describe: (args) => ({ ...respond(args), stream: true }), returns: "stream" });
  }
  const embeddings = c["embeddings"];
  if (embeddings) {
    traceMethod(embeddings, "create", {
      describe: (args) => {
        const request = asFields(args[0]);
        return { model: str(request["model"]), provider, operation: "embeddings", input: request["input"] };
      },
      returns: "result",
    });
  }
}

function chatRequest(value: unknown, provider: string): LooseOptions<GenerationOptions> {
  const request = asFields(value);
  return {
    model: str(request["model"]),
    provider,
    input: request["messages"],
    temperature: num(request["temperature"]),
    maxTokens: num(request["max_completion_tokens"]) ?? num(request["max_tokens"]),
    topP: num(request["top_p"]),
    stop: request["stop"] as string | string[] | undefined,
    seed: num(request["seed"]),
    frequencyPenalty: num(request["frequency_penalty"]),
    presencePenalty: num(request["presence_penalty"]),
    stream: request["stream"] === true,
  };
}

function responsesRequest(value: unknown, provider: string): LooseOptions<GenerationOptions> {
  const request = asFields(value);
  return {
    model: str(request["model"]),
    provider,
    input: request["input"],
    system: request["instructions"],
    temperature: num(request["temperature"]),
    maxTokens: num(request["max_output_tokens"]),
    topP: num(request["top_p"]),
    stream: request["stream"] === true,
  };
}
