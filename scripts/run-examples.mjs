// Runs every example as a user would (`tsx file`, or `node` for plain ES modules), each in its own
// process with a time limit, and fails if any exits non-zero. Examples check their own results with node:assert.
import { spawnSync } from "node:child_process";

const examples = [
  "examples/demo/main.ts",
  "examples/pipeline/existing-provider.ts",
  "examples/pipeline/distributed-http.ts",
  "examples/pipeline/outage-and-stats.ts",
  "examples/pipeline/stopped-mid-request.ts",
  "examples/pipeline/serverless.ts",
  "examples/builders/conversation.ts",
  "examples/builders/streaming.ts",
  "examples/builders/agent-context.ts",
  "examples/builders/feedback-later.ts",
  "examples/decorators.ts",
  "examples/redaction.ts",
  "examples/openai.ts",
  "examples/anthropic.ts",
  "examples/instrument.ts",
  "examples/langchain.ts",
  "examples/openai-agents.ts",
  "examples/ai-sdk.ts",
  "examples/metrics.ts",
  "examples/logs.ts",
  "examples/tail-sampling.ts",
  "examples/pipelines.ts",
  // Runs the built `llmtrace` command (npm run build first).
  "examples/viewer.ts",
];

// Compiled by tsc with experimentalDecorators, then run by Node as plain JavaScript.
const compiled = [{ project: "examples/legacy-decorators/tsconfig.json", outDir: "examples/legacy-decorators/.out", entry: "examples/legacy-decorators/main.js" }];

// Plain ES modules run by Node as users run them, from their own folder; "llmtrace" resolves to
// the built package through package.json's exports (self-reference), so `npm run build` first.
const plain = [{ cwd: "examples/esm-instrumentations", args: ["--import", "./register.mjs", "app.mjs"] }];

const env = { ...process.env, NO_COLOR: "1" };
let failed = 0;
function report(label, started, run) {
  const ok = run.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${label} (${Date.now() - started} ms)`);
  if (!ok) console.log(`${run.stdout}\n${run.stderr}${run.error ? `\n${run.error.message}` : ""}`);
  return ok;
}

for (const file of examples) {
  const started = Date.now();
  report(file, started, spawnSync(process.execPath, ["--import", "tsx", file], { encoding: "utf8", timeout: 60_000, env }));
}
for (const { cwd, args } of plain) {
  const started = Date.now();
  report(`${cwd}: node ${args.join(" ")}`, started, spawnSync(process.execPath, args, { cwd, encoding: "utf8", timeout: 60_000, env }));
}
for (const { project, outDir, entry } of compiled) {
  const started = Date.now();
  const tsc = spawnSync(process.execPath, ["node_modules/typescript/bin/tsc", "-p", project, "--noEmit", "false", "--outDir", outDir], { encoding: "utf8", timeout: 120_000 });
  if (!report(`${project} (tsc)`, started, tsc)) continue;
  // Imports of "llmtrace" resolve to the built package (run `npm run build` first).
  report(`${outDir}/${entry}`, started, spawnSync(process.execPath, [`${outDir}/${entry}`], { encoding: "utf8", timeout: 60_000, env }));
}
const total = examples.length + plain.length + compiled.length;
console.log(`${total - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
