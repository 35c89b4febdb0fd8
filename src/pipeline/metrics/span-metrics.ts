import type { Attributes, HrTime } from "@opentelemetry/api";
import { hrTime } from "@opentelemetry/core";
import type { CollectionResult, MetricData, MetricProducer } from "@opentelemetry/sdk-metrics";
import type { Resource } from "@opentelemetry/resources";
import { ATTR_GEN_AI_OPERATION_NAME, ATTR_GEN_AI_PROVIDER_NAME, ATTR_GEN_AI_REQUEST_MODEL, ATTR_GEN_AI_RESPONSE_MODEL, ATTR_ERROR_TYPE, ATTR_LLMTRACE_SPAN_KIND } from "../../conventions/attribute-keys.js";
import * as m from "../../conventions/metric-names.js";
import { ATTR_CACHE_STATUS } from "../../conventions/cache-attributes.js";
import { ATTR_MAP_CACHE_HITS, ATTR_MAP_CACHE_MISSES, ATTR_MAP_CACHE_WRITES, ATTR_MAP_INDEX, ATTR_MAP_NAME } from "../../conventions/map-attributes.js";
import { TRACER_NAME } from "../../spans/tracer.js";
import { VERSION } from "../../version.js";
import { CounterAggregate, HistogramAggregate } from "./metric-aggregates.js";
import { errorType, type ModelCallReading, readModelCall } from "./model-call-reading.js";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";

/** Kinds of llmtrace spans whose durations and errors are recorded (model calls have the GenAI metrics; feedback takes no time). */
const OPERATION_KINDS = new Set(["trace", "tool", "agent", "workflow", "task", "retrieval", "message", "system"]);
/** Other instrumentations' tool and agent spans, by their GenAI operation. */
const FOREIGN_OPERATION_KINDS: Readonly<Record<string, string>> = { execute_tool: "tool", invoke_agent: "agent" };
const SEP = "\u0001";

/**
 * The metrics recorded as each span ends: every model call (llmtrace's and other
 * instrumentations', counted once) into the GenAI client histograms and llmtrace's requests,
 * tokens and cost counters; tools, agents, workflows... into a duration histogram and an error
 * counter. Dimensions are bounded by design: provider, models, operation, error type, span kind
 * and name — never user, conversation or content values.
 *
 * Aggregated here and handed to the metric readers as a `MetricProducer` (cumulative), rather
 * than recorded through the SDK's instruments: those hash an attributes object on every
 * recording, which cost more than the span itself (docs/performance.md).
 */
export class SpanMetrics implements MetricProducer {
  private readonly tokenUsage: HistogramAggregate;
  private readonly duration: HistogramAggregate;
  private readonly firstChunk: HistogramAggregate;
  private readonly perChunk: HistogramAggregate;
  private readonly requests: CounterAggregate;
  private readonly tokens: CounterAggregate;
  private readonly cost: CounterAggregate;
  private readonly operationDuration: HistogramAggregate;
  private readonly operationErrors: CounterAggregate;
  private readonly cacheLookups: CounterAggregate;
  private readonly all: readonly (HistogramAggregate | CounterAggregate)[];
  private readonly startTime: HrTime = hrTime();
  /** Spans recorded, for `tracing.stats()`. */
  recorded = 0;

