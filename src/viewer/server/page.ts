import { createHash } from "node:crypto";

/** The viewer's one HTML page: served by `llmtrace view`, written whole by `llmtrace report`. */

/** JSON safe inside a `<script>` element: no `</script>`, no `<!--`, no line separators JavaScript chokes on. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

function shell(head: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
${head}
<title>llmtrace viewer</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="app"><p style="font-family: sans-serif; padding: 1em">Loading the llmtrace viewer…</p></div>
${body}
</body>
</html>
`;
}

/** The page `llmtrace view` serves: the UI loads its data from the server's API. */
export function servedPage(): string {
  return shell("", `<script src="/app.js"></script>`);
}

/**
 * A self-contained report: the UI, its data, and a policy that lets it load nothing from anywhere
 * and run no script but the viewer's own (allowed by its hash, so content that got into the page
 * as markup could not run). The data is JSON in a non-script element: never run.
 */
export function reportPage(script: string, data: unknown): string {
  const inline = script.replace(/<\/script/gi, "<\\/script");
  const hash = createHash("sha256").update(inline, "utf8").digest("base64");
  const policy = `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  return shell(
    `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
    `<script id="llmtrace-data" type="application/json">${scriptSafeJson(data)}</script>\n<script>${inline}</script>`,
  );
}

/** The headers every response of the served viewer carries. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
};
