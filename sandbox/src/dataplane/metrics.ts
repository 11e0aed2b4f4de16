import type { SandboxState } from '../core/types.js';
import { cloudwatchState } from '../services/cloudwatch/state.js';
import { metricStore, recordDatapoints } from '../services/cloudwatch/store.js';
import { appendLogEvents } from '../services/logs/store.js';

/**
 * Where the data plane's metrics and access logs go. Live requests publish each datapoint and log event
 * at once (`recordDatapoints`, `appendLogEvents`). The demo history sends a day of requests through the same
 * data plane in fast-forward; there the sinks gather a simulated minute and hand it over in one step —
 * each request still contributes its own values (a value's weight is how many requests had it), so every
 * statistic and percentile is what the per-request datapoints would give.
 */

export const NAMESPACE = 'AWS/ApiGateway';

export type Dims = Record<string, string>;

export interface DimSet {
  dims: Dims;
  /** A stable key for the set, for aggregation. */
  key: string;
}

export function dimSet(dims: Dims): DimSet {
  return { dims, key: Object.keys(dims).sort().map((k) => `${k}=${dims[k]}`).join('\u0001') };
}

/** A metric of one request: name, value, unit. */
export type MetricValue = readonly [name: string, value: number, unit: string];

export interface MetricSink {
  /** One request's metrics, each under every dimension set. */
  add(at: Date, sets: readonly DimSet[], metrics: readonly MetricValue[]): void;
  flush(): void;
}

export interface LogSink {
  add(logGroupName: string, at: Date, message: string): void;
  flush(): void;
}

/** Publishes every datapoint as it happens. */
export class LiveMetricSink implements MetricSink {
  constructor(private readonly root: SandboxState) {}

  add(at: Date, sets: readonly DimSet[], metrics: readonly MetricValue[]): void {
    const cw = cloudwatchState(this.root);
    if (!cw) return;
    const points = [];
    for (const s of sets) for (const [metricName, value, unit] of metrics) points.push({ metricName, dimensions: s.dims, timestamp: at, value, unit });
    recordDatapoints(cw, NAMESPACE, points);
  }

  flush(): void {}
}

interface Series {
  name: string;
  unit: string;
  /** The minute's values, one per request (weights are counted at flush). */
  values: number[];
}

/**
 * Gathers a minute of datapoints by series, and stores each series' values with their weights when the
 * minute is over (or on flush). Timestamps must not go back by more than the current minute.
 */
export class MinuteMetricSink implements MetricSink {
  private minute = Number.NaN;
  /** Dimension-set key -> metric name -> series. */
  private sets = new Map<string, { dims: [string, string][]; metrics: Map<string, Series> }>();

  constructor(private readonly root: SandboxState) {}

  add(at: Date, sets: readonly DimSet[], metrics: readonly MetricValue[]): void {
    const minute = Math.floor(at.getTime() / 60_000);
    if (minute !== this.minute) {
      this.flush();
      this.minute = minute;
    }
    for (const s of sets) {
      let set = this.sets.get(s.key);
      if (!set) this.sets.set(s.key, (set = { dims: Object.entries(s.dims), metrics: new Map() }));
      for (const [name, value, unit] of metrics) {
        let series = set.metrics.get(name);
        if (!series) set.metrics.set(name, (series = { name, unit, values: [] }));
        series.values.push(value);
      }
    }
  }

  flush(): void {
    if (!this.sets.size) return;
    const cw = cloudwatchState(this.root);
    if (cw) {
      const store = metricStore(cw);
      const tSec = this.minute * 60;
      const published = Date.now();
      for (const set of this.sets.values()) {
        for (const s of set.metrics.values()) {
          store.record({ namespace: NAMESPACE, metricName: s.name, dims: set.dims }, s.unit, tSec, { kind: 'values', values: weighted(s.values) }, false, published);
        }
      }
      store.advance(published / 1000);
    }
    this.sets = new Map();
  }
}

/** Values with their weights (how many times each occurs). */
function weighted(values: number[]): [number, number][] {
  // Most series hold one value a minute (Count's 1, the error flags' 0): no sort needed.
  const first = values[0]!;
  let same = true;
  for (let i = 1; i < values.length && same; i++) same = values[i] === first;
  if (same) return [[first, values.length]];
  const sorted = Float64Array.from(values).sort();
  const out: [number, number][] = [];
  let v = sorted[0]!;
  let w = 0;
  for (const x of sorted) {
    if (x === v) w++;
    else {
      out.push([v, w]);
      v = x;
      w = 1;
    }
  }
  out.push([v, w]);
  return out;
}

/** Delivers each access-log event at once. */
export class LiveLogSink implements LogSink {
  constructor(private readonly root: SandboxState) {}

  add(logGroupName: string, at: Date, message: string): void {
    appendLogEvents(this.root, logGroupName, [{ timestamp: at, message }]);
  }

  flush(): void {}
}

/** Delivers access-log events in batches per log group (the demo history). */
export class BatchLogSink implements LogSink {
  private batches = new Map<string, { timestamp: Date; message: string }[]>();
  private pending = 0;

  constructor(
    private readonly root: SandboxState,
    private readonly batchSize = 2_000,
  ) {}

  add(logGroupName: string, at: Date, message: string): void {
    let batch = this.batches.get(logGroupName);
    if (!batch) this.batches.set(logGroupName, (batch = []));
    batch.push({ timestamp: at, message });
    if (++this.pending >= this.batchSize) this.flush();
  }

  flush(): void {
    for (const [group, events] of this.batches) appendLogEvents(this.root, group, events);
    this.batches = new Map();
    this.pending = 0;
  }
}
