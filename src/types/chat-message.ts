/** A chat message as applications write it: OpenAI or Anthropic style, or `{ role, content }`. */
export interface ChatMessage {
  role: string;
  content?: unknown;
  name?: string;
  /** OpenAI assistant tool calls. */
  tool_calls?: unknown;
  /** OpenAI tool results. */
  tool_call_id?: string;
}
