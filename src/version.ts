/** The llmtrace package version, reported as `telemetry.distro.version`. Kept equal to package.json by a test. */
export const VERSION = "0.1.0";
