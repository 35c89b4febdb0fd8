// An Anthropic Messages endpoint on 127.0.0.1 that answers deterministically, with and without
// streaming (message_start / content_block_delta / message_delta events).
import { answerFor, type FakeServer, sendEvents, startJsonServer } from "./http.js";

export function startFakeAnthropic(): Promise<FakeServer> {
  return startJsonServer((path, body, res) => {
    if (path !== "/v1/messages") {
      res.writeHead(404).end();
      return;
    }
    const messages = body["messages"] as { content: string }[];
    const answer = answerFor(messages.at(-1)?.content ?? "");
    const model = String(body["model"]);
    const usage = { input_tokens: 80, output_tokens: Math.ceil(answer.length / 4), cache_read_input_tokens: 200, cache_creation_input_tokens: 40 };
    if (!body["stream"]) {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({ id: "msg_fake1", type: "message", role: "assistant", model, content: [{ type: "text", text: answer }], stop_reason: "end_turn", stop_sequence: null, usage }),
      );
      return;
    }
    const words = answer.split(/(?<= )/);
    void sendEvents(res, [
      { event: "message_start", data: { type: "message_start", message: { id: "msg_fake2", type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } } } },
      { event: "content_block_start", data: { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } } },
      ...words.map((word) => ({ event: "content_block_delta", data: { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: word } } })),
      { event: "content_block_stop", data: { type: "content_block_stop", index: 0 } },
      { event: "message_delta", data: { type: "message_delta", delta: { stop_reason: "end_turn", stop_sequence: null }, usage: { output_tokens: usage.output_tokens } } },
      { event: "message_stop", data: { type: "message_stop" } },
    ]);
  });
}
