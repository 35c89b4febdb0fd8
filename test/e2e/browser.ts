import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** The Chromium scripts/e2e/provision.sh installed (Debian's package), or LLMTRACE_CHROMIUM. */
export function chromiumPath(): string {
  const candidates = [process.env.LLMTRACE_CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("no Chromium: run scripts/e2e/provision.sh (it installs Debian's chromium) or set LLMTRACE_CHROMIUM");
  }
}

/** Headless Chromium driven by playwright-core (no browser download: the system's executable). */
export function launchChromium(): Promise<Browser> {
  // As root (CI), Chromium's sandbox cannot start; the pages it opens are our own viewer's.
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox"] });
}
