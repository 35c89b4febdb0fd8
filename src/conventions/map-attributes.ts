// Attributes of `trace.map()`'s spans: the map's aggregate and each item's index.

export const ATTR_MAP_NAME = "llmtrace.map.name";
export const ATTR_MAP_INDEX = "llmtrace.map.index";
export const ATTR_MAP_ITEM_COUNT = "llmtrace.map.items";
/** How items were traced: `each` (a span per item), `sampled` (a fraction, errors always), `aggregate` (none). */
export const ATTR_MAP_TRACE_ITEMS = "llmtrace.map.trace_items";
export const ATTR_MAP_TRACED = "llmtrace.map.traced";
export const ATTR_MAP_SUCCEEDED = "llmtrace.map.succeeded";
export const ATTR_MAP_FAILED = "llmtrace.map.failed";
export const ATTR_MAP_CACHED = "llmtrace.map.cached";
/** Items never started: after a failure, without `settle`, no new item starts. */
export const ATTR_MAP_NOT_STARTED = "llmtrace.map.not_started";
/** Cache lookups of the items, by status (the metrics count them from here, item spans or not). */
export const ATTR_MAP_CACHE_HITS = "llmtrace.map.cache.hits";
export const ATTR_MAP_CACHE_MISSES = "llmtrace.map.cache.misses";
export const ATTR_MAP_CACHE_WRITES = "llmtrace.map.cache.writes";
export const ATTR_MAP_DURATION_P50_MS = "llmtrace.map.duration.p50_ms";
export const ATTR_MAP_DURATION_P95_MS = "llmtrace.map.duration.p95_ms";
export const ATTR_MAP_DURATION_MAX_MS = "llmtrace.map.duration.max_ms";
/** The first errors' messages (at most three), so an aggregate map still says what failed. */
export const ATTR_MAP_ERRORS = "llmtrace.map.errors";
