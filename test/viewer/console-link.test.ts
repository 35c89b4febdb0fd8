import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configureTracing, getActiveTracing, trace } from "../../src/index.js";

// A real `llmtrace view` child process announces itself; a traced process's console exporter
// prints the link to each trace when that viewer follows the process's JSONL file.
let dir: string;
let viewer: ChildProcess | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmtrace-console-link-"));
});
afterEach(async () => {
  await getActiveTracing()?.shutdown();
  if (viewer && viewer.exitCode === null) {
    viewer.kill("SIGTERM");
    await once(viewer, "exit");
  }
  viewer = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function startViewer(path: string): Promise<string> {
  viewer = spawn(process.execPath, ["--import", "tsx", "src/viewer/server/bin.ts", "view", path, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  viewer.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!/read in \d+ ms/.test(stdout) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  const url = /llmtrace viewer: (\S+)/.exec(stdout)?.[1];
  if (!url) throw new Error(`viewer did not start: ${stdout}`);
  return url;
}

async function printedTrace(jsonlPath: string): Promise<{ printed: string; traceId: string }> {
  const printed: string[] = [];
  const tracing = configureTracing(
    { serviceName: "linked", exporters: [{ type: "console", write: (text) => printed.push(text) }, { type: "jsonl", path: jsonlPath }], processor: "simple", logLevel: "none", metrics: false },
    {},
  );
  const traceId = await trace.start({ name: "turn" }, async (root) => root.spanContext().traceId);
  await tracing.shutdown();
  return { printed: printed.join(""), traceId };
}

describe("console exporter: link to a running viewer", () => {
  it("prints each trace's link when a viewer follows this process's JSONL file", async () => {
    const path = join(dir, "spans.jsonl");
    const url = await startViewer(path);
    const { printed, traceId } = await printedTrace(path);
    expect(printed).toContain(`view: ${url}#/trace/${traceId}`);
  });

  it("prints no link when the running viewer follows another file, or none runs", async () => {
    await startViewer(join(dir, "other.jsonl"));
    expect((await printedTrace(join(dir, "spans.jsonl"))).printed).not.toContain("view:");
    viewer?.kill("SIGTERM");
    if (viewer) await once(viewer, "exit");
    expect((await printedTrace(join(dir, "other.jsonl"))).printed).not.toContain("view:");
  });
});
