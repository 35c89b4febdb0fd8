// Processes sharing a JSONL file (a server and its workers, test workers) never interleave their
// lines: three real child processes write lines of about 2 MB at once; every line parses.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const APP = fileURLToPath(new URL("./shared-jsonl-app.ts", import.meta.url));

it("three processes appending ~2 MB lines to one file at once: every line whole, every span there", async () => {
  const dir = await mkdtemp(join(tmpdir(), "llmtrace-shared-"));
  try {
    const path = join(dir, "shared.jsonl");
    // All three start writing at the same moment, once they have loaded.
    const startAt = String(Date.now() + 3000);
    const children = [0, 1, 2].map((id) => spawn(process.execPath, ["--import", "tsx", APP, path, String(id), startAt], { stdio: "inherit" }));
    const codes = await Promise.all(children.map(async (child) => ((await once(child, "exit")) as [number | null])[0]));
    expect(codes).toEqual([0, 0, 0]);
    const lines = (await readFile(path, "utf8")).trim().split("\n");
    expect(Math.max(...lines.map((line) => Buffer.byteLength(line)))).toBeGreaterThan(1024 * 1024);
    let spans = 0;
    for (const line of lines) {
      const parsed = JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
      spans += parsed.resourceSpans.reduce((n, r) => n + r.scopeSpans.reduce((m, s) => m + s.spans.length, 0), 0);
    }
    expect(spans).toBe(3 * 8 * 256);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
