import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { MalformedLine, parseTraceLine } from "../model/otlp-json.js";
import { TraceIndex } from "../model/trace-index.js";
import type { IndexStats } from "../model/views.js";
import { MISSING_ASSET_MESSAGE, readViewerAsset } from "./assets.js";
import { reportPage } from "./page.js";

/** What a report embeds: the lines of each file (only the chosen traces' spans when some were chosen). */
export interface ReportData {
  generatedAt: string;
  sources: { name: string; lines: string[] }[];
}

export interface ReportOptions {
  paths: string[];
  output: string;
  /** Only these traces' spans (trace ids). */
  traces?: string[];
}

export interface WrittenReport {
  file: string;
  bytes: number;
  stats: Omit<IndexStats, "sources">;
}

async function expand(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths.map((p) => resolve(p))) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new Error(`${path} does not exist`);
    if (info.isDirectory()) files.push(...(await readdir(path)).filter((name) => name.endsWith(".jsonl")).sort().map((name) => join(path, name)));
    else files.push(path);
  }
  return files;
}

/**
 * Keeps the spans of `traces` in a line. A line without any becomes empty, so line numbers still
 * match the file's; a line that cannot be read is kept, so the report counts it as the viewer does.
 */
function onlyTraces(line: string, traces: Set<string>): string {
  if (line.trim() === "") return "";
  let resourceSpans: ReturnType<typeof parseTraceLine>;
  try {
    resourceSpans = parseTraceLine(line);
  } catch (error) {
    if (error instanceof MalformedLine) return line;
    throw error;
  }
  let kept = 0;
  for (const rs of resourceSpans) {
    for (const ss of rs.scopeSpans ?? []) {
      ss.spans = (ss.spans ?? []).filter((span) => traces.has(String(span.traceId).toLowerCase()));
      kept += ss.spans.length;
    }
  }
  return kept > 0 ? JSON.stringify({ resourceSpans }) : "";
}

/** Writes one self-contained HTML file of the viewer over the given files; returns what it holds. */
export async function writeReport(options: ReportOptions): Promise<WrittenReport> {
  const script = readViewerAsset();
  if (script === undefined) throw new Error(MISSING_ASSET_MESSAGE);
  const files = await expand(options.paths);
  if (files.length === 0) throw new Error(`no .jsonl files in ${options.paths.join(", ")}`);
  const traces = options.traces && options.traces.length > 0 ? new Set(options.traces.map((id) => id.toLowerCase())) : undefined;
  const data: ReportData = { generatedAt: new Date().toISOString(), sources: [] };
  // The same index the page builds: what the report holds, and what it skipped, said up front.
  const index = new TraceIndex();
  for (const file of files) {
    const lines = (await readFile(file, "utf8")).split("\n");
    if (lines.at(-1) === "") lines.pop();
    const kept = traces ? lines.map((line) => onlyTraces(line, traces)) : lines;
    // The file's name only: a full path can name the user or the machine.
    const name = basename(file);
    kept.forEach((line, i) => index.addLine(line, { source: data.sources.length, offset: i, length: line.length }, { source: name, line: i + 1 }));
    data.sources.push({ name, lines: kept });
  }
  const stats = index.stats();
  if (traces && stats.traces === 0) throw new Error(`no spans of ${[...traces].join(", ")} in ${files.join(", ")}: check the trace id (the viewer shows it on the trace's page)`);
  const html = reportPage(script, data);
  const file = resolve(options.output);
  await writeFile(file, html);
  return { file, bytes: Buffer.byteLength(html), stats };
}
