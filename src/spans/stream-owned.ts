// Handles whose end belongs to a stream traced on them (traceStream): the callback they run for
// may return before the stream is read — returning the stream itself, say — without ending them.

const endedByStream = new WeakSet<object>();

/** From now on `handle` ends with the stream traced on it, not when its callback returns. */
export function endWithStream(handle: object): void {
  endedByStream.add(handle);
}

export function endsWithStream(handle: object): boolean {
  return endedByStream.has(handle);
}
