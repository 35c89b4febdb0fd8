import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNodeApp } from "../helpers/child-app.js";

// The `llmtrace` command as a real child process, run from the sources with tsx.
const BIN = ["--import", "tsx", "src/viewer/server/bin.ts"];
let dir: string;
let assets: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmtrace-cli-"));
  // The report inlines the UI bundle; these tests check the report's file, not the UI (the browser
  // tests in test/e2e open a real report), so a stand-in bundle is enough and needs no build.
  assets = join(dir, "assets");
  await mkdir(assets);
  await writeFile(join(assets, "app.js"), 'window.ui = "stand-in </script> bundle";');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const line = (name: string) =>
  `${JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [{ traceId: "ab".repeat(16), spanId: "cd".repeat(8), name, startTimeUnixNano: "1795000000000000000", endTimeUnixNano: "1795000000001000000", attributes: [{ key: "ai.input", value: { stringValue: "</script><script>alert(1)</script>" } }] }] }] }] })}\n`;

describe("llmtrace command", () => {
  it("prints its usage for --help and no command, and names a wrong option or command", async () => {
    const help = await runNodeApp([...BIN, "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("llmtrace view [files or folders...]");
    expect(help.stdout).toContain("llmtrace report");
    expect((await runNodeApp(BIN)).code).toBe(2);
    const unknown = await runNodeApp([...BIN, "show"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "show": use view or report');
    const badPort = await runNodeApp([...BIN, "view", "--port", "http"]);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port must be a whole number from 0 to 65535 (got "http")');
    const badOption = await runNodeApp([...BIN, "view", "--prot", "80"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("--prot");
    const noOutput = await runNodeApp([...BIN, "report", "x.jsonl"]);
    expect(noOutput.code).toBe(2);
    expect(noOutput.stderr).toContain("report needs -o <file.html>");
  });

  it("says which port is taken instead of failing obscurely", async () => {
    const blocker = createServer().listen(0, "127.0.0.1");
    await once(blocker, "listening");
    const port = (blocker.address() as { port: number }).port;
    const run = await runNodeApp([...BIN, "view", join(dir, "none.jsonl"), "--port", String(port)]);
    blocker.close();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`port ${port} on 127.0.0.1 is in use (another viewer?): pass --port with a free port, or --port 0 for any`);
  });

  it("view: prints its address and what it follows, serves, and stops cleanly on SIGTERM", async () => {
    const file = join(dir, "spans.jsonl");
    await writeFile(file, line("served"));
    const child = spawn(process.execPath, [...BIN, "view", file, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const deadline = Date.now() + 15_000;
    while (!/read in \d+ ms/.test(stdout) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const url = /llmtrace viewer: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout)?.[1];
    expect(url, stdout).toBeDefined();
    expect(stdout).toContain(`following ${file}`);
    expect(stdout).toContain("1 span in 1 trace read in");
    const page = (await (await fetch(`${url}api/traces`)).json()) as { total: number };
    expect(page.total).toBe(1);
    child.kill("SIGTERM");
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  });

  it("view: names the .jsonl files beside a mistyped one, says when it appears, and why a file without a final newline shows no span yet", async () => {
    const folder = join(dir, "hints");
    await mkdir(folder);
    await writeFile(join(folder, "llmtrace-spans.jsonl"), line("beside"));
    const unterminated = join(folder, "other-tool.jsonl");
    await writeFile(unterminated, line("no newline").trimEnd());
    const typo = join(folder, "llmtrace-span.jsonl");
    const child = spawn(process.execPath, [...BIN, "view", typo, unterminated, "--port", "0", "--poll", "50"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const until = async (pattern: RegExp) => {
      const deadline = Date.now() + 15_000;
      while (!pattern.test(stdout) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stdout).toMatch(pattern);
    };
    try {
      await until(/read in \d+ ms/);
      expect(stdout).toContain(`waiting for ${typo} to be created (in that folder: llmtrace-spans.jsonl, other-tool.jsonl)`);
      expect(stdout).toContain(`${unterminated}: its last line (`);
      expect(stdout).toContain("bytes) has no newline yet: read when it ends");
      expect(stdout).toContain("0 spans in 0 traces");
      await writeFile(typo, line("late"));
      await until(/is there: following it/);
      expect(stdout).toContain(`${typo} is there: following it`);
    } finally {
      child.kill("SIGTERM");
      await once(child, "close");
    }
  });

  it("report: writes one self-contained HTML file with the lines, safe to open", async () => {
    const folder = join(dir, "traces");
    await mkdir(folder);
    await writeFile(join(folder, "a.jsonl"), line("first"));
    await writeFile(join(folder, "b.jsonl"), `${line("second").replace("cd".repeat(8), "ce".repeat(8))}not json\n`);
    const output = join(dir, "report.html");
    const run = await runNodeApp([...BIN, "report", folder, "-o", output], { ...process.env, LLMTRACE_VIEWER_ASSETS: assets });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`wrote ${output}`);
    const html = await readFile(output, "utf8");
    expect(html).toContain("Content-Security-Policy");
    expect(html).toContain("default-src 'none'");
    // Span content and the bundle cannot end their script elements early.
    expect(html).not.toContain("</script><script>alert(1)");
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    const data = JSON.parse(/<script id="llmtrace-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}") as { sources: { name: string; lines: string[] }[] };
    expect(data.sources.map((s) => [s.name, s.lines.length])).toEqual([
      ["a.jsonl", 1],
      ["b.jsonl", 2],
    ]);
    expect(run.stdout).toContain("2 spans in 1 trace");
    expect(run.stdout).toContain("1 line skipped");
    expect(run.stdout).toContain("b.jsonl:2: not JSON");
    // Only the viewer's own script runs: allowed by its hash, not by 'unsafe-inline'.
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(html).not.toContain("script-src 'unsafe-inline'");
    expect(JSON.stringify(data)).not.toContain(dir);
  });

  it("report --trace keeps only the chosen trace's spans", async () => {
    const file = join(dir, "mixed.jsonl");
    const other = line("other").replaceAll("ab".repeat(16), "ef".repeat(16));
    await writeFile(file, line("kept") + other);
    const output = join(dir, "one.html");
    const run = await runNodeApp([...BIN, "report", file, "-o", output, "--trace", "AB".repeat(16)], { ...process.env, LLMTRACE_VIEWER_ASSETS: assets });
    expect(run.code, run.stderr).toBe(0);
    const html = await readFile(output, "utf8");
    const data = JSON.parse(/<script id="llmtrace-data" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1] ?? "{}") as { sources: { lines: string[] }[] };
    const names = data.sources.flatMap((s) => s.lines.filter(Boolean).flatMap((l) => (JSON.parse(l) as { resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[] }).resourceSpans.flatMap((r) => r.scopeSpans.flatMap((ss) => ss.spans.map((sp) => sp.name))))); 
    expect(names).toEqual(["kept"]);
    expect(run.stdout).toContain("1 span in 1 trace");
  });

  it("report --trace with an id that is in no file: an error, not an empty report", async () => {
    const file = join(dir, "one.jsonl");
    await writeFile(file, line("kept"));
    const run = await runNodeApp([...BIN, "report", file, "-o", join(dir, "typo.html"), "--trace", "deadbeef"], { ...process.env, LLMTRACE_VIEWER_ASSETS: assets });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no spans of deadbeef in");
  });

  it("report names a path that does not exist", async () => {
    const run = await runNodeApp([...BIN, "report", join(dir, "missing.jsonl"), "-o", join(dir, "x.html")], { ...process.env, LLMTRACE_VIEWER_ASSETS: assets });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("missing.jsonl does not exist");
  });
});
