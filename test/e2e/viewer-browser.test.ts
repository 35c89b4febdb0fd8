import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { appendFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatCost } from "../../src/viewer/ui/format.js";
import { runNodeApp } from "../helpers/child-app.js";
import { launchChromium } from "./browser.js";

// The viewer as a user meets it: `npm run demo` writes its JSONL file, the built `llmtrace view`
// serves it, a real headless Chromium (Debian's) opens it. LLMTRACE_SCREENSHOTS=<folder> saves
// the screenshots docs/viewer.md shows.
const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "dist/cli.js");
const SHOTS = process.env.LLMTRACE_SCREENSHOTS;

let dir: string;
let jsonl: string;
let viewer: ChildProcess;
let url: string;
let browser: Browser;
let page: Page;
let traceId: string;

interface DemoSpan {
  traceId: string;
  spanId: string;
  name: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: { intValue?: number; doubleValue?: number; stringValue?: string } }[];
}

async function demoSpans(): Promise<DemoSpan[]> {
  const lines = (await readFile(jsonl, "utf8")).trim().split("\n");
  // A test below appends a deliberately truncated line: it is no span.
  const parsed = lines.flatMap((line) => {
    try {
      return [JSON.parse(line) as { resourceSpans: { scopeSpans: { spans: DemoSpan[] }[] }[] }];
    } catch {
      return [];
    }
  });
  return parsed.flatMap((request) => request.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
}

const numberAttribute = (span: DemoSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return Number(value?.intValue ?? value?.doubleValue ?? 0);
};

async function shot(name: string): Promise<void> {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "llmtrace-viewer-e2e-"));
  // The demo writes examples/demo/output/spans.jsonl under its working directory.
  // From another folder, tsx is named by its path (its package's entry: dist/loader.mjs).
  const tsx = pathToFileURL(join(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  const demo = await runNodeApp(["--import", tsx, join(ROOT, "examples/demo/main.ts")], { ...process.env, NO_COLOR: "1" }, dir);
  expect(demo.code, demo.stderr).toBe(0);
  traceId = /#\/trace\/([0-9a-f]{32})/.exec(demo.stdout)?.[1] ?? "";
  expect(traceId, demo.stdout).toMatch(/^[0-9a-f]{32}$/);
  jsonl = join(dir, "examples/demo/output/spans.jsonl");
  viewer = spawn(process.execPath, [CLI, "view", jsonl, "--port", "0", "--poll", "100"], { stdio: ["ignore", "pipe", "inherit"] });
  let stdout = "";
  viewer.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const deadline = Date.now() + 15_000;
  while (!/read in \d+ ms/.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  url = /llmtrace viewer: (\S+)/.exec(stdout)?.[1] ?? "";
  expect(url, stdout).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 820 } });
  page.on("pageerror", (error) => {
    throw error;
  });
});

afterAll(async () => {
  await browser?.close();
  if (viewer && viewer.exitCode === null) {
    viewer.kill("SIGTERM");
    await once(viewer, "exit");
  }
  await rm(dir, { recursive: true, force: true });
});

const EXPECTED_ROWS = [
  [0, "support_chat"],
  [1, "system.cache_warmup"],
  [1, "message"],
  [2, "agent.support_agent"],
  [3, "retrieval.help_center"],
  [3, "chat gpt-4o-mini"],
  [1, "message"],
  [2, "agent.support_agent"],
  [3, "retrieval.help_center"],
  [3, "tool.get_weather"],
  [3, "chat gpt-4o-mini"],
  [1, "feedback"],
];

async function waterfallRows(): Promise<[number, string][]> {
  return page.$$eval('[data-testid="span-row"]', (rows) => rows.map((row) => [Number(row.getAttribute("data-depth")), row.getAttribute("data-name") ?? ""] as [number, string]));
}

