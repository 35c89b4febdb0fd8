import { type FileHandle, open, stat } from "node:fs/promises";
import type { TraceIndex } from "../model/trace-index.js";

const CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** One stretch of a file the index points into: the open handle its locations are read from. */
export interface Source {
  path: string;
  /** Undefined once the content is gone (the file was truncated): its spans' details cannot be read. */
  handle: FileHandle | undefined;
  spans: number;
}

export type FileState = "waiting" | "following" | "rotated" | "truncated" | "unreadable";

/**
 * Follows one JSONL file: reads what is there, then what is appended, line by line, into the index.
 * A rotated file (another file now at the path) is read to its end, kept open for the details of its
 * spans, and the new file followed from its start; a truncated file is followed again from its start.
 * A partial last line waits for its newline.
 */
export class FollowedFile {
  state: FileState = "waiting";
  lastError: string | undefined;
  private handle: FileHandle | undefined;
  private inode = -1;
  private position = 0;
  private pending: Buffer = Buffer.alloc(0);
  private lineNumber = 0;
  private sourceId = -1;

  constructor(
    readonly path: string,
    private readonly index: TraceIndex,
    private readonly sources: Source[],
  ) {}

  /** Reads what was appended since the last poll; never throws (an unreadable file is a state). */
  async poll(): Promise<void> {
    try {
      await this.pollUnsafe();
      this.lastError = undefined;
    } catch (error) {
      this.state = "unreadable";
      this.lastError = error instanceof Error ? error.message : String(error);
    }
  }

  private async pollUnsafe(): Promise<void> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        // Rotated away with nothing new yet, or not created yet: keep what was read.
        if (this.handle) await this.drain();
        this.state = this.handle ? "rotated" : "waiting";
        return;
      }
      throw error;
    }
    if (!this.handle || info.ino !== this.inode) {
      if (this.handle) await this.drain();
      await this.openCurrent(info.ino);
      this.state = "following";
    } else if (info.size < this.position) {
      // Truncated in place: what the index points at is gone, so its details are too.
      const old = this.sources[this.sourceId];
      if (old) old.handle = undefined;
      this.sourceId = this.sources.push({ path: this.path, handle: this.handle, spans: 0 }) - 1;
      this.position = 0;
      this.pending = Buffer.alloc(0);
      this.lineNumber = 0;
      this.state = "following";
    }
    await this.drain();
  }

  private async openCurrent(inode: number): Promise<void> {
    this.handle = await open(this.path, "r");
    this.inode = inode;
    this.position = 0;
    this.pending = Buffer.alloc(0);
    this.lineNumber = 0;
    this.sourceId = this.sources.push({ path: this.path, handle: this.handle, spans: 0 }) - 1;
  }

  /** Reads from the current position to the end of the open file. */
  private async drain(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, this.position);
      if (bytesRead === 0) return;
      this.take(chunk.subarray(0, bytesRead));
      this.position += bytesRead;
    }
  }

  /** Splits bytes into lines; byte offsets in the file locate each line for reading it again. */
  private take(bytes: Buffer): void {
    const data = this.pending.length > 0 ? Buffer.concat([this.pending, bytes]) : bytes;
    const dataStart = this.position - this.pending.length;
    let start = 0;
    for (let end = data.indexOf(NEWLINE, start); end !== -1; end = data.indexOf(NEWLINE, start)) {
      this.line(data, start, end, dataStart);
      start = end + 1;
    }
    this.pending = Buffer.from(data.subarray(start));
  }

  private line(data: Buffer, start: number, end: number, dataStart: number): void {
    this.lineNumber++;
    if (end === start) return;
    const source = this.sources[this.sourceId] as Source;
    source.spans += this.index.addLine(data.toString("utf8", start, end), { source: this.sourceId, offset: dataStart + start, length: end - start }, { source: this.path, line: this.lineNumber });
  }

  /** At the end of a one-shot read (a report): a last line without its newline is read as it is. */
  finish(): void {
    if (this.pending.length === 0) return;
    const data = this.pending;
    this.line(data, 0, data.length, this.position - data.length);
    this.pending = Buffer.alloc(0);
  }

  /** Bytes of a last line still waiting for its newline. */
  get pendingBytes(): number {
    return this.pending.length;
  }
}
