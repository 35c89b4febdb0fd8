/**
 * Strings the content path has just produced, already redacted. The redaction processor checks
 * every string attribute before export; those in here it can skip, so a 30 KB prompt is not
 * scanned twice. Equality is by content, so a copy of a clean string is clean too.
 */
const clean = new Set<string>();
let size = 0;
/** Bounded so the set never keeps much memory alive: it only needs to span one span's life. */
const MAX_CHARS = 4 * 1024 * 1024;
const MAX_ENTRIES = 1024;

export function markClean(text: string): void {
  if (clean.size >= MAX_ENTRIES || size + text.length > MAX_CHARS) {
    clean.clear();
    size = 0;
  }
  clean.add(text);
  size += text.length;
}

export function isClean(text: string): boolean {
  return clean.has(text);
}
