import type { ChatMessage, ChatPart } from "../../model/chat-messages.js";
import { JsonBlock } from "./json-block.js";

function Part({ part }: { part: ChatPart }) {
  switch (part.type) {
    case "text":
      return <div class="part-text">{part.content}</div>;
    case "tool_call":
      return (
        <div class="part-tool" data-testid="tool-call">
          <div class="part-title">tool call <b>{part.name}</b>{part.id ? <span class="meta"> {part.id}</span> : null}</div>
          <JsonBlock value={part.arguments} />
        </div>
      );
    case "tool_call_response":
      return (
        <div class="part-tool" data-testid="tool-result">
          <div class="part-title">tool result{part.id ? <span class="meta"> {part.id}</span> : null}</div>
          <JsonBlock value={part.response} />
        </div>
      );
    default:
      return (
        <div class="part-tool">
          <div class="part-title">{part.label}</div>
          <JsonBlock value={part.content} />
        </div>
      );
  }
}

/** Messages as a chat: one bubble per message, coloured by role. */
export function Chat({ messages }: { messages: ChatMessage[] }) {
  return (
    <div class="chat" data-testid="chat">
      {messages.map((message, i) => (
        <div key={i} class={`bubble role-${message.role.replace(/[^a-z_]/gi, "")}`} data-testid="chat-message" data-role={message.role}>
          <div class="role">{message.role}{message.finishReason ? <span class="meta"> · {message.finishReason}</span> : null}</div>
          {message.parts.map((part, j) => <Part key={j} part={part} />)}
        </div>
      ))}
    </div>
  );
}
