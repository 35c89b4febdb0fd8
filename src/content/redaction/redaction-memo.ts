/**
 * Texts redacted recently, and what they became: agent loops re-send the same system prompt and
 * conversation history on every call, and each copy need not be scanned again. Keyed by content;
 * bounded in entries and in characters held (texts and results), the least recently used going
 * first, so unique text cannot grow it past its bounds.
 */
export class RedactionMemo {
  private readonly entries = new Map<string, string>();
  private held = 0;

  constructor(
    /** Most texts remembered. */
    private readonly maxEntries: number,
    /** Most characters held, texts and results together. */
    private readonly maxCharacters: number,
  ) {}

  get(text: string): string | undefined {
    const result = this.entries.get(text);
    if (result !== undefined && this.entries.size > 1) {
      // Most recently used last: Map keeps insertion order, so eviction takes the first.
      this.entries.delete(text);
      this.entries.set(text, result);
    }
    return result;
  }

  set(text: string, result: string): void {
    const size = text.length + result.length;
    if (size > this.maxCharacters / 4 || this.entries.has(text)) return;
    this.entries.set(text, result);
    this.held += size;
    for (const [oldest, oldestResult] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.held <= this.maxCharacters) break;
      this.entries.delete(oldest);
      this.held -= oldest.length + oldestResult.length;
    }
  }

  /** Characters held now (texts and results): for tests of the bound. */
  get size(): { entries: number; characters: number } {
    return { entries: this.entries.size, characters: this.held };
  }
}
