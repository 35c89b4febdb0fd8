/** How numbers read in the viewer. */

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "–";
  if (ms === 0) return "0";
  if (ms < 1) return `${(ms * 1000).toFixed(0)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : ms.toFixed(0)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

export function formatCount(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** Dollars with enough digits to tell small calls apart: $0.000025, $0.0123, $1.23. */
export function formatCost(usd: number): string {
  if (usd === 0) return "$0";
  if (usd >= 1) return `$${usd.toFixed(2)}`;
  const digits = Math.min(8, Math.max(2, 1 - Math.floor(Math.log10(usd)) + 1));
  return `$${usd.toFixed(digits)}`;
}

export function formatTime(ms: number): string {
  if (!ms) return "–";
  const date = new Date(ms);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? "–" : `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)}%`;
}

export function shortId(id: string): string {
  return id.slice(0, 12);
}
