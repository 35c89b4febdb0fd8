import { type AttributeValue, type HrTime, SpanStatusCode } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { ATTR_CACHE_STATUS } from "../../conventions/cache-attributes.js";
import {
  ATTR_AI_COMPLETION_TOKENS,
  ATTR_AI_COST,
  ATTR_AI_MODEL,
  ATTR_AI_PROMPT_TOKENS,
  ATTR_AI_TIME_TO_FIRST_TOKEN_MS,
  ATTR_CONVERSATION_ID,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_TOOL_NAME,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_LLMTRACE_INTERRUPTED,
  ATTR_SERVICE_NAME,
} from "../../conventions/attribute-keys.js";

/**
 * Renders the spans of one trace as an indented tree, children in start order:
 *
 *     trace 4bf92f3577b34da6…  support-bot  3 spans  152.3 ms
 *     workflow.answer  152.3 ms  conversation=conv_1
 *     ├─ tool.search_docs  20.1 ms  tool=search_docs
 *     └─ chat gpt-4o  120.0 ms  ERROR: rate limited  model=gpt-4o tokens=1200→85 cost=$0.004200
 *
 * Spans whose parent is not among `spans` (remote parents, or spans not yet ended) are roots.
 */
export function formatTraceTree(spans: readonly ReadableSpan[], options: { incomplete?: boolean } = {}): string {
  const ids = new Set(spans.map((span) => span.spanContext().spanId));
  const children = new Map<string, ReadableSpan[]>();
  const roots: ReadableSpan[] = [];
  for (const span of spans) {
    const parentId = span.parentSpanContext?.spanId;
    if (parentId !== undefined && ids.has(parentId)) {
      const siblings = children.get(parentId);
      if (siblings) siblings.push(span);
      else children.set(parentId, [span]);
    } else {
      roots.push(span);
    }
  }
  const byStart = (a: ReadableSpan, b: ReadableSpan) => hrToMs(a.startTime) - hrToMs(b.startTime);
  roots.sort(byStart);

  const first = roots[0] ?? spans[0];
  const traceId = first?.spanContext().traceId ?? "";
  const service = first?.resource.attributes[ATTR_SERVICE_NAME];
  const totalMs = roots.reduce((max, root) => Math.max(max, hrToMs(root.duration)), 0);
  const header = [
    `trace ${traceId.slice(0, 16)}…`,
    typeof service === "string" ? service : undefined,
    `${spans.length} span${spans.length === 1 ? "" : "s"}`,
    formatDuration(totalMs),
    options.incomplete ? "(incomplete: some spans had not ended)" : undefined,
  ];
  const lines = [header.filter(Boolean).join("  ")];

  const visit = (span: ReadableSpan, prefix: string, connector: string, isRoot: boolean) => {
    lines.push(`${prefix}${connector}${describeSpan(span, isRoot)}`);
    const kids = (children.get(span.spanContext().spanId) ?? []).sort(byStart);
    const childPrefix = prefix + (connector === "├─ " ? "│  " : connector === "" ? "" : "   ");
    kids.forEach((kid, index) => visit(kid, childPrefix, index === kids.length - 1 ? "└─ " : "├─ ", false));
  };
  for (const root of roots) visit(root, "", "", true);
  return `${lines.join("\n")}\n`;
}

function describeSpan(span: ReadableSpan, isRoot: boolean): string {
  const parts = [span.name, formatDuration(hrToMs(span.duration))];
  const cache = span.attributes[ATTR_CACHE_STATUS];
  if (cache === "hit") parts.push("⚡ cached");
  else if (cache === "miss" || cache === "write") parts.push(`cache ${cache}`);
  if (span.status.code === SpanStatusCode.ERROR) {
    const exception = span.events.find((event) => event.name === "exception");
    const message = span.status.message ?? exception?.attributes?.["exception.message"];
    parts.push(message ? `ERROR: ${String(message)}` : "ERROR");
  } else if (span.attributes[ATTR_LLMTRACE_INTERRUPTED] !== undefined) {
    // Ended by llmtrace at a process.exit(0): not failed, but cut short.
    parts.push(`interrupted (${String(span.attributes[ATTR_LLMTRACE_INTERRUPTED])})`);
  }
  const a = span.attributes;
  const model = a[ATTR_GEN_AI_REQUEST_MODEL] ?? a[ATTR_AI_MODEL];
  const input = a[ATTR_GEN_AI_USAGE_INPUT_TOKENS] ?? a[ATTR_AI_PROMPT_TOKENS];
  const output = a[ATTR_GEN_AI_USAGE_OUTPUT_TOKENS] ?? a[ATTR_AI_COMPLETION_TOKENS];
  const conversation = a[ATTR_GEN_AI_CONVERSATION_ID] ?? a[ATTR_CONVERSATION_ID];
  pushAttribute(parts, "model", model);
  if (input !== undefined || output !== undefined) parts.push(`tokens=${String(input ?? "?")}→${String(output ?? "?")}`);
  const cost = a[ATTR_AI_COST];
  if (typeof cost === "number") parts.push(`cost=$${cost.toFixed(6)}`);
  const ttft = a[ATTR_AI_TIME_TO_FIRST_TOKEN_MS];
  if (typeof ttft === "number") parts.push(`ttft=${formatDuration(ttft)}`);
  pushAttribute(parts, "tool", a[ATTR_GEN_AI_TOOL_NAME]);
  // Context ids repeat on every span; showing them once, at the root, keeps the tree readable.
  if (isRoot) pushAttribute(parts, "conversation", conversation);
  return parts.join("  ");
}

function pushAttribute(parts: string[], label: string, value: AttributeValue | undefined): void {
  if (value !== undefined && value !== "") parts.push(`${label}=${String(value)}`);
}

function hrToMs(time: HrTime): number {
  return time[0] * 1e3 + time[1] / 1e6;
}

export function formatDuration(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  return `${ms.toFixed(1)} ms`;
}
