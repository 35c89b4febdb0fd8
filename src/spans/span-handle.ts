import {
  type AttributeValue,
  type Attributes,
  type Context,
  context,
  diag,
  INVALID_SPAN_CONTEXT,
  type Span,
  type SpanContext,
  type SpanKind,
  trace,
} from "@opentelemetry/api";
import { prepareContent } from "../content/prepare-content.js";
import { markClean } from "../content/redaction/clean-strings.js";
import { ATTR_AI_CONTENT_TRUNCATED } from "../conventions/attribute-keys.js";
import { contextAttributes } from "../conventions/context-attributes.js";
import { writeContent } from "../conventions/span-attributes.js";
import type { LlmSpanKind } from "../types/span-kinds.js";
import { getLlmContext } from "../context/llm-context.js";
import type { InstrumentationSettings } from "../settings/instrumentation-settings.js";
import type { ContentField } from "../types/content-field.js";
import { CHILD_KINDS, type ChildBuilders, type SpanStarters } from "./builder-types.js";
import type { FeedbackOptions } from "./feedback.js";
import { isPromiseLike, whenSettled } from "./promise-like.js";
import { type CacheInfo, cacheAttributes } from "../conventions/cache-attributes.js";
import { ResourceProbe } from "../platform/resource-usage.js";
import { selfTiming } from "../platform/self-timing.js";
import { recordError } from "./record-error.js";
import { endsWithStream } from "./stream-owned.js";
import { formatSpanRef } from "./span-ref.js";
import { llmTracer } from "./tracer.js";

const NON_RECORDING_SPAN = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);


export interface StartedSpan {
  readonly span: Span;
  /** The parent context with this span active. */
  readonly context: Context;
}

/**
 * Starts an OpenTelemetry span for an llmtrace handle: the llm context active in `parent`
 * stamped on it, nothing started at all when tracing is configured as disabled.
 */
export function startSpan(
  name: string,
  parent: Context,
  attributes: Attributes,
  kind: SpanKind,
  settings: InstrumentationSettings,
  /** A start in the past (epoch ms), for a span recorded after the fact (a failed map item). */
  startTime?: number,
): StartedSpan {
  if (settings.disabled) return { span: NON_RECORDING_SPAN, context: parent };
  const llm = getLlmContext(parent);
  // One rule for every span (the context processor keeps it for other instrumentations' too):
  // an attribute given on the span wins over the withContext value of the same key.
  if (llm) {
    const stamped = contextAttributes(llm, settings.profiles);
    for (const key in stamped) if (attributes[key] === undefined) attributes[key] = stamped[key];
  }
  const span = llmTracer().startSpan(name, startTime === undefined ? { kind, attributes } : { kind, attributes, startTime }, parent);
  return { span, context: trace.setSpan(parent, span) };
}

/** Called when a handle ends, so a trace handle can tell when its last child is done. */
export type EndListener = (endTime: number) => void;

/**
 * What every llmtrace span handle can do. Calls on an ended handle are ignored (with a debug
 * line), and nothing here throws into the caller.
 */
export abstract class SpanHandle {
  /** The OpenTelemetry span behind this handle. */
  readonly span: Span;
  /** The context in which this span is the active one. */
  readonly context: Context;
  readonly kind: LlmSpanKind;
  protected readonly settings: InstrumentationSettings;
  /** False for spans sampled out or with tracing disabled: attribute work is skipped. */
  protected readonly recording: boolean;
  private isEnded = false;
  private resources: ResourceProbe | undefined;
  /** Whether this span's work is timed for the overhead estimate (self-timing.ts): its end too. */
  private timed = false;
  private contentTruncated = false;
  private readonly onEnd: EndListener | undefined;
  /**
   * How handles start children: given by the builder that made each handle. Every builder hands
   * over the same composed object, so it is kept on the prototype, not on each handle (a field
   * per span costs memory and collection time on the hot path).
   */
  declare private starters: SpanStarters | undefined;

  constructor(kind: LlmSpanKind, started: StartedSpan, settings: InstrumentationSettings, onEnd?: EndListener) {
    this.kind = kind;
    this.span = started.span;
    this.context = started.context;
    this.settings = settings;
    this.recording = started.span.isRecording();
    this.onEnd = onEnd;
  }

