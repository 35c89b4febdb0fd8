import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A JSON server on 127.0.0.1 with a free port; `handle` answers each POST body. */
export async function startJsonServer(handle: (path: string, body: Record<string, unknown>, res: ServerResponse) => void): Promise<FakeServer> {
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      try {
        handle(req.url ?? "/", JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>, res);
      } catch (error) {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: String(error) } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Sends server-sent events, one `data:` line each (with an `event:` line when named), a little apart. */
export async function sendEvents(res: ServerResponse, events: readonly { event?: string; data: unknown }[], end?: string): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  for (const { event, data } of events) {
    res.write(`${event ? `event: ${event}\n` : ""}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  if (end) res.write(`data: ${end}\n\n`);
  res.end();
}

/** The same question gets the same answer, every run. */
export function answerFor(question: string): string {
  return question.toLowerCase().includes("weather") ? "It's sunny in Paris today, 21°C." : "Go to Settings, then Security, then Reset password.";
}
