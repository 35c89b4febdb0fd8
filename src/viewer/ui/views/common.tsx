import type { ComponentChildren } from "preact";
import type { ViewKind } from "../../model/span-summary.js";
import type { IndexStats } from "../../model/views.js";
import { formatDuration } from "../format.js";
import { KIND_LABELS } from "../kinds.js";

export function plural(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

export function KindBadge({ kind }: { kind: ViewKind }) {
  return <span class={`kind kind-${kind}`} title={kind}>{KIND_LABELS[kind] ?? "SPAN"}</span>;
}

export function Pill({ tone, children, title }: { tone: string; children: ComponentChildren; title?: string }) {
  return <span class={`pill pill-${tone}`} title={title}>{children}</span>;
}

export function ErrorBox({ message }: { message: string }) {
  return <div class="error-box" role="alert">{message}</div>;
}

/** The files' state, and what was skipped: shown under every list so nothing is left out silently. */
export function SourceStats({ stats }: { stats: IndexStats }) {
  return (
    <footer class="stats" data-testid="stats">
      <span>{plural(stats.spans, "span")}</span> · <span>{plural(stats.traces, "trace")}</span>
      {stats.skippedLines > 0 && (
        <details class="skipped" data-testid="skipped">
          <summary>{plural(stats.skippedLines, "line")} skipped (not OTLP/JSON trace lines)</summary>
          <ul>{stats.skipped.map((s) => <li key={`${s.source}:${s.line}`}>{s.source}:{s.line}: {s.reason}</li>)}</ul>
        </details>
      )}
      {stats.evictedTraces > 0 && <span> · {stats.evictedTraces} oldest traces left out (over --max-spans)</span>}
      <ul class="sources">
        {stats.sources.map((source) => <li key={source.path}>{source.path} — {source.state}</li>)}
      </ul>
    </footer>
  );
}

/** A time axis over a trace: 0, quarters, and its duration. */
export function TimeTicks({ totalMs }: { totalMs: number }) {
  return <div class="ticks">{[0, 0.25, 0.5, 0.75, 1].map((f) => <span key={f} style={{ left: `${f * 100}%` }}>{formatDuration(f * totalMs)}</span>)}</div>;
}
