/**
 * What the metrics and the logs pipelines share: a provider to flush and shut down, and a count of
 * what was recorded, so an exiting process flushes only a pipeline with something new in it.
 */
export abstract class SignalPipeline {
  private flushedAt = 0;
  abstract readonly provider: { forceFlush(): Promise<void>; shutdown(): Promise<void> };
  /** How many things (spans recorded, records emitted) went in so far. */
  protected abstract recordedCount(): number;

  /** Whether something was recorded since the last flush. */
  get unflushed(): boolean {
    return this.recordedCount() !== this.flushedAt;
  }

  async forceFlush(): Promise<void> {
    this.flushedAt = this.recordedCount();
    await this.provider.forceFlush();
  }

  async shutdown(): Promise<void> {
    this.flushedAt = this.recordedCount();
    await this.provider.shutdown();
  }
}
