import { isHeaderPairs } from "./header-pairs.js";

/** Redaction applied while serializing: to every string leaf, and to values under sensitive keys. */
export interface LeafRedaction {
  readonly text: (text: string) => string;
  readonly isSensitiveKey: (key: string) => boolean;
  /** What a value under a sensitive key becomes. */
  readonly replacement: string;
}


/** Thrown from the replacer to stop the native pass; allocated once, so giving up costs no stack trace. */
const GIVE_UP = new Error("not plain JSON");

/**
 * The common shape of content — plain objects and arrays of strings, numbers, booleans and null —
 * serialized by the engine's `JSON.stringify` in one pass, each string redacted on its way through
 * the replacer. It writes exactly what serializeContent's walker writes (a property test holds the
 * two together), but allocates one string where the walker allocates a part per value, and a
 * prompt is copied once, not twice.
 *
 * Anything it cannot vouch for — class instances, Maps, Errors, objects with `toJSON`, header lists, cycles,
 * objects `maxDepth` deep, output over `maxLength`, a key that redaction changes, a getter or
 * proxy that throws — makes it give up (undefined), and the walker takes over. A getter is then read twice; one that throws is
 * caught both times.
 */
export function plainJson(value: object, maxLength: number, maxDepth: number, redaction: LeafRedaction | undefined): string | undefined {
  // Holders from the root down to the value being written: JSON.stringify walks depth first and
  // calls the replacer on a holder's members in order, so the top is always `this` after popping.
  const holders: object[] = [];
  let written = 0;
  const replacer = function (this: unknown, key: string, item: unknown): unknown {
    // Bounded work: every member writes at least one character, every string its length.
    if (++written > maxLength) throw GIVE_UP;
    const holder = this as Record<string, unknown>;
    while (holders.length > 0 && holders[holders.length - 1] !== holder) holders.pop();
    // JSON.stringify writes keys itself: one that redaction would change is the walker's to write.
    if (redaction && !Array.isArray(holder) && key.length > 0 && redaction.text(key) !== key) throw GIVE_UP;
    switch (typeof item) {
      case "string":
        written += item.length;
        if (!redaction) return item;
        // The walker replaces a string under a secret's key; a string made by toJSON it redacts.
        if (!Array.isArray(holder) && redaction.isSensitiveKey(key) && typeof holder[key] === "string") return redaction.replacement;
        return redaction.text(item);
      case "number":
        return Number.isFinite(item) ? item : String(item);
      case "boolean":
        return item;
      case "bigint":
        return `${item}n`;
      case "symbol":
        return item.toString();
      case "undefined":
      case "function":
        // Left out of an object by both paths — unless toJSON returned it, which the walker writes.
        if (holder[key] !== item) throw GIVE_UP;
        if (item === undefined) return undefined;
        return Array.isArray(holder) ? `[Function ${(item as { name?: string }).name || "anonymous"}]` : undefined;
    }
    if (item === null) {
      // An invalid Date's toJSON gives null; the walker writes "Invalid Date".
      if (holder[key] !== null) throw GIVE_UP;
      return null;
    }
    const object = item as object;
    // `holders.length` is this object's depth (the root's wrapper `{ "": value }` is not kept). An
    // object other than the holder's own member was made by toJSON or a getter: the walker's case.
    if (holders.length >= maxDepth || !isPlainData(object) || holder[key] !== object) throw GIVE_UP;
    // A header list (`rawHeaders`) redacts a value by the name before it: the walker's case. The
    // check stops at the first element for the arrays content is made of.
    if (redaction && Array.isArray(object) && isHeaderPairs(object)) throw GIVE_UP;
    holders.push(object);
    return object;
  };
  let text: string | undefined;
  try {
    text = JSON.stringify(value, replacer);
  } catch {
    return undefined;
  }
  return text !== undefined && text.length <= maxLength ? text : undefined;
}

/** An array or a plain object without `toJSON`: what JSON.stringify and the walker write alike. */
function isPlainData(object: object): boolean {
  if (Array.isArray(object)) return true;
  const prototype = Object.getPrototypeOf(object);
  return (prototype === Object.prototype || prototype === null) && typeof (object as { toJSON?: unknown }).toJSON !== "function";
}
