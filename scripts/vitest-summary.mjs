// Prints vitest's JSON report as one plain closing line, "N passed, N failed, N skipped",
// which CI reads to know how many tests ran. Usage: node scripts/vitest-summary.mjs report.json [label]
import { readFileSync } from "node:fs";

const [file, label = "tests"] = process.argv.slice(2);
const report = JSON.parse(readFileSync(file, "utf8"));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${label}: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
