/**
 * Texts llmtrace's content path has set on a span, already redacted and cut to the size limit.
 * The redaction processor checks every string attribute before export; those listed here it
 * skips, so a 30 KB prompt is not scanned twice. Kept per span and weakly, and compared with
 * `===`, which finds the same string by identity before comparing any characters: a set of
 * strings would hash each long text once more instead.
 */
const cleanTexts = new WeakMap<object, string[]>();

export function markClean(span: object, text: string): void {
  const texts = cleanTexts.get(span);
  if (texts) texts.push(text);
  else cleanTexts.set(span, [text]);
}

/** What `markClean` recorded for this span, if anything. */
export function cleanTextsOf(span: object): readonly string[] | undefined {
  return cleanTexts.get(span);
}
