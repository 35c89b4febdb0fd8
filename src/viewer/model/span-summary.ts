import { MODEL_OPERATIONS } from "../../conventions/metric-names.js";
import { nanosToMillis, type OtlpAnyValue, type OtlpResourceSpans, type OtlpSpan, PARENT_IS_REMOTE_FLAG } from "./otlp-json.js";

/** Where a span's full record is: a line of a source. The server reads it again on demand. */
export interface SpanLocation {
  /** Which source (a file, or a stretch of one before it was rotated or truncated; a report's file). */
  source: number;
  /** The line's first byte in the file (the server), or the line's index in its file (a report). */
  offset: number;
  /** The line's length in bytes (the server); a report does not use it. */
  length: number;
}

/** The kinds the viewer draws an icon for. */
export type ViewKind = "trace" | "workflow" | "task" | "agent" | "tool" | "generation" | "embedding" | "retrieval" | "message" | "system" | "feedback" | "chain" | "map" | "item" | "server" | "client" | "producer" | "consumer" | "span";

/**
 * What the index keeps of a span: enough for the traces list, the waterfall, the conversations and
 * the aggregates. Content (inputs, outputs, messages) stays in the file until a span is opened.
 */
export interface SpanSummary {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: ViewKind;
  startMs: number;
  endMs: number;
  /** 0 unset, 1 ok, 2 error (OpenTelemetry's status codes). */
  status: number;
  statusMessage?: string;
  service: string;
  /** Which process wrote the span: its resource, told apart from other processes'. */
  process: string;
  remoteParent: boolean;
  /** The model that answered, or the one asked for when no answer says. */
  model?: string;
  /** The model asked for, when the answer names another (`gpt-4o-mini` answered by `gpt-4o-mini-2024-07-18`). */
  requestModel?: string;
  provider?: string | undefined;
  inputTokens?: number;
  outputTokens?: number;
  /** Input tokens a model call read from the provider's prompt cache. */
  cacheReadTokens?: number;
  cost?: number | undefined;
  cache?: string | undefined;
  conversationId?: string | undefined;
  userId?: string | undefined;
  sessionId?: string | undefined;
  /** A model call: an llmtrace generation, a GenAI model operation, an OpenInference LLM or embedding span. */
  modelCall: boolean;
  /** An llmtrace generation: it counts its call itself, wherever it is (as the metrics count it). */
  ownGeneration?: boolean;
  /** Another span already counts this call's usage (llmtrace.usage.counted_on). */
  countedElsewhere?: boolean;
  /** Set by the index: this span counts its model call's usage (see TraceEntry's markUsage). */
  countsUsage?: boolean;
  at: SpanLocation;
}

const OPENINFERENCE_KINDS: Record<string, ViewKind> = {
  LLM: "generation", TOOL: "tool", AGENT: "agent", RETRIEVER: "retrieval", CHAIN: "chain", EMBEDDING: "embedding", EVALUATOR: "feedback", RERANKER: "retrieval", GUARDRAIL: "task",
};
const OPERATION_KINDS: Record<string, ViewKind> = {
  chat: "generation", text_completion: "generation", generate_content: "generation", embeddings: "embedding", create_embeddings: "embedding", execute_tool: "tool", invoke_agent: "agent", create_agent: "agent", retrieval: "retrieval",
};

const LLMTRACE_KINDS = new Set<string>(["trace", "workflow", "task", "agent", "tool", "generation", "retrieval", "message", "system", "feedback", "map", "item"]);
const OTEL_KINDS: ViewKind[] = ["span", "span", "server", "client", "producer", "consumer"];

function text(value: OtlpAnyValue | undefined): string | undefined {
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return String(value.intValue);
  return undefined;
}

