/** @type {import('dependency-cruiser').IConfiguration} */
// The layers of DESIGN.md §2, checked: `npm run lint:deps`.
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "An import cycle makes load order matter and layers meaningless. Move the shared part down into a leaf module.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "sdk-only-in-pipeline",
      severity: "error",
      comment: "Only src/pipeline/ may load the OpenTelemetry SDK and exporters: the instrumentation layer runs on any provider, with @opentelemetry/api alone.",
      from: { path: "^src/", pathNot: "^src/(pipeline|testing)/" },
      to: {
        path: "@opentelemetry/(sdk-|exporter-|context-async-hooks|propagator-|resources|core|otlp-)",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "node-builtins-through-platform",
      severity: "error",
      comment: "The instrumentation layer reaches node: builtins only through src/platform/, so it stays portable and its uses are in one place.",
      from: { path: "^src/", pathNot: "^src/(pipeline|platform|testing|config|cli)/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "instrumentation-not-on-pipeline",
      severity: "error",
      comment: "Data flows one way: the instrumentation layer never imports the pipeline (the pipeline installs settings the instrumentation layer reads).",
      from: { path: "^src/(spans|decorators|context|conventions|content|cost|integrations|streams|settings|types|platform)/" },
      to: { path: "^src/(pipeline|config)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"] },
  },
};
