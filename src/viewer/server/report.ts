import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { MalformedLine, parseTraceLine } from "../model/otlp-json.js";
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

/** Keeps the spans of `traces` in a line; a line that cannot be read is kept, so the report counts it. */
function onlyTraces(line: string, traces: Set<string>): string | undefined {
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
  return kept > 0 ? JSON.stringify({ resourceSpans }) : undefined;
}

/** Writes one self-contained HTML file of the viewer over the given files; returns what it holds. */
export async function writeReport(options: ReportOptions): Promise<{ file: string; lines: number; bytes: number }> {
  const script = readViewerAsset();
  if (script === undefined) throw new Error(MISSING_ASSET_MESSAGE);
  const files = await expand(options.paths);
  if (files.length === 0) throw new Error(`no .jsonl files in ${options.paths.join(", ")}`);
  const traces = options.traces && options.traces.length > 0 ? new Set(options.traces.map((id) => id.toLowerCase())) : undefined;
  const data: ReportData = { generatedAt: new Date().toISOString(), sources: [] };
  let lineCount = 0;
  for (const file of files) {
    const lines = (await readFile(file, "utf8")).split("\n").filter((line) => line.trim() !== "");
    const kept = traces ? lines.map((line) => onlyTraces(line, traces)).filter((line): line is string => line !== undefined) : lines;
    lineCount += kept.length;
    // The file's name only: a full path can name the user or the machine.
    data.sources.push({ name: basename(file), lines: kept });
  }
  const html = reportPage(script, data);
  const file = resolve(options.output);
  await writeFile(file, html);
  return { file, lines: lineCount, bytes: Buffer.byteLength(html) };
}
