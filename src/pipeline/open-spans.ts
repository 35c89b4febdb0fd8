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
 * Bounded: an application that leaks spans (never ends them) keeps at most MAX_TRACKED here; the
 * rest are counted, and said to be lost if they are still open at the end.
 */
export class OpenSpans {
  static readonly MAX_TRACKED = 10_000;
  private readonly open = new Set<Span>();
  private untracked = 0;

  add(span: Span): void {
    if (this.open.size < OpenSpans.MAX_TRACKED) this.open.add(span);
    else this.untracked++;
  }

  delete(span: Span): void {
    // Every span started went through add(): one not in the set is one of the untracked.
    if (!this.open.delete(span) && this.untracked > 0) this.untracked--;
  }

  get size(): number {
    return this.open.size + this.untracked;
  }

  /**
   * Ends every open span now, with status ERROR and `llmtrace.interrupted` = `cause`, and says so
   * once (naming a few). Returns how many it ended.
   */
  endAll(cause: InterruptCause): number {
    const described = DESCRIBED[cause] ?? cause;
    const spans = [...this.open];
    const lost = this.untracked;
    if (spans.length === 0 && lost === 0) return 0;
    for (const span of spans) {
      try {
        span.setAttribute(ATTR_LLMTRACE_INTERRUPTED, cause);
        if (span.attributes[ATTR_ERROR_TYPE] === undefined) span.setAttribute(ATTR_ERROR_TYPE, "interrupted");
        span.setStatus({ code: SpanStatusCode.ERROR, message: `interrupted: still running at ${described}` });
        span.end();
      } catch {
        // Never throws into the stopping process; a span that cannot be ended is left as it is.
      }
      this.open.delete(span);
    }
    this.untracked = 0;
    const names = [...new Set(spans.map((span) => span.name))].slice(0, 3).map((name) => `"${name}"`);
    const more = lost > 0 ? ` ${lost} more open span(s) were not tracked (over ${OpenSpans.MAX_TRACKED} open at once: spans started and never ended?) and are lost.` : "";
    diag.warn(
      `llmtrace: ${spans.length} span(s) had not ended at ${described} (${names.join(", ")}${spans.length > names.length ? ", ..." : ""}): they were ended there and exported with status ERROR and ${ATTR_LLMTRACE_INTERRUPTED}="${cause}".${more}`,
    );
    return spans.length;
  }
}
