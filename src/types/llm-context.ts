/** Who and what a piece of work belongs to; stamped on every span started inside `withContext`. */
export interface LlmContext {
  conversationId?: string;
  sessionId?: string;
  userId?: string;
  organizationId?: string;
  projectId?: string;
  requestId?: string;
  agentId?: string;
  /** Small key/value facts (`{ tier: "pro" }`), written as `ai.metadata.<key>`. */
  metadata?: Readonly<Record<string, string | number | boolean>>;
  tags?: readonly string[];
}
