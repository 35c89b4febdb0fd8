import { type Context, context, diag } from "@opentelemetry/api";
import { agentBuilder } from "../spans/agent.js";
import { taskBuilder, workflowBuilder } from "../spans/entity.js";
import { generationBuilder } from "../spans/generation.js";
import { errorMessage } from "../spans/record-error.js";
import { retrievalBuilder } from "../spans/retrieval.js";
import type { SpanHandle } from "../spans/span-handle.js";
import { SPAN_STARTERS } from "../spans/span-starters.js";
import { addOpenRun, type Fields, num, parseJsonText, str, usageFrom } from "./fields.js";
import { toolBuilder } from "../spans/tool.js";
import type { TokenUsage } from "../types/token-usage.js";

type Serialized = { id?: readonly string[]; name?: string } | undefined;

/**
 * A LangChain.js callback handler (`callbacks: [createLangChainHandler()]`, on an invoke or on a
 * runnable) that turns runs into llmtrace spans: chains into a workflow (the outermost) and tasks
 * (agents, by name or run type, into agents), chat models and LLMs into generations with usage and
 * cost, tools into tools, retrievers into retrievals. Nested runs nest; the outermost run nests in
 * whatever span is active when it starts. A plain object of LangChain's handler methods: nothing
 * is imported from `@langchain/core`. Its callbacks are awaited (`awaitHandlers`), so a run's spans
 * have ended when `invoke()` returns.
 */
export function createLangChainHandler(): Record<string, unknown> {
  const runs = new Map<string, SpanHandle>();
  const parentOf = (parentRunId: unknown): Context => (typeof parentRunId === "string" && runs.get(parentRunId)?.context) || context.active();
  const start = (runId: string, make: () => SpanHandle): void => {
    try {
      addOpenRun(runs, runId, make());
    } catch (error) {
      diag.warn(`llmtrace: a LangChain run could not be recorded (${errorMessage(error)}).`);
    }
  };
  const finish = (runId: string, end: (handle: SpanHandle) => void): void => {
    const handle = runs.get(runId);
    if (!handle) return;
    runs.delete(runId);
    try {
      end(handle);
    } catch (error) {
      diag.warn(`llmtrace: a LangChain run could not be ended (${errorMessage(error)}).`);
    }
  };
  const fail = (error: unknown, runId: string) => finish(runId, (handle) => handle.fail(error));

  return {
    name: "llmtrace",
    awaitHandlers: true,
    handleChainStart(chain: Serialized, inputs: unknown, runId: string, parentRunId?: string, _tags?: unknown, _metadata?: unknown, runType?: string, runName?: string) {
      const name = runName ?? nameOf(chain, "chain");
      const parent = parentOf(parentRunId);
      const nested = typeof parentRunId === "string" && runs.has(parentRunId);
      start(runId, () =>
        runType === "agent" || /agent/i.test(name)
          ? agentBuilder.startHandle(parent, { name, input: inputs }, SPAN_STARTERS)
          : (nested ? taskBuilder : workflowBuilder).startHandle(parent, { name, input: inputs }, SPAN_STARTERS),
      );
    },
    handleChainEnd(outputs: unknown, runId: string) {
      finish(runId, (handle) => handle.end(outputs));
    },
    handleChainError: fail,
    handleChatModelStart(llm: Serialized, messages: readonly (readonly unknown[])[], runId: string, parentRunId?: string, extraParams?: Fields, _tags?: unknown, metadata?: Fields) {
      start(runId, () => generationBuilder.startHandle(parentOf(parentRunId), { ...modelOptions(llm, extraParams, metadata), input: (messages[0] ?? []).map(toMessage) }, SPAN_STARTERS));
    },
    handleLLMStart(llm: Serialized, prompts: readonly string[], runId: string, parentRunId?: string, extraParams?: Fields, _tags?: unknown, metadata?: Fields) {
      start(runId, () => generationBuilder.startHandle(parentOf(parentRunId), { ...modelOptions(llm, extraParams, metadata), operation: "text_completion", input: prompts.join("\n") }, SPAN_STARTERS));
    },
    handleLLMNewToken(token: string, _index: unknown, runId: string) {
      const handle = runs.get(runId) as { chunk?: (text: string) => unknown } | undefined;
      if (typeof token === "string") handle?.chunk?.(token);
    },
    handleLLMEnd(output: Fields, runId: string) {
      finish(runId, (handle) => handle.end(llmResult(output)));
    },
    handleLLMError: fail,
    handleToolStart(tool: Serialized, input: unknown, runId: string, parentRunId?: string, _tags?: unknown, _metadata?: unknown, runName?: string) {
      start(runId, () => toolBuilder.startHandle(parentOf(parentRunId), { name: runName ?? nameOf(tool, "tool"), args: parseJsonText(input) }, SPAN_STARTERS));
    },
    handleToolEnd(output: unknown, runId: string) {
      finish(runId, (handle) => handle.end(toolOutput(output)));
    },
    handleToolError: fail,
    handleRetrieverStart(retriever: Serialized, query: string, runId: string, parentRunId?: string, _tags?: unknown, _metadata?: unknown, name?: string) {
      start(runId, () => retrievalBuilder.startHandle(parentOf(parentRunId), { name: name ?? nameOf(retriever, "retriever"), query }, SPAN_STARTERS));
    },
    handleRetrieverEnd(documents: readonly Fields[], runId: string) {
      const listed = Array.isArray(documents)
        ? documents.map((d) => {
            const meta = (d["metadata"] ?? {}) as Fields;
            return { id: str(d["id"]) ?? str(meta["id"]) ?? str(meta["source"]), score: num(meta["score"]), content: d["pageContent"] };
          })
        : [];
      finish(runId, (handle) => handle.end({ documents: listed }));
    },
    handleRetrieverError: fail,
  };
}

