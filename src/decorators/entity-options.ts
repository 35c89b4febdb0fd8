import type { Attributes } from "@opentelemetry/api";

/** The units of work a decorator or function wrapper can trace. */
export type EntityKind = "workflow" | "task" | "agent" | "tool";

/** Options of `@workflow / @task / @agent / @tool` and of their function forms. */
export interface EntityOptions<Args extends readonly unknown[] = readonly unknown[], Result = unknown> {
  /** Record the process's CPU time, heap and RSS change and file-system reads and writes over this span. @default false */
  resourceUsage?: boolean;
  /** The span is `<kind>.<name>`. @default the method or function name */
  name?: string;
  /** Version of this piece of logic (a prompt or agent revision), as `ai.entity.version`. */
  version?: string | number;
  /** Stamped on this span and every span inside it. */
  organizationId?: string;
  /** Stamped on this span and every span inside it. */
  projectId?: string;
  /** Record the arguments as the span's input (through the content path). @default true */
  captureInput?: boolean;
  /** Record the result as the span's output (through the content path). @default true */
  captureOutput?: boolean;
  /** Picks what to record from the arguments (default: the single argument, or the argument list). */
  input?: (args: Args) => unknown;
  /** Picks what to record from the result (default: the result). */
  output?: (result: Awaited<Result>) => unknown;
  /**
   * When the function returns a ReadableStream or an async iterable, keep the span open until the
   * consumer has read it to the end (or stopped), so a streamed answer has its real duration.
   * @default false
   */
  traceStream?: boolean;
  /** Extra attributes for the span. */
  attributes?: Attributes;
  /**
   * Tools: the id the model gave this call, read from the arguments (e.g. `(call) => call.id`),
   * as `gen_ai.tool.call.id`. Inside the tool, `trace.current().setToolCallId(id)` does the same.
   */
  toolCallId?: (...args: Args) => string | undefined;
  /** Agents: an id and a description. Tools: a description. */
  id?: string;
  description?: string;
}
