import { diag } from "@opentelemetry/api";
import { errorMessage } from "../spans/record-error.js";
import { instrumentAnthropic, isAnthropicClient } from "./anthropic-client.js";
import { instrumentOpenAI, isOpenAIClient } from "./openai-client.js";
import { providerFromUrl } from "./provider-name.js";

export interface InstrumentOptions {
  /**
   * The provider name recorded (`gen_ai.provider.name`), for an OpenAI-compatible endpoint the
   * URL does not name. @default from the client's `baseURL`, else `openai` / `anthropic`
   */
  readonly provider?: string;
}

/** Clients already instrumented: a second `instrument()` of the same client changes nothing. */
const INSTRUMENTED = new WeakSet<object>();

/**
 * Makes every model call of an official client a generation span — model, provider, parameters,
 * messages, usage (cached and reasoning tokens too), cost, finish reasons, tool calls, time to
 * first token — and returns the same client, with the same type: its promises (`withResponse()`),
 * streams, stream helpers and `controller.abort()` work as before. Supported: `openai` (chat
 * completions, responses, embeddings; OpenAI-compatible providers through `baseURL`) and
 * `@anthropic-ai/sdk` (messages). Inside `trace.generation(...)` a call records nothing of its own.
 * Nothing is imported from the provider's package: the client is recognised by its shape.
 */
export function instrument<C>(client: C, options: InstrumentOptions = {}): C {
  if (typeof client !== "object" || client === null) {
    diag.warn(`llmtrace: instrument() was given ${client === null ? "null" : typeof client}, not a client; nothing is traced.`);
    return client;
  }
  if (INSTRUMENTED.has(client)) return client;
  try {
    if (isOpenAIClient(client)) instrumentOpenAI(client, options.provider ?? providerFromUrl((client as { baseURL?: unknown }).baseURL, "openai"));
    else if (isAnthropicClient(client)) instrumentAnthropic(client, options.provider ?? "anthropic");
    else {
      diag.warn("llmtrace: instrument() knows the openai and @anthropic-ai/sdk clients; this object is neither, so nothing is traced. Record its calls with trace.generation(...) and gen.end(response).");
      return client;
    }
    INSTRUMENTED.add(client);
  } catch (error) {
    diag.warn(`llmtrace: instrument() could not wrap the client (${errorMessage(error)}); its calls are not traced.`);
  }
  return client;
}
