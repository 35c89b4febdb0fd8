// Prints vitest's JSON reports as one plain closing line, "N passed, N failed, N skipped", summed
// over every report given, which CI reads to know how many tests ran.
// Usage: node scripts/vitest-summary.mjs report.json [more.json ...] [label]
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
const files = args.filter((arg) => arg.endsWith(".json"));
const label = args.find((arg) => !arg.endsWith(".json")) ?? "tests";
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of files) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${label}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
