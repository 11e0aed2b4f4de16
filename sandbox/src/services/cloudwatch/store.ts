import type { CloudWatchState } from './state.js';
import { type Accounting, type Aggregate, type Pairs, type SerializedTier, Tier } from './tier.js';

/**
 * The metric store: every series (namespace + metric name + dimension set), in each unit it was published
 * with, at the resolutions CloudWatch keeps (AWS's retention schedule):
 * - 1 s buckets for high-resolution data (StorageResolution 1), kept 3 hours;
 * - 60 s buckets, kept 15 days, then rolled up into
 * - 300 s buckets, kept 63 days, then rolled up into
 * - 3600 s buckets, kept 455 days, then dropped.
 * The resolutions hold disjoint stretches of time (a bucket moves on when it ages), so a query reads them all
 * without counting anything twice; 1 s buckets are the exception (their data is also in the 60 s ones) and
 * are read only for periods under a minute.
 *
 * Memory stays bounded: besides the schedule, the store keeps an estimate of its bytes and, past its budget
 * (`SANDBOX_METRICS_MAX_MB`, default 1024), first trims spare capacity, then rolls the oldest minutes up early
 * (down to 3 hours of 60 s data), then the oldest 5-minute buckets (down to a day), then forgets the value
 * distributions of the oldest rolled-up buckets (their percentiles go; counts, sums, minima and maxima stay),
 * and only then drops the oldest hours (never the last day).
 * A bucket costs 8 bytes in a series whose values never changed (API Gateway's Count, a 5XXError that stays 0),
 * 20 with Float32-exact values (integer latencies, 0/1 error flags), 36 with arbitrary doubles; a bucket with
 * three or more distinct values adds 9 bytes of index and 8 per distinct value (16 for doubles); spare
 * capacity adds up to a quarter until trimmed. Measured with API Gateway's five metrics per stage: 16 bytes a
 * bucket at one request a minute, 30-35 at three (three distinct latencies), so 1,000 APIs x 3 stages x 5
 * metrics x 24 hours of minutes (21.6 million buckets) take 340-750 MB, under the default budget.
 */

export const HIGH_RES_KEEP_S = 3 * 3600;
export const MINUTE_KEEP_S = 15 * 86400;
export const FIVE_MINUTE_KEEP_S = 63 * 86400;
export const HOUR_KEEP_S = 455 * 86400;
const MAINTAIN_EVERY_S = 600;
const SERIES_OVERHEAD = 400;

export interface SeriesMeta {
  namespace: string;
  metricName: string;
  /** [name, value] pairs sorted by name. */
  dims: [string, string][];
}

export class UnitSeries {
  s1?: Tier;
  m1: Tier;
  m5?: Tier;
  h1?: Tier;
  constructor(private readonly acct: Accounting) {
    this.m1 = new Tier(60, acct);
  }
  highRes(): Tier {
    return (this.s1 ??= new Tier(1, this.acct));
  }
  fiveMinute(): Tier {
    return (this.m5 ??= new Tier(300, this.acct));
  }
  hour(): Tier {
    return (this.h1 ??= new Tier(3600, this.acct));
  }
  tiers(): Tier[] {
    return [this.s1, this.m1, this.m5, this.h1].filter((t): t is Tier => !!t);
  }
  isEmpty(): boolean {
    return this.tiers().every((t) => t.size === 0);
  }
}

export class Series {
  readonly units = new Map<string, UnitSeries>();
  /** When data was last published (epoch ms), for ListMetrics' RecentlyActive and two-week listing rule. */
  lastPublished = 0;
  constructor(
    readonly key: string,
    readonly meta: SeriesMeta,
  ) {}
}

/** A datum as the store takes it: values with weights, or a statistic set. */
export type Sample = { kind: 'values'; values: [number, number][] } | { kind: 'set'; set: Aggregate };

export class MetricStore {
  readonly series = new Map<string, Series>();
  readonly acct: Accounting = { bytes: 0 };
  budgetBytes = defaultBudget();
  /** The latest time the store has seen (data timestamps, queries), in epoch seconds: its notion of "now". */
  clock = 0;
  private maintainedAt = 0;
  private warnedUnsaved = false;

  static key(namespace: string, metricName: string, dims: [string, string][]): string {
    return `${namespace}\u0000${metricName}\u0000${dims.map(([n, v]) => `${n}\u0001${v}`).join('\u0002')}`;
  }

