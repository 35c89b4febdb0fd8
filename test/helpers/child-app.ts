import { spawn } from "node:child_process";
import { once } from "node:events";

export interface ChildRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <args>` as a real child process (tsx loaded by the args as needed) and collects its output. */
export async function runNodeApp(args: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<ChildRun> {
  const child = spawn(process.execPath, [...args], { env, stdio: ["ignore", "pipe", "pipe"], ...(cwd ? { cwd } : {}) });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  // "close", not "exit": the output pipes may still hold the last lines when the process has exited.
  const [code] = (await once(child, "close")) as [number | null];
  return { code, stdout, stderr };
}
