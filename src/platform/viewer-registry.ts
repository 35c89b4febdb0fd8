import { chmodSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

/**
 * Running viewers announce themselves with a small file in a folder of the user's own, so a traced
 * process can print a link to its trace in the viewer that follows its JSONL file. One file per
 * viewer process, named by its pid, removed when it stops; a stale file (its process gone) is ignored.
 * The folder must be the user's, not a link, and closed to others, and a link must point at this
 * machine: on a shared machine another user cannot make a console print their address.
 */
export interface ViewerAnnouncement {
  pid: number;
  url: string;
  /** Absolute paths of the files it follows. */
  files: string[];
  /** Absolute paths of the folders whose `.jsonl` files it follows. */
  folders: string[];
}

const LOOPBACK_URL = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d{1,5}\/$/;

function candidateFolder(): string {
  // XDG_RUNTIME_DIR is the user's own (mode 0700) where a session provides it.
  const runtime = process.env.XDG_RUNTIME_DIR;
  if (runtime && runtime.startsWith("/")) return join(runtime, "llmtrace-viewers");
  const uid = typeof process.getuid === "function" ? process.getuid() : "user";
  return join(tmpdir(), `llmtrace-viewers-${uid}`);
}

/** The registry folder when it is safe to use (ours, a real folder, closed to others); else undefined. */
function ownFolder(create: boolean): string | undefined {
  const folder = candidateFolder();
  try {
    if (create) mkdirSync(folder, { recursive: true, mode: 0o700 });
    const info = lstatSync(folder);
    if (!info.isDirectory() || info.isSymbolicLink()) return undefined;
    if (typeof process.getuid === "function" && info.uid !== process.getuid()) return undefined;
    if ((info.mode & 0o077) !== 0) chmodSync(folder, 0o700);
    return folder;
  } catch {
    return undefined;
  }
}

/**
 * Announces a running viewer; the returned function withdraws the announcement. Without one (the
 * folder is not usable: another user's, a link), the viewer works and the consoles print no links:
 * the reason is returned instead, to be said.
 */
export function announceViewer(announcement: Omit<ViewerAnnouncement, "pid">): (() => void) | { notAnnounced: string } {
  const folder = ownFolder(true);
  if (!folder) return { notAnnounced: `${candidateFolder()} is not a folder of this user's, closed to others` };
  const file = join(folder, `${process.pid}.json`);
  try {
    writeFileSync(file, JSON.stringify({ pid: process.pid, ...announcement }), { mode: 0o600 });
  } catch (error) {
    return { notAnnounced: `${file} could not be written (${error instanceof Error ? error.message : String(error)})` };
  }
  return () => rmSync(file, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: another user's process, not a viewer of ours.
    return false;
  }
}

/** The viewers running now (stale and foreign announcements skipped). */
export function runningViewers(): ViewerAnnouncement[] {
  const folder = ownFolder(false);
  if (!folder) return [];
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const viewers: ViewerAnnouncement[] = [];
  for (const name of names) {
    if (!name.endsWith(".json")) continue;
    try {
      const parsed = JSON.parse(readFileSync(join(folder, name), "utf8")) as ViewerAnnouncement;
      const wellFormed = typeof parsed.pid === "number" && typeof parsed.url === "string" && LOOPBACK_URL.test(parsed.url) && Array.isArray(parsed.files) && Array.isArray(parsed.folders);
      if (wellFormed && isRunning(parsed.pid)) viewers.push(parsed);
    } catch {
      // A file being written or not ours: skipped.
    }
  }
  return viewers;
}

/** The URL of a running viewer that follows `path`, or undefined. */
export function viewerFollowing(path: string): string | undefined {
  const absolute = resolve(path);
  const folder = dirname(absolute);
  return runningViewers().find((viewer) => viewer.files.includes(absolute) || (absolute.endsWith(".jsonl") && viewer.folders.includes(folder)))?.url;
}
