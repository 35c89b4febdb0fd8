import { appendFile, mkdir, mkdtemp, readFile, rename, rm, truncate, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TraceListPage, TraceView } from "../../src/viewer/model/views.js";
import { SpanFiles } from "../../src/viewer/server/span-files.js";
import { otlpLine } from "../helpers/otlp-lines.js";
import { type RunningViewer, startViewerServer } from "../../src/viewer/server/viewer-server.js";

// A real viewer server on 127.0.0.1 over real files, asked over real sockets.

let dir: string;
let viewer: RunningViewer | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmtrace-viewer-server-"));
});
afterEach(async () => {
  await viewer?.close();
  viewer = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** One OTLP/JSON line of spans (as the JSONL exporter writes them) for trace `traceId`. */
function line(traceId: string, spans: { id: string; parent?: string; name: string; error?: boolean }[], service = "svc"): string {
  return otlpLine(
    spans.map((span) => ({ ...span, attributes: { "ai.input": `input of ${span.name}` } })),
    service,
    traceId,
  );
}

const TRACE_A = "a".repeat(32);
const TRACE_B = "b".repeat(32);
const TRACE_C = "c".repeat(32);

async function start(paths: string[], options: { maxSpans?: number; maxLineBytes?: number; allowHosts?: string[]; pollMillis?: number } = {}): Promise<RunningViewer> {
  const { allowHosts, pollMillis = 25, ...fileOptions } = options;
  const files = new SpanFiles({ paths, ...fileOptions });
  await files.open();
  await files.poll();
  viewer = await startViewerServer({ files, host: "127.0.0.1", port: 0, pollMillis, ...(allowHosts ? { allowHosts } : {}) });
  return viewer;
}

/** Open file descriptors of this process whose target contains `fragment` (Linux /proc). */
async function openDescriptors(fragment: string): Promise<number> {
  const { readdir: list, readlink } = await import("node:fs/promises");
  let count = 0;
  for (const fd of await list("/proc/self/fd")) {
    const target = await readlink(`/proc/self/fd/${fd}`).catch(() => "");
    if (target.includes(fragment)) count++;
  }
  return count;
}

function get(path: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: viewer?.port, path, method, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** A request written byte for byte on a socket: no client library normalizes the path. */
function raw(requestLine: string, host: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(viewer?.port ?? 0, "127.0.0.1", () => socket.write(`${requestLine}\r\n${host === undefined ? "" : `Host: ${host}\r\n`}Connection: close\r\n\r\n`));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
}

async function list(): Promise<TraceListPage> {
  return JSON.parse((await get("/api/traces")).body) as TraceListPage;
}

describe("viewer server", () => {
  it("answers only to its own address: a rebound domain name, a missing Host or another port is refused", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), name: "root" }]));
    const { port } = await start([path]);
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) expect((await get("/api/traces", { host })).status, host).toBe(200);
    for (const host of [`evil.example:${port}`, `attacker.test`, `127.0.0.1:${port + 1}`, `localhost.evil.example:${port}`, `127.0.0.1.nip.example:${port}`]) {
      const response = await get("/api/traces", { host });
      expect(response.status, host).toBe(403);
      expect(response.body).toContain("answers only to its own address");
    }
    expect(await raw("GET /api/traces HTTP/1.0", undefined)).toMatch(/^HTTP\/1\.1 403/);
  });

  it("serves nothing from a path in the request: traversal attempts get 404 and never a file", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), name: "root" }]));
    await writeFile(join(dir, "secret.txt"), "TOP-SECRET-CONTENT");
    const { port } = await start([path]);
    const host = `127.0.0.1:${port}`;
    const attempts = [
      "/../secret.txt",
      "/%2e%2e/secret.txt",
      "/..%2fsecret.txt",
      "/app.js/../../secret.txt",
      "/api/traces/..%2f..%2fsecret.txt",
      `/api/traces/${TRACE_A}/spans/..%2f..%2f..%2fetc%2fpasswd`,
      "/api/conversations/..%2f..%2fsecret.txt/x",
      `/${dir}/secret.txt`,
      "/etc/passwd",
      "/api/../../../../etc/passwd",
      "/%00",
    ];
    for (const attempt of attempts) {
      const response = await raw(`GET ${attempt} HTTP/1.1`, host);
      expect(response, attempt).not.toContain("TOP-SECRET");
      expect(response, attempt).not.toContain("root:x:0");
      expect(response, attempt).toMatch(/^HTTP\/1\.1 (400|404)/);
    }
    const conversation = await get("/api/conversations/..%2F..%2Fsecret.txt");
    expect(conversation.body).not.toContain("TOP-SECRET");
  });

  it("is read-only: only GET and HEAD, with no-store and a content security policy", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), name: "root" }]));
    await start([path]);
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      const response = await get("/api/traces", {}, method);
      expect(response.status, method).toBe(405);
      expect(response.headers.allow).toBe("GET, HEAD");
    }
    expect(await readFile(path, "utf8")).toBe(line(TRACE_A, [{ id: "1".repeat(16), name: "root" }]));
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.body).toContain('<script src="/app.js"></script>');
    expect(page.headers["content-security-policy"]).toContain("default-src 'none'");
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect((await get("/", {}, "HEAD")).body).toBe("");
  });

  it("skips malformed and truncated lines, counts them with where and why, and keeps the rest", async () => {
    const path = join(dir, "spans.jsonl");
    const good = line(TRACE_A, [{ id: "1".repeat(16), name: "root" }]);
    await writeFile(path, `${good}not json at all\n${good.slice(0, 80)}\n{"resourceSpans": 3}\n{}\n\n${line(TRACE_B, [{ id: "2".repeat(16), name: "second" }])}`);
    await start([path]);
    const page = await list();
    expect(page.total).toBe(2);
    expect(page.stats.skippedLines).toBe(4);
    expect(page.stats.skipped.map((s) => [s.line, s.reason])).toEqual([
      [2, "not JSON"],
      [3, "truncated JSON"],
      [4, "not an OTLP/JSON trace line (no resourceSpans)"],
      [5, "not an OTLP/JSON trace line (no resourceSpans)"],
    ]);
  });

  it("starts on an empty file and on one not created yet, and shows spans once they are written", async () => {
    const empty = join(dir, "empty.jsonl");
    const later = join(dir, "later.jsonl");
    await writeFile(empty, "");
    await start([empty, later]);
    expect((await list()).total).toBe(0);
    expect((await list()).stats.sources.map((s) => s.state)).toEqual(["following", "waiting"]);
    await writeFile(later, line(TRACE_A, [{ id: "1".repeat(16), name: "root" }]));
    await waitUntil(async () => (await list()).total === 1);
  });

  it("follows a growing file: a partial line waits for its newline, /api/version tells pages of each change", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), parent: "9".repeat(16), name: "child" }]));
    await start([path]);
    const version = async () => JSON.parse((await get("/api/version")).body) as { instance: string; version: number };
    const before = await version();
    expect((await list()).traces[0]?.complete).toBe(false);
    const rootLine = line(TRACE_A, [{ id: "9".repeat(16), name: "root" }]);
    await appendFile(path, rootLine.slice(0, 50));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect((await list()).stats.skippedLines).toBe(0);
    expect((await list()).traces[0]?.spanCount).toBe(1);
    await appendFile(path, rootLine.slice(50));
    await waitUntil(async () => (await list()).traces[0]?.spanCount === 2);
    const view = JSON.parse((await get(`/api/traces/${TRACE_A}`)).body) as TraceView;
    expect(view.summary.complete).toBe(true);
    expect(view.rows.map((row) => [row.depth, row.span.name])).toEqual([
      [0, "root"],
      [1, "child"],
    ]);
    const after = await version();
    expect(after.instance).toBe(before.instance);
    expect(after.version).toBeGreaterThan(before.version);
    // Every answer says which state it comes from, for the page to compare.
    expect((await get("/api/traces")).headers["x-llmtrace-version"]).toBe(`${after.instance}:${after.version}`);
  });

  it("follows a rotated file into the new one and still reads the old spans' details", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), name: "before rotation" }]));
    await start([path]);
    expect((await list()).total).toBe(1);
    await appendFile(path, line(TRACE_B, [{ id: "2".repeat(16), name: "appended before rotation" }]));
    await rename(path, `${path}.1`);
    await writeFile(path, line(TRACE_C, [{ id: "3".repeat(16), name: "after rotation" }]));
    await waitUntil(async () => (await list()).total === 3);
    const old = JSON.parse((await get(`/api/traces/${TRACE_A}/spans/${"1".repeat(16)}`)).body) as { name: string; attributes: Record<string, unknown> };
    expect(old.name).toBe("before rotation");
    expect(old.attributes["ai.input"]).toBe("input of before rotation");
    const fresh = JSON.parse((await get(`/api/traces/${TRACE_C}/spans/${"3".repeat(16)}`)).body) as { name: string };
    expect(fresh.name).toBe("after rotation");
  });

  it("starts over on a file truncated in place; the old spans' details are gone, said plainly", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), name: "old" }]) + line(TRACE_B, [{ id: "2".repeat(16), name: "old too" }]));
    await start([path]);
    await truncate(path, 0);
    await appendFile(path, line(TRACE_C, [{ id: "3".repeat(16), name: "new" }]));
    await waitUntil(async () => (await list()).total === 3);
    const gone = await get(`/api/traces/${TRACE_A}/spans/${"1".repeat(16)}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toContain("no longer");
    expect(JSON.parse((await get(`/api/traces/${TRACE_C}/spans/${"3".repeat(16)}`)).body).name).toBe("new");
  });

  it("notices a file truncated and rewritten longer between two polls, and reads it from its start", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), name: "old" }]));
    // Slow polling: the rewrite happens between two polls.
    await start([path], { pollMillis: 400 });
    const rewritten = line(TRACE_B, [{ id: "2".repeat(16), name: "new one, with a longer name than before" }]) + line(TRACE_C, [{ id: "3".repeat(16), name: "new two" }]);
    await writeFile(path, rewritten);
    await waitUntil(async () => (await list()).total === 3);
    expect((await list()).stats.skippedLines).toBe(0);
    expect(JSON.parse((await get(`/api/traces/${TRACE_C}/spans/${"3".repeat(16)}`)).body).name).toBe("new two");
  });

  it("follows a file rotated away (no file for a while) and then created again; a line cut by the rotation is counted", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), name: "first" }]) + line(TRACE_B, [{ id: "2".repeat(16), name: "cut" }]).slice(0, 60));
    await start([path]);
    await rename(path, `${path}.1`);
    await waitUntil(async () => (await list()).stats.sources[0]?.state === "rotated away");
    expect((await list()).stats.skipped.map((s) => s.reason)).toEqual(["the file was rotated away in the middle of a line"]);
    await writeFile(path, line(TRACE_C, [{ id: "3".repeat(16), name: "after" }]));
    await waitUntil(async () => (await list()).total === 2);
    expect((await list()).stats.sources[0]?.state).toBe("following");
    expect(JSON.parse((await get(`/api/traces/${TRACE_A}/spans/${"1".repeat(16)}`)).body).name).toBe("first");
  });

  it("skips and counts a line that grows past the length limit while it waits for its newline, and reads on after it", async () => {
    const path = join(dir, "spans.jsonl");
    const long = line(TRACE_A, [{ id: "1".repeat(16), name: "x".repeat(5000) }]);
    // The long line arrives without its end: it waits, grows past the limit, and is let go.
    await writeFile(path, long.slice(0, 2000));
    await start([path], { maxLineBytes: 1024 });
    await appendFile(path, long.slice(2000) + line(TRACE_B, [{ id: "2".repeat(16), name: "after the long one" }]));
    await waitUntil(async () => (await list()).total === 1);
    const page = await list();
    expect(page.traces.map((t) => t.rootName)).toEqual(["after the long one"]);
    expect(page.stats.skipped.map((s) => [s.line, s.reason])).toEqual([[1, "a line longer than 0.00 MB"]]);
  });

  it("lets a rotated file go once its spans have left the index (--max-spans), so its disk space is freed", async () => {
    const path = join(dir, "spans.jsonl");
    await start([path], { maxSpans: 2 });
    for (let i = 1; i <= 4; i++) {
      await writeFile(path, line(i.toString(16).padStart(32, "0"), [{ id: i.toString(16).padStart(16, "0"), name: `generation ${i}` }]));
      await waitUntil(async () => (await list()).traces.some((t) => t.rootName === `generation ${i}`));
      await rename(path, `${path}.${i}`);
      await waitUntil(async () => (await list()).stats.sources[0]?.state === "rotated away");
    }
    // Two spans stay in the index (generations 3 and 4): the files of generations 1 and 2 are closed.
    expect((await list()).traces.map((t) => t.rootName).sort()).toEqual(["generation 3", "generation 4"]);
    expect((await list()).stats.sources[0]?.spans).toBe(2);
    expect(await openDescriptors("spans.jsonl.1")).toBe(0);
    expect(await openDescriptors("spans.jsonl.2")).toBe(0);
    expect(await openDescriptors("spans.jsonl.4")).toBe(1);
  });

  it("counts a file's spans right when its own new lines push its older spans out of the index", async () => {
    const path = join(dir, "spans.jsonl");
    let text = "";
    for (let i = 1; i <= 5; i++) text += line(i.toString(16).padStart(32, "0"), [{ id: i.toString(16).padStart(16, "0"), name: `t${i}` }]);
    await writeFile(path, text);
    await start([path], { maxSpans: 2 });
    const page = await list();
    expect(page.stats.spans).toBe(2);
    expect(page.stats.sources[0]?.spans).toBe(2);
  });

  it("follows a folder given before it exists (a path without an extension), once the application creates it", async () => {
    const folder = join(dir, "traces");
    await start([folder]);
    expect((await list()).stats.sources.map((s) => s.state)).toEqual(["waiting for .jsonl files"]);
    await mkdir(folder);
    await writeFile(join(folder, "app.jsonl"), line(TRACE_A, [{ id: "1".repeat(16), name: "in the new folder" }]));
    await waitUntil(async () => (await list()).total === 1);
  });

  it("answers names given with --allow-host, with or without their port", async () => {
    const path = join(dir, "spans.jsonl");
    await writeFile(path, line(TRACE_A, [{ id: "1".repeat(16), name: "root" }]));
    const { port } = await start([path], { allowHosts: ["devbox.local"] });
    expect((await get("/api/traces", { host: `devbox.local:${port}` })).status).toBe(200);
    expect((await get("/api/traces", { host: `other.local:${port}` })).status).toBe(403);
  });

  it("picks up new .jsonl files in a followed folder, and ignores other files", async () => {
    await writeFile(join(dir, "one.jsonl"), line(TRACE_A, [{ id: "1".repeat(16), name: "one" }]));
    await writeFile(join(dir, "notes.txt"), line(TRACE_C, [{ id: "3".repeat(16), name: "not a jsonl file" }]));
    await start([dir]);
    expect((await list()).total).toBe(1);
    await writeFile(join(dir, "two.jsonl"), line(TRACE_B, [{ id: "2".repeat(16), name: "two" }]));
    await waitUntil(async () => (await list()).total === 2);
    expect((await list()).traces.map((t) => t.rootName).sort()).toEqual(["one", "two"]);
  });

  it("pages the list newest first and answers 404 for an unknown trace", async () => {
    const path = join(dir, "spans.jsonl");
    let text = "";
    for (let i = 0; i < 120; i++) text += line(i.toString(16).padStart(32, "0"), [{ id: (i + 1).toString(16).padStart(16, "0"), name: `t${i}` }]).replace("1795000000000000000", String(1_795_000_000_000_000_000n + BigInt(i) * 1_000_000_000n));
    await writeFile(path, text);
    await start([path]);
    const first = JSON.parse((await get("/api/traces?limit=50")).body) as TraceListPage;
    expect(first.total).toBe(120);
    expect(first.traces.map((t) => t.rootName).slice(0, 2)).toEqual(["t119", "t118"]);
    const last = JSON.parse((await get("/api/traces?limit=50&offset=100")).body) as TraceListPage;
    expect(last.traces).toHaveLength(20);
    expect(last.traces.at(-1)?.rootName).toBe("t0");
    expect((await get(`/api/traces/${"f".repeat(32)}`)).status).toBe(404);
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
