// OpenAI- and Anthropic-shaped endpoints on 127.0.0.1 with fixed answers, for the real client
// libraries to talk to: no network, no key, the same bytes every run.
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeLlm {
  readonly url: string;
  /** Requests received, by path. */
  readonly requests: { path: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

export const ANSWER_WORDS = ["It's ", "sunny ", "in ", "Paris."];
export const ANSWER = ANSWER_WORDS.join("");
/** How long a streamed answer waits before its first word: the time to first token is at least this. */
export const FIRST_WORD_DELAY_MS = 60;

/**
 * `POST /v1/chat/completions` (OpenAI, plain and streamed), `POST /v1/responses` (OpenAI, plain and
 * streamed), `POST /v1/embeddings` and `POST /v1/messages` (Anthropic, plain and streamed).
 * A request for the model "fail" gets a 400 error in the provider's shape; a streamed request for
 * "fail-midway" gets one chunk, then the connection is cut.
 */
export async function startFakeLlm(): Promise<FakeLlm> {
  const requests: FakeLlm["requests"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      const path = req.url ?? "/";
      requests.push({ path, body });
      if (body["model"] === "fail-midway") {
        // A stream that breaks after its first chunk: the connection is cut.
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(`data: ${JSON.stringify({ id: "chatcmpl-cut", object: "chat.completion.chunk", created: 0, model: "fail-midway", choices: [{ index: 0, delta: { role: "assistant", content: "It's " }, finish_reason: null }] })}\n\n`);
        setTimeout(() => res.destroy(), 20);
      } else if (body["model"] === "fail") {
        res.writeHead(400, { "content-type": "application/json" }).end(JSON.stringify({ type: "error", error: { type: "invalid_request_error", message: "model fail does not exist" } }));
      } else if (path === "/v1/chat/completions") openai(body, res);
      else if (path === "/v1/messages") anthropic(body, res);
      else if (path === "/v1/responses") responses(body, res);
      else if (path === "/v1/embeddings") embeddings(body, res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function openai(body: Record<string, unknown>, res: ServerResponse): void {
  const model = `${String(body["model"])}-2024-07-18`;
  const usage = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49, prompt_tokens_details: { cached_tokens: 0 } };
  if (!body["stream"]) {
    json(res, { id: "chatcmpl-plain", object: "chat.completion", created: 0, model, choices: [{ index: 0, message: { role: "assistant", content: ANSWER }, finish_reason: "stop" }], usage });
    return;
  }
  const chunk = (delta: object, finish: string | null = null) => ({ id: "chatcmpl-stream", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] });
  void sendEvents(res, [
    { data: chunk({ role: "assistant", content: "" }) },
    ...ANSWER_WORDS.map((word) => ({ data: chunk({ content: word }) })),
    { data: chunk({}, "stop") },
    { data: { id: "chatcmpl-stream", object: "chat.completion.chunk", created: 0, model, choices: [], usage } },
    { data: "[DONE]" },
  ]);
}

function anthropic(body: Record<string, unknown>, res: ServerResponse): void {
  const model = String(body["model"]);
  const usage = { input_tokens: 30, output_tokens: 9, cache_read_input_tokens: 12, cache_creation_input_tokens: 0 };
  if (!body["stream"]) {
    json(res, { id: "msg_plain", type: "message", role: "assistant", model, content: [{ type: "text", text: ANSWER }], stop_reason: "end_turn", stop_sequence: null, usage });
    return;
  }
  void sendEvents(res, [
    { event: "message_start", data: { type: "message_start", message: { id: "msg_stream", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } } },
    { event: "content_block_start", data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } } },
    { event: "ping", data: { type: "ping" } },
    ...ANSWER_WORDS.map((word) => ({ event: "content_block_delta", data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: word } } })),
    { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
    { event: "message_delta", data: { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: usage.output_tokens } } },
    { event: "message_stop", data: { type: "message_stop" } },
  ]);
}

function responses(body: Record<string, unknown>, res: ServerResponse): void {
  const model = String(body["model"]);
  const message = (status: string, text: string) => ({ type: "message", id: "msg_out", role: "assistant", status, content: [{ type: "output_text", text, annotations: [] }] });
  const response = (status: string, output: unknown[]) => ({ id: "resp_stream", object: "response", created_at: 0, status, model: `${model}-2025-04-14`, output, usage: status === "completed" ? { input_tokens: 42, output_tokens: 7, total_tokens: 49, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } } : null });
  if (!body["stream"]) {
    // Given tools and no tool result yet, the model calls the first tool (as an agent's first turn).
    const tools = body["tools"] as { name?: string }[] | undefined;
    const input = JSON.stringify(body["input"] ?? "");
    if (tools?.length && !input.includes("function_call_output")) {
      const call = { type: "function_call", id: "fc_1", call_id: "call_1", name: tools[0]!.name, arguments: '{"city":"Paris"}', status: "completed" };
      json(res, { ...response("completed", [call]), id: "resp_tool" });
      return;
    }
    json(res, { ...response("completed", [message("completed", ANSWER)]), id: "resp_plain" });
    return;
  }
  let sequence = 0;
  const event = (type: string, fields: object) => ({ event: type, data: { type, sequence_number: sequence++, ...fields } });
  void sendEvents(res, [
    event("response.created", { response: response("in_progress", []) }),
    event("response.output_item.added", { output_index: 0, item: { ...message("in_progress", ""), content: [] } }),
    event("response.content_part.added", { output_index: 0, content_index: 0, item_id: "msg_out", part: { type: "output_text", text: "", annotations: [] } }),
    ...ANSWER_WORDS.map((word) => event("response.output_text.delta", { output_index: 0, content_index: 0, item_id: "msg_out", delta: word })),
    event("response.completed", { response: response("completed", [message("completed", ANSWER)]) }),
  ]);
}

/** The openai client asks for base64 (little-endian float32) unless told otherwise. */
function embeddings(body: Record<string, unknown>, res: ServerResponse): void {
  const vector = [0.1, 0.2, 0.3];
  const embedding = body["encoding_format"] === "base64" ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
  json(res, { object: "list", model: String(body["model"]), data: [{ object: "embedding", index: 0, embedding }], usage: { prompt_tokens: 5, total_tokens: 5 } });
}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_fake", "request-id": "req_fake" }).end(JSON.stringify(value));
}

/** Server-sent events, 5 ms apart; the first content waits FIRST_WORD_DELAY_MS. */
async function sendEvents(res: ServerResponse, events: readonly { event?: string; data: unknown }[]): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "x-request-id": "req_fake", "request-id": "req_fake" });
  let first = true;
  for (const { event, data } of events) {
    const carriesWord = JSON.stringify(data).includes(ANSWER_WORDS[0]!);
    if (first && carriesWord) {
      first = false;
      await sleep(FIRST_WORD_DELAY_MS);
    }
    if (res.destroyed) return;
    res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
    await sleep(5);
  }
  res.end();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
