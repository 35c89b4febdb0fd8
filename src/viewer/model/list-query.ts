import type { ListQuery } from "./views.js";

/**
 * The traces list's filters in URL parameters (`q`, `service`, `status`, `model`, `conversation`):
 * the page keeps them in its address, the server reads them from the API's query string.
 */
export function filtersFromParams(params: URLSearchParams): ListQuery {
  const query: ListQuery = {};
  const text = params.get("q");
  if (text) query.text = text;
  const service = params.get("service");
  if (service) query.service = service;
  const status = params.get("status");
  if (status === "error" || status === "ok") query.status = status;
  const model = params.get("model");
  if (model) query.model = model;
  const conversation = params.get("conversation");
  if (conversation) query.conversation = conversation;
  return query;
}

/** The API's query string for a list query: its filters and its page (`offset`, `limit`). */
export function paramsFromQuery(query: ListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.text) params.set("q", query.text);
  if (query.service) params.set("service", query.service);
  if (query.status) params.set("status", query.status);
  if (query.model) params.set("model", query.model);
  if (query.conversation) params.set("conversation", query.conversation);
  params.set("offset", String(query.offset ?? 0));
  params.set("limit", String(query.limit ?? 50));
  return params;
}
