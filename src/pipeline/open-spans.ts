import { diag, SpanStatusCode } from "@opentelemetry/api";
import type { Span } from "@opentelemetry/sdk-trace-base";
import { ATTR_ERROR_TYPE, ATTR_LLMTRACE_INTERRUPTED } from "../conventions/attribute-keys.js";

/**
 * What stopped spans that were still running: a signal's name, or one of these. Also the value of
 * `llmtrace.interrupted` on them.
 */
export type InterruptCause = "shutdown" | "process.exit" | "uncaughtException" | "unhandledRejection" | "beforeExit" | NodeJS.Signals;

const DESCRIBED: Readonly<Record<string, string>> = {
  shutdown: "shutdown()",
  "process.exit": "process.exit()",
  uncaughtException: "an uncaught exception",
  unhandledRejection: "an unhandled rejection",
  beforeExit: "the process's end (nothing left to run: a promise that never settled?)",
};

/**
 * Spans started and not ended yet. When the process stops first (a signal, `shutdown()`, a crash,
 * `process.exit()`, an event loop with nothing left to run), they are ended there, marked as
 * interrupted, so the work a stopped request was doing reaches the exporters instead of vanishing
 * with no word: the request that was cut short is the one a user wants to see.
 *
 * Bounded: an application that leaks spans (never ends them) keeps at most MAX_TRACKED here, and
 * is told when it reaches that; the rest are counted, and said to be lost if still open at the end.
 */
export class OpenSpans {
  static readonly MAX_TRACKED = 10_000;
  private readonly open = new Set<Span>();
  private untracked = 0;
  private toldFull = false;

  add(span: Span): void {
    if (this.open.size < OpenSpans.MAX_TRACKED) return void this.open.add(span);
    this.untracked++;
    if (this.toldFull) return;
    this.toldFull = true;
    diag.warn(
      `llmtrace: ${OpenSpans.MAX_TRACKED} spans are open at once (started and not ended; the oldest: "${this.open.values().next().value?.name ?? "?"}"). Spans that are never ended are never exported: a stream never read to its end, a handle without end()? Spans past this number are not ended at shutdown either.`,
    );
  }

  delete(span: Span): void {
    // Every span started went through add(): one not in the set is one of the untracked.
    if (!this.open.delete(span) && this.untracked > 0) this.untracked--;
  }

  get size(): number {
    return this.open.size + this.untracked;
  }

  /**
   * Ends every open span now, with `llmtrace.interrupted` = `cause` and, unless `failed` is false
   * (a `process.exit(0)`: the application chose to stop), status ERROR; says so once, naming a few.
   * Children end before their parents (the reverse of the order they started in), so a trace is
   * whole when its root ends: tail sampling decides on it then. Returns how many it ended.
   */
  endAll(cause: InterruptCause, failed = true): number {
    const described = DESCRIBED[cause] ?? cause;
    const started = [...this.open];
    const lost = this.untracked;
    const ended: Span[] = [];
    // One end time for all, in wall-clock milliseconds: each span's own clock offset (the SDK times
    // a span from its start) would let a child end a fraction of a millisecond after its parent.
    const now = Date.now();
    for (let i = started.length - 1; i >= 0; i--) {
      const span = started[i] as Span;
      // Ending one span can end another (a processor's onEnd): each is ended once.
      if (!this.open.delete(span) || span.ended) continue;
      try {
        span.setAttribute(ATTR_LLMTRACE_INTERRUPTED, cause);
        if (failed) {
          if (span.attributes[ATTR_ERROR_TYPE] === undefined) span.setAttribute(ATTR_ERROR_TYPE, "interrupted");
          span.setStatus({ code: SpanStatusCode.ERROR, message: `interrupted: still running at ${described}` });
        }
        span.end(now);
        ended.push(span);
      } catch {
        // Never throws into the stopping process; a span that cannot be ended is left as it is.
      }
    }
    this.untracked = 0;
    if (ended.length === 0 && lost === 0) return 0;
    // Named outermost first: the request before the call it was waiting on.
    const names = [...new Set(ended.reverse().map((span) => span.name))].slice(0, 3).map((name) => `"${name}"`);
    const more = lost > 0 ? ` ${lost} more open span(s) were not tracked (over ${OpenSpans.MAX_TRACKED} open at once: spans started and never ended?) and are lost.` : "";
    diag.warn(
      `llmtrace: ${ended.length} span(s) had not ended at ${described} (${names.join(", ")}${ended.length > names.length ? ", ..." : ""}): they were ended there with ${failed ? "status ERROR and " : ""}${ATTR_LLMTRACE_INTERRUPTED}="${cause}", and go to the exporters like any ended span (sampling applies).${more}`,
    );
    return ended.length;
  }
}
