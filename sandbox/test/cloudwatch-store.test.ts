import { describe, expect, it } from 'vitest';
import { accumulate, MetricStore, MINUTE_KEEP_S, type PeriodAcc } from '../src/services/cloudwatch/store.js';
import { derive, quantize, Tier } from '../src/services/cloudwatch/tier.js';
import { extendedStat, parseStat, percentile, toDistribution } from '../src/services/cloudwatch/stats.js';
import { initialState } from '../src/services/cloudwatch/state.js';
import { metricStore, recordDatapoints } from '../src/services/cloudwatch/store.js';

const DAY = 86_400;
const T0 = Math.floor(Date.now() / 1000 / 3600) * 3600 - 2 * 3600;

function record(store: MetricStore, name: string, tSec: number, values: [number, number][], unit = 'None', now = Date.now()) {
  store.record({ namespace: 'NS', metricName: name, dims: [['K', 'v']] }, unit, tSec, { kind: 'values', values }, false, now);
}

function periods(store: MetricStore, name: string, from: number, to: number, period: number, unit = 'None'): Map<number, PeriodAcc> {
  return accumulate(store.get('NS', name, [['K', 'v']])!.units.get(unit)!, from, to, period, true);
}

const sorted = (pairs: [number, number][] | null) => (pairs ? toDistribution([...pairs]) : null);

describe('statistics', () => {
  it('parses the statistics AWS documents and refuses others', () => {
    for (const s of ['Sum', 'p0', 'p99', 'p99.9', 'p99.99', 'p100', 'tm99', 'TM(10%:90%)', 'TM(150:1000)', 'TM(:95%)', 'IQM', 'tc90', 'TS(10%:)', 'wm98', 'PR(:300)', 'PR(100:2000)']) {
      expect(parseStat(s), s).toBeDefined();
    }
    for (const s of ['sum', 'Median', 'p101', 'p99.999', 'TM(10%:90)', 'TM(90%:10%)', 'PR(10%:)', 'TM()', 'p']) expect(parseStat(s), s).toBeUndefined();
  });

  it('nearest-rank percentiles and trimmed means over weighted values, by hand', () => {
    // 1 x10, 2 x20, 3 x7 (N = 10)
    const d = toDistribution([
      [30, 7],
      [10, 1],
      [20, 2],
    ]);
    expect([0, 10, 10.01, 30, 30.01, 100].map((p) => percentile(d, p))).toEqual([10, 10, 20, 20, 30, 30]);
    expect(extendedStat(parseStat('TM(10%:100%)')!, d)).toBeCloseTo((2 * 20 + 7 * 30) / 9, 12);
    expect(extendedStat(parseStat('TC(:20)')!, d)).toBe(3);
    expect(extendedStat(parseStat('TS(15:)')!, d)).toBe(250);
    expect(extendedStat(parseStat('PR(10:30)')!, d)).toBe(90);
    expect(extendedStat(parseStat('WM(20%:80%)')!, d)).toBe((1 * 20 + 2 * 20 + 7 * 30) / 10);
    expect(extendedStat(parseStat('TM(40:50)')!, d)).toBeUndefined();
  });
});