/** The class or given name of a serialized LangChain object: `["langchain", "chat_models", "openai", "ChatOpenAI"]` → `ChatOpenAI`. */
function nameOf(serialized: Serialized, fallback: string): string {
  return serialized?.name ?? serialized?.id?.at(-1) ?? fallback;
}

/** Model, provider and parameters from LangChain's `ls_*` metadata and invocation parameters. */
function modelOptions(llm: Serialized, extraParams: Fields | undefined, metadata: Fields | undefined) {
  const params = (extraParams?.["invocation_params"] ?? {}) as Fields;
  return {
    model: str(metadata?.["ls_model_name"]) ?? str(params["model"]) ?? str(params["model_name"]) ?? nameOf(llm, "llm"),
    provider: str(metadata?.["ls_provider"]),
    temperature: num(metadata?.["ls_temperature"]) ?? num(params["temperature"]),
    maxTokens: num(metadata?.["ls_max_tokens"]) ?? num(params["max_tokens"]),
  };
}

/** A LangChain message (`HumanMessage`, `AIMessage`...) as `{ role, content }`. */
function toMessage(message: unknown): { role: string; content: unknown } {
  const m = message as { getType?: () => string; _getType?: () => string; content?: unknown };
  const type = m.getType?.() ?? m._getType?.() ?? "user";
  const role = type === "human" ? "user" : type === "ai" ? "assistant" : type;
  return { role, content: m.content };
}

/** What an `LLMResult` holds: the first generation's text, usage from the message or the provider's output. */
function llmResult(output: Fields) {
  const first = ((output["generations"] as Fields[][] | undefined)?.[0]?.[0] ?? {}) as Fields;
  const message = (first["message"] ?? {}) as Fields;
  const usage = tokenUsage(message["usage_metadata"], (output["llmOutput"] as Fields | undefined)?.["tokenUsage"]);
  const info = (first["generationInfo"] ?? {}) as Fields;
  const finish = str(info["finish_reason"]) ?? str((message["response_metadata"] as Fields | undefined)?.["finish_reason"]);
  return { output: str(first["text"]) ?? message["content"], ...(usage && { usage }), ...(finish && { finishReasons: finish }) };
}

function tokenUsage(metadata: unknown, legacy: unknown): TokenUsage | undefined {
  const m = metadata as Fields | undefined;
  const input = num(m?.["input_tokens"]) ?? num((legacy as Fields | undefined)?.["promptTokens"]);
  const output = num(m?.["output_tokens"]) ?? num((legacy as Fields | undefined)?.["completionTokens"]);
  return usageFrom(input, output);
}

/** A tool's output may be a `ToolMessage`: its content is the result. */
function toolOutput(output: unknown): unknown {
  const message = output as { content?: unknown; lc_namespace?: unknown } | null;
  return message && typeof message === "object" && "content" in message && "lc_namespace" in message ? message.content : output;
}
