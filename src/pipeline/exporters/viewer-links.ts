import { resolve } from "node:path";
import { viewerFollowing } from "../../platform/viewer-registry.js";

const RECHECK_MILLIS = 2000;

/**
 * Links to a trace in a running `llmtrace view` that follows one of this process's JSONL files, for
 * the console exporter to print under each trace. Which viewer runs is read at most every 2 s (a
 * directory listing), so a viewer started after the application is found too.
 */
export function viewerLinks(jsonlPaths: readonly string[]): ((traceId: string) => string | undefined) | undefined {
  if (jsonlPaths.length === 0) return undefined;
  let absolute: string[];
  try {
    // Resolved now: the working directory can change, or be deleted, while the application runs.
    absolute = jsonlPaths.map((path) => resolve(path));
  } catch {
    return undefined;
  }
  let checkedAt = Number.NEGATIVE_INFINITY;
  let url: string | undefined;
  return (traceId) => {
    const now = Date.now();
    if (now - checkedAt > RECHECK_MILLIS) {
      checkedAt = now;
      url = undefined;
      try {
        for (const path of absolute) {
          url = viewerFollowing(path);
          if (url) break;
        }
      } catch {
        // A link is a convenience: printing the trace never depends on it.
        url = undefined;
      }
    }
    return url ? `${url}#/trace/${traceId}` : undefined;
  };
}