describe('tier encodings', () => {
  it('a series whose values never change stores counts only, and widens when one differs', () => {
    const acct = { bytes: 0 };
    const t = new Tier(60, acct);
    for (let m = 0; m < 100; m++) t.addValue(T0 + m * 60, 1, 1);
    expect(t.sum).toBeUndefined();
    expect(t.count).toBeInstanceOf(Float32Array);
    expect(t.aggregate(t.start + 5)).toEqual({ count: 1, sum: 1, min: 1, max: 1 });
    t.addValue(T0 + 5 * 60, 0.1, 1);
    expect(t.sum).toBeInstanceOf(Float64Array);
    expect(t.min).toBeInstanceOf(Float64Array);
    expect(t.aggregate(t.start + 5)).toEqual({ count: 2, sum: 1.1, min: 0.1, max: 1 });
    expect(t.aggregate(t.start + 6)).toEqual({ count: 1, sum: 1, min: 1, max: 1 });
    expect(acct.bytes).toBe(t.bytes());
  });

  it('two distinct values need no distribution; a third writes them out exactly', () => {
    const t = new Tier(60, { bytes: 0 });
    t.addValue(T0, 0, 3);
    t.addValue(T0, 1, 2);
    expect(t.dMode).toBeUndefined();
    expect(sorted(t.pairs(t.start))).toEqual({ values: [0, 1], weights: [3, 2], total: 5 });
    t.addValue(T0, 7, 1);
    expect(sorted(t.pairs(t.start))).toEqual({ values: [0, 1, 7], weights: [3, 2, 1], total: 6 });
    expect(derive({ count: 10, sum: 0.3 * 4 + 0.1 * 6, min: 0.1, max: 0.3 })).toEqual([
      [0.1, 6],
      [0.3, 4],
    ]);
  });

  it('past 128 distinct values a bucket becomes a sketch within 0.5%, weights kept', () => {
    const t = new Tier(60, { bytes: 0 });
    for (let v = 1; v <= 1000; v++) t.addValue(T0, v, 1);
    const d = sorted(t.pairs(t.start))!;
    expect(d.total).toBe(1000);
    expect(d.values.length).toBeLessThan(600);
    for (const p of [50, 90, 99]) expect(Math.abs(percentile(d, p)! - p * 10) / (p * 10)).toBeLessThan(0.005);
    expect(Math.abs(quantize(1234.5) - 1234.5) / 1234.5).toBeLessThan(0.005);
    expect(t.aggregate(t.start)).toEqual({ count: 1000, sum: 500_500, min: 1, max: 1000 });
  });

  it('buckets inserted out of order end up sorted with the same aggregates', () => {
    const a = new Tier(60, { bytes: 0 });
    const b = new Tier(60, { bytes: 0 });
    const times = Array.from({ length: 50 }, (_, i) => T0 + ((i * 37) % 50) * 60 + 7);
    times.forEach((t, i) => a.addValue(t, i % 5, 1));
    [...times.keys()].sort((x, y) => times[x]! - times[y]!).forEach((i) => b.addValue(times[i]!, i % 5, 1));
    expect(Array.from(a.t.subarray(a.start, a.len))).toEqual(Array.from(b.t.subarray(b.start, b.len)));
    for (let i = 0; i < 50; i++) expect(a.aggregate(a.start + i)).toEqual(b.aggregate(b.start + i));
  });

  it('statistic sets keep no distribution unless their values are known', () => {
    const t = new Tier(60, { bytes: 0 });
    t.addAggregate(T0, { count: 10, sum: 55, min: 1, max: 10 });
    expect(t.pairs(t.start)).toBeNull();
    t.addAggregate(T0 + 60, { count: 3, sum: 6, min: 2, max: 2 });
    expect(t.pairs(t.start + 1)).toEqual([[2, 3]]);
  });
});

