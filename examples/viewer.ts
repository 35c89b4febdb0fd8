// The local trace viewer as an application uses it: spans go to a JSONL file, `llmtrace view`
// serves them on 127.0.0.1, `llmtrace report` writes one HTML file for a bug report.
// In an application the commands are `npx llmtrace view` and `npx llmtrace report ... -o ...`;
// here the package's own `bin` is run with node (it runs the build: `npm run build` first).
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { configureTracing, trace } from "llmtrace";

const out = "examples/output/viewer";
const jsonl = join(out, "spans.jsonl");
rmSync(out, { recursive: true, force: true });

// 1. The application: a JSONL exporter is the whole set-up.
const tracing = configureTracing({ serviceName: "viewer-example", exporters: [{ type: "jsonl", path: jsonl }], logLevel: "warn" });
const traceId = await trace.start({ name: "answer_question", conversationId: "conv_42", userId: "user_1" }, async (root) => {
  await trace.tool({ name: "search_docs", args: { query: "refund policy" } }, async () => ["doc-3", "doc-9"]);
  await trace.generation({ model: "gpt-4o-mini", provider: "openai", input: "What is the refund policy?" }, async (generation) => {
    generation.end({ output: "Refunds within 30 days [doc-3].", usage: { inputTokens: 42, outputTokens: 9 } });
  });
  return root.spanContext().traceId;
});
await tracing.shutdown();

// 2. The viewer over that file (port 0: any free port; the default is 4100).
const packageJson = createRequire(import.meta.url).resolve("llmtrace/package.json");
const cli = join(dirname(packageJson), (JSON.parse(readFileSync(packageJson, "utf8")) as { bin: { llmtrace: string } }).bin.llmtrace);
const viewer = spawn(process.execPath, [cli, "view", jsonl, "--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
let printed = "";
viewer.stdout.on("data", (chunk: Buffer) => (printed += chunk.toString()));
const deadline = Date.now() + 20_000;
while (!/read in \d+ ms/.test(printed)) {
  if (viewer.exitCode !== null || Date.now() > deadline) throw new Error(`the viewer did not start: ${printed}`);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const url = /llmtrace viewer: (\S+)/.exec(printed)?.[1] ?? "";
console.log(printed.trim());

const page = (await (await fetch(`${url}api/traces`)).json()) as { traces: { traceId: string; rootName: string; inputTokens: number; outputTokens: number; cost: number }[] };
const listed = page.traces.find((t) => t.traceId === traceId);
assert.ok(listed, "the trace is in the list");
assert.equal(listed.rootName, "answer_question");
assert.deepEqual([listed.inputTokens, listed.outputTokens], [42, 9]);
const view = (await (await fetch(`${url}api/traces/${traceId}`)).json()) as { rows: { depth: number; span: { name: string } }[] };
console.log(`\nopen ${url}#/trace/${traceId}`);
for (const row of view.rows) console.log(`${"  ".repeat(row.depth)}${row.span.name}`);
assert.deepEqual(view.rows.map((row) => row.span.name), ["answer_question", "tool.search_docs", "chat gpt-4o-mini"]);
viewer.kill("SIGTERM");
await once(viewer, "exit");

// 3. A report of that one trace: one self-contained HTML file.
const report = join(out, "report.html");
const run = spawnSync(process.execPath, [cli, "report", jsonl, "-o", report, "--trace", traceId], { encoding: "utf8" });
assert.equal(run.status, 0, run.stderr);
console.log(`\n${run.stdout.trim()}`);
assert.ok(readFileSync(report, "utf8").includes(traceId));
