/**
 * Texts llmtrace's content path has set on a span, already redacted and cut to the size limit.
 * The redaction processor checks every string attribute before export; those listed here it
 * skips, so a 30 KB prompt is not scanned twice. Compared with `===`, which finds the same string
 * by identity before comparing any characters: a set of strings would hash each long text again.
 *
 * Kept on the span object itself under a symbol: a WeakMap entry per span cost more than the
 * property, and the list goes away with the span.
 */
const CLEAN_TEXTS: unique symbol = Symbol("llmtrace.cleanTexts");

interface Marked {
  [CLEAN_TEXTS]?: string[];
}

export function markClean(span: object, text: string): void {
  const marked = span as Marked;
  const texts = marked[CLEAN_TEXTS];
  if (texts) texts.push(text);
  else marked[CLEAN_TEXTS] = [text];
}

/** What `markClean` recorded for this span, if anything. */
export function cleanTextsOf(span: object): readonly string[] | undefined {
  return (span as Marked)[CLEAN_TEXTS];
}