  get(namespace: string, metricName: string, dims: [string, string][]): Series | undefined {
    return this.series.get(MetricStore.key(namespace, metricName, sortDims(dims)));
  }

  /** Records one datum; `publishedMs` is when it was published (the caller's clock). */
  record(meta: SeriesMeta, unit: string, tSec: number, sample: Sample, highRes: boolean, publishedMs: number): void {
    const now = Math.max(this.clock, publishedMs / 1000);
    this.clock = now;
    const age = now - tSec;
    if (age > HOUR_KEEP_S) return;
    const dims = sortDims(meta.dims);
    const key = MetricStore.key(meta.namespace, meta.metricName, dims);
    let series = this.series.get(key);
    if (!series) {
      series = new Series(key, { namespace: meta.namespace, metricName: meta.metricName, dims });
      this.series.set(key, series);
      this.acct.bytes += SERIES_OVERHEAD;
    }
    series.lastPublished = Math.max(series.lastPublished, publishedMs);
    let us = series.units.get(unit);
    if (!us) {
      us = new UnitSeries(this.acct);
      series.units.set(unit, us);
      this.acct.bytes += SERIES_OVERHEAD / 2;
    }
    // Data older than the minute tier's reach goes straight to the tier that keeps that age.
    const tier = age > FIVE_MINUTE_KEEP_S ? us.hour() : age > MINUTE_KEEP_S ? us.fiveMinute() : us.m1;
    apply(tier, tSec, sample);
    if (highRes && age <= HIGH_RES_KEEP_S) apply(us.highRes(), tSec, sample);
  }

  /** Moves the store's clock (epoch seconds) and runs the retention schedule and the budget when due. */
  advance(nowSec: number): void {
    if (nowSec > this.clock) this.clock = nowSec;
    if (this.clock - this.maintainedAt >= MAINTAIN_EVERY_S) {
      this.maintainedAt = this.clock;
      this.applyRetention(this.clock);
    }
    if (this.acct.bytes > this.budgetBytes) this.enforceBudget();
  }

  applyRetention(nowSec: number, minuteKeep = MINUTE_KEEP_S, fiveKeep = FIVE_MINUTE_KEEP_S, hourKeep = HOUR_KEEP_S): void {
    for (const [key, series] of this.series) {
      for (const [unit, us] of series.units) {
        us.s1?.takeBefore(nowSec - HIGH_RES_KEEP_S);
        if (us.m1.size && us.m1.bucketStart(us.m1.start) < nowSec - minuteKeep) {
          const m5 = us.fiveMinute();
          us.m1.takeBefore(nowSec - minuteKeep, (t, a, p) => m5.addBucket(t, a, p));
        }
        if (us.m5?.size && us.m5.bucketStart(us.m5.start) < nowSec - fiveKeep) {
          const h1 = us.hour();
          us.m5.takeBefore(nowSec - fiveKeep, (t, a, p) => h1.addBucket(t, a, p));
        }
        us.h1?.takeBefore(nowSec - hourKeep);
        for (const t of us.tiers()) if (t.cap > t.size * 1.25 + 16) t.trim();
        if (us.isEmpty()) {
          series.units.delete(unit);
          this.acct.bytes -= SERIES_OVERHEAD / 2;
        }
      }
      if (!series.units.size) {
        this.series.delete(key);
        this.acct.bytes -= SERIES_OVERHEAD;
      }
    }
  }

  /** Gives memory back until the store is under 90% of its budget (see the file comment for the order). */
  enforceBudget(): void {
    const target = this.budgetBytes * 0.9;
    this.trimAll();
    if (this.acct.bytes <= target) return;
    const now = this.clock;
    for (let keep = MINUTE_KEEP_S / 2; keep >= HIGH_RES_KEEP_S && this.acct.bytes > target; keep /= 2) {
      this.applyRetention(now, keep, FIVE_MINUTE_KEEP_S, HOUR_KEEP_S);
      this.trimAll();
    }
    for (let keep = FIVE_MINUTE_KEEP_S / 2; keep >= 86400 && this.acct.bytes > target; keep /= 2) {
      this.applyRetention(now, HIGH_RES_KEEP_S, keep, HOUR_KEEP_S);
      this.trimAll();
    }
    for (let keep = HOUR_KEEP_S / 2; keep >= 3600 && this.acct.bytes > target; keep /= 2) {
      for (const s of this.series.values()) for (const us of s.units.values()) for (const t of [us.h1, us.m5]) t?.forgetDistributions(now - keep);
      this.trimAll();
    }
    for (let keep = HOUR_KEEP_S / 2; keep >= 86400 && this.acct.bytes > target; keep /= 2) {
      this.applyRetention(now, HIGH_RES_KEEP_S, Math.min(86400, keep), keep);
      this.trimAll();
    }
  }

