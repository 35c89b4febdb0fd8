import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { dirname, join, resolve } from "node:path";

/**
 * Running viewers announce themselves with a small file in the temporary directory, so a traced
 * process can print a link to its trace in the viewer that follows its JSONL file. One file per
 * viewer process, named by its pid, removed when it stops; a stale file (its process gone) is ignored.
 */
export interface ViewerAnnouncement {
  pid: number;
  url: string;
  /** Absolute paths of the files it follows. */
  files: string[];
  /** Absolute paths of the folders whose `.jsonl` files it follows. */
  folders: string[];
}

function registryFolder(): string {
  let user = "user";
  try {
    user = String(userInfo().uid >= 0 ? userInfo().uid : userInfo().username);
  } catch {
    // No user entry (some containers): one shared folder.
  }
  return join(tmpdir(), `llmtrace-viewers-${user}`);
}

/** Announces a running viewer; the returned function withdraws the announcement. */
export function announceViewer(announcement: Omit<ViewerAnnouncement, "pid">): () => void {
  const folder = registryFolder();
  const file = join(folder, `${process.pid}.json`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify({ pid: process.pid, ...announcement }), { mode: 0o600 });
  } catch {
    // Without the announcement the viewer works; only the console's links are missing.
    return () => {};
  }
  return () => rmSync(file, { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The viewers running now (stale announcements skipped). */
export function runningViewers(): ViewerAnnouncement[] {
  const folder = registryFolder();
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
      if (typeof parsed.pid === "number" && typeof parsed.url === "string" && Array.isArray(parsed.files) && Array.isArray(parsed.folders) && isRunning(parsed.pid)) viewers.push(parsed);
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
