// A process that crashes still writes its JSONL file: the failing request's trace is the one a
// developer opens in the viewer. Real child processes, a real OTLP receiver for the exporter that
// cannot write at exit (counted and said instead).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OtlpReceiver } from "../helpers/otlp-receiver.js";

const APP = fileURLToPath(new URL("./crash-app.ts", import.meta.url));
let dir: string;
let receiver: OtlpReceiver;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmtrace-crash-"));
  receiver = await OtlpReceiver.start();
});
afterAll(async () => {
  await receiver.close();
  await rm(dir, { recursive: true, force: true });
});

async function crash(mode: string, path: string, endpoint?: string): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", APP, mode, path, ...(endpoint ? [endpoint] : [])], { stdio: ["ignore", "ignore", "pipe"] });
  const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // "close", not "exit": the output pipes may still hold the last lines when the process has exited.
  const [code] = (await once(child, "close")) as [number | null];
  clearTimeout(kill);
  return { code, stderr };
}

async function spanNames(path: string): Promise<string[]> {
  return (await readLines(path))
    .flatMap((line) => (JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[] }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans.map((span) => span.name))));
}

async function readLines(path: string): Promise<string[]> {
  return (await readFile(path, "utf8")).trim().split("\n");
}

it("process.exit() with a trace root never ended: the root ends at exit and is written with its child", async () => {
  const path = join(dir, "idle.jsonl");
  const { code } = await crash("idle-root", path);
  expect(code).toBe(1);
  expect((await spanNames(path)).sort()).toEqual(["idle_root", "system.step"]);
});

it("more spans queued than a batch: written at exit one batch a line (512 spans at most)", async () => {
  const path = join(dir, "many.jsonl");
  const { code } = await crash("many", path);
  expect(code).toBe(0);
  expect(await spanNames(path)).toHaveLength(1200);
  expect(await readLines(path)).toHaveLength(3);
});

it("an unhandled rejection: the queued spans are written to the JSONL file at exit", async () => {
  const path = join(dir, "rejection.jsonl");
  const { code, stderr } = await crash("rejection", path);
  expect(code).not.toBe(0);
  expect(stderr).toContain("boom: the request failed");
  expect((await spanNames(path)).sort()).toEqual(["chat gpt-4o-mini", "failing_request"]);
});

it("an uncaught exception: the same, and what a network exporter still held is counted and said", async () => {
  const path = join(dir, "exception.jsonl");
  const { code, stderr } = await crash("exception", path, `${receiver.httpUrl}/v1/traces`);
  expect(code).not.toBe(0);
  expect((await spanNames(path)).sort()).toEqual(["failing_request", "tool.lookup"]);
  expect(stderr).toContain("an uncaught exception or an unhandled rejection) with 2 span(s) for the otlp http/protobuf exporter");
  expect(stderr).not.toContain("for the jsonl exporter");
});
