/**
 * CloudWatch statistics over one period: the five basic ones from a bucket's count/sum/min/max, and the
 * extended ones (percentiles, trimmed and winsorized means, percentile rank) from the period's value
 * distribution.
 *
 * Percentile method: **nearest rank** over the weighted values (a value published with Counts N weighs N):
 * pX is the smallest value v such that at least X% of the samples are <= v. It always answers a value that
 * was published (p50 of [1, 2, 3, 4] is 2, p99 of [1..100] is 99), as CloudWatch does for small sample sets.
 * Trimmed forms keep the values in (lower, upper]: for TM(a%:b%) the bounds are the a-th and b-th
 * percentiles by the same method (a = 0 keeps everything from the minimum), for TM(a:b) the bounds are
 * the given values.
 */

export interface Bound {
  value: number;
  percent: boolean;
}

export type StatSpec =
  | { kind: 'basic'; name: 'SampleCount' | 'Sum' | 'Average' | 'Minimum' | 'Maximum' }
  | { kind: 'percentile'; p: number }
  | { kind: 'trimmed'; fn: 'TM' | 'TC' | 'TS' | 'WM'; lower?: Bound; upper?: Bound }
  | { kind: 'rank'; lower?: number; upper?: number };

const BASIC = ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'] as const;
const NUM = String.raw`\d+(?:\.\d{1,2})?`;
const SHORT = new RegExp(`^(p|tm|tc|ts|wm)(${NUM})$`, 'i');
const RANGE = new RegExp(`^(TM|TC|TS|WM|PR)\\((-?${NUM}%?)?:(-?${NUM}%?)?\\)$`, 'i');

/** Parses a Stat as AWS documents them; undefined when it is not one CloudWatch knows. */
export function parseStat(stat: string): StatSpec | undefined {
  if ((BASIC as readonly string[]).includes(stat)) return { kind: 'basic', name: stat as (typeof BASIC)[number] };
  if (stat.toUpperCase() === 'IQM') return { kind: 'trimmed', fn: 'TM', lower: { value: 25, percent: true }, upper: { value: 75, percent: true } };
  const short = SHORT.exec(stat);
  if (short) {
    const n = Number(short[2]);
    if (n > 100) return undefined;
    const fn = short[1]!.toLowerCase();
    if (fn === 'p') return { kind: 'percentile', p: n };
    return { kind: 'trimmed', fn: fn.toUpperCase() as 'TM' | 'TC' | 'TS' | 'WM', upper: { value: n, percent: true } };
  }
  const range = RANGE.exec(stat);
  if (range) {
    const fn = range[1]!.toUpperCase();
    const lower = bound(range[2]);
    const upper = bound(range[3]);
    if (!lower && !upper) return undefined;
    if (lower === null || upper === null) return undefined;
    if (fn === 'PR') {
      if (lower?.percent || upper?.percent) return undefined;
      return { kind: 'rank', lower: lower?.value, upper: upper?.value };
    }
    // Both bounds must be of one kind: TM(10%:90%) or TM(150:1000).
    if (lower && upper && lower.percent !== upper.percent) return undefined;
    if (lower && upper && lower.value > upper.value) return undefined;
    return { kind: 'trimmed', fn: fn as 'TM' | 'TC' | 'TS' | 'WM', ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) };
  }
  return undefined;
}

function bound(s: string | undefined): Bound | undefined | null {
  if (s === undefined || s === '') return undefined;
  const percent = s.endsWith('%');
  const value = Number(percent ? s.slice(0, -1) : s);
  if (!Number.isFinite(value)) return null;
  if (percent && (value < 0 || value > 100)) return null;
  return { value, percent };
}

/** Whether a statistic needs the values themselves, not only count/sum/min/max. */
export const needsDistribution = (s: StatSpec) => s.kind !== 'basic';

export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
}

