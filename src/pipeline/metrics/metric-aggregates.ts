import type { Attributes, HrTime } from "@opentelemetry/api";
import { ValueType } from "@opentelemetry/api";
import { AggregationTemporality, DataPointType, type MetricData } from "@opentelemetry/sdk-metrics";

/** The series past the cardinality limit go here, as the OpenTelemetry SDK does. */
const OVERFLOW_KEY = "\u0000overflow";
const OVERFLOW_ATTRIBUTES: Attributes = Object.freeze({ "otel.metric.overflow": true });

interface Descriptor {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
}

/**
 * One instrument's series, keyed by a string its caller builds from the dimension values (cheaper
 * than hashing an attributes object on every recording, which is what made the SDK's
 * instruments cost ~4 µs a span). The attributes object is built once, when a series first
 * appears. At most `limit` series: past it, values go to one `otel.metric.overflow` series.
 */
abstract class Aggregate<S> {
  protected readonly series = new Map<string, { attributes: Attributes; state: S }>();

  constructor(
    readonly descriptor: Descriptor,
    private readonly limit: number,
  ) {}

  protected stateFor(key: string, attributes: () => Attributes): S {
    const found = this.series.get(key);
    if (found) return found.state;
    if (this.series.size >= this.limit - 1 && key !== OVERFLOW_KEY) return this.stateFor(OVERFLOW_KEY, () => OVERFLOW_ATTRIBUTES);
    const created = { attributes: attributes(), state: this.initial() };
    this.series.set(key, created);
    return created.state;
  }

  protected abstract initial(): S;
  abstract toMetricData(startTime: HrTime, endTime: HrTime): MetricData | undefined;
}

/** A monotonic sum (a counter), cumulative. */
export class CounterAggregate extends Aggregate<{ value: number }> {
  add(key: string, attributes: () => Attributes, value: number): void {
    this.stateFor(key, attributes).value += value;
  }

  protected initial(): { value: number } {
    return { value: 0 };
  }

  toMetricData(startTime: HrTime, endTime: HrTime): MetricData | undefined {
    if (this.series.size === 0) return undefined;
    return {
      descriptor: { ...this.descriptor, valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.SUM,
      isMonotonic: true,
      dataPoints: [...this.series.values()].map(({ attributes, state }) => ({ startTime, endTime, attributes, value: state.value })),
    };
  }
}

interface HistogramState {
  count: number;
  sum: number;
  min: number;
  max: number;
  readonly counts: number[];
}

/** An explicit-bucket histogram, cumulative, with the boundaries given (the GenAI conventions' recommended ones). */
export class HistogramAggregate extends Aggregate<HistogramState> {
  constructor(
    descriptor: Descriptor,
    limit: number,
    private readonly boundaries: readonly number[],
  ) {
    super(descriptor, limit);
  }

  record(key: string, attributes: () => Attributes, value: number): void {
    const state = this.stateFor(key, attributes);
    state.count++;
    state.sum += value;
    if (value < state.min) state.min = value;
    if (value > state.max) state.max = value;
    // Buckets are upper-inclusive: (b[i-1], b[i]]. Fourteen bounds: a linear scan beats a search.
    let bucket = 0;
    while (bucket < this.boundaries.length && value > this.boundaries[bucket]!) bucket++;
    state.counts[bucket]!++;
  }

  protected initial(): HistogramState {
    return { count: 0, sum: 0, min: Infinity, max: -Infinity, counts: new Array<number>(this.boundaries.length + 1).fill(0) };
  }

  toMetricData(startTime: HrTime, endTime: HrTime): MetricData | undefined {
    if (this.series.size === 0) return undefined;
    return {
      descriptor: { ...this.descriptor, valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: [...this.series.values()].map(({ attributes, state }) => ({
        startTime,
        endTime,
        attributes,
        value: { buckets: { boundaries: [...this.boundaries], counts: [...state.counts] }, count: state.count, sum: state.sum, min: state.min, max: state.max },
      })),
    };
  }
}