describe('the store', () => {
  it('rolls minutes older than 15 days into 5-minute buckets, keeping totals and distributions', () => {
    const store = new MetricStore();
    const old = T0 - 14 * DAY;
    for (let m = 0; m < 10; m++) record(store, 'L', old + m * 60, [[m + 1, 1]]);
    const before = periods(store, 'L', old, old + 600, 300);
    store.advance(T0 + 2 * DAY);
    const us = store.get('NS', 'L', [['K', 'v']])!.units.get('None')!;
    expect(us.m1.size).toBe(0);
    expect(us.m5!.size).toBe(2);
    const after = periods(store, 'L', old, old + 600, 300);
    expect([...after.values()].map(({ count, sum, min, max }) => ({ count, sum, min, max }))).toEqual(
      [...before.values()].map(({ count, sum, min, max }) => ({ count, sum, min, max })),
    );
    expect([...after.values()].map((a) => percentile(toDistribution(a.pairs!), 90))).toEqual([5, 10]);
  });

  it('writes data older than 15 days straight into the tier that keeps that age, and drops data past 455 days', () => {
    const store = new MetricStore();
    record(store, 'A', T0 - 20 * DAY, [[1, 1]]);
    record(store, 'B', T0 - 100 * DAY, [[1, 1]]);
    record(store, 'C', T0 - 500 * DAY, [[1, 1]]);
    expect(store.get('NS', 'A', [['K', 'v']])!.units.get('None')!.m5!.size).toBe(1);
    expect(store.get('NS', 'B', [['K', 'v']])!.units.get('None')!.h1!.size).toBe(1);
    expect(store.get('NS', 'C', [['K', 'v']])).toBeUndefined();
  });

  it('keeps within its budget by rolling the oldest minutes up early', () => {
    const store = new MetricStore();
    for (let s = 0; s < 50; s++) {
      for (let m = 0; m < 3 * 1440; m++) {
        store.record({ namespace: 'NS', metricName: 'L', dims: [['S', String(s)]] }, 'None', T0 - 3 * DAY + m * 60, { kind: 'values', values: [[m % 97, 1]] }, false, Date.now());
      }
    }
    const full = store.acct.bytes;
    store.budgetBytes = full / 2;
    store.enforceBudget();
    expect(store.acct.bytes).toBeLessThanOrEqual(store.budgetBytes);
    const us = store.get('NS', 'L', [['S', '0']])!.units.get('None')!;
    expect(us.m5!.size).toBeGreaterThan(0);
    // Nothing is lost: every sample is still counted, in coarser buckets.
    const all = accumulate(us, T0 - 4 * DAY, T0 + DAY, 3600, false);
    expect([...all.values()].reduce((n, a) => n + a.count, 0)).toBe(3 * 1440);
    expect(MINUTE_KEEP_S).toBe(15 * DAY);
  });

  it('survives JSON: a saved state loads back with the same data', () => {
    const cw = initialState();
    recordDatapoints(cw, 'AWS/ApiGateway', [
      ...Array.from({ length: 200 }, (_, i) => ({ metricName: 'Latency', dimensions: { ApiName: 'a', Stage: 'p' }, timestamp: new Date((T0 + (i % 20) * 60) * 1000), value: 0.5 + i, unit: 'Milliseconds' })),
      { metricName: 'Count', dimensions: { ApiName: 'a', Stage: 'p' }, timestamp: new Date(T0 * 1000), value: 1, unit: 'Count' },
    ]);
    const loaded = JSON.parse(JSON.stringify(cw)) as typeof cw;
    const a = metricStore(cw);
    const b = metricStore(loaded);
    expect(b).not.toBe(a);
    expect(b.bucketCount()).toBe(a.bucketCount());
    const read = (s: MetricStore, m: string, u: string) =>
      [...accumulate(s.get('AWS/ApiGateway', m, [['ApiName', 'a'], ['Stage', 'p']])!.units.get(u)!, T0, T0 + 1200, 300, true).values()].map((p) => ({
        ...p,
        pairs: sorted(p.pairs),
      }));
    expect(read(b, 'Latency', 'Milliseconds')).toEqual(read(a, 'Latency', 'Milliseconds'));
    expect(read(b, 'Count', 'Count')).toEqual(read(a, 'Count', 'Count'));
    // The loaded store keeps working.
    recordDatapoints(loaded, 'AWS/ApiGateway', [{ metricName: 'Count', dimensions: { ApiName: 'a', Stage: 'p' }, timestamp: new Date(T0 * 1000), value: 1, unit: 'Count' }]);
    expect(read(b, 'Count', 'Count')[0]!.count).toBe(2);
  });

  it('holds a day of API Gateway minutes for 100 APIs x 3 stages x 5 metrics at about 16 bytes a bucket', () => {
    const store = new MetricStore();
    const now = Date.now();
    for (let m = 0; m < 1440; m++) {
      const t = T0 - DAY + m * 60 + 1;
      for (let a = 0; a < 100; a++) {
        for (const stage of ['prod', 'beta', 'dev']) {
          const dims: [string, string][] = [['ApiName', `api-${a}`], ['Stage', stage]];
          const rec = (metricName: string, unit: string, v: number) =>
            store.record({ namespace: 'AWS/ApiGateway', metricName, dims }, unit, t, { kind: 'values', values: [[v, 1]] }, false, now);
          rec('Count', 'Count', 1);
          rec('4XXError', 'Count', m % 11 === 0 ? 1 : 0);
          rec('5XXError', 'Count', 0);
          rec('Latency', 'Milliseconds', 20 + ((a + m) % 180));
          rec('IntegrationLatency', 'Milliseconds', 10 + ((a + m) % 150));
        }
      }
    }
    store.trimAll();
    const buckets = store.bucketCount();
    expect(buckets).toBe(100 * 3 * 5 * 1440);
    expect(store.acct.bytes / buckets).toBeLessThan(17);
  });
});
