import { context, type Context, trace } from "@opentelemetry/api";
import { getLlmContext } from "../context/llm-context.js";

/**
 * What a log line needs to be found beside its trace: the active span's ids (the names the
 * OpenTelemetry log instrumentations use) and the llmtrace context ids of `withContext`.
 * Fields that have no value are absent, so a line written outside any span and context is unchanged.
 */
export interface LogContext {
  trace_id?: string;
  span_id?: string;
  /** "01" when the trace is sampled, "00" when not. */
  trace_flags?: string;
  "conversation.id"?: string;
  "session.id"?: string;
  "user.id"?: string;
}

/**
 * The trace and context ids for a log line written now, for any logger:
 *
 *     logger.info({ ...logContext(), orderId }, "refund issued");
 *
 * pino and winston have ready-made hooks: `pinoOptions()` and `winstonFormat()`. Never throws.
 */
export function logContext(ctx: Context = context.active()): LogContext {
  const fields: LogContext = {};
  try {
    const spanContext = trace.getSpanContext(ctx);
    if (spanContext && trace.isSpanContextValid(spanContext)) {
      fields.trace_id = spanContext.traceId;
      fields.span_id = spanContext.spanId;
      fields.trace_flags = `0${(spanContext.traceFlags & 0xff).toString(16)}`.slice(-2);
    }
    const llm = getLlmContext(ctx);
    if (llm?.conversationId !== undefined) fields["conversation.id"] = llm.conversationId;
    if (llm?.sessionId !== undefined) fields["session.id"] = llm.sessionId;
    if (llm?.userId !== undefined) fields["user.id"] = llm.userId;
  } catch {
    // A log line is never lost to correlation.
  }
  return fields;
}