  /** Whether `end()` has been called. */
  get ended(): boolean {
    return this.isEnded;
  }

  spanContext(): SpanContext {
    return this.span.spanContext();
  }

  /**
   * A serializable reference to this span (W3C `traceparent` format). Store it with the
   * conversation and pass it to `trace.feedback({ ref })` later, in any process.
   */
  ref(): string {
    return formatSpanRef(this.span.spanContext());
  }

  setAttribute(key: string, value: AttributeValue): this {
    if (this.ignoredAfterEnd("setAttribute")) return this;
    this.span.setAttribute(key, value);
    return this;
  }

  setAttributes(attributes: Attributes): this {
    if (this.ignoredAfterEnd("setAttributes")) return this;
    this.span.setAttributes(attributes);
    return this;
  }

  addEvent(name: string, attributes?: Attributes): this {
    if (this.ignoredAfterEnd("addEvent")) return this;
    this.span.addEvent(name, attributes);
    return this;
  }

  /**
   * Records what a cache did for this span's work: `hit` (with `computeSavedMillis`), `miss` or
   * `write`, the entry's `signature` (a content hash, exported as given) and the lookup's
   * `durationMillis`. Cached spans are marked in the console tree and counted in the metrics.
   */
  cache(info: CacheInfo): this {
    if (this.ignoredAfterEnd("cache")) return this;
    const attributes = cacheAttributes(info);
    if (attributes) this.span.setAttributes(attributes);
    else diag.debug("llmtrace: cache() needs { status: \"hit\" | \"miss\" | \"write\" }; ignored");
    return this;
  }

  /** Marks the span failed: status ERROR, an exception event with the cause chain, `error.type`. */
  recordError(error: unknown): this {
    if (this.ignoredAfterEnd("recordError")) return this;
    try {
      if (this.recording) recordError(this.span, error, this.settings);
    } catch (failure) {
      diag.warn(`llmtrace: could not record an error on span "${this.spanName()}": ${String(failure)}`);
    }
    return this;
  }

  /** Ends the span, recording `result` as its output. Later calls are ignored. */
  end(result?: unknown): void {
    this.endSpan(result, undefined);
  }

  /** Ends the span at `endTime` (epoch ms), or now. */
  protected endSpan(result: unknown, endTime: number | undefined): void {
    if (this.ignoredAfterEnd("end")) return;
    this.isEnded = true;
    const timed = this.timed ? performance.now() : -1;
    // The span ends when the caller ended it, not after the work of recording a result below.
    // Recording nothing, a number or a boolean takes less than reading the clock twice: then the
    // SDK's own reading at end() will do.
    const quick = result === undefined || typeof result === "number" || typeof result === "boolean";
    const endedAt = endTime ?? (quick && !this.onEnd ? undefined : now());
    try {
      if (this.recording) {
        const attributes: Attributes = {};
        this.finish(attributes, result);
        if (this.resources) Object.assign(attributes, this.resources.attributes());
        if (this.contentTruncated) attributes[ATTR_AI_CONTENT_TRUNCATED] = true;
        this.span.setAttributes(attributes);
      }
    } catch (failure) {
      diag.warn(`llmtrace: could not record the result of span "${this.spanName()}": ${String(failure)}`);
    }
    this.span.end(endedAt);
    if (this.onEnd) this.onEnd(endedAt ?? now());
    selfTiming.add(timed);
  }

  /** Its building was timed for the overhead estimate, so its end is timed too. */
  markTimed(): void {
    this.timed = true;
  }

  /** Records the process's resource use from now until the span ends (`resourceUsage: true`). */
  trackResources(): this {
    if (this.recording && !this.isEnded) this.resources = new ResourceProbe();
    return this;
  }

  [Symbol.dispose](): void {
    if (!this.isEnded) this.end();
  }

  /** Records a failure and ends the span; used by callback forms. */
  fail(error: unknown): void {
    this.recordError(error);
    if (!this.isEnded) this.end();
  }

