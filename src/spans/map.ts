import { type Attributes, type Context, context as otelContext, SpanKind } from "@opentelemetry/api";
import { type CacheInfo, cacheAttributes } from "../conventions/cache-attributes.js";
import * as m from "../conventions/map-attributes.js";
import { nearestRank } from "../conventions/nearest-rank.js";
import { kindAttributes } from "../conventions/span-attributes.js";
import { getSettings, type InstrumentationSettings } from "../settings/instrumentation-settings.js";
import { EntityHandle } from "./entity.js";
import { describeError } from "./record-error.js";
import { startSpan } from "./span-handle.js";
import { type TraceTracker, trackerIn } from "./trace-tracker.js";

export interface MapOptions {
  /** Items run at once. @default all of them (as Promise.all) */
  concurrency?: number;
  /**
   * `true`: an `item <i>` span per item, its work nested under it; `false`: no item spans, an
   * aggregate on the map span (count, succeeded, failed, cached, p50/p95/max duration, first
   * errors); `"auto"`: per item up to `autoLimit` items, else the aggregate.
   * @default "auto"
   */
  traceItems?: boolean | "auto";
  /** Most items `"auto"` traces one by one. @default 100 */
  autoLimit?: number;
  /** The fraction of items traced in detail (spread evenly); a failed item is always traced. @default 1 */
  itemSampleRate?: number;
  /** `true`: resolve with every item's outcome (`Promise.allSettled`); by default the first error rejects. */
  settle?: boolean;
  /** Attributes of the map span. */
  attributes?: Attributes;
  /** Record the process's CPU, memory and file-system use over the whole map on its span. */
  resourceUsage?: boolean;
}

/** What each call of a map's function gets beside its item. */
export interface MapItem {
  readonly index: number;
  /** Records what a cache did for this item (on its span, and in the map's `cached` count). */
  cache(info: CacheInfo): void;
}

type ItemFn<T, R> = (item: T, index: number, mapItem: MapItem) => R | PromiseLike<R>;

const DEFAULT_AUTO_LIMIT = 100;
/** The golden ratio's fraction: item i is sampled when (i × φ) mod 1 < rate, an even spread. */
const PHI = 0.6180339887498949;

/**
 * Runs `fn` over `items` under one `map <name>` span (a task), with the item spans or the aggregate
 * `options.traceItems` asks for, and resolves with the results in order. On the first error
 * (without `settle`) no new item starts; the map waits for the running ones, so their spans end
 * inside it, then rejects with that error. Tracing never changes what `fn` returns or throws.
 */
export async function runMap<T, R>(parent: Context, name: string, items: Iterable<T> | ArrayLike<T>, fn: ItemFn<T, R>, options: MapOptions = {}): Promise<R[] | PromiseSettledResult<R>[]> {
  options ??= {};
  const list = Array.from(items as Iterable<T>);
  const settings = getSettings();
  // A trace.start() root waits for the map and its items, as for any builder's span.
  const tracker = trackerIn(parent);
  const mapName = typeof name === "string" && name !== "" ? name : "map";
  const attributes: Attributes = { ...kindAttributes("task", mapName, settings.profiles), [m.ATTR_MAP_NAME]: mapName, [m.ATTR_MAP_ITEM_COUNT]: list.length, ...options.attributes };
  const map = new EntityHandle("task", startSpan(`map ${mapName}`, parent, attributes, SpanKind.INTERNAL, settings), settings, tracker?.ended);
  tracker?.started();
  if (options.resourceUsage === true) map.trackResources();
  const plan = itemPlan(list.length, options);
  const tally = new Tally(list.length);
  const values: R[] = new Array(list.length);
  // Errors by index (sparse): a settled outcome is built only for `settle`.
  const errors = new Map<number, unknown>();
  let firstError: { error: unknown } | undefined;

  const failedItem = (index: number, began: number, error: unknown, record: ItemRecord, item: EntityHandle | undefined): void => {
    errors.set(index, error);
    tally.done(performance.now() - began, record, true, error);
    // A failed item is always traced: recorded after the fact when it ran without a span.
    if (!item) tally.traced++;
    const failed = item ?? itemSpan(mapName, index, map.context, settings, performance.timeOrigin + began, tracker);
    failed.recordError(error);
    failed.end();
    if (!options.settle) firstError ??= { error };
  };

  // Promise reactions rather than an async function per item: a map of small items pays for
  // each frame (W6 in docs/performance.md).
  const runItem = (index: number): Promise<void> => {
    const item = plan.traced(index) ? itemSpan(mapName, index, map.context, settings, undefined, tracker) : undefined;
    if (item) tally.traced++;
    const record = new ItemRecord(index, item);
    const began = performance.now();
    let pending: R | PromiseLike<R>;
    try {
      // Without an item span, the work already runs inside the map's context.
      pending = item ? otelContext.with(item.context, () => fn(list[index]!, index, record)) : fn(list[index]!, index, record);
    } catch (error) {
      failedItem(index, began, error, record, item);
      return Promise.resolve();
    }
    return Promise.resolve(pending).then(
      (value) => {
        values[index] = value;
        tally.done(performance.now() - began, record, false, undefined);
        item?.end();
      },
      (error: unknown) => failedItem(index, began, error, record, item),
    );
  };

  const concurrency = Number.isFinite(options.concurrency) && options.concurrency! >= 1 ? Math.floor(options.concurrency!) : list.length;
  await otelContext.with(map.context, () => {
    // Everything at once (the default, as Promise.all), or a pool of `concurrency` workers that
    // start no new item after an error.
    if (concurrency >= list.length) return Promise.all(list.map((_, index) => runItem(index)));
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < list.length && (options.settle || firstError === undefined)) await runItem(next++);
    };
    return Promise.all(Array.from({ length: concurrency }, worker));
  });

  map.setAttributes(tally.attributes(plan.mode, list.length));
  if (firstError) {
    map.recordError(firstError.error);
    map.end();
    throw firstError.error;
  }
  map.end();
  if (!options.settle) return values;
  // Array.from, not values.map: a failed item left a hole, which map() would skip.
  return Array.from({ length: list.length }, (_, index): PromiseSettledResult<R> =>
    errors.has(index) ? { status: "rejected", reason: errors.get(index) } : { status: "fulfilled", value: values[index]! },
  );
}

