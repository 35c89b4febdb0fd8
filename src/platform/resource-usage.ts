import { getHeapStatistics } from "node:v8";
import type { Attributes } from "@opentelemetry/api";

export const ATTR_RESOURCE_CPU_USER_MS = "llmtrace.resource.cpu.user_ms";
export const ATTR_RESOURCE_CPU_SYSTEM_MS = "llmtrace.resource.cpu.system_ms";
export const ATTR_RESOURCE_HEAP_DELTA_BYTES = "llmtrace.resource.memory.heap_delta_bytes";
export const ATTR_RESOURCE_RSS_DELTA_BYTES = "llmtrace.resource.memory.rss_delta_bytes";
/** Block input and output operations (ru_inblock, ru_oublock): reads served from the page cache are not among them. */
export const ATTR_RESOURCE_BLOCK_READS = "llmtrace.resource.io.block_reads";
export const ATTR_RESOURCE_BLOCK_WRITES = "llmtrace.resource.io.block_writes";

interface Reading {
  readonly userMicros: number;
  readonly systemMicros: number;
  readonly fsRead: number;
  readonly fsWrite: number;
  readonly heapUsed: number;
  readonly rss: number;
}

function read(): Reading {
  const usage = process.resourceUsage();
  // process.memoryUsage() walks every heap space (~30 µs); RSS alone and V8's totals are cheap.
  const heap = getHeapStatistics();
  return { userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime, fsRead: usage.fsRead, fsWrite: usage.fsWrite, heapUsed: heap.used_heap_size, rss: process.memoryUsage.rss() };
}

/**
 * The process's resource use between a span's start and end: CPU user and system time, heap and
 * RSS change, block I/O operations (`process.resourceUsage()`, V8's heap statistics, RSS).
 * They are the process's, so work running concurrently is counted too; read only when asked.
 */
export class ResourceProbe {
  private readonly start = read();

  /** The change since the probe was made, as span attributes. */
  attributes(): Attributes {
    const end = read();
    const round = (micros: number) => Math.round(micros / 10) / 100;
    return {
      [ATTR_RESOURCE_CPU_USER_MS]: round(end.userMicros - this.start.userMicros),
      [ATTR_RESOURCE_CPU_SYSTEM_MS]: round(end.systemMicros - this.start.systemMicros),
      [ATTR_RESOURCE_HEAP_DELTA_BYTES]: end.heapUsed - this.start.heapUsed,
      [ATTR_RESOURCE_RSS_DELTA_BYTES]: end.rss - this.start.rss,
      [ATTR_RESOURCE_BLOCK_READS]: end.fsRead - this.start.fsRead,
      [ATTR_RESOURCE_BLOCK_WRITES]: end.fsWrite - this.start.fsWrite,
    };
  }
}
