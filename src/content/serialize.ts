import { isHeaderPairs, isSecretHeader } from "./header-pairs.js";
import { type LeafRedaction, plainJson } from "./plain-json.js";
import { describeHttpObject, describeLiveObject } from "./summarize-object.js";

export type { LeafRedaction };

export interface SerializeOptions {
  /**
   * `"summary"` (the default): HTTP requests and responses, sockets, streams, event emitters and
   * web frameworks' request objects are written as a short description (`[IncomingMessage GET /path]`).
   * `"walk"`: written like any other object, property by property.
   */
  readonly runtimeObjects?: "summary" | "walk";
}

export interface SerializedContent {
  /** The content as text: strings as they are, everything else as JSON. */
  readonly text: string;
  /** True when `text` was cut to the size budget (it then ends with a visible marker). */
  readonly truncated: boolean;
}

const MAX_DEPTH = 16;
/** Past this much output the walk stops counting, so a gigantic value costs bounded work. */
const COUNT_LIMIT = 1_000_000;


/**
 * Turns any value into text within `maxLength` characters, and never throws: cycles, BigInt,
 * functions, symbols, Maps, Sets, Errors, typed arrays, throwing getters and hostile `toJSON`
 * all become safe JSON. Cut text ends with `…[truncated N chars]`, never silently.
 */
export function serializeContent(value: unknown, maxLength: number, redaction?: LeafRedaction, options?: SerializeOptions): SerializedContent {
  if (typeof value === "string") {
    const text = redaction ? redaction.text(value) : value;
    return cut(text, text.length, maxLength, true);
  }
  // Numbers and booleans are common results of traced functions: no walk needed.
  if (typeof value === "boolean" || (typeof value === "number" && Number.isFinite(value))) return { text: String(value), truncated: false };
  if (typeof value === "object" && value !== null) {
    const text = plainJson(value, maxLength, MAX_DEPTH, redaction);
    if (text !== undefined) return { text, truncated: false };
  }
  return walkContent(value, maxLength, redaction, options);
}

/**
 * serializeContent without the native fast path for plain data: every value walked, one at a time.
 * Exported for the test that holds the two paths to the same output.
 */
export function walkContent(value: unknown, maxLength: number, redaction?: LeafRedaction, options?: SerializeOptions): SerializedContent {
  const writer = new BudgetWriter(maxLength, redaction, options?.runtimeObjects !== "walk");
  try {
    writeValue(writer, value, 0, []);
  } catch {
    // Only a bug in the walker could land here; the content is lost but the caller is safe.
    return { text: "[unserializable]", truncated: false };
  }
  return cut(writer.text(), writer.counted, maxLength, writer.counted < COUNT_LIMIT);
}

function cut(text: string, fullLength: number, maxLength: number, exact: boolean): SerializedContent {
  if (fullLength <= maxLength) return { text, truncated: false };
  const hidden = fullLength - maxLength;
  return { text: `${text.slice(0, maxLength)}…[truncated ${exact ? "" : "over "}${hidden} chars]`, truncated: true };
}

/**
 * Collects output up to the budget, then only counts, then stops. Parts are joined once at the
 * end: `+=` would build a rope of one object per part, which the span keeps until export, so
 * every garbage collection in between copies all of them.
 */
class BudgetWriter {
  private readonly parts: string[] = [];
  counted = 0;

  constructor(
    private readonly maxLength: number,
    readonly redaction: LeafRedaction | undefined,
    /** Describe runtime objects (requests, sockets, emitters) instead of walking them. */
    readonly summarize: boolean,
  ) {}

  get done(): boolean {
    return this.counted >= COUNT_LIMIT;
  }

  /** Characters that can still be shown. */
  get remaining(): number {
    return Math.max(0, this.maxLength - this.counted);
  }

  push(text: string): void {
    if (this.counted < this.maxLength) this.parts.push(text);
    this.counted += text.length;
  }

  text(): string {
    return this.parts.join("");
  }
}

