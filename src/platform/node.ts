// The instrumentation layer's only door to Node's builtins (the dependency rules enforce it), so
// what llmtrace needs from the platform is listed in one place.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { isIPv4, isIPv6 } from "node:net";

/** Hex SHA-256 of `text` (content hash mode). */
export function sha256Hex(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export { isIPv4, isIPv6 };

const load = createRequire(import.meta.url);

/** Loads a package synchronously from ESM and CommonJS alike, where `import()` would be async. */
export function requirePackage<T>(name: string): T {
  return load(name) as T;
}
