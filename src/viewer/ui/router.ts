import { useEffect, useState } from "preact/hooks";

/** The viewer's routes live in the URL's hash, so a static report navigates the same as the server. */
export type Route =
  | { page: "traces"; params: URLSearchParams }
  | { page: "trace"; traceId: string; spanId?: string; params: URLSearchParams }
  | { page: "conversation"; conversationId: string }
  | { page: "aggregates" };

export function parseRoute(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query);
  const parts = path.split("/").filter(Boolean).map((part) => {
    try {
      return decodeURIComponent(part);
    } catch {
      return part;
    }
  });
  if (parts[0] === "trace" && parts[1]) return { page: "trace", traceId: parts[1], ...(parts[2] ? { spanId: parts[2] } : {}), params };
  if (parts[0] === "conversation" && parts[1]) return { page: "conversation", conversationId: parts[1] };
  if (parts[0] === "aggregates") return { page: "aggregates" };
  return { page: "traces", params };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

export function traceHref(traceId: string, spanId?: string, view?: string): string {
  return `#/trace/${encodeURIComponent(traceId)}${spanId ? `/${encodeURIComponent(spanId)}` : ""}${view ? `?view=${view}` : ""}`;
}

export function conversationHref(conversationId: string): string {
  return `#/conversation/${encodeURIComponent(conversationId)}`;
}

export function listHref(params: URLSearchParams): string {
  const query = params.toString();
  return `#/${query ? `?${query}` : ""}`;
}