function writeValue(w: BudgetWriter, value: unknown, depth: number, ancestors: object[]): void {
  if (w.done) return;
  switch (typeof value) {
    case "string":
      // Each string is redacted on its own, in its natural form: a JSON document held in a
      // string is checked before it is escaped a second time.
      writeString(w, w.redaction ? w.redaction.text(value) : value);
      return;
    case "number":
      w.push(Number.isFinite(value) ? String(value) : JSON.stringify(String(value)));
      return;
    case "boolean":
      w.push(value ? "true" : "false");
      return;
    case "bigint":
      w.push(JSON.stringify(`${value}n`));
      return;
    case "undefined":
      w.push("null");
      return;
    case "symbol":
      writeString(w, value.toString());
      return;
    case "function":
      writeString(w, `[Function ${value.name || "anonymous"}]`);
      return;
  }
  if (value === null) {
    w.push("null");
    return;
  }
  const object = value as object;
  if (ancestors.includes(object)) {
    w.push('"[Circular]"');
    return;
  }
  if (depth >= MAX_DEPTH) {
    w.push('"[Max depth]"');
    return;
  }
  ancestors.push(object);
  try {
    writeObject(w, object, depth, ancestors);
  } catch (error) {
    // A proxy can throw from any trap, even `instanceof`; the value is reported, not the walk lost.
    writeString(w, unreadable(error));
  } finally {
    ancestors.pop();
  }
}

function writeObject(w: BudgetWriter, object: object, depth: number, ancestors: object[]): void {
  if (Array.isArray(object)) {
    writeArray(w, object, depth, ancestors);
  } else if (isPlainObject(object)) {
    writePlainObject(w, object, depth, ancestors);
  } else if (object instanceof Date) {
    // Redacted like any string (a user rule may remove dates), as JSON.stringify's path does.
    if (Number.isNaN(object.getTime())) writeString(w, "Invalid Date");
    else writeValue(w, object.toISOString(), depth, ancestors);
  } else if (object instanceof Error) {
    writeEntries(w, errorEntries(object), depth, ancestors);
  } else if (object instanceof Map) {
    writeEntries(w, [...object.entries()].map(([k, v]) => [typeof k === "string" ? k : describeKey(k), v] as const), depth, ancestors);
  } else if (object instanceof Set) {
    writeArray(w, [...object], depth, ancestors);
  } else if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) {
    writeString(w, `[${object.constructor.name} ${object.byteLength} bytes]`);
  } else if (object instanceof RegExp) {
    writeString(w, object.toString());
  } else if (object instanceof Promise || object instanceof WeakMap || object instanceof WeakSet) {
    writeString(w, `[${object.constructor.name}]`);
  } else {
    // HTTP objects come before toJSON (Koa's writes every request header); other live objects
    // after it, so a class of the application's own that defines toJSON is written its way.
    const http = w.summarize ? describeHttpObject(object) : undefined;
    if (http !== undefined) return writeValue(w, http, depth, ancestors);
    const json = readToJson(object);
    if (json !== NO_TO_JSON) return writeValue(w, json, depth + 1, ancestors);
    const live = w.summarize ? describeLiveObject(object) : undefined;
    if (live !== undefined) writeValue(w, live, depth, ancestors);
    else writePlainObject(w, object, depth, ancestors);
  }
}

/** A literal-style object without toJSON: the common case, checked first. A hostile proxy is not plain. */
function isPlainObject(object: object): boolean {
  try {
    return Object.getPrototypeOf(object) === Object.prototype && typeof (object as { toJSON?: unknown }).toJSON !== "function";
  } catch {
    return false;
  }
}

/** Own enumerable properties, read one at a time so a throwing getter costs only its own value. */
function writePlainObject(w: BudgetWriter, object: object, depth: number, ancestors: object[]): void {
  let keys: string[];
  try {
    keys = Object.keys(object);
  } catch (error) {
    writeEntries(w, [["[keys]", unreadable(error)]], depth, ancestors);
    return;
  }
  w.push("{");
  let first = true;
  for (const key of keys) {
    if (w.done) break;
    let item: unknown;
    try {
      item = (object as Record<string, unknown>)[key];
    } catch (error) {
      item = unreadable(error);
    }
    if (item === undefined || typeof item === "function") continue;
    writeMember(w, !first, key, item, depth, ancestors);
    first = false;
  }
  w.push("}");
}

/**
 * `"key":value` (after a comma unless first). Keys are redacted like values (a map of scores by
 * email address is keyed by data); a value is replaced whole when its key names a secret
 * (`password`, `api_key`...).
 */
