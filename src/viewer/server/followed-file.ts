import { type FileHandle, open, stat } from "node:fs/promises";
import type { TraceIndex } from "../model/trace-index.js";

const CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;
/** A longer line is skipped (and counted): reading it whole would take memory without bound. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** One stretch of a file the index points into: the open handle its locations are read from. */
export interface Source {
  path: string;
  /** Undefined once the content is gone (truncated) or let go (rotated away, its spans evicted). */
  handle: FileHandle | undefined;
  /** Spans of this source in the index now. */
  spans: number;
  /** No longer followed (the file was rotated or truncated): closed when its last span leaves the index. */
  retired: boolean;
}

export type FileState = "waiting" | "following" | "rotated away" | "unreadable";

/**
 * Follows one JSONL file: reads what is there, then what is appended, line by line, into the index.
 * A rotated file (another file now at the path) is read to its end, kept open for the details of its
 * spans, and the new file followed from its start; a file truncated in place — or rewritten, which
 * shows as a line end no longer where one was — is followed again from its start. A partial last
 * line waits for its newline; one the file will never finish (rotated or truncated mid-line) is
 * counted as skipped.
 */
export class FollowedFile {
  state: FileState = "waiting";
  lastError: string | undefined;
  /** How many times the state or error changed: part of the version pages poll. */
  changes = 0;
  private handle: FileHandle | undefined;
  private inode = -1;
  /** Bytes of the file read so far. */
  private position = 0;
  /** The bytes of the line being read, before its newline. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** In a line past MAX_LINE_BYTES: bytes are dropped until its newline. */
  private skippingLine = false;
  private lineNumber = 0;
  private sourceId = -1;

  constructor(
    readonly path: string,
    private readonly index: TraceIndex,
    private readonly sources: Source[],
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  /**
   * Bytes of a last line that has no newline yet (a writer mid-line, or a file another tool ended
   * without one): read when its newline comes, and said meanwhile, so a file that shows no span
   * says why.
   */
  get unterminatedBytes(): number {
    return this.skippingLine ? 0 : this.pendingBytes;
  }

  /** Reads what was appended since the last poll; never throws (an unreadable file is a state). */
  async poll(): Promise<void> {
    const unterminated = this.unterminatedBytes;
    try {
      await this.pollUnsafe();
      if (this.unterminatedBytes !== unterminated) this.changes++;
      if (this.lastError !== undefined) this.changes++;
      this.lastError = undefined;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.lastError) this.changes++;
      this.setState("unreadable");
      this.lastError = message;
    }
  }

