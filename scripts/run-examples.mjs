// Runs every example as a user would (`tsx file`), each in its own process with a time limit,
// and fails if any exits non-zero. Examples check their own results with node:assert.
import { spawnSync } from "node:child_process";

const examples = [
  "examples/demo/main.ts",
  "examples/pipeline/existing-provider.ts",
  "examples/pipeline/distributed-http.ts",
  "examples/builders/conversation.ts",
  "examples/builders/streaming.ts",
  "examples/builders/agent-context.ts",
  "examples/builders/feedback-later.ts",
];

let failed = 0;
for (const file of examples) {
  const started = Date.now();
  const run = spawnSync(process.execPath, ["--import", "tsx", file], { encoding: "utf8", timeout: 60_000, env: { ...process.env, NO_COLOR: "1" } });
  const ok = run.status === 0;
  if (!ok) failed++;
  console.log(`${ok ? "ok  " : "FAIL"} ${file} (${Date.now() - started} ms)`);
  if (!ok) console.log(`${run.stdout}\n${run.stderr}${run.error ? `\n${run.error.message}` : ""}`);
}
console.log(`${examples.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
