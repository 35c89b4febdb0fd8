/** @type {import('dependency-cruiser').IConfiguration} */
// The layers of DESIGN.md §2 and docs/development.md, checked by `npm run lint:deps` (and CI).
//
// Instrumentation layer, bottom to top; a folder imports only folders below it:
//   types, platform → conventions, content, cost, readers → settings → context → spans → streams → decorators, instrument, logs
// Pipeline layer on top: config → pipeline → testing. index.ts lists the public API.
// The viewer (src/viewer/: the `llmtrace` command) stands apart: the library never imports it; its
// model is pure code shared by its server (Node) and its UI (the browser).
const LAYERS = [
  ["types", "platform"],
  ["conventions", "content", "cost", "readers"],
  ["settings"],
  ["context"],
  ["spans"],
  ["streams"],
  ["decorators", "instrument", "logs"],
  ["config"],
  ["pipeline"],
  ["testing"],
];

const layerRules = LAYERS.slice(0, -1).map((folders, i) => ({
  name: `layer-${folders.join("-")}`,
  severity: "error",
  comment: `src/{${folders}}/ sits below ${LAYERS.slice(i + 1).flat().join(", ")}: it must not import them (move the shared part down).`,
  from: { path: `^src/(${folders.join("|")})/` },
  to: { path: `^src/(${LAYERS.slice(i + 1).flat().join("|")}|index\\.ts)` },
}));

module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "An import cycle makes load order matter and layers meaningless. Move the shared part down into a leaf module.",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    {
      name: "no-type-cycles",
      severity: "error",
      comment:
        "Type-only cycles are allowed only among the span handles of src/spans/, whose types name each other (a message's .tool() returns a ToolHandle, whose .message() returns a MessageHandle); they are erased at run time.",
      from: { path: "^src/", pathNot: "^src/spans/" },
      to: { circular: true },
    },
    {
      name: "no-type-cycles-out-of-spans",
      severity: "error",
      comment: "A cycle through src/spans/ must stay inside it.",
      from: { path: "^src/spans/" },
      to: { circular: true, via: { path: "^src/", pathNot: "^src/spans/" } },
    },
    {
      name: "sdk-only-in-pipeline",
      severity: "error",
      comment: "Only src/pipeline/ loads the OpenTelemetry SDK and exporter packages: the instrumentation layer runs on any provider, with @opentelemetry/api alone.",
      from: { path: "^src/", pathNot: "^src/(pipeline|testing)/" },
      to: {
        path: "node_modules/@opentelemetry/(sdk-|exporter-|context-async-hooks|propagator-|resources|core/|otlp-|instrumentation)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "node-builtins-through-platform",
      severity: "error",
      comment: "The instrumentation layer reaches node: builtins only through src/platform/, so what it needs from the platform is in one place.",
      from: { path: "^src/", pathNot: "^src/(platform|config|pipeline|testing|viewer/server)/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "library-not-viewer",
      severity: "error",
      comment: "The library never loads the viewer (the `llmtrace` command): an application that traces does not carry a web UI.",
      from: { path: "^src/", pathNot: "^src/viewer/" },
      to: { path: "^src/viewer/" },
    },
    {
      name: "viewer-model-pure",
      severity: "error",
      comment: "src/viewer/model/ runs in Node (the server) and in the browser (a report): only its own files and the library's import-free convention modules it shares with the metrics and maps (what a model call is, nearest-rank percentiles); no builtins, no packages.",
      from: { path: "^src/viewer/model/" },
      to: { pathNot: "^src/(viewer/model/|conventions/(metric-names|nearest-rank)\\.ts$)" },
    },
    {
      name: "viewer-shared-conventions-import-free",
      severity: "error",
      comment: "The convention modules the viewer's model shares run in the browser too: they import nothing.",
      from: { path: "^src/conventions/(metric-names|nearest-rank)\\.ts$" },
      to: {},
    },
    {
      name: "viewer-ui-browser",
      severity: "error",
      comment: "src/viewer/ui/ is bundled for the browser: the viewer's model and preact only.",
      from: { path: "^src/viewer/ui/" },
      to: { pathNot: "^(src/viewer/(ui|model)/|node_modules/preact/)" },
    },
    {
      name: "viewer-server-own",
      severity: "error",
      comment: "The viewer's server uses the viewer's model and, from the library, only the viewer registry (shared with the console exporter) and the version.",
      from: { path: "^src/viewer/server/" },
      to: { path: "^src/", pathNot: "^src/(viewer/(server|model)/|platform/viewer-registry\\.ts$|version\\.ts$)" },
    },
    {
      name: "viewer-server-node-only",
      severity: "error",
      comment: "The viewer's server is Node's own http, fs and util.parseArgs: no package (nothing to install, nothing to update for it).",
      from: { path: "^src/viewer/server/" },
      to: { path: "node_modules" },
    },
    ...layerRules,
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
