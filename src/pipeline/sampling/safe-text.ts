/** A value as text for a message, whatever it is (a thrown object may not even convert to a string). */
export function safeText(value: unknown): string {
  try {
    return String(value).slice(0, 200);
  } catch {
    return "a value that cannot be shown";
  }
}
