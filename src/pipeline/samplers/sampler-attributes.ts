import type { Attributes, Context } from "@opentelemetry/api";
import { contextAttributes } from "../../conventions/context-attributes.js";
import { getLlmContext } from "../../context/llm-context.js";
import { getSettings } from "../../settings/instrumentation-settings.js";

/**
 * The attributes a head sampler decides on: the span's own, over the `withContext` ids and metadata
 * in force — as attributes (`user.id`, `ai.metadata.tier`) and the metadata's own keys
 * (`withContext({ metadata: { "user.tier": "free" } })` gives `attributes["user.tier"]`). A span
 * is stamped with these only after the sampler ran, so without this a sampler could not see them.
 */
export function samplerAttributes(context: Context, attributes: Attributes): Attributes {
  const llm = getLlmContext(context);
  if (!llm) return attributes;
  return { ...llm.metadata, ...contextAttributes(llm, getSettings().profiles), ...attributes };
}
