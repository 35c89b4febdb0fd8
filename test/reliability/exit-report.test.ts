// Exits are bounded and never silent, and flushAfter() delivers before a handler answers. Real child
// processes (exit-report-app.ts) at the default log level, a real OTLP/HTTP receiver, loopback only.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { OtlpReceiver } from "../helpers/otlp-receiver.js";
import { refusedPort, silentServer } from "../helpers/servers.js";

const APP = fileURLToPath(new URL("./exit-report-app.ts", import.meta.url));
/** Process teardown and a loaded machine; far below the ~10 s an exporter's retries used to hold an exit. */
const MARGIN_MILLIS = 1500;

let receiver: OtlpReceiver;
beforeAll(async () => {
  receiver = await OtlpReceiver.start();
});
afterAll(async () => {
  await receiver.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the child's "last-work" line to its exit. */
  afterLastWork: number;
  /** Spans the receiver held for this run when the child printed "resolved". */
  receivedWhenResolved: number | undefined;
}

async function run(mode: string, endpoint: string, ...extra: string[]): Promise<Run> {
  const child = spawn(process.execPath, ["--import", "tsx", APP, mode, endpoint, ...extra], { stdio: ["ignore", "pipe", "pipe"] });
  // A hang must fail the test, not outlive it.
  const kill = setTimeout(() => child.kill("SIGKILL"), 15_000);
  let stdout = "";
  let stderr = "";
  let lastWorkAt: number | undefined;
  let receivedWhenResolved: number | undefined;
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (lastWorkAt === undefined && stdout.includes("last-work\n")) lastWorkAt = Date.now();
    if (receivedWhenResolved === undefined && stdout.includes("resolved ")) receivedWhenResolved = spansOf(mode).length;
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, "close")) as [number | null];
  clearTimeout(kill);
  return { code, stdout, stderr, afterLastWork: Date.now() - (lastWorkAt ?? Number.NaN), receivedWhenResolved };
}

const spansOf = (mode: string) => receiver.spans.filter((span) => span.resource["service.name"] === `exit-report-${mode}`);
const closedEndpoint = async () => `http://127.0.0.1:${await refusedPort()}/v1/traces`;

it("backend down, no shutdown(): exits within the default bound and says what was not delivered, to which exporter", async () => {
  const { code, stderr, afterLastWork } = await run("down", await closedEndpoint());
  expect(code).toBe(0);
  expect(afterLastWork).toBeLessThan(2000 + MARGIN_MILLIS);
  expect(stderr).toContain("the process is exiting and 5 span(s) for the otlp http/protobuf exporter");
  expect(stderr).toContain("were not delivered");
  expect(stderr).toContain("exitTimeoutMillis, 2000 ms");
  // Said once: the exit event that follows does not repeat it.
  expect(stderr.match(/5 span\(s\) for the otlp http\/protobuf exporter/g)).toHaveLength(1);
});

it("a backend that accepts and never answers: the exporter's open request does not hold the exit past the bound", async () => {
  const server = await silentServer();
  try {
    // Without the bound the exporter would wait for its own 10 s timeout.
    const { code, stderr, afterLastWork } = await run("down", `http://127.0.0.1:${server.port}/v1/traces`);
    expect(code).toBe(0);
    expect(afterLastWork).toBeLessThan(2000 + MARGIN_MILLIS);
    expect(stderr).toContain("5 span(s) for the otlp http/protobuf exporter");
  } finally {
    await server.close();
  }
});

it("exitTimeoutMillis sets the bound", async () => {
  const server = await silentServer();
  try {
    const { code, stderr, afterLastWork } = await run("down", `http://127.0.0.1:${server.port}/v1/traces`, "300");
    expect(code).toBe(0);
    // Below the 2000 ms default, margin included.
    expect(afterLastWork).toBeLessThan(300 + MARGIN_MILLIS);
    expect(stderr).toContain("5 span(s) for the otlp http/protobuf exporter");
    expect(stderr).toContain("exitTimeoutMillis, 300 ms");
  } finally {
    await server.close();
  }
});

it("process.exit() right after spans end: says, from the exit event, how many were still queued", async () => {
  const { code, stderr } = await run("exit", `${receiver.httpUrl}/v1/traces`);
  expect(code).toBe(0);
  expect(stderr).toContain("with 3 span(s) for the otlp http/protobuf exporter");
  expect(stderr).toContain("still queued; they were not delivered");
  expect(stderr.match(/3 span\(s\)/g)).toHaveLength(1);
  expect(spansOf("exit")).toHaveLength(0);
});

it("process.exit() with nothing queued: says nothing", async () => {
  const { code, stderr } = await run("exit-flushed", `${receiver.httpUrl}/v1/traces`);
  expect(code).toBe(0);
  expect(spansOf("exit-flushed")).toHaveLength(3);
  expect(stderr).not.toContain("llmtrace");
});

it("flushAfter(): the handler's spans reach the backend before its promise resolves, with its result and this", async () => {
  const { code, stdout, stderr, receivedWhenResolved } = await run("flush-after", `${receiver.httpUrl}/v1/traces`);
  expect(code).toBe(0);
  expect(stdout).toContain('resolved {"answer":"ready!","requestId":"r-1"} 0');
  expect(receivedWhenResolved).toBe(4);
  expect(stderr).not.toContain("llmtrace");
});