  private async pollUnsafe(): Promise<void> {
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      // Rotated away with no new file yet, or not created yet: keep what was read.
      if (this.handle) {
        await this.drain();
        this.retire("the file was rotated away in the middle of a line");
        this.setState("rotated away");
      } else if (this.state !== "rotated away") {
        this.setState("waiting");
      }
      return;
    }
    if (info.isDirectory()) throw new Error("is a folder, not a file");
    if (!this.handle || info.ino !== this.inode) {
      if (this.handle) {
        await this.drain();
        this.retire("the file was rotated in the middle of a line");
      }
      await this.openCurrent();
    } else if (info.size < this.position || (info.size > this.position && !(await this.lineEndStillThere()))) {
      // Truncated in place, or rewritten: what the index points at is gone, and so are its details.
      const handle = this.handle;
      const old = this.sources[this.sourceId];
      if (old) old.handle = undefined;
      this.retire("the file was truncated in the middle of a line");
      this.handle = handle;
      this.startSource(handle);
    }
    this.setState("following");
    if (info.size !== this.position) await this.drain();
  }

  /** The byte before the unread part is still the end of the last line read (else the file was rewritten). */
  private async lineEndStillThere(): Promise<boolean> {
    // In an overlong line, where the last line ended is not known: nothing to check.
    const lineEnd = this.position - this.pendingBytes;
    if (lineEnd <= 0 || this.skippingLine || !this.handle) return true;
    const byte = Buffer.alloc(1);
    const { bytesRead } = await this.handle.read(byte, 0, 1, lineEnd - 1);
    return bytesRead === 1 && byte[0] === NEWLINE;
  }

  /**
   * The stretch read so far is no longer followed: its source keeps the handle for its spans'
   * details (closed when none is left in the index), the follower lets go of it. A line it left
   * unfinished is counted as skipped (an overlong one was counted already).
   */
  private retire(unfinished: string): void {
    if (this.pendingBytes > 0) this.index.skip({ source: this.path, line: this.lineNumber + 1 }, unfinished);
    const old = this.sources[this.sourceId];
    if (old) {
      old.retired = true;
      if (old.spans === 0 && old.handle) {
        void old.handle.close().catch(() => {});
        old.handle = undefined;
      }
    }
    this.handle = undefined;
    this.pending = [];
    this.pendingBytes = 0;
    this.skippingLine = false;
  }

  private async openCurrent(): Promise<void> {
    const handle = await open(this.path, "r");
    try {
      // The identity of the file opened, not of whatever was at the path a moment before.
      this.inode = (await handle.stat()).ino;
    } catch (error) {
      await handle.close().catch(() => {});
      throw error;
    }
    this.handle = handle;
    this.startSource(handle);
  }

  /** Changes of state (and of error) count as changes of what the viewer shows. */
  private setState(state: FileState): void {
    if (state !== this.state) this.changes++;
    this.state = state;
  }

  private startSource(handle: FileHandle | undefined): void {
    this.position = 0;
    this.pending = [];
    this.pendingBytes = 0;
    this.skippingLine = false;
    this.lineNumber = 0;
    this.sourceId = this.sources.push({ path: this.path, handle, spans: 0, retired: false }) - 1;
  }

  /** Reads from the current position to the end of the open file. */
  private async drain(): Promise<void> {
    const handle = this.handle;
    if (!handle) return;
    let chunk: Buffer | undefined;
    for (;;) {
      chunk ??= Buffer.allocUnsafe(CHUNK_BYTES);
      const { bytesRead } = await handle.read(chunk, 0, CHUNK_BYTES, this.position);
      if (bytesRead === 0) return;
      this.take(chunk.subarray(0, bytesRead));
      this.position += bytesRead;
    }
  }

  /** Splits bytes into lines; byte offsets in the file locate each line for reading it again. */
  private take(bytes: Buffer): void {
    let start = 0;
    for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      const lineStart = this.position + start - this.pendingBytes;
      if (this.skippingLine) {
        this.skippingLine = false;
        this.lineNumber++;
      } else if (this.pendingBytes === 0) {
        this.line(bytes.subarray(start, end), lineStart);
      } else {
        this.pending.push(bytes.subarray(start, end));
        this.line(Buffer.concat(this.pending), lineStart);
      }
      this.pending = [];
      this.pendingBytes = 0;
      start = end + 1;
    }
    if (start === bytes.length || this.skippingLine) return;
    // The rest waits for its newline (copied: the chunk is reused).
    this.pending.push(Buffer.from(bytes.subarray(start)));
    this.pendingBytes += bytes.length - start;
    if (this.pendingBytes > this.maxLineBytes) {
      this.index.skip({ source: this.path, line: this.lineNumber + 1 }, `a line longer than ${(this.maxLineBytes / 1024 / 1024).toFixed(this.maxLineBytes < 1024 * 1024 ? 2 : 0)} MB`);
      this.pending = [];
      this.pendingBytes = 0;
      this.skippingLine = true;
    }
  }

  private line(bytes: Buffer, offset: number): void {
    this.lineNumber++;
    if (bytes.length === 0) return;
    // Adding can evict this source's own older spans (evicted() counts those down): add, then count up.
    const added = this.index.addLine(bytes.toString("utf8"), { source: this.sourceId, offset, length: bytes.length }, { source: this.path, line: this.lineNumber });
    (this.sources[this.sourceId] as Source).spans += added;
  }
}
