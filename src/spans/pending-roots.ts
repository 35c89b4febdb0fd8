/**
 * Trace roots waiting to end on their own (idle `trace.start()` handles). A flush or shutdown
 * ends them first, so they are part of what it delivers; and a process that exits is not kept
 * alive by their timers.
 */
const pending = new Set<() => void>();

export function addPendingRoot(finish: () => void): void {
  pending.add(finish);
}

export function removePendingRoot(finish: () => void): void {
  pending.delete(finish);
}

/** How many trace roots are waiting to end on their own. */
export function pendingRootCount(): number {
  return pending.size;
}

/** Ends every trace root that is only waiting to end on its own. */
export function endPendingRoots(): void {
  for (const finish of [...pending]) finish();
  pending.clear();
}
