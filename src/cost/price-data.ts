import { requirePackage } from "../platform/node.js";

type GenaiPrices = typeof import("@pydantic/genai-prices");

// ~30 ms of price data: loaded the first time a cost is computed, not at import.
let prices: GenaiPrices | undefined;
export function genaiPrices(): GenaiPrices {
  prices ??= requirePackage<GenaiPrices>("@pydantic/genai-prices");
  return prices;
}

/** Prices per million tokens, when the model's pricing is plain numbers. */
export interface SimplePrices {
  readonly kind: "simple";
  /** The model's price keys in the data's order: the sum is taken in this order, as genai-prices does. */
  readonly entries: readonly (readonly [string, number])[];
  readonly has: ReadonlySet<string>;
}

/** How a (provider, model) pair is priced: plain numbers, something only genai-prices can compute, or not at all. */
export type PriceResolution = SimplePrices | { readonly kind: "dynamic"; readonly providerId: string | undefined } | { readonly kind: "unknown" };

const TOKEN_KEYS = new Set(["input_mtok", "output_mtok", "cache_read_mtok", "cache_write_mtok"]);

// GenAI `gen_ai.provider.name` values whose id in the price data differs.
const PROVIDER_IDS: Readonly<Record<string, string>> = {
  "gcp.gemini": "google",
  "gcp.vertex_ai": "google",
  "gcp.gen_ai": "google",
  "aws.bedrock": "aws",
  "azure.ai.openai": "azure",
  "azure.ai.inference": "azure",
  x_ai: "x-ai",
  mistral_ai: "mistral",
};

const MAX_CACHED = 1024;
const resolutions = new Map<string, PriceResolution>();

/** Forgets resolved prices, after the price data changed. */
export function clearPriceResolutions(): void {
  resolutions.clear();
}

/** Resolves how a model is priced; looked up once per (provider, model), since matching costs ~15 µs. */
export function resolvePrices(model: string, provider: string | undefined): PriceResolution {
  const key = `${provider ?? ""}\u0000${model}`;
  let resolution = resolutions.get(key);
  if (resolution === undefined) {
    resolution = lookUp(model, provider);
    if (resolutions.size >= MAX_CACHED) resolutions.clear();
    resolutions.set(key, resolution);
  }
  return resolution;
}

function lookUp(model: string, provider: string | undefined): PriceResolution {
  const data = genaiPrices();
  const providerId = knownProviderId(data, provider);
  let probe: ReturnType<GenaiPrices["calcPrice"]>;
  try {
    probe = data.calcPrice({ input_tokens: 1, output_tokens: 1 }, model, providerId ? { providerId } : {});
  } catch {
    return { kind: "unknown" };
  }
  if (!probe) return { kind: "unknown" };
  const price = probe.model_price;
  const dateDependent = Array.isArray(probe.model.prices);
  const tiered = Object.entries(price).some(([k, v]) => TOKEN_KEYS.has(k) && typeof v !== "number" && v !== undefined);
  if (dateDependent || tiered) return { kind: "dynamic", providerId: probe.provider.id };
  const entries = Object.entries(price).filter((entry): entry is [string, number] => TOKEN_KEYS.has(entry[0]) && typeof entry[1] === "number");
  return { kind: "simple", entries, has: new Set(entries.map(([k]) => k)) };
}

/** The price data's id for a provider name, or undefined when the data does not know it (then the model alone decides). */
function knownProviderId(data: GenaiPrices, provider: string | undefined): string | undefined {
  if (!provider) return undefined;
  const lowered = provider.toLowerCase();
  const id = PROVIDER_IDS[lowered] ?? lowered;
  try {
    return data.findProvider({ providerId: id }) ? id : undefined;
  } catch {
    return undefined;
  }
}
