// An OpenAI-compatible Chat Completions endpoint on 127.0.0.1 that answers deterministically,
// with and without streaming (including the final usage chunk of stream_options.include_usage).
import { answerFor, type FakeServer, sendEvents, startJsonServer } from "./http.js";

export function startFakeOpenAI(): Promise<FakeServer> {
  return startJsonServer((path, body, res) => {
    if (path !== "/v1/chat/completions") {
      res.writeHead(404).end();
      return;
    }
    const messages = body["messages"] as { content: string }[];
    const answer = answerFor(messages.at(-1)?.content ?? "");
    const model = `${String(body["model"])}-2024-07-18`;
    const usage = { prompt_tokens: 120, completion_tokens: Math.ceil(answer.length / 4), total_tokens: 120 + Math.ceil(answer.length / 4), prompt_tokens_details: { cached_tokens: 64 } };
    if (!body["stream"]) {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ id: "chatcmpl-fake1", object: "chat.completion", created: 0, model, choices: [{ index: 0, message: { role: "assistant", content: answer }, finish_reason: "stop" }], usage }),
      );
      return;
    }
    const chunk = (delta: object, finish: string | null = null) => ({ id: "chatcmpl-fake2", object: "chat.completion.chunk", created: 0, model, choices: [{ index: 0, delta, finish_reason: finish }] });
    const words = answer.split(/(?<= )/);
    const events = [chunk({ role: "assistant", content: "" }), ...words.map((word) => chunk({ content: word })), chunk({}, "stop")];
    const includeUsage = (body["stream_options"] as { include_usage?: boolean } | undefined)?.include_usage;
    if (includeUsage) events.push({ id: "chatcmpl-fake2", object: "chat.completion.chunk", created: 0, model, choices: [], usage } as never);
    void sendEvents(res, events.map((data) => ({ data })), "[DONE]");
  });
}
