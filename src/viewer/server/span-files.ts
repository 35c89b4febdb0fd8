import { readdir, stat } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";
import type { SpanLocation, SpanSummary } from "../model/span-summary.js";
import { TraceIndex } from "../model/trace-index.js";
import type { IndexStats } from "../model/views.js";
import { FollowedFile, type Source } from "./followed-file.js";

export interface SpanFilesOptions {
  /** Files and folders (each folder's `*.jsonl` files, new ones included). */
  paths: string[];
  maxSpans?: number;
  /** Longer lines are skipped and counted (default 64 MB). */
  maxLineBytes?: number;
  /** Told when the files and folders followed change (a path waited for turned out to be a folder). */
  onFollowedChange?: () => void;
  /** Told when a file waited for (after the first read) is there and followed. */
  onFound?: (path: string) => void;
}

/** What a file whose last line has no newline yet says (the command and the page). */
export function unterminatedLine(bytes: number): string {
  return `its last line (${bytes.toLocaleString("en-US")} bytes) has no newline yet: read when it ends`;
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
  private readonly pathsGiven: string[];
  private readonly onFollowedChange: (() => void) | undefined;
  private readonly onFound: ((path: string) => void) | undefined;
  private polledOnce = false;
  private readonly maxLineBytes: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;
  private followedChanges = 0;

  constructor(options: SpanFilesOptions) {
    this.index = new TraceIndex({ ...(options.maxSpans !== undefined ? { maxSpans: options.maxSpans } : {}), onEvicted: (span) => this.evicted(span) });
    this.pathsGiven = options.paths.map((path) => resolve(path));
    this.onFollowedChange = options.onFollowedChange;
    this.onFound = options.onFound;
    this.maxLineBytes = options.maxLineBytes;
    // A path ending in a separator is a folder even before it exists.
    options.paths.forEach((path, i) => {
      if (path.endsWith("/") || path.endsWith(sep)) this.trailingSeparator.add(this.pathsGiven[i] as string);
    });
  }

  private readonly trailingSeparator = new Set<string>();

  /**
   * Sorts the given paths into files and folders. A path that does not exist yet is a folder when
   * it ends with a separator or its name has no extension (`traces/`, `traces`), else a file to wait for.
   */
  async open(): Promise<void> {
    for (const path of this.pathsGiven) {
      const info = await stat(path).catch(() => undefined);
      const folder = info ? info.isDirectory() : this.trailingSeparator.has(path) || !basename(path).includes(".");
      if (folder) this.folders.push(path);
      else this.files.push(path);
    }
    for (const file of this.files) this.follow(file);
  }

  private follow(path: string): void {
    if (!this.followed.has(path)) this.followed.set(path, new FollowedFile(path, this.index, this.sources, this.maxLineBytes));
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
    for (const file of this.followed.values()) {
      const waited = file.state === "waiting";
      await file.poll();
      // Only paths given as files: a folder's new files (a rotated daily file) need no announcing.
      if (waited && this.polledOnce && file.state === "following" && this.files.includes(file.path)) this.onFound?.(file.path);
      // A path waited for as a file that was created as a folder: follow it as one.
      if (file.state === "unreadable" && this.files.includes(file.path) && (await stat(file.path).catch(() => undefined))?.isDirectory()) {
        this.followed.delete(file.path);
        this.files.splice(this.files.indexOf(file.path), 1);
        this.folders.push(file.path);
        this.followedChanges++;
        this.onFollowedChange?.();
      }
    }
    this.polledOnce = true;
  }

  /** Changes pages should see: spans and skipped lines (the index's version), and files' states. */
  get version(): number {
    let changes = 0;
    for (const file of this.followed.values()) changes += file.changes;
    return this.index.version + changes + this.followedChanges;
  }

  /** Polls every `intervalMillis` until closed. */
  watch(intervalMillis: number): void {
    const tick = async (): Promise<void> => {
      if (this.closed) return;
      await this.poll();
      if (!this.closed) this.timer = setTimeout(tick, intervalMillis);
    };
    this.timer = setTimeout(tick, intervalMillis);
  }

  /** A span left the index: a source no longer followed lets its file go with its last span. */
  private evicted(span: SpanSummary): void {
    const source = this.sources[span.at.source];
    if (!source) return;
    source.spans--;
    if (source.spans > 0 || !source.retired || !source.handle) return;
    const handle = source.handle;
    source.handle = undefined;
    // A truncated file's new stretch reads through the same handle: it stays open for that one.
    if (!this.sources.some((other) => other.handle === handle)) void handle.close().catch(() => {});
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
      const unterminatedBytes = file.unterminatedBytes;
      if (file.lastError || unterminatedBytes === 0) described.push({ path: file.path, spans, state: file.lastError ? `${file.state}: ${file.lastError}` : file.state });
      else described.push({ path: file.path, spans, state: `${file.state}; ${unterminatedLine(unterminatedBytes)}`, unterminatedBytes });
    }
    for (const folder of this.folders) if (![...this.followed.keys()].some((path) => path.startsWith(folder + sep))) described.push({ path: `${folder}${sep}*.jsonl`, spans: 0, state: "waiting for .jsonl files" });
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