describe("viewer in a real browser", () => {
  it("lists the demo's trace with its token and cost totals", async () => {
    const generations = (await demoSpans()).filter((span) => span.name.startsWith("chat "));
    expect(generations).toHaveLength(2);
    const input = generations.reduce((sum, span) => sum + numberAttribute(span, "gen_ai.usage.input_tokens"), 0);
    const output = generations.reduce((sum, span) => sum + numberAttribute(span, "gen_ai.usage.output_tokens"), 0);
    const cost = generations.reduce((sum, span) => sum + numberAttribute(span, "ai.cost"), 0);
    expect(cost).toBeGreaterThan(0);

    await page.goto(url);
    const row = page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`);
    await row.waitFor();
    expect(await row.locator(".root-name").textContent()).toBe("support_chat");
    expect(await row.locator('[data-testid="tokens"]').textContent()).toBe(`${input} → ${output}`);
    expect(await row.locator('[data-testid="cost"]').textContent()).toBe(formatCost(cost));
    expect(await row.locator('[data-testid="span-count"]').textContent()).toBe("12");
    // "live" once the first /api/version answers, which may come after the list.
    await page.locator('[data-testid="mode"]', { hasText: "live" }).waitFor();
    await shot("viewer-traces");
  });

  it("draws the waterfall with the right rows in the right nesting", async () => {
    await page.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`).click();
    await page.locator('[data-testid="waterfall"]').waitFor();
    expect(await waterfallRows()).toEqual(EXPECTED_ROWS);
    expect(await page.locator('[data-testid="span-row"][data-kind="generation"]').count()).toBe(2);
  });

  it("shows the generation's chat and usage when it is clicked", async () => {
    await page.locator('[data-testid="span-row"][data-kind="generation"]').first().click();
    const detail = page.locator('[data-testid="span-detail"]');
    await detail.waitFor();
    const messages = detail.locator('[data-testid="chat-message"]');
    await messages.first().waitFor();
    expect(await messages.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-role")))).toEqual(["system", "user", "assistant"]);
    expect(await messages.nth(1).textContent()).toContain("Question: How do I reset my password?");
    expect(await messages.nth(2).textContent()).toContain("Go to Settings → Security → Reset password");
    const usage = detail.locator('[data-testid="group-usage"]');
    expect(await usage.textContent()).toContain("gen_ai.usage.input_tokens33");
    expect(await usage.textContent()).toContain("gen_ai.usage.output_tokens21");
    expect(await detail.locator('[data-testid="group-cost"]').textContent()).toContain("ai.cost");
    expect(await detail.locator('[data-testid="group-model"]').textContent()).toContain("gpt-4o-mini-2024-07-18");
    expect(await detail.locator('[data-testid="group-context"]').textContent()).toContain("conv_1");
    await shot("viewer-trace");
    await page.locator('[data-testid="flame-tab"]').click();
    await page.locator('[data-testid="flame"]').waitFor();
    expect(await page.locator('[data-testid="flame-box"]').count()).toBe(12);
    // Spans running at the same time get bands of their own: no box covers another.
    const boxes = await page.locator('[data-testid="flame-box"]').evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => [r.left, r.right, r.top] as const));
    const overlapping = boxes.filter((a, i) => boxes.some((b, j) => j !== i && a[2] === b[2] && a[0] < b[1] - 1 && b[0] < a[1] - 1));
    expect(overlapping).toEqual([]);
    await shot("viewer-flame");
  });

  it("shows a span appended to the file while the page is open, without a reload", async () => {
    await page.goto(`${url}#/trace/${traceId}`);
    await page.locator('[data-testid="waterfall"]').waitFor();
    // A value left on the page: still there after the update means the page was not reloaded.
    const marker = await page.evaluate(() => {
      (globalThis as unknown as { marker: number }).marker = 42;
      return (globalThis as unknown as { marker: number }).marker;
    });
    const [root] = (await demoSpans()).filter((span) => span.name === "support_chat");
    const late = {
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "late-worker" } }] },
          scopeSpans: [{ scope: { name: "late" }, spans: [{ traceId, spanId: "00000000000000aa", parentSpanId: root?.spanId, name: "late.span", kind: 1, startTimeUnixNano: String(BigInt(root?.endTimeUnixNano ?? 0) + 50_000_000n), endTimeUnixNano: String(BigInt(root?.endTimeUnixNano ?? 0) + 55_000_000n), attributes: [], status: { code: 2, message: "late failure" }, flags: 769 }] }],
        },
      ],
    };
    await appendFile(jsonl, `${JSON.stringify(late)}\n`);
    await page.locator('[data-testid="span-row"][data-name="late.span"]').waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (globalThis as unknown as { marker?: number }).marker)).toBe(marker);
    expect(await page.locator('[data-testid="span-row"][data-name="late.span"]').getAttribute("data-depth")).toBe("1");
    expect(await page.locator('[data-testid="span-row"][data-name="late.span"] .pill-remote').textContent()).toContain("late-worker");

    // A new trace and a malformed line appear in the list, also without a reload.
    await page.goto(url);
    await page.locator('[data-testid="trace-row"]').first().waitFor();
    await appendFile(jsonl, `${JSON.stringify({ ...late, resourceSpans: [{ ...late.resourceSpans[0], scopeSpans: [{ scope: { name: "late" }, spans: [{ ...late.resourceSpans[0]?.scopeSpans[0]?.spans[0], traceId: "f".repeat(32), parentSpanId: undefined, name: "brand.new" }] }] }] })}\n{"resourceSpans":[{"truncated\n`);
    await page.locator(`[data-testid="trace-row"][data-trace-id="${"f".repeat(32)}"]`).waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="skipped"] summary').textContent()).toContain("1 line skipped");
  });

  it("keeps eight open tabs live at once (no connection held per tab)", async () => {
    const tabs = await Promise.all(Array.from({ length: 8 }, () => browser.newPage()));
    await Promise.all(tabs.map((tab) => tab.goto(`${url}#/trace/${traceId}`)));
    await Promise.all(tabs.map((tab) => tab.locator('[data-testid="waterfall"]').waitFor()));
    const [root] = (await demoSpans()).filter((span) => span.name === "support_chat");
    const start = BigInt(root?.endTimeUnixNano ?? 0) + 60_000_000n;
    await appendFile(
      jsonl,
      `${JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ scope: { name: "tabs" }, spans: [{ traceId, spanId: "00000000000000bb", parentSpanId: root?.spanId, name: "seen.by.all.tabs", kind: 1, startTimeUnixNano: String(start), endTimeUnixNano: String(start + 1_000_000n), attributes: [], status: { code: 0 }, flags: 257 }] }] }] })}\n`,
    );
    await Promise.all(tabs.map((tab) => tab.locator('[data-testid="span-row"][data-name="seen.by.all.tabs"]').waitFor({ timeout: 20_000 })));
    await Promise.all(tabs.map((tab) => tab.close()));
  });

  it("shows the conversation's turns and the aggregates", async () => {
    await page.goto(`${url}#/conversation/conv_1`);
    await page.locator('[data-testid="turn"]').first().waitFor();
    const turns = await page.locator('[data-testid="turn"]').allTextContents();
    expect(turns).toHaveLength(2);
    expect(turns[0]).toContain("How do I reset my password?");
    expect(turns[1]).toContain("It's sunny in Paris today");
    await shot("viewer-conversation");
    await page.goto(`${url}#/aggregates`);
    await page.locator('[data-testid="models"] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid="models"] tbody tr').first().textContent()).toContain("gpt-4o-mini-2024-07-18");
    await shot("viewer-aggregates");
  });

  it("writes a report that opens from the file and shows the same trace", async () => {
    const report = join(dir, "report.html");
    const run = await runNodeApp([CLI, "report", jsonl, "-o", report, "--trace", traceId]);
    expect(run.code, run.stderr).toBe(0);
    const offline = await browser.newPage({ viewport: { width: 1400, height: 820 } });
    const requests: string[] = [];
    offline.on("request", (request) => requests.push(request.url()));
    await offline.goto(pathToFileURL(report).href);
    const row = offline.locator(`[data-testid="trace-row"][data-trace-id="${traceId}"]`);
    await row.waitFor();
    expect(await offline.locator('[data-testid="trace-row"]').count()).toBe(1);
    expect(await offline.locator('[data-testid="mode"]').textContent()).toBe("report");
    await row.click();
    await offline.locator('[data-testid="waterfall"]').waitFor();
    const rows = await offline.$$eval('[data-testid="span-row"]', (nodes) => nodes.map((n) => [Number(n.getAttribute("data-depth")), n.getAttribute("data-name")]));
    // The appended spans start after the root ended: the last rows.
    expect(rows).toEqual([...EXPECTED_ROWS, [1, "late.span"], [1, "seen.by.all.tabs"]]);
    await offline.locator('[data-testid="span-row"][data-kind="generation"]').first().click();
    await offline.locator('[data-testid="chat-message"]').first().waitFor();
    expect(await offline.locator('[data-testid="span-detail"]').textContent()).toContain("How do I reset my password?");
    // Nothing but the file itself was loaded: the report works offline.
    expect(requests.every((request) => request.startsWith("file:"))).toBe(true);
    await offline.close();
  });

  it("says so when the viewer stops, instead of looking live", async () => {
    await page.goto(url);
    await page.locator('[data-testid="mode"]', { hasText: "live" }).waitFor();
    viewer.kill("SIGTERM");
    await once(viewer, "exit");
    await page.locator('[data-testid="mode"]', { hasText: "disconnected" }).waitFor({ timeout: 10_000 });
  });
});
