import { type Attributes, type Span, SpanStatusCode } from "@opentelemetry/api";
import {
  ATTR_ERROR_TYPE,
  ATTR_LANGFUSE_OBSERVATION_LEVEL,
  ATTR_LANGFUSE_OBSERVATION_STATUS_MESSAGE,
} from "../conventions/attribute-keys.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";

const MAX_CAUSES = 8;

/**
 * Marks `span` failed by `error`: status ERROR with the message, an `exception` event with type,
 * message and stack (the `cause` chain appended as "Caused by:" sections), and `error.type`.
 * Reads the error defensively: a thrown value may be anything, including a hostile object.
 */
export function recordError(span: Span, error: unknown, settings: InstrumentationSettings): void {
  const type = errorType(error);
  const message = errorMessage(error);
  const event: Attributes = { "exception.type": type, "exception.message": message };
  const stack = stackWithCauses(error);
  if (stack) event["exception.stacktrace"] = stack;
  span.addEvent("exception", event);
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  const attributes: Attributes = { [ATTR_ERROR_TYPE]: type };
  if (settings.profiles.langfuse) {
    attributes[ATTR_LANGFUSE_OBSERVATION_LEVEL] = "ERROR";
    attributes[ATTR_LANGFUSE_OBSERVATION_STATUS_MESSAGE] = message;
  }
  span.setAttributes(attributes);
}

export function errorType(error: unknown): string {
  try {
    if (error instanceof Error) return error.name && error.name !== "Error" ? error.name : (error.constructor?.name ?? "Error");
    if (error === null) return "null";
    if (typeof error === "object") return (error as object).constructor?.name ?? "Object";
    return typeof error;
  } catch {
    return "unknown";
  }
}

export function errorMessage(error: unknown): string {
  try {
    if (error instanceof Error) return String(error.message);
    if (typeof error === "string") return error;
    const message = (error as { message?: unknown } | null)?.message;
    return typeof message === "string" ? message : String(error);
  } catch {
    return "unreadable error";
  }
}

function stackWithCauses(error: unknown): string | undefined {
  try {
    const sections: string[] = [];
    let current: unknown = error;
    const seen = new Set<unknown>();
    while (current !== undefined && current !== null && !seen.has(current) && sections.length <= MAX_CAUSES) {
      seen.add(current);
      const stack = current instanceof Error && typeof current.stack === "string" ? current.stack : `${errorType(current)}: ${errorMessage(current)}`;
      sections.push(sections.length === 0 ? stack : `Caused by: ${stack}`);
      current = current instanceof Error ? current.cause : undefined;
    }
    return sections.length > 0 ? sections.join("\n") : undefined;
  } catch {
    return undefined;
  }
}

/** `Type: message` for warnings; never throws, whatever was thrown. */
export function describeError(error: unknown): string {
  return `${errorType(error)}: ${errorMessage(error)}`;
}