  /** `resource` is what a reader's own SDK collection carries; used when this producer is collected alone. */
  constructor(
    cardinalityLimit: number,
    private readonly resource: Resource | undefined = undefined,
  ) {
    const histogram = (name: string, description: string, unit: string, buckets: readonly number[]) => new HistogramAggregate({ name, description, unit }, cardinalityLimit, buckets);
    const counter = (name: string, description: string, unit: string) => new CounterAggregate({ name, description, unit }, cardinalityLimit);
    this.tokenUsage = histogram(m.METRIC_GEN_AI_TOKEN_USAGE, "Number of input and output tokens used per model call.", "{token}", m.TOKEN_BUCKETS);
    this.duration = histogram(m.METRIC_GEN_AI_OPERATION_DURATION, "GenAI operation duration.", "s", m.DURATION_BUCKETS);
    this.firstChunk = histogram(m.METRIC_GEN_AI_TIME_TO_FIRST_CHUNK, "Time from the request to the first chunk of a streamed answer.", "s", m.DURATION_BUCKETS);
    this.perChunk = histogram(m.METRIC_GEN_AI_TIME_PER_OUTPUT_CHUNK, "Mean time between output chunks after the first, per streamed call.", "s", m.CHUNK_BUCKETS);
    this.requests = counter(m.METRIC_LLM_REQUESTS, "Model calls.", "{request}");
    this.tokens = counter(
      m.METRIC_LLM_TOKENS,
      "Tokens by gen_ai.token.type: input (cache_read and cache_creation included), output (reasoning included), cache_read, cache_creation, reasoning.",
      "{token}",
    );
    this.cost = counter(m.METRIC_LLM_COST, "Cost of model calls in US dollars, from llmtrace's price table.", "{USD}");
    this.operationDuration = histogram(m.METRIC_OPERATION_DURATION, "Duration of tools, agents, workflows, tasks, retrievals and messages.", "s", m.DURATION_BUCKETS);
    this.operationErrors = counter(m.METRIC_OPERATION_ERRORS, "Tools, agents, workflows, tasks, retrievals and messages that ended in error.", "{error}");
    this.cacheLookups = counter(m.METRIC_CACHE_LOOKUPS, "Cache lookups by span name and llmtrace.cache.status (hit, miss, write): the hit ratio is hits over all.", "{lookup}");
    this.all = [this.cacheLookups, this.tokenUsage, this.duration, this.firstChunk, this.perChunk, this.requests, this.tokens, this.cost, this.operationDuration, this.operationErrors];
  }

  record(span: ReadableSpan): void {
    this.countCacheLookups(span);
    const call = readModelCall(span);
    if (call) {
      this.recordModelCall(span, call);
      return;
    }
    const a = span.attributes;
    const ownKind = a[ATTR_LLMTRACE_SPAN_KIND];
    const kind = typeof ownKind === "string" ? (OPERATION_KINDS.has(ownKind) ? ownKind : undefined) : FOREIGN_OPERATION_KINDS[a[ATTR_GEN_AI_OPERATION_NAME] as string];
    if (kind === undefined) return;
    this.recorded++;
    const error = errorType(span);
    const name = seriesName(span);
    const key = `${kind}${SEP}${name}${SEP}${error ?? ""}`;
    const attributes = () => {
      const made: Attributes = { [m.ATTR_METRIC_SPAN_KIND]: kind, [m.ATTR_METRIC_SPAN_NAME]: name };
      if (error !== undefined) made[ATTR_ERROR_TYPE] = error;
      return made;
    };
    this.operationDuration.record(key, attributes, secondsOf(span));
    if (error !== undefined) this.operationErrors.add(key, attributes, 1);
  }

  /**
   * Cache lookups: a span's own status — except a map item's, which its map counts (whether the
   * item had a span or not) from the aggregate on the map span.
   */
  private countCacheLookups(span: ReadableSpan): void {
    const a = span.attributes;
    const add = (name: string, status: string, count: number) => {
      if (count > 0) this.cacheLookups.add(`${name}${SEP}${status}`, () => ({ [m.ATTR_METRIC_SPAN_NAME]: name, [ATTR_CACHE_STATUS]: status }), count);
    };
    const status = a[ATTR_CACHE_STATUS];
    if (typeof status === "string" && a[ATTR_MAP_INDEX] === undefined) add(span.name, status, 1);
    const hits = a[ATTR_MAP_CACHE_HITS];
    if (typeof hits === "number") {
      const items = `map ${String(a[ATTR_MAP_NAME])} item`;
      add(items, "hit", hits);
      add(items, "miss", Number(a[ATTR_MAP_CACHE_MISSES] ?? 0));
      add(items, "write", Number(a[ATTR_MAP_CACHE_WRITES] ?? 0));
    }
  }