export function basicStat(name: 'SampleCount' | 'Sum' | 'Average' | 'Minimum' | 'Maximum', a: Aggregate): number {
  switch (name) {
    case 'SampleCount':
      return a.count;
    case 'Sum':
      return a.sum;
    case 'Average':
      return a.sum / a.count;
    case 'Minimum':
      return a.min;
    case 'Maximum':
      return a.max;
  }
}

/** A weighted value list, sorted by value: values[i] was seen weights[i] times. */
export interface Distribution {
  values: number[];
  weights: number[];
  total: number;
}

/** Sorts and merges [value, weight] pairs into a Distribution. */
export function toDistribution(pairs: [number, number][]): Distribution {
  pairs.sort((a, b) => a[0] - b[0]);
  const values: number[] = [];
  const weights: number[] = [];
  let total = 0;
  for (const [v, w] of pairs) {
    if (!(w > 0)) continue;
    total += w;
    if (values.length && values[values.length - 1] === v) weights[weights.length - 1]! += w;
    else {
      values.push(v);
      weights.push(w);
    }
  }
  return { values, weights, total };
}

/** Nearest-rank percentile (see the file comment). */
export function percentile(d: Distribution, p: number): number | undefined {
  if (!d.values.length) return undefined;
  if (p <= 0) return d.values[0];
  const target = (p / 100) * d.total;
  const eps = d.total * 1e-12;
  let cum = 0;
  for (let i = 0; i < d.values.length; i++) {
    cum += d.weights[i]!;
    if (cum >= target - eps) return d.values[i];
  }
  return d.values[d.values.length - 1];
}

/** An extended statistic over a distribution; undefined when there is nothing to report (no values kept). */
export function extendedStat(spec: StatSpec, d: Distribution): number | undefined {
  if (!d.values.length) return undefined;
  switch (spec.kind) {
    case 'basic': {
      const a: Aggregate = {
        count: d.total,
        sum: d.values.reduce((s, v, i) => s + v * d.weights[i]!, 0),
        min: d.values[0]!,
        max: d.values[d.values.length - 1]!,
      };
      return basicStat(spec.name, a);
    }
    case 'percentile':
      return percentile(d, spec.p);
    case 'rank': {
      const lo = spec.lower ?? -Infinity;
      const hi = spec.upper ?? Infinity;
      let kept = 0;
      d.values.forEach((v, i) => {
        if (v > lo && v <= hi) kept += d.weights[i]!;
      });
      return (100 * kept) / d.total;
    }
    case 'trimmed': {
      const lo = resolveBound(d, spec.lower, -Infinity);
      const hi = resolveBound(d, spec.upper, Infinity);
      if (spec.fn === 'WM') {
        // Winsorized: values outside the bounds count as the bound itself.
        const loV = Number.isFinite(lo) ? lo : d.values[0]!;
        const hiV = Number.isFinite(hi) ? hi : d.values[d.values.length - 1]!;
        let sum = 0;
        d.values.forEach((v, i) => {
          sum += Math.min(Math.max(v, loV), hiV) * d.weights[i]!;
        });
        return sum / d.total;
      }
      // A percent lower bound of 0 keeps the minimum itself: (lower, upper] with lower below everything.
      const lower = spec.lower?.percent && spec.lower.value === 0 ? -Infinity : lo;
      let count = 0;
      let sum = 0;
      d.values.forEach((v, i) => {
        if (v > lower && v <= hi) {
          count += d.weights[i]!;
          sum += v * d.weights[i]!;
        }
      });
      if (spec.fn === 'TC') return count;
      if (spec.fn === 'TS') return count ? sum : undefined;
      return count ? sum / count : undefined;
    }
  }
}

function resolveBound(d: Distribution, b: Bound | undefined, fallback: number): number {
  if (!b) return fallback;
  if (!b.percent) return b.value;
  if (b.value >= 100) return Infinity;
  return percentile(d, b.value) ?? fallback;
}
