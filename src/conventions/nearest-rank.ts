/**
 * The nearest-rank percentile of sorted values: the smallest value with at least `q` (0..1) of the
 * values at or below it; 0 for none. Pure, with no imports: trace.map's aggregate and the viewer's
 * aggregates (which run in the browser too) compute their p50/p95 with it.
 */
export function nearestRank(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}
