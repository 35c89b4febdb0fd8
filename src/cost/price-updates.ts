import { diag } from "@opentelemetry/api";
import type { Provider } from "@pydantic/genai-prices";
import { clearPriceResolutions, genaiPrices } from "./price-data.js";

export interface PriceUpdates {
  /** Where the price data is fetched from. @default @pydantic/genai-prices' published data */
  readonly url: string | undefined;
  /** How often to fetch again. */
  readonly refreshHours: number;
}

let timer: NodeJS.Timeout | undefined;

/**
 * Opt-in: fetches current price data now and every `refreshHours`, replacing the bundled data.
 * A failed fetch keeps the data in use (genai-prices warns); nothing is fetched unless asked.
 */
export function startPriceUpdates(options: PriceUpdates): void {
  stopPriceUpdates();
  const data = genaiPrices();
  data.updatePrices(({ remoteDataUrl, setProviderData }) => {
    const url = options.url ?? remoteDataUrl;
    const fetchNow = () => {
      const request = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`price data request to ${url} answered ${response.status}`);
        // genai-prices validates the data when it arrives, and keeps the old data if it is not valid.
        return response.json() as Promise<Provider[]>;
      });
      setProviderData(request);
      // Prices resolved from the old data must not outlive it.
      void data.waitForUpdate().then(clearPriceResolutions, (error: unknown) => diag.warn(`llmtrace: price data update failed: ${String(error)}`));
    };
    fetchNow();
    timer = setInterval(fetchNow, options.refreshHours * 3_600_000);
    timer.unref();
  });
}

export function stopPriceUpdates(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}

/** Resolves once the latest requested price data is in use (or has failed). */
export async function priceDataReady(): Promise<void> {
  await genaiPrices().waitForUpdate().catch(() => undefined);
}
