/** Price per million tokens, in USD, for one model; overrides the bundled price data. */
export interface ModelPricing {
  inputPerMillion: number;
  outputPerMillion: number;
  /** Defaults to `inputPerMillion`. */
  cacheReadPerMillion?: number;
  /** Defaults to `inputPerMillion`. */
  cacheWritePerMillion?: number;
}

/** A call's cost in USD, split as the provider bills it. */
export interface Cost {
  readonly input: number;
  readonly output: number;
  readonly total: number;
}