  trimAll(): void {
    for (const s of this.series.values()) for (const us of s.units.values()) for (const t of us.tiers()) t.trim();
  }

  /** Number of buckets held, over all series and resolutions. */
  bucketCount(): number {
    let n = 0;
    for (const s of this.series.values()) for (const us of s.units.values()) for (const t of us.tiers()) n += t.size;
    return n;
  }

  /**
   * The saved form (with `SANDBOX_DATA` the whole state is written after every change). A store larger than
   * `SANDBOX_METRICS_SAVE_MAX_MB` (default 32) is not saved, so saving stays quick and within string limits:
   * its metrics live in memory only, and a warning says so once.
   */
  toJSON(): SerializedStore {
    if (this.acct.bytes > saveLimit()) {
      if (!this.warnedUnsaved) {
        this.warnedUnsaved = true;
        console.warn(
          `[sandbox] CloudWatch metrics (${Math.round(this.acct.bytes / 1048576)} MB) exceed SANDBOX_METRICS_SAVE_MAX_MB and are kept in memory only, not in the state file.`,
        );
      }
      return { v: 1, clock: this.clock, series: [], unsaved: true };
    }
    return {
      v: 1,
      clock: this.clock,
      series: [...this.series.values()].map((s) => ({
        ns: s.meta.namespace,
        name: s.meta.metricName,
        dims: s.meta.dims,
        pub: s.lastPublished,
        units: Object.fromEntries(
          [...s.units].map(([u, us]) => [u, { s1: us.s1?.toJSON(), m1: us.m1.toJSON(), m5: us.m5?.toJSON(), h1: us.h1?.toJSON() }]),
        ),
      })),
    };
  }

  static fromJSON(s: SerializedStore | undefined): MetricStore {
    const store = new MetricStore();
    if (!s || s.v !== 1) return store;
    store.clock = s.clock;
    for (const e of s.series) {
      const key = MetricStore.key(e.ns, e.name, e.dims);
      const series = new Series(key, { namespace: e.ns, metricName: e.name, dims: e.dims });
      series.lastPublished = e.pub;
      store.acct.bytes += SERIES_OVERHEAD;
      for (const [unit, t] of Object.entries(e.units)) {
        const us = new UnitSeries(store.acct);
        us.m1 = Tier.fromJSON(t.m1, store.acct);
        if (t.s1) us.s1 = Tier.fromJSON(t.s1, store.acct);
        if (t.m5) us.m5 = Tier.fromJSON(t.m5, store.acct);
        if (t.h1) us.h1 = Tier.fromJSON(t.h1, store.acct);
        series.units.set(unit, us);
        store.acct.bytes += SERIES_OVERHEAD / 2;
      }
      store.series.set(key, series);
    }
    return store;
  }
}

export interface SerializedStore {
  v: 1;
  clock: number;
  /** Set when the store was too large to save. */
  unsaved?: boolean;
  series: {
    ns: string;
    name: string;
    dims: [string, string][];
    pub: number;
    units: Record<string, { s1?: SerializedTier; m1: SerializedTier; m5?: SerializedTier; h1?: SerializedTier }>;
  }[];
}

/** The live store of a CloudWatch state, reviving it from its saved form the first time. */
export function metricStore(cw: CloudWatchState): MetricStore {
  if (!(cw.metrics instanceof MetricStore)) cw.metrics = MetricStore.fromJSON(cw.metrics as SerializedStore | undefined);
  return cw.metrics;
}

/**
 * Records datapoints in-process, as AWS services publish their own metrics (the sandbox's data plane writes
 * `AWS/ApiGateway` here; metric filters write theirs). Each point is one sample of weight 1, standard
 * resolution; no API validation applies (the `AWS/` namespaces are reserved for exactly this). Points whose
 * value or timestamp is not a finite number are skipped. Publication time is the wall clock.
 */
