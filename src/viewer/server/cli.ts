import { readdir } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { parseArgs } from "node:util";
import { announceViewer } from "../../platform/viewer-registry.js";
import { VERSION } from "../../version.js";
import { writeReport } from "./report.js";
import { SpanFiles, unterminatedLine } from "./span-files.js";
import { startViewerServer } from "./viewer-server.js";

const USAGE = `llmtrace ${VERSION}: a local viewer for the JSONL trace files llmtrace writes

Usage:
  llmtrace view [files or folders...]      live viewer in the browser (default file: llmtrace-spans.jsonl)
      --port <n>          port to listen on (default 4100; 0 picks a free one)
      --host <address>    address to listen on (default 127.0.0.1, this machine only)
      --allow-host <name> another host name the viewer answers to (repeatable)
      --max-spans <n>     spans kept in memory; the traces read first leave first (default 1000000)
      --poll <ms>         how often the files are checked for new lines (default 250)
  llmtrace report [files or folders...] -o <report.html>
                          one self-contained HTML file of the same views, to attach to a bug report
      --trace <id>        only this trace (repeatable)
  llmtrace --help | --version

A folder means every .jsonl file in it, new ones included. Set up tracing with
configureTracing({ exporters: [{ type: "jsonl" }] }), then run: npx llmtrace view
`;

function count(n: number, noun: string): string {
  return `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : "s"}`;
}

/** A mistake on the command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

function defaultPaths(positionals: string[]): string[] {
  if (positionals.length > 0) return positionals;
  return [process.env.LLMTRACE_JSONL_PATH || "llmtrace-spans.jsonl"];
}

function integerOption(name: string, value: string | undefined, fallback: number, low: number, high: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < low || n > high) throw new UsageError(`--${name} must be a whole number from ${low} to ${high} (got ${JSON.stringify(value)})`);
  return n;
}

/** A mistyped file name: the .jsonl files that are in its folder, named after "waiting for ...". */
async function nearbyFiles(path: string): Promise<string> {
  const names = (await readdir(dirname(path)).catch(() => [] as string[])).filter((name) => name.endsWith(".jsonl") && name !== basename(path)).sort();
  if (names.length === 0) return "";
  return ` (in that folder: ${names.slice(0, 3).join(", ")}${names.length > 3 ? ", ..." : ""})`;
}

async function view(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      port: { type: "string" },
      host: { type: "string" },
      "allow-host": { type: "string", multiple: true },
      "max-spans": { type: "string" },
      poll: { type: "string" },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  const port = integerOption("port", values.port, 4100, 0, 65535);
  const maxSpans = integerOption("max-spans", values["max-spans"], 1_000_000, 1, 100_000_000);
  const pollMillis = integerOption("poll", values.poll, 250, 20, 60_000);
  const host = values.host ?? "127.0.0.1";
  let announce = (): void => {};
  const files = new SpanFiles({ paths: defaultPaths(positionals), maxSpans, onFollowedChange: () => announce(), onFound: (path) => process.stdout.write(`  ${path} is there: following it\n`) });
  await files.open();
  // A name given with a port (localhost:4100) is the name.
  const allowHosts = (values["allow-host"] ?? []).map((name) => name.replace(/:\d+$/, ""));
  const viewer = await startViewerServer({ files, host, port, allowHosts, pollMillis });
  let withdraw = (): void => {};
  let notAnnounced: string | undefined;
  announce = () => {
    const announced = announceViewer({ url: viewer.url, files: files.files, folders: files.folders });
    if (typeof announced === "function") withdraw = announced;
    else notAnnounced = announced.notAnnounced;
  };
  announce();
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    withdraw();
    viewer.close().then(
      () => process.exit(0),
      () => process.exit(0),
    );
  };
  // Before the first read, which can take a while on a large file: Ctrl-C stops cleanly at any time.
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  process.once("exit", () => withdraw());
  const out = process.stdout;
  out.write(`llmtrace viewer: ${viewer.url}\n`);
  for (const file of files.files) out.write(`  following ${file}\n`);
  for (const folder of files.folders) out.write(`  following ${folder}/*.jsonl\n`);
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "::1") out.write(`  listening on ${host}: other machines can read these traces\n`);
  if (notAnnounced) out.write(`  consoles will print no links to this viewer: ${notAnnounced}\n`);
  out.write("  Ctrl-C to stop\n");
  const started = performance.now();
  await files.poll();
  const stats = files.index.stats();
  out.write(`  ${count(stats.spans, "span")} in ${count(stats.traces, "trace")} read in ${Math.round(performance.now() - started)} ms${stats.skippedLines > 0 ? `; ${count(stats.skippedLines, "line")} skipped (not OTLP/JSON trace lines)` : ""}\n`);
  for (const source of files.describeSources()) {
    if (source.state.startsWith("waiting")) out.write(`  waiting for ${source.path}${source.state === "waiting" ? ` to be created${await nearbyFiles(source.path)}` : ""}\n`);
    else if (source.unterminatedBytes) out.write(`  ${source.path}: ${unterminatedLine(source.unterminatedBytes)}\n`);
  }
}

async function report(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h" }, output: { type: "string", short: "o" }, trace: { type: "string", multiple: true } },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (!values.output) throw new UsageError("report needs -o <file.html>: where to write the report");
  const { file, bytes, stats } = await writeReport({ paths: defaultPaths(positionals), output: values.output, traces: values.trace ?? [] });
  process.stdout.write(`wrote ${file} (${(bytes / 1024).toFixed(0)} KB): ${count(stats.spans, "span")} in ${count(stats.traces, "trace")}\n`);
  if (stats.skippedLines > 0) {
    process.stdout.write(`  ${count(stats.skippedLines, "line")} skipped (not OTLP/JSON trace lines), listed in the report; the first:\n`);
    for (const skipped of stats.skipped.slice(0, 3)) process.stdout.write(`    ${skipped.source}:${skipped.line}: ${skipped.reason}\n`);
  }
  if (stats.spans === 0) process.stdout.write("  (no spans: the report is empty)\n");
}

/** Runs the command line; returns the exit code (the viewer keeps the process alive until stopped). */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version" || command === "-v") {
      process.stdout.write(`${VERSION}\n`);
      return 0;
    }
    if (command === "view") await view(rest);
    else if (command === "report") await report(rest);
    else throw new UsageError(`unknown command ${JSON.stringify(command)}: use view or report`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isUsage = error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS");
    process.stderr.write(`llmtrace: ${message}\n${isUsage ? `\n${USAGE}` : ""}`);
    return isUsage ? 2 : 1;
  }
}
