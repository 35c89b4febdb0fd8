// The same decorators under `experimentalDecorators` (NestJS and older codebases): this file is
// compiled by tsc with examples/legacy-decorators/tsconfig.json, then run by Node.
import { strict as assert } from "node:assert";
import { agent, configureTracing, tool, workflow } from "llmtrace";

const tracing = configureTracing({ serviceName: "legacy-decorators", exporters: [{ type: "console" }, { type: "memory" }] });

class ResearchAgent {
  @workflow({ name: "research" })
  async run(topic: string): Promise<string> {
    const notes = await this.search(topic);
    return this.summarize(notes);
  }

  @tool({ name: "web_search" })
  async search(topic: string): Promise<string[]> {
    return [`${topic} basics`, `${topic} advanced`];
  }

  @agent({ name: "summarizer" })
  summarize(notes: string[]): string {
    return notes.join("; ");
  }
}

console.log(await new ResearchAgent().run("tracing"));
await tracing.shutdown();
const names = tracing.memoryExporter!.getFinishedSpans().map((s) => s.name);
assert.deepEqual(names, ["tool.web_search", "agent.summarizer", "workflow.research"]);
console.log("ok: experimentalDecorators mode traced the same way");
