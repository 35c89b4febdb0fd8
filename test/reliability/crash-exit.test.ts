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

async function crash(mode: string, path: string, endpoint?: string, signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", APP, mode, path, ...(endpoint ? [endpoint] : [])], { stdio: ["ignore", "pipe", "pipe"] });
  const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let stdout = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    // Stopped by a signal once its request is running.
    if (signal && stdout.includes("ready")) child.kill(signal);
  });
  // "close", not "exit": the output pipes may still hold the last lines when the process has exited.
  const [code, exitSignal] = (await once(child, "close")) as [number | null, NodeJS.Signals | null];
  clearTimeout(kill);
  return { code, signal: exitSignal, stderr };
}

interface FileSpan {
  name: string;
  status?: { code?: number; message?: string };
  attributes: { key: string; value: { stringValue?: string } }[];
}

async function fileSpans(path: string): Promise<FileSpan[]> {
  return (await readLines(path)).flatMap((line) => (JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: FileSpan[] }[] }[] }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
}

const interruptedBy = (span: FileSpan | undefined) => span?.attributes.find((a) => a.key === "llmtrace.interrupted")?.value.stringValue;

async function spanNames(path: string): Promise<string[]> {
  return (await fileSpans(path)).map((span) => span.name);
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

it("SIGINT with shutdownOnSignals() while a request runs: its spans are ended as interrupted and written, and it is said once", async () => {
  const path = join(dir, "sigint.jsonl");
  const { signal, stderr } = await crash("in-flight-signal", path, undefined, "SIGINT");
  expect(signal).toBe("SIGINT");
  const spans = await fileSpans(path);
  expect(spans.map((span) => span.name).sort()).toEqual(["agent.support", "chat gpt-4o-mini", "in_flight_request", "tool.lookup"]);
  for (const name of ["agent.support", "chat gpt-4o-mini", "in_flight_request"]) {
    const span = spans.find((s) => s.name === name);
    expect(interruptedBy(span), name).toBe("SIGINT");
    expect(span?.status).toEqual({ code: 2, message: "interrupted: still running at SIGINT" });
  }
  expect(interruptedBy(spans.find((s) => s.name === "tool.lookup"))).toBeUndefined();
  expect(stderr.match(/had not ended/g)).toHaveLength(1);
  expect(stderr).toContain('llmtrace: 3 span(s) had not ended at SIGINT ("in_flight_request", "agent.support", "chat gpt-4o-mini")');
});

it("an uncaught exception while another request runs: that request's spans are written too, interrupted by it", async () => {
  const path = join(dir, "in-flight-crash.jsonl");
  const { code, stderr } = await crash("in-flight-crash", path);
  expect(code).not.toBe(0);
  const spans = await fileSpans(path);
  expect(spans.map((span) => span.name).sort()).toEqual(["agent.support", "chat gpt-4o-mini", "in_flight_request", "tool.lookup"]);
  expect(interruptedBy(spans.find((s) => s.name === "in_flight_request"))).toBe("uncaughtException");
  expect(stderr).toContain("had not ended at an uncaught exception");
});

const statusOf = async (path: string, name: string) => (await fileSpans(path)).find((span) => span.name === name);

it("a server with its own SIGTERM listener drains its request: shutdownOnSignals() only flushes, nothing is interrupted", async () => {
  const path = join(dir, "drain.jsonl");
  const { code, stderr } = await crash("drain", path, undefined, "SIGTERM");
  expect(code).toBe(0);
  expect(stderr).toBe("");
  const generation = await statusOf(path, "chat gpt-4o-mini");
  expect(interruptedBy(generation)).toBeUndefined();
  expect(generation?.status?.code ?? 0).toBe(0);
  expect(interruptedBy(await statusOf(path, "drained_request"))).toBeUndefined();
});

it("process.exit(0) inside a traced command: its spans are written, marked process.exit, not failed", async () => {
  const path = join(dir, "exit-zero.jsonl");
  const { code, stderr } = await crash("exit-zero", path);
  expect(code).toBe(0);
  const command = await statusOf(path, "cli_command");
  expect(interruptedBy(command)).toBe("process.exit");
  expect(command?.status?.code ?? 0).toBe(0);
  expect(stderr).toContain('llmtrace: 1 span(s) had not ended at process.exit() ("cli_command"): they were ended there with llmtrace.interrupted="process.exit", and go to the exporters like any ended span (sampling applies).');
});

it("an uncaught exception the application survived does not name a later process.exit(1) as the cause", async () => {
  const path = join(dir, "survived.jsonl");
  const { code } = await crash("survived-then-exit", path);
  expect(code).toBe(1);
  const request = await statusOf(path, "later_request");
  expect(interruptedBy(request)).toBe("process.exit");
  expect(request?.status?.code).toBe(2);
});

it("a span the script's own beforeExit work ends is not interrupted: the first empty loop leaves it a turn", async () => {
  const path = join(dir, "own-before-exit.jsonl");
  const { code, stderr } = await crash("own-before-exit", path);
  expect(code).toBe(0);
  expect(stderr).toBe("");
  const run = await statusOf(path, "cli_run");
  expect(run).toBeDefined();
  expect(interruptedBy(run)).toBeUndefined();
});
