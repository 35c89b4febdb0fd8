import { isIP } from "node:net";

/**
 * The Host header values a viewer answers to. A page on another site that rebinds its own domain
 * name to 127.0.0.1 sends that name as Host (DNS rebinding), so only the listening address, the
 * loopback names, IP literals when listening on every interface, and names given with
 * `--allow-host` are accepted.
 */
export function hostChecker(listenHost: string, port: number, allowHosts: readonly string[] = []): (host: string | undefined) => boolean {
  const names = new Set(["localhost", "127.0.0.1", "[::1]", bracketed(listenHost), ...allowHosts.map((name) => bracketed(name.toLowerCase()))]);
  const everyInterface = listenHost === "0.0.0.0" || listenHost === "::";
  return (host) => {
    if (!host) return false;
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(host.toLowerCase());
    if (!match) return false;
    const [, name = "", portText] = match;
    // Browsers leave out the port only when it is the scheme's default.
    if (Number(portText ?? 80) !== port) return false;
    if (names.has(name)) return true;
    return everyInterface && isIP(name.replace(/^\[|\]$/g, "")) !== 0;
  };
}

function bracketed(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}
