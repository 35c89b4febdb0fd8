import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ASSET = "app.js";

/**
 * Where the UI bundle is: beside the CLI in the package (`dist/viewer/app.js`), or, running from the
 * sources, the repository's build output. `LLMTRACE_VIEWER_ASSETS` names another folder.
 */
export function findViewerAsset(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    process.env.LLMTRACE_VIEWER_ASSETS,
    join(here, "viewer"),
    resolve(here, "../../../dist/viewer"),
  ].filter((folder): folder is string => typeof folder === "string" && folder !== "");
  for (const folder of candidates) {
    const file = join(folder, ASSET);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** The UI bundle's text, or undefined when the package was not built. */
export function readViewerAsset(): string | undefined {
  const file = findViewerAsset();
  return file ? readFileSync(file, "utf8") : undefined;
}

export const MISSING_ASSET_MESSAGE = "The viewer's UI bundle (dist/viewer/app.js) is missing: run `npm run build` in the llmtrace repository, or install the published package.";