function writeMember(w: BudgetWriter, comma: boolean, key: string, item: unknown, depth: number, ancestors: object[]): void {
  if (comma) w.push(",");
  writeString(w, w.redaction ? w.redaction.text(key) : key);
  w.push(":");
  if (w.redaction && typeof item === "string" && w.redaction.isSensitiveKey(key)) {
    writeString(w, w.redaction.replacement);
    return;
  }
  writeValue(w, item, depth + 1, ancestors);
}

function writeArray(w: BudgetWriter, items: readonly unknown[], depth: number, ancestors: object[]): void {
  // In a header list (`rawHeaders`) a name is the key of the value after it.
  const headers = w.redaction !== undefined && readsAsHeaderPairs(items) ? w.redaction : undefined;
  let previous: unknown;
  w.push("[");
  for (let i = 0; i < items.length && !w.done; i++) {
    if (i > 0) w.push(",");
    let item: unknown;
    try {
      item = items[i];
    } catch (error) {
      item = unreadable(error);
    }
    if (headers && i % 2 === 1 && typeof item === "string" && typeof previous === "string" && isSecretHeader(previous, headers.isSensitiveKey)) {
      writeString(w, headers.replacement);
    } else {
      writeValue(w, item, depth + 1, ancestors);
    }
    previous = item;
  }
  w.push("]");
}

function readsAsHeaderPairs(items: readonly unknown[]): boolean {
  try {
    return isHeaderPairs(items);
  } catch {
    // A proxy or getter that throws: its values are written one by one as "[Unreadable: ...]".
    return false;
  }
}

function writeEntries(w: BudgetWriter, entries: readonly (readonly [string, unknown])[], depth: number, ancestors: object[]): void {
  w.push("{");
  let first = true;
  for (const [key, item] of entries) {
    if (w.done) break;
    writeMember(w, !first, key, item, depth, ancestors);
    first = false;
  }
  w.push("}");
}

function writeString(w: BudgetWriter, text: string): void {
  // Escaping a huge string only to throw most of it away is wasted work: escape what can show,
  // and count the rest.
  const room = w.remaining;
  if (text.length > room) {
    w.push(JSON.stringify(text.slice(0, room)));
    w.counted += text.length - room;
  } else {
    w.push(JSON.stringify(text));
  }
}

/** Own enumerable properties, read one at a time so a throwing getter costs only its own value. */
function ownEntries(object: object): (readonly [string, unknown])[] {
  let keys: string[];
  try {
    keys = Object.keys(object);
  } catch (error) {
    return [["[keys]", unreadable(error)]];
  }
  const entries: (readonly [string, unknown])[] = [];
  for (const key of keys) {
    let item: unknown;
    try {
      item = (object as Record<string, unknown>)[key];
    } catch (error) {
      item = unreadable(error);
    }
    if (item !== undefined && typeof item !== "function") entries.push([key, item]);
  }
  return entries;
}

function errorEntries(error: Error): (readonly [string, unknown])[] {
  const entries: (readonly [string, unknown])[] = [];
  const read = (key: string) => {
    try {
      return (error as unknown as Record<string, unknown>)[key];
    } catch (readError) {
      return unreadable(readError);
    }
  };
  entries.push(["name", read("name")], ["message", read("message")]);
  const cause = read("cause");
  if (cause !== undefined) entries.push(["cause", cause]);
  for (const entry of ownEntries(error)) {
    if (entry[0] !== "stack" && entry[0] !== "message" && entry[0] !== "cause") entries.push(entry);
  }
  return entries;
}

const NO_TO_JSON = Symbol("noToJson");

function readToJson(object: object): unknown {
  let toJSON: unknown;
  try {
    toJSON = (object as { toJSON?: unknown }).toJSON;
    if (typeof toJSON !== "function") return NO_TO_JSON;
    return (toJSON as () => unknown).call(object);
  } catch (error) {
    return unreadable(error);
  }
}

function unreadable(error: unknown): string {
  let message: string;
  try {
    message = error instanceof Error ? error.message : String(error);
  } catch {
    message = "unknown error";
  }
  return `[Unreadable: ${message}]`;
}

function describeKey(key: unknown): string {
  try {
    return typeof key === "object" && key !== null ? `[${key.constructor?.name ?? "Object"}]` : String(key);
  } catch {
    return "[key]";
  }
}
