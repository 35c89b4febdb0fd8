import type { Attributes } from "@opentelemetry/api";
import type { Span } from "@opentelemetry/sdk-trace-base";
import * as k from "../conventions/attribute-keys.js";
import { writeCost, writeUsage } from "../conventions/generation-attributes.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { computeCost } from "../cost/compute-cost.js";
import { num, str, usageFrom } from "../instrument/fields.js";
import { getSettings } from "../settings/instrumentation-settings.js";
import type { TokenUsage } from "../types/token-usage.js";
import type { LlmSpanKind } from "../types/span-kinds.js";
import { ATTR_USAGE_COUNTED_ON } from "./usage-counted-once.js";

/** The instrumentation scope of the Vercel AI SDK's telemetry (`experimental_telemetry`). */
const AI_SDK_SCOPE = "ai";

/**
 * The Vercel AI SDK's telemetry spans, given llmtrace's kinds, model, provider, usage and cost so
 * LLM-aware backends classify them and sums over them count each model call once: the provider
 * calls (`ai.generateText.doGenerate`, `ai.streamText.doStream`, `ai.generateObject.doGenerate`,
 * `ai.embed.doEmbed`…) are generations, `ai.toolCall` a tool, and the calls around them
 * (`ai.generateText`, `ai.streamText`…) tasks, whose totals over steps are not counted again.
 * Context attributes come from the context step, as on every foreign span. A span already given
 * a kind (by llmtrace or the application) is left as it is.
 */
export class AiSdkSpans {
  onEnding(span: Span): void {
    if (span.instrumentationScope.name !== AI_SDK_SCOPE) return;
    const a = span.attributes as Attributes;
    const operation = a["ai.operationId"];
    if (typeof operation !== "string" || a[k.ATTR_LLMTRACE_SPAN_KIND] !== undefined) return;
    const flags = getSettings().profiles;
    const providerCall = /\.do(Generate|Stream|Embed)$/.test(operation);
    const embeddings = providerCall && operation.startsWith("ai.embed");
    const kind: LlmSpanKind = providerCall ? "generation" : operation === "ai.toolCall" ? "tool" : "task";
    const toolName = typeof a["ai.toolCall.name"] === "string" ? (a["ai.toolCall.name"] as string) : undefined;
    const model = str(a["gen_ai.response.model"]) ?? str(a["ai.response.model"]) ?? str(a["ai.model.id"]);
    setMissing(a, kindAttributes(kind, toolName ?? model ?? operation, flags, embeddings));
    if (kind === "tool") {
      setMissing(a, { [k.ATTR_GEN_AI_OPERATION_NAME]: "execute_tool", ...(toolName && { [k.ATTR_GEN_AI_TOOL_NAME]: toolName }) });
      return;
    }
    if (kind !== "generation") return;
    const provider = providerName(a["ai.model.provider"]);
    setMissing(a, {
      [k.ATTR_GEN_AI_OPERATION_NAME]: embeddings ? "embeddings" : "chat",
      ...(flags.genAi && provider && { [k.ATTR_GEN_AI_PROVIDER_NAME]: provider }),
      ...(flags.ai && model && { [k.ATTR_AI_MODEL]: model }),
      ...(flags.ai && provider && { [k.ATTR_AI_PROVIDER]: provider }),
    });
    // Counted by an llmtrace generation around it: no usage or cost of its own.
    if (a[ATTR_USAGE_COUNTED_ON] !== undefined) return;
    const usage = usageOf(a, embeddings);
    if (!usage) return;
    writeUsage(a, usage, flags);
    const cost = computeCost(usage, model, provider, getSettings().pricing);
    if (cost) writeCost(a, cost, flags);
  }
}

/** `openai.chat`, `openai.responses`, `anthropic.messages`, `google.generative-ai`… → the GenAI provider name. */
function providerName(value: unknown): string | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const vendor = value.split(".")[0]!;
  return vendor === "google" ? "gcp.gemini" : vendor === "mistral" ? "mistral_ai" : vendor === "xai" ? "x_ai" : vendor;
}

function usageOf(a: Attributes, embeddings: boolean): TokenUsage | undefined {
  const input = num(a["gen_ai.usage.input_tokens"]) ?? num(a["ai.usage.promptTokens"]) ?? (embeddings ? num(a["ai.usage.tokens"]) : undefined);
  const output = num(a["gen_ai.usage.output_tokens"]) ?? num(a["ai.usage.completionTokens"]);
  return usageFrom(input, output);
}

function setMissing(a: Attributes, values: Attributes): void {
  for (const key in values) if (a[key] === undefined) a[key] = values[key];
}
