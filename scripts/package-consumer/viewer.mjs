// The `llmtrace` command as installed from the tarball: writes spans with the JSONL exporter, then
// `npx llmtrace view` (no argument: the default file) serves them and `npx llmtrace report` writes the HTML file.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { configureTracing, trace } from "llmtrace";

const tracing = configureTracing({ serviceName: "packed", exporters: [{ type: "jsonl" }], logLevel: "warn" });
const traceId = await trace.start({ name: "packed_turn" }, async (root) => root.spanContext().traceId);
await tracing.shutdown();

// In its own process group, stopped as Ctrl-C in a terminal stops it: npx and the viewer under it.
const viewer = spawn("npx", ["--no-install", "llmtrace", "view", "--port", "0"], { stdio: ["ignore", "pipe", "inherit"], detached: true });
let printed = "";
viewer.stdout.on("data", (chunk) => (printed += chunk));
const deadline = Date.now() + 30_000;
while (!/read in \d+ ms/.test(printed) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
const url = /llmtrace viewer: (\S+)/.exec(printed)?.[1];
assert.ok(url, `the viewer printed its address: ${printed}`);
const page = await (await fetch(`${url}api/traces`)).json();
assert.equal(page.traces[0]?.traceId, traceId);
const script = await fetch(`${url}app.js`);
assert.equal(script.status, 200, "the UI bundle ships in the package");
const closed = once(viewer.stdout, "close");
process.kill(-viewer.pid, "SIGINT");
await closed;

const report = spawnSync("npx", ["--no-install", "llmtrace", "report", "llmtrace-spans.jsonl", "-o", "report.html"], { encoding: "utf8" });
assert.equal(report.status, 0, report.stderr);
assert.ok(readFileSync("report.html", "utf8").includes(traceId));
console.log(`  view served trace ${traceId.slice(0, 12)}…, report written`);
