import type { Attributes } from "@opentelemetry/api";
import { defaultResource, type Resource, resourceFromAttributes } from "@opentelemetry/resources";
import type { ResolvedConfig } from "../config/resolved-config.js";
import {
  ATTR_DEPLOYMENT_ENVIRONMENT_NAME,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
  ATTR_TELEMETRY_DISTRO_NAME,
  ATTR_TELEMETRY_DISTRO_VERSION,
} from "../conventions/attribute-keys.js";
import { VERSION } from "../version.js";

/** The resource every span of this pipeline carries: SDK facts, then user attributes, then named options. */
export function createResource(config: ResolvedConfig): Resource {
  const attributes: Attributes = {
    ...config.resourceAttributes,
    [ATTR_SERVICE_NAME]: config.serviceName,
    [ATTR_TELEMETRY_DISTRO_NAME]: "llmtrace",
    [ATTR_TELEMETRY_DISTRO_VERSION]: VERSION,
  };
  if (config.serviceVersion !== undefined) attributes[ATTR_SERVICE_VERSION] = config.serviceVersion;
  if (config.environment !== undefined) attributes[ATTR_DEPLOYMENT_ENVIRONMENT_NAME] = config.environment;
  return defaultResource().merge(resourceFromAttributes(attributes));
}