export function recordDatapoints(
  cw: CloudWatchState,
  namespace: string,
  points: { metricName: string; dimensions: Record<string, string>; timestamp: Date; value: number; unit?: string }[],
): void {
  const store = metricStore(cw);
  const now = Date.now();
  for (const p of points) {
    const t = p.timestamp.getTime() / 1000;
    if (!Number.isFinite(p.value) || !Number.isFinite(t)) continue;
    store.record(
      { namespace, metricName: p.metricName, dims: Object.entries(p.dimensions) },
      p.unit ?? 'None',
      t,
      { kind: 'values', values: [[p.value, 1]] },
      false,
      now,
    );
  }
  store.advance(now / 1000);
}

function apply(tier: Tier, tSec: number, sample: Sample): void {
  if (sample.kind === 'set') tier.addAggregate(tSec, sample.set);
  else for (const [v, w] of sample.values) tier.addValue(tSec, v, w);
}

export function sortDims(dims: [string, string][]): [string, string][] {
  return [...dims].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

function saveLimit(): number {
  const mb = Number(process.env.SANDBOX_METRICS_SAVE_MAX_MB);
  return (Number.isFinite(mb) && mb >= 0 ? mb : 32) * 1024 * 1024;
}

function defaultBudget(): number {
  const mb = Number(process.env.SANDBOX_METRICS_MAX_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : 1024) * 1024 * 1024;
}

// ---- reading ---------------------------------------------------------------------------------------------

/** One output period being accumulated. */
export interface PeriodAcc {
  count: number;
  sum: number;
  min: number;
  max: number;
  /** Collected [value, weight] pairs; null once any contributing bucket has an unknown distribution. */
  pairs: [number, number][] | null;
}

/**
 * Accumulates a unit series' buckets into periods: period k covers [start + k*period, start + (k+1)*period),
 * for k while that start is before `end`. Resolutions finer than a minute are read only when the period is
 * under a minute (and then only where they are kept), the others always.
 */
export function accumulate(
  us: UnitSeries,
  startSec: number,
  endSec: number,
  periodSec: number,
  withPairs: boolean,
): Map<number, PeriodAcc> {
  const out = new Map<number, PeriodAcc>();
  const add = (tSec: number, a: Aggregate, pairs: () => Pairs) => {
    const k = Math.floor((tSec - startSec) / periodSec);
    let acc = out.get(k);
    if (!acc) {
      acc = { count: 0, sum: 0, min: Infinity, max: -Infinity, pairs: withPairs ? [] : null };
      out.set(k, acc);
    }
    acc.count += a.count;
    acc.sum += a.sum;
    if (a.min < acc.min) acc.min = a.min;
    if (a.max > acc.max) acc.max = a.max;
    if (withPairs && acc.pairs) {
      const p = pairs();
      if (p === null) acc.pairs = null;
      else for (const e of p) acc.pairs.push(e);
    }
  };
  if (periodSec < 60 && us.s1 && us.s1.size) {
    // High-resolution data answers for the stretch it still covers; minutes before it come from m1.
    const s1 = us.s1;
    const covered = s1.bucketStart(s1.start);
    readTier(s1, Math.max(startSec, covered), endSec, add);
    readTier(us.m1, startSec, Math.min(endSec, Math.floor(covered / 60) * 60), add);
  } else {
    readTier(us.m1, startSec, endSec, add);
  }
  if (us.m5) readTier(us.m5, startSec, endSec, add);
  if (us.h1) readTier(us.h1, startSec, endSec, add);
  return out;
}

function readTier(tier: Tier, from: number, to: number, add: (t: number, a: Aggregate, p: () => Pairs) => void): void {
  if (!tier.size || to <= from) return;
  const [lo, hi] = tier.range(from, to);
  for (let i = lo; i < hi; i++) add(tier.bucketStart(i), tier.aggregate(i), () => tier.pairs(i));
}

/** Whether a unit series has any bucket starting in [from, to). */
export function hasData(us: UnitSeries, from: number, to: number): boolean {
  for (const t of [us.m1, us.m5, us.h1, us.s1]) {
    if (!t || !t.size) continue;
    const [lo, hi] = t.range(from, to);
    if (hi > lo) return true;
  }
  return false;
}
