import { diag } from "@opentelemetry/api";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import type { ResolvedTailSampling } from "../../config/resolved-config.js";
import { keepsTrace } from "../samplers/ratio-sampler.js";
import { SamplingRules } from "../samplers/sampling-rules.js";
import { callerDecided } from "./deferring-sampler.js";
import { HeldTrace, isLocalRoot } from "./held-trace.js";
import { safeText } from "./safe-text.js";

/** Why a trace was kept. */
export type KeptReason = "parent" | "decide" | "error" | "slow" | "cost" | "tokens" | "rule" | "rate";
/** Why a trace was dropped. */
export type DroppedReason = "decide" | "rule" | "rate";
/** Why a trace was decided before its local root ended. */
export type EarlyReason = "trace_limit" | "span_limit" | "held_limit" | "max_wait" | "shutdown" | "exit";

/** `tracing.stats().sampling`: what tail sampling decided since `configureTracing()`. */
export interface SamplingStats {
  readonly tracesKept: number;
  readonly tracesDropped: number;
  readonly keptBy: Readonly<Partial<Record<KeptReason, number>>>;
  readonly droppedBy: Readonly<Partial<Record<DroppedReason, number>>>;
  /** Traces decided before their local root ended, on what they had then. */
  readonly decidedEarly: Readonly<Partial<Record<EarlyReason, number>>>;
  /** Spans not exported because their trace was dropped (sampled out, not lost). */
  readonly spansSampledOut: number;
  readonly tracesHeld: number;
  readonly spansHeld: number;
}

/** Decisions remembered for spans that end after their trace was decided (a late callback). */
const MAX_DECIDED = 100_000;

/**
 * Tail sampling in the process. Spans of a trace are held until its local root ends; then the
 * application's `decide` function, when it answers, decides the whole trace; else it is kept if a
 * keep-condition holds anywhere in it (an error, the root slower than the threshold, the trace's
 * cost or tokens above theirs), else by
 * the highest rate of the rules its spans matched, else by `rate` — decided from the trace id, so
 * processes agree.
 * A trace whose local root has a sampled remote parent is kept — unless the caller marked its
 * decision deferred (`llmtrace=tail` in `tracestate`: it tail-samples too), then this process
 * decides its part itself. Bounded: past `maxTraces` or `maxHeldSpans` the oldest held trace,
 * past `maxSpansPerTrace` the trace itself, and after `maxWaitMillis` any trace is decided early
 * on what it has; spans of a decided trace that end later follow its decision.
 */
export class TailSampler {
  private readonly held = new Map<string, HeldTrace>();
  private readonly decided = new Map<string, boolean>();
  private readonly rules: SamplingRules;
  private heldSpans = 0;
  private readonly keptBy: Partial<Record<KeptReason, number>> = {};
  private readonly droppedBy: Partial<Record<DroppedReason, number>> = {};
  private readonly decidedEarly: Partial<Record<EarlyReason, number>> = {};
  private tracesKept = 0;
  private tracesDropped = 0;
  private spansSampledOut = 0;
  private decideFailed = false;
  private decideOddAnswer = false;
  private stopped = false;
  private readonly sweeper: ReturnType<typeof setInterval>;

  constructor(
    private readonly config: ResolvedTailSampling,
    private readonly forward: (span: ReadableSpan) => void,
  ) {
    this.rules = new SamplingRules(config.rules);
    // Unref'd: a held trace never keeps the process alive (an exiting process flushes them).
    this.sweeper = setInterval(() => this.sweep(), Math.min(1000, Math.max(10, config.maxWaitMillis / 4)));
    this.sweeper.unref?.();
  }

  onEnd(span: ReadableSpan): void {
    // After shutdown nothing is held: a span goes on (to exporters that are shut down too).
    if (this.stopped) return this.forward(span);
    const traceId = span.spanContext().traceId;
    const earlier = this.decided.get(traceId);
    if (earlier !== undefined) {
      if (earlier) this.forward(span);
      else this.spansSampledOut++;
      return;
    }
    let trace = this.held.get(traceId);
    if (!trace) {
      if (this.held.size >= this.config.maxTraces) this.decideOldest("trace_limit");
      trace = new HeldTrace();
      this.held.set(traceId, trace);
    }
    trace.add(span, this.rules);
    this.heldSpans++;
    const parent = span.parentSpanContext;
    if (isLocalRoot(span)) {
      trace.root = span;
      // A remote parent's sampled flag is its caller's decision, unless the caller deferred it too.
      const callerKept = parent !== undefined && (parent.traceFlags & 1) === 1 && callerDecided(parent.traceState);
      this.decide(traceId, trace, callerKept ? "parent" : undefined);
      return;
    }
    if (trace.spans.length >= this.config.maxSpansPerTrace) this.early(traceId, trace, "span_limit");
    // The memory bound: spans held in all traces together; the oldest trace goes first.
    while (this.heldSpans > this.config.maxHeldSpans && this.held.size > 0) this.decideOldest("held_limit");
  }