/** A count or amount: a number of zero or more (OTLP/JSON may write a 64-bit int as a string). Text is not a number. */
function number(value: OtlpAnyValue | undefined): number | undefined {
  if (!value) return undefined;
  const raw = value.intValue ?? value.doubleValue;
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** The process identity and service of a resource, computed once per line. */
export function describeResource(resource: OtlpResourceSpans["resource"]): { service: string; process: string } {
  let service = "unknown_service";
  const identity: string[] = [];
  for (const attribute of Array.isArray(resource?.attributes) ? resource.attributes : []) {
    switch (attribute?.key) {
      case "service.name":
        service = text(attribute.value) ?? service;
        break;
      case "service.instance.id":
      case "process.pid":
      case "host.name":
      case "host.id":
      case "k8s.pod.uid":
        identity.push(`${attribute.key}=${text(attribute.value) ?? ""}`);
    }
  }
  return { service, process: [service, ...identity].join(" ") };
}

/** The index's summary of a span, read in one pass over its attributes (no full decode). */
export function summarizeSpan(span: OtlpSpan, resource: { service: string; process: string }, at: SpanLocation): SpanSummary {
  const summary: SpanSummary = {
    // Ids are lower-cased: the API and links use lower case, whatever case a file has.
    traceId: (span.traceId ?? "").toLowerCase(),
    spanId: (span.spanId ?? "").toLowerCase(),
    name: typeof span.name === "string" ? span.name : "",
    kind: OTEL_KINDS[span.kind ?? 1] ?? "span",
    startMs: nanosToMillis(span.startTimeUnixNano),
    endMs: nanosToMillis(span.endTimeUnixNano),
    status: typeof span.status?.code === "number" ? span.status.code : 0,
    service: resource.service,
    process: resource.process,
    remoteParent: ((span.flags ?? 0) & PARENT_IS_REMOTE_FLAG) !== 0,
    modelCall: false,
    at,
  };
  if (typeof span.parentSpanId === "string" && span.parentSpanId !== "") summary.parentSpanId = span.parentSpanId.toLowerCase();
  if (typeof span.status?.message === "string" && span.status.message !== "") summary.statusMessage = span.status.message;
  let llmtraceKind: ViewKind | undefined;
  let openInferenceKind: ViewKind | undefined;
  let operationKind: ViewKind | undefined;
  let requestModel: string | undefined;
  let responseModel: string | undefined;
  let otherModel: string | undefined;
  let inputTokens: number | undefined;
  let outputTokens: number | undefined;
  let fallbackInput: number | undefined;
  let fallbackOutput: number | undefined;
  let mapKind: ViewKind | undefined;
  let cacheRead: number | undefined;
  let fallbackCacheRead: number | undefined;
  for (const attribute of Array.isArray(span.attributes) ? span.attributes : []) {
    const value = attribute?.value;
    switch (attribute?.key) {
      case "llmtrace.span.kind": {
        const kind = text(value);
        if (kind && LLMTRACE_KINDS.has(kind)) llmtraceKind = kind as ViewKind;
        if (kind === "generation") {
          summary.modelCall = true;
          summary.ownGeneration = true;
        }
        break;
      }
      case "openinference.span.kind": {
        const kind = text(value) ?? "";
        openInferenceKind = OPENINFERENCE_KINDS[kind];
        if (kind === "LLM" || kind === "EMBEDDING") summary.modelCall = true;
        break;
      }
      case "gen_ai.operation.name": {
        const operation = text(value) ?? "";
        operationKind = OPERATION_KINDS[operation];
        if (MODEL_OPERATIONS.has(operation)) summary.modelCall = true;
        break;
      }
      case "gen_ai.request.model":
        requestModel = text(value);
        break;
      case "gen_ai.response.model":
        responseModel = text(value);
        break;
      case "ai.model":
      case "llm.model_name":
        otherModel ??= text(value);
        break;
      case "gen_ai.provider.name":
      case "gen_ai.system":
      case "ai.provider":
      case "llm.provider":
        summary.provider ??= text(value);
        break;
      case "gen_ai.usage.input_tokens":
        inputTokens = number(value);
        break;
      case "gen_ai.usage.output_tokens":
        outputTokens = number(value);
        break;
      case "ai.prompt_tokens":
      case "llm.token_count.prompt":
        fallbackInput ??= number(value);
        break;
      case "ai.completion_tokens":
      case "llm.token_count.completion":
        fallbackOutput ??= number(value);
        break;
      case "ai.cost":
        summary.cost = number(value);
        break;
      case "llm.cost.total":
        summary.cost ??= number(value);
        break;
      case "llmtrace.cache.status":
        summary.cache = text(value);
        break;
      case "conversation.id":
      case "gen_ai.conversation.id":
        summary.conversationId ??= text(value);
        break;
      case "session.id":
        summary.sessionId = text(value);
        break;
      case "user.id":
      case "enduser.id":
        summary.userId ??= text(value);
        break;
      case "llmtrace.usage.counted_on":
        summary.countedElsewhere = true;
        break;
      // trace.map's spans are tasks to other backends; here, a map and its items.
      case "llmtrace.map.items":
        mapKind = "map";
        break;
      case "llmtrace.map.index":
        mapKind = "item";
        break;
      case "gen_ai.usage.cache_read.input_tokens":
        cacheRead = number(value);
        break;
      case "ai.cached_tokens":
      case "llm.token_count.prompt_details.cache_read":
        fallbackCacheRead ??= number(value);
        break;
    }
  }
  summary.kind = mapKind ?? llmtraceKind ?? openInferenceKind ?? operationKind ?? summary.kind;
  const cached = cacheRead ?? fallbackCacheRead;
  if (cached !== undefined && summary.modelCall) summary.cacheReadTokens = cached;
  const model = responseModel ?? requestModel ?? otherModel;
  if (model !== undefined) summary.model = model;
  if (requestModel !== undefined && requestModel !== model) summary.requestModel = requestModel;
  const input = inputTokens ?? fallbackInput;
  const output = outputTokens ?? fallbackOutput;
  if (input !== undefined) summary.inputTokens = input;
  if (output !== undefined) summary.outputTokens = output;
  if (summary.cost === undefined) delete summary.cost;
  return summary;
}
