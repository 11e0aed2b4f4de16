import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';

/** GetMetricData takes at most 500 queries per call. */
export const MAX_QUERIES_PER_CALL = 500;

/**
 * A query id as CloudWatch accepts it (`^[a-z][A-Za-z0-9_]*$`), built from parts such as an API id and a
 * metric role, so the same input always gives the same id and a result finds its row without a lookup table.
 */
export function metricId(...parts: string[]): string {
  const raw = parts.map((p) => p.replace(/[^A-Za-z0-9]/g, '_')).join('_');
  return /^[a-z]/.test(raw) ? raw : `m${raw}`;
}

/**
 * Packs query groups into GetMetricData calls of at most `size` queries. A group stays in one call (metric
 * math reads only the queries of its own call); groups are packed in order, so independent queries (groups of
 * one) fill every call and N of them take exactly ceil(N / size) calls.
 */
export function batchQueries(groups: readonly (readonly MetricDataQuery[])[], size = MAX_QUERIES_PER_CALL): MetricDataQuery[][] {
  const batches: MetricDataQuery[][] = [];
  let current: MetricDataQuery[] = [];
  for (const g of groups) {
    if (g.length > size) throw new Error(`A group of ${g.length} metric queries does not fit in one GetMetricData call (at most ${size}).`);
    if (current.length + g.length > size) {
      batches.push(current);
      current = [];
    }
    current.push(...g);
  }
  if (current.length) batches.push(current);
  return batches;
}

/** The fewest calls N queries can take. */
export function minimumCalls(queries: number, size = MAX_QUERIES_PER_CALL): number {
  return Math.ceil(queries / size);
}

export interface MetricSeries {
  id: string;
  label: string;
  /** Epoch milliseconds, oldest first, with `values` in step. */
  timestamps: number[];
  values: number[];
  /** CloudWatch's status for the series (Complete, PartialData, Forbidden, InternalError). */
  status?: string;
  messages: string[];
}

/**
 * Joins what every call and every page (NextToken) returned into one series per id, oldest first. A series
 * spread over pages is PartialData on all but its last page; the joined series takes its last status.
 */
export function mergeResults(pages: readonly (readonly MetricDataResult[] | undefined)[]): Map<string, MetricSeries> {
  const out = new Map<string, MetricSeries>();
  for (const page of pages) {
    for (const r of page ?? []) {
      const id = r.Id ?? '';
      let s = out.get(id);
      if (!s) {
        s = { id, label: r.Label ?? id, timestamps: [], values: [], messages: [] };
        out.set(id, s);
      }
      const ts = r.Timestamps ?? [];
      const vs = r.Values ?? [];
      for (let i = 0; i < ts.length && i < vs.length; i++) {
        s.timestamps.push(new Date(ts[i]!).getTime());
        s.values.push(vs[i]!);
      }
      s.status = r.StatusCode ?? s.status;
      for (const m of r.Messages ?? []) if (m.Value) s.messages.push(m.Code ? `${m.Code}: ${m.Value}` : m.Value);
    }
  }
  for (const s of out.values()) sortSeries(s);
  return out;
}

function sortSeries(s: MetricSeries): void {
  const order = s.timestamps.map((_, i) => i).sort((a, b) => s.timestamps[a]! - s.timestamps[b]!);
  const seen = new Set<number>();
  const ts: number[] = [];
  const vs: number[] = [];
  for (const i of order) {
    // Pages never repeat a datapoint; if one ever did, keep the first.
    if (seen.has(s.timestamps[i]!)) continue;
    seen.add(s.timestamps[i]!);
    ts.push(s.timestamps[i]!);
    vs.push(s.values[i]!);
  }
  s.timestamps = ts;
  s.values = vs;
}

/** A series' values on a grid of period starts: `fill` where a period has no datapoint (0 for counts). */
export function onGrid(series: MetricSeries | undefined, grid: readonly number[], fill: number | null): (number | null)[] {
  const byTime = new Map<number, number>();
  if (series) series.timestamps.forEach((t, i) => byTime.set(t, series.values[i]!));
  return grid.map((t) => byTime.get(t) ?? fill);
}

/**
 * Counts on a grid: an empty period had none (0), except a last period still in progress when the range ends
 * now, which is left empty rather than drawn as a drop to 0 (its datapoint may only be late).
 */
export function countsOnGrid(series: MetricSeries | undefined, grid: readonly number[], periodSeconds: number, end: number): (number | null)[] {
  const out = onGrid(series, grid, 0);
  const last = grid.length - 1;
  if (last >= 0 && grid[last]! + periodSeconds * 1000 > end && !series?.timestamps.includes(grid[last]!)) out[last] = null;
  return out;
}

export function sumOf(series: MetricSeries | undefined): number | undefined {
  if (!series || series.values.length === 0) return undefined;
  return series.values.reduce((a, b) => a + b, 0);
}