  /** Sets what ending with `result` means for this kind of span. The default records it as output. */
  protected finish(attributes: Attributes, result: unknown): void {
    const text = this.content(result, "output", "outputs");
    if (text !== undefined) writeContent(attributes, "output", text, this.settings.profiles);
  }

  /** Records `value` as the span's input (generic content keys of every enabled profile). */
  protected recordInput(value: unknown): void {
    if (value === undefined || !this.recording) return;
    const text = this.content(value, "input", "inputs");
    if (text === undefined) return;
    const attributes: Attributes = {};
    writeContent(attributes, "input", text, this.settings.profiles);
    this.span.setAttributes(attributes);
  }

  /** Runs one recording step so that its failure costs only what it records, with a warning. */
  protected attempt(what: string, step: () => void): void {
    try {
      step();
    } catch (failure) {
      diag.warn(`llmtrace: could not record the ${what} of span "${this.spanName()}": ${String(failure)}`);
    }
  }

  /** Sends a value through the content path (capture switch, size budget, redaction). */
  protected content(value: unknown, key: string, field: ContentField): string | undefined {
    const prepared = prepareContent(value, { key, field, spanKind: this.kind }, this.settings.content);
    if (!prepared) return undefined;
    if (prepared.truncated) this.contentTruncated = true;
    // The redaction processor re-checks every string at export; this one is known clean.
    markClean(this.span, prepared.text);
    return prepared.text;
  }

  private ignoredAfterEnd(method: string): boolean {
    if (!this.isEnded) return false;
    diag.debug(`llmtrace: ${method}() on ended span "${this.spanName()}" ignored`);
    return true;
  }

  private spanName(): string {
    return (this.span as unknown as { name?: string }).name ?? this.kind;
  }

  /** Records feedback on this span's trace, as a child of this span. */
  feedback(options: FeedbackOptions): void {
    this.starters?.feedback(this.context, options, this.span.spanContext());
  }

  /** @internal Called by the builder that made this handle. */
  attachStarters(starters: SpanStarters): this {
    if (this.starters !== starters) (SpanHandle.prototype as unknown as { starters: SpanStarters }).starters = starters;
    return this;
  }

  /** @internal */
  startChild(kind: (typeof CHILD_KINDS)[number], args: readonly unknown[]): unknown {
    if (this.starters) return this.starters[kind](this.context, args);
    diag.warn(`llmtrace: ${kind}() on a handle that no builder made is ignored`);
    return undefined;
  }
}

// Child builders: spans started from a handle nest under it, whatever context is active. They live
// on the prototype (declared through the interface below) so a handle costs no closures.
export interface SpanHandle extends ChildBuilders {}

for (const kind of CHILD_KINDS) {
  Object.defineProperty(SpanHandle.prototype, kind, {
    value: function childBuilder(this: SpanHandle, ...args: unknown[]) {
      return this.startChild(kind, args);
    },
    writable: true,
    configurable: true,
  });
}

/**
 * Runs `fn` with the handle's span active, records a thrown error or rejection (the caller
 * still gets it, unchanged), and ends the span when `fn` is done — unless `fn` ended it itself.
 * A value `fn` returns without ending the span becomes the span's output. What `fn` returns is
 * what the caller gets, the very object: a promise-like result (OpenAI's `APIPromise`, say) is
 * watched, not replaced, and the span ends when it settles. A generation with a stream traced on
 * it (`traceStream`) ends with that stream instead.
 */
export function runWithHandle<H extends SpanHandle, R>(handle: H, fn: (handle: H) => R): R {
  let result: R;
  try {
    result = context.with(handle.context, fn, undefined, handle);
  } catch (error) {
    handle.fail(error);
    throw error;
  }
  if (isPromiseLike(result)) {
    const watched = whenSettled(
      result,
      (value) => {
        if (!handle.ended && !endsWithStream(handle)) handle.end(value);
      },
      (error) => handle.fail(error),
    );
    if (!watched && !handle.ended && !endsWithStream(handle)) handle.end();
    return result;
  }
  if (!handle.ended && !endsWithStream(handle)) handle.end(result);
  return result;
}

/** Epoch milliseconds, with the precision of the performance clock. */
function now(): number {
  return performance.timeOrigin + performance.now();
}
