/**
 * Trace roots waiting for their deferred auto-end. A flush or shutdown that ran before the
 * deferral fired would leave them out of the export, so the pipeline ends them first.
 */
const pending = new Set<() => void>();

export function addPendingRoot(finish: () => void): void {
  pending.add(finish);
}

export function removePendingRoot(finish: () => void): void {
  pending.delete(finish);
}

/** Ends every trace root that is only waiting for its deferred auto-end. */
export function endPendingRoots(): void {
  for (const finish of [...pending]) finish();
  pending.clear();
}