  private recordModelCall(span: ReadableSpan, call: ModelCallReading): void {
    this.recorded++;
    const base = `${call.operation}${SEP}${call.provider ?? ""}${SEP}${call.requestModel ?? ""}${SEP}${call.responseModel ?? ""}`;
    const attributes = (): Attributes => {
      const made: Attributes = { [ATTR_GEN_AI_OPERATION_NAME]: call.operation };
      if (call.provider !== undefined) made[ATTR_GEN_AI_PROVIDER_NAME] = call.provider;
      if (call.requestModel !== undefined) made[ATTR_GEN_AI_REQUEST_MODEL] = call.requestModel;
      if (call.responseModel !== undefined) made[ATTR_GEN_AI_RESPONSE_MODEL] = call.responseModel;
      return made;
    };
    // error.type is on the duration and the request count only: a failed call's tokens are its own.
    const error = errorType(span);
    const errorKey = error === undefined ? base : `${base}${SEP}${error}`;
    const withError = error === undefined ? attributes : () => ({ ...attributes(), [ATTR_ERROR_TYPE]: error });
    const seconds = secondsOf(span);
    this.duration.record(errorKey, withError, seconds);
    this.requests.add(errorKey, withError, 1);
    if (call.costUsd !== undefined && call.costUsd > 0) this.cost.add(base, attributes, call.costUsd);
    if (call.firstChunkSeconds !== undefined) {
      this.firstChunk.record(base, attributes, call.firstChunkSeconds);
      if (call.chunks !== undefined && call.chunks > 1) this.perChunk.record(base, attributes, Math.max(0, seconds - call.firstChunkSeconds) / (call.chunks - 1));
    }
    const typed = (type: string) => () => ({ ...attributes(), [m.ATTR_GEN_AI_TOKEN_TYPE]: type });
    if (call.input !== undefined) {
      this.tokenUsage.record(`${base}${SEP}input`, typed("input"), call.input);
      this.tokens.add(`${base}${SEP}input`, typed("input"), call.input);
    }
    if (call.output !== undefined) {
      this.tokenUsage.record(`${base}${SEP}output`, typed("output"), call.output);
      this.tokens.add(`${base}${SEP}output`, typed("output"), call.output);
    }
    // Not in gen_ai.client.token.usage, whose types are input and output; parts of them here.
    if (call.cacheRead) this.tokens.add(`${base}${SEP}cache_read`, typed("cache_read"), call.cacheRead);
    if (call.cacheCreation) this.tokens.add(`${base}${SEP}cache_creation`, typed("cache_creation"), call.cacheCreation);
    if (call.reasoning) this.tokens.add(`${base}${SEP}reasoning`, typed("reasoning"), call.reasoning);
  }

  /** The `MetricProducer` a reader calls at each collection: every series recorded so far, cumulative. */
  collect(): Promise<CollectionResult> {
    const endTime = hrTime();
    const metrics: MetricData[] = [];
    for (const aggregate of this.all) {
      const data = aggregate.toMetricData(this.startTime, endTime);
      if (data) metrics.push(data);
    }
    return Promise.resolve({
      resourceMetrics: { resource: this.resource as Resource, scopeMetrics: metrics.length === 0 ? [] : [{ scope: { name: TRACER_NAME, version: VERSION }, metrics }] },
      errors: [],
    });
  }
}

/** The span's name as a metric dimension: a map's items share one (their names carry the index: `item 41`). */
function seriesName(span: ReadableSpan): string {
  const mapName = span.attributes[ATTR_MAP_INDEX] === undefined ? undefined : span.attributes[ATTR_MAP_NAME];
  return mapName === undefined ? span.name : `map ${String(mapName)} item`;
}

function secondsOf(span: ReadableSpan): number {
  return span.duration[0] + span.duration[1] / 1e9;
}