  /** Spans held now, waiting for their trace's root (an exiting process settles them). */
  get spansHeld(): number {
    return this.heldSpans;
  }

  /**
   * Decides every held trace on what it has: at shutdown, and when the process exits. A flush
   * does not — the traces held are in flight (another request's), and deciding them before their
   * errors or duration are known would drop exactly the traces tail sampling is for.
   */
  settleAll(reason: "shutdown" | "exit"): void {
    for (const [traceId, trace] of [...this.held]) this.early(traceId, trace, reason);
  }

  shutdown(): void {
    clearInterval(this.sweeper);
    this.settleAll("shutdown");
    this.stopped = true;
  }

  stats(): SamplingStats {
    return {
      tracesKept: this.tracesKept,
      tracesDropped: this.tracesDropped,
      keptBy: { ...this.keptBy },
      droppedBy: { ...this.droppedBy },
      decidedEarly: { ...this.decidedEarly },
      spansSampledOut: this.spansSampledOut,
      tracesHeld: this.held.size,
      spansHeld: this.heldSpans,
    };
  }

  private sweep(): void {
    const deadline = Date.now() - this.config.maxWaitMillis;
    // Held in arrival order: the first not past its wait ends the sweep.
    for (const [traceId, trace] of this.held) {
      if (trace.heldSince > deadline) break;
      this.early(traceId, trace, "max_wait");
    }
  }

  private decideOldest(reason: EarlyReason): void {
    const oldest = this.held.entries().next();
    if (!oldest.done) this.early(oldest.value[0], oldest.value[1], reason);
  }

  private early(traceId: string, trace: HeldTrace, reason: EarlyReason): void {
    this.decidedEarly[reason] = (this.decidedEarly[reason] ?? 0) + 1;
    this.decide(traceId, trace, undefined);
  }

  private decide(traceId: string, trace: HeldTrace, forced: "parent" | undefined): void {
    this.held.delete(traceId);
    this.heldSpans -= trace.spans.length;
    const verdict = forced ? { keep: true, reason: forced } : this.verdict(traceId, trace);
    this.remember(traceId, verdict.keep);
    if (verdict.keep) {
      this.tracesKept++;
      this.keptBy[verdict.reason as KeptReason] = (this.keptBy[verdict.reason as KeptReason] ?? 0) + 1;
      for (const span of trace.spans) this.forward(span);
    } else {
      this.tracesDropped++;
      this.droppedBy[verdict.reason as DroppedReason] = (this.droppedBy[verdict.reason as DroppedReason] ?? 0) + 1;
      this.spansSampledOut += trace.spans.length;
    }
  }

  private verdict(traceId: string, trace: HeldTrace): { keep: boolean; reason: KeptReason | DroppedReason } {
    const decided = this.userDecision(trace);
    if (decided !== undefined) return { keep: decided, reason: "decide" };
    const keep = this.config.keep;
    if (keep.errors && trace.hasError) return { keep: true, reason: "error" };
    if (keep.slowerThanMillis !== undefined && trace.durationMillis > keep.slowerThanMillis) return { keep: true, reason: "slow" };
    if (keep.costAbove !== undefined && trace.costUsd > keep.costAbove) return { keep: true, reason: "cost" };
    if (keep.tokensAbove !== undefined && trace.tokens > keep.tokensAbove) return { keep: true, reason: "tokens" };
    const ruleRate = trace.ruleRate(this.config.rate);
    if (ruleRate !== undefined) return { keep: keepsTrace(traceId, ruleRate), reason: "rule" };
    return { keep: keepsTrace(traceId, this.config.rate), reason: "rate" };
  }

  /** The application's `decide`, if any; a throw keeps the trace and is said once. */
  private userDecision(trace: HeldTrace): boolean | undefined {
    if (!this.config.decide) return undefined;
    try {
      const decision: unknown = this.config.decide(trace.view());
      if (typeof decision === "boolean" || decision === undefined) return decision;
      if (!this.decideOddAnswer) {
        this.decideOddAnswer = true;
        const what = typeof (decision as { then?: unknown } | null)?.then === "function" ? "a promise (it must decide at once)" : `${typeof decision} ${safeText(decision)}`;
        diag.warn(`llmtrace: sampling.decide returned ${what}, not true, false or undefined; the keep conditions, rules and rate decide instead.`);
      }
      return undefined;
    } catch (error) {
      if (!this.decideFailed) {
        this.decideFailed = true;
        diag.warn(`llmtrace: sampling.decide threw (${safeText(error)}); traces are kept while it fails.`);
      }
      return true;
    }
  }

  private remember(traceId: string, keep: boolean): void {
    if (this.decided.size >= MAX_DECIDED) {
      const oldest = this.decided.keys().next();
      if (!oldest.done) this.decided.delete(oldest.value);
    }
    this.decided.set(traceId, keep);
  }
}
