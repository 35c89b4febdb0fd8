import { type Context, context, diag } from "@opentelemetry/api";
import { agentBuilder } from "../spans/agent.js";
import { taskBuilder, workflowBuilder } from "../spans/entity.js";
import { generationBuilder } from "../spans/generation.js";
import { errorMessage } from "../spans/record-error.js";
import type { SpanHandle } from "../spans/span-handle.js";
import { SPAN_STARTERS } from "../spans/span-starters.js";
import { addOpenRun, asFields, type Fields, num, parseJsonText, str, usageFrom } from "./fields.js";
import { ToolHandle, toolBuilder } from "../spans/tool.js";

/** What the OpenAI Agents SDK hands a trace processor: traces and spans, read by shape. */
interface AgentsTrace {
  readonly traceId: string;
  readonly name?: string;
}
interface AgentsSpan {
  readonly traceId: string;
  readonly spanId: string;
  readonly parentId: string | null;
  readonly spanData: Fields & { type: string };
  readonly error: { message: string; data?: unknown } | null;
}

/**
 * A trace processor for the OpenAI Agents SDK (`@openai/agents`): its traces and spans become
 * llmtrace spans under the active context — the trace a workflow, agents agents, model responses
 * and generations generations (usage, cost, answer), function tools tools, handoffs, guardrails,
 * turns and custom spans tasks. Register it with the SDK's `addTraceProcessor()` (beside its own
 * export to OpenAI) or `setTraceProcessors([...])` (instead of it). Nothing is imported from the
 * SDK: its objects are read by their shape.
 */
export function createOpenAIAgentsProcessor() {
  const handles = new Map<string, SpanHandle>();
  const parentOf = (span: AgentsSpan): Context => handles.get(span.parentId ?? span.traceId)?.context ?? context.active();
  const guard = (what: string, act: () => void): Promise<void> => {
    try {
      act();
    } catch (error) {
      diag.warn(`llmtrace: an OpenAI Agents SDK ${what} could not be recorded (${errorMessage(error)}).`);
    }
    return Promise.resolve();
  };
  return {
    onTraceStart: (trace: AgentsTrace) =>
      guard("trace", () => addOpenRun(handles, trace.traceId, workflowBuilder.startHandle(context.active(), { name: trace.name ?? "agent workflow" }, SPAN_STARTERS))),
    onTraceEnd: (trace: AgentsTrace) =>
      guard("trace", () => {
        handles.get(trace.traceId)?.end();
        handles.delete(trace.traceId);
      }),
    onSpanStart: (span: AgentsSpan) => guard("span", () => addOpenRun(handles, span.spanId, startFor(span, parentOf(span)))),
    onSpanEnd: (span: AgentsSpan) =>
      guard("span", () => {
        const handle = handles.get(span.spanId);
        handles.delete(span.spanId);
        if (!handle) return;
        if (span.error) handle.fail(Object.assign(new Error(span.error.message), { data: span.error.data }));
        else endFor(handle, span.spanData);
      }),
    shutdown: () => Promise.resolve(),
    forceFlush: () => Promise.resolve(),
  };
}

function startFor(span: AgentsSpan, parent: Context): SpanHandle {
  const data = span.spanData;
  const name = str(data["name"]);
  switch (data.type) {
    case "agent":
      return agentBuilder.startHandle(parent, { name: name ?? "agent" }, SPAN_STARTERS);
    case "function":
      return toolBuilder.startHandle(parent, { name: name ?? "function" }, SPAN_STARTERS);
    case "response":
    case "generation":
      return generationBuilder.startHandle(parent, { model: str(data["model"]), provider: "openai", input: data["input"] }, SPAN_STARTERS);
    case "handoff":
      return taskBuilder.startHandle(parent, { name: `handoff ${str(data["from_agent"]) ?? "?"} → ${str(data["to_agent"]) ?? "?"}` }, SPAN_STARTERS);
    case "turn":
      return taskBuilder.startHandle(parent, { name: `turn ${String(data["turn"] ?? "")}`.trim() }, SPAN_STARTERS);
    default:
      // task, guardrail, custom, mcp_tools, transcription, speech...: named by their data.
      return taskBuilder.startHandle(parent, { name: name ?? data.type }, SPAN_STARTERS);
  }
}

/**
 * Ends a handle with what the span's data says once it has ended. Aggregates (a turn's or a
 * task's usage) are left out: the model calls under them carry it, once each.
 */
function endFor(handle: SpanHandle, data: Fields & { type: string }): void {
  switch (data.type) {
    case "function":
      // The arguments are known only now (the span starts before its input is set).
      if (handle instanceof ToolHandle && data["input"] !== undefined && data["input"] !== "") handle.setArguments(parseJsonText(data["input"]));
      handle.end(parseJsonText(data["output"]));
      return;
    case "response": {
      const response = data["_response"] as Fields | undefined;
      if (response && typeof response["model"] === "string") handle.span.updateName(`chat ${response["model"]}`);
      handle.end(response ?? {});
      return;
    }
    case "generation": {
      // Through Chat Completions, the SDK lists the provider's responses as the output: read as such.
      const first = Array.isArray(data["output"]) ? (data["output"][0] as Fields | undefined) : undefined;
      if (first && first["object"] === "chat.completion") {
        if (typeof first["model"] === "string") handle.span.updateName(`chat ${first["model"]}`);
        handle.end(first);
        return;
      }
      const usage = asFields(data["usage"]);
      const counted = usageFrom(num(usage["input_tokens"]), num(usage["output_tokens"]));
      const model = str(data["model"]);
      handle.end({ output: data["output"], ...(counted && { usage: counted }), ...(model && { responseModel: model }) });
      return;
    }
    case "agent": {
      // The agent's tools are listed only once it has run.
      const list = data["tools"];
      if (Array.isArray(list) && list.length > 0) handle.setAttribute("ai.agent.tools", list.map(String));
      handle.end();
      return;
    }
    case "guardrail":
      handle.setAttribute("ai.guardrail.triggered", data["triggered"] === true).end();
      return;
    default:
      handle.end();
  }
}
