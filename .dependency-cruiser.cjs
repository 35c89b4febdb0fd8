/** @type {import('dependency-cruiser').IConfiguration} */
// The layers of DESIGN.md §2 and docs/development.md, checked by `npm run lint:deps` (and CI).
//
// Instrumentation layer, bottom to top; a folder imports only folders below it:
//   types, platform → conventions, content, cost, readers → settings → context → spans → streams → decorators, instrument, logs
// Pipeline layer on top: config → pipeline → testing. index.ts lists the public API.
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
      from: { path: "^src/", pathNot: "^src/(platform|config|pipeline|testing)/" },
      to: { dependencyTypes: ["core"] },
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
