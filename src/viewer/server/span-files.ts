import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { SpanLocation } from "../model/span-summary.js";
import { TraceIndex } from "../model/trace-index.js";
import type { IndexStats } from "../model/views.js";
import { FollowedFile, type Source } from "./followed-file.js";

export interface SpanFilesOptions {
  /** Files and folders (each folder's `*.jsonl` files, new ones included). */
  paths: string[];
  maxSpans?: number;
}

/**
 * The JSONL files a viewer reads: the index over them, kept current by polling (a stat per file;
 * portable where file watching is not), and the reading of a span's line again on demand.
 */
export class SpanFiles {
  readonly index: TraceIndex;
  readonly files: string[] = [];
  readonly folders: string[] = [];
  private readonly followed = new Map<string, FollowedFile>();
  private readonly sources: Source[] = [];
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;

  constructor(options: SpanFilesOptions) {
    this.index = new TraceIndex(options.maxSpans !== undefined ? { maxSpans: options.maxSpans } : {});
    this.pathsGiven = options.paths.map((path) => resolve(path));
  }

  private readonly pathsGiven: string[];

  /** Sorts the given paths into files and folders (a path that does not exist yet is a file to wait for). */
  async open(): Promise<void> {
    for (const path of this.pathsGiven) {
      const info = await stat(path).catch(() => undefined);
      if (info?.isDirectory()) this.folders.push(path);
      else this.files.push(path);
    }
    for (const file of this.files) this.follow(file);
  }

  private follow(path: string): void {
    if (!this.followed.has(path)) this.followed.set(path, new FollowedFile(path, this.index, this.sources));
  }

  /** Reads everything appended (and new files in the folders) once. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    for (const folder of this.folders) {
      const names = await readdir(folder).catch(() => [] as string[]);
      for (const name of names.sort()) if (name.endsWith(".jsonl")) this.follow(join(folder, name));
    }
    for (const file of this.followed.values()) await file.poll();
  }

  /** Polls every `intervalMillis` until closed, calling `onChange` when the index changed. */
  watch(intervalMillis: number, onChange: () => void): void {
    let seen = this.index.version;
    const tick = async (): Promise<void> => {
      if (this.closed) return;
      await this.poll();
      if (this.index.version !== seen) {
        seen = this.index.version;
        onChange();
      }
      if (!this.closed) this.timer = setTimeout(tick, intervalMillis);
    };
    this.timer = setTimeout(tick, intervalMillis);
  }

  /** For a one-shot read: last lines without a newline are read as they are. */
  finish(): void {
    for (const file of this.followed.values()) file.finish();
  }

  /** The line a span was read from, read again; undefined when the file no longer has it. */
  async readLine(at: SpanLocation): Promise<string | undefined> {
    const handle = this.sources[at.source]?.handle;
    if (!handle || !Number.isInteger(at.length) || at.length <= 0) return undefined;
    const buffer = Buffer.alloc(at.length);
    const { bytesRead } = await handle.read(buffer, 0, at.length, at.offset);
    return bytesRead === at.length ? buffer.toString("utf8") : undefined;
  }

  describeSources(): IndexStats["sources"] {
    const described: IndexStats["sources"] = [];
    for (const file of this.followed.values()) {
      const spans = this.sources.filter((source) => source.path === file.path).reduce((sum, source) => sum + source.spans, 0);
      described.push({ path: file.path, spans, state: file.lastError ? `${file.state}: ${file.lastError}` : file.state });
    }
    return described;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    const handles = new Set(this.sources.map((source) => source.handle).filter((handle) => handle !== undefined));
    await Promise.all([...handles].map((handle) => handle.close().catch(() => {})));
  }
}