/** What an item's function gets to record a cache outcome with. */
class ItemRecord implements MapItem {
  cached = false;
  /** The last cache status recorded, counted once per item in the map's lookups. */
  status: "hit" | "miss" | "write" | undefined;

  constructor(
    readonly index: number,
    private readonly span: EntityHandle | undefined,
  ) {}

  cache(info: CacheInfo): void {
    const attributes = cacheAttributes(info);
    if (!attributes) return;
    if (info.status === "hit") this.cached = true;
    this.status = info.status;
    this.span?.setAttributes(attributes);
  }
}

function itemSpan(mapName: string, index: number, parent: Context, settings: InstrumentationSettings, startTime: number | undefined, tracker: TraceTracker | undefined): EntityHandle {
  const attributes: Attributes = { ...kindAttributes("task", `item ${index}`, settings.profiles), [m.ATTR_MAP_NAME]: mapName, [m.ATTR_MAP_INDEX]: index };
  const handle = new EntityHandle("task", startSpan(`item ${index}`, parent, attributes, SpanKind.INTERNAL, settings, startTime), settings, tracker?.ended);
  tracker?.started();
  return handle;
}

/** Which items get a span: all, none, or an even fraction (errors are traced whatever this says). */
function itemPlan(count: number, options: MapOptions): { mode: string; traced(index: number): boolean } {
  const autoLimit = Number.isFinite(options.autoLimit) && options.autoLimit! >= 0 ? options.autoLimit! : DEFAULT_AUTO_LIMIT;
  const each = options.traceItems === true || ((options.traceItems === undefined || options.traceItems === "auto") && count <= autoLimit);
  // A rate outside 0..1 is clamped; one that is not a number means every item.
  const given = options.itemSampleRate;
  const rate = typeof given === "number" && !Number.isNaN(given) ? Math.min(1, Math.max(0, given)) : 1;
  if (!each) return { mode: "aggregate", traced: () => false };
  if (rate === 1) return { mode: "each", traced: () => true };
  return { mode: "sampled", traced: (index: number) => (index * PHI) % 1 < rate };
}

/** The aggregate of a map's items, kept whatever the item spans are. */
class Tally {
  private readonly durations: Float64Array;
  private count = 0;
  private succeeded = 0;
  private failed = 0;
  private cached = 0;
  private readonly errors: string[] = [];

  constructor(items: number) {
    this.durations = new Float64Array(items);
  }

  /** Item spans created (sampled, or failed), for `llmtrace.map.traced`. */
  traced = 0;
  private readonly lookups = { hit: 0, miss: 0, write: 0 };

  /** `failed` and not the error: a function may reject with `undefined`. */
  done(millis: number, record: ItemRecord, failed: boolean, error: unknown): void {
    this.durations[this.count++] = millis;
    if (record.cached) this.cached++;
    if (record.status) this.lookups[record.status]++;
    if (!failed) {
      this.succeeded++;
      return;
    }
    this.failed++;
    if (this.errors.length < 3) this.errors.push(describeError(error));
  }

  attributes(mode: string, items: number): Attributes {
    const sorted = this.durations.subarray(0, this.count).sort();
    const at = (q: number) => Math.round(nearestRank(sorted, q) * 100) / 100;
    const attributes: Attributes = {
      [m.ATTR_MAP_TRACE_ITEMS]: mode,
      [m.ATTR_MAP_TRACED]: this.traced,
      [m.ATTR_MAP_NOT_STARTED]: items - this.count,
      [m.ATTR_MAP_CACHE_HITS]: this.lookups.hit,
      [m.ATTR_MAP_CACHE_MISSES]: this.lookups.miss,
      [m.ATTR_MAP_CACHE_WRITES]: this.lookups.write,
      [m.ATTR_MAP_SUCCEEDED]: this.succeeded,
      [m.ATTR_MAP_FAILED]: this.failed,
      [m.ATTR_MAP_CACHED]: this.cached,
      [m.ATTR_MAP_DURATION_P50_MS]: at(0.5),
      [m.ATTR_MAP_DURATION_P95_MS]: at(0.95),
      [m.ATTR_MAP_DURATION_MAX_MS]: at(1),
    };
    if (this.errors.length > 0) attributes[m.ATTR_MAP_ERRORS] = this.errors;
    return attributes;
  }
}
