import { createHash } from 'node:crypto';
import type { GetMetricDataCommandInput, GetMetricDataCommandOutput, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { WireOutput } from '../../cognito-idp/wire.js';
import type { CloudWatchState } from '../state.js';
import { accumulate, hasData, HIGH_RES_KEEP_S, metricStore, MINUTE_KEEP_S, FIVE_MINUTE_KEEP_S, sortDims } from '../store.js';
import { invalidNextToken, invalidParameterCombination, invalidParameterValue, missingParameter, Problems } from '../errors.js';
import { basicStat, extendedStat, parseStat, toDistribution, type StatSpec } from '../stats.js';
import { evaluate, MathError, parseExpression, referencedIds, type Series, type Value } from '../math.js';
import { epochSecondsOf, metricShape, UNITS, type WireDimension } from '../validate.js';
import { unitRank } from '../units.js';

type WireQuery = Omit<MetricDataQuery, 'MetricStat'> & {
  MetricStat?: {
    Metric?: { Namespace?: string; MetricName?: string; Dimensions?: WireDimension[] };
    Period?: number;
    Stat?: string;
    Unit?: string;
  };
};
type Input = Omit<GetMetricDataCommandInput, 'StartTime' | 'EndTime' | 'MetricDataQueries'> & {
  StartTime?: unknown;
  EndTime?: unknown;
  MetricDataQueries?: WireQuery[];
};
type Output = WireOutput<GetMetricDataCommandOutput>;

const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
const HIGH_RES_PERIODS = [1, 5, 10, 20, 30];
const ID = /^[a-z][A-Za-z0-9_]*$/;

interface Result {
  id: string;
  label: string;
  ts: number[];
  vals: number[];
  messages?: { Code: string; Value: string }[];
}

/**
 * GetMetricData: up to 500 queries of metrics (MetricStat) and metric math (Expression).
 *
 * Periods start at StartTime rounded down as AWS documents (to the minute when StartTime is under 15 days
 * old, to 5 minutes under 63 days, to the hour beyond; to the period itself for periods under a minute) and
 * step by Period while before EndTime (exclusive); only periods holding data are returned. A Period must be
 * 1, 5, 10, 20, 30 or a multiple of 60; when StartTime is more than 3 hours / 15 days / 63 days old, a Period
 * that is not a multiple of 60 / 300 / 3600 returns no datapoints, as on AWS. A MetricStat matches the metric
 * with exactly the given dimensions.
 *
 * Pagination: the datapoints of every returned result are ordered by time (ScanBy, newest first by default)
 * then by query, and cut into pages of MaxDatapoints (default 100,800). Every page lists every returned query;
 * a result with datapoints still to come has StatusCode PartialData, and NextToken resumes after the last
 * datapoint given.
 */
export const getMetricData: JsonOperation<CloudWatchState> = {
  name: 'GetMetricData',
  auth: 'sigv4',
  mutates: false,
  handler(ctx: OperationContext<CloudWatchState>, input: Input): Output {
    const queries = validate(input);
    const startSec = epochSecondsOf(input.StartTime)!;
    const endSec = epochSecondsOf(input.EndTime)!;
    const nowSec = ctx.config.now().getTime() / 1000;
    const store = metricStore(ctx.state);
    store.advance(nowSec);

    // Metric queries first; expressions then read them (and each other) by id.
    const metricResults = new Map<string, Result & { series: Series }>();
    for (const q of queries) {
      if (!q.MetricStat) continue;
      const r = runMetricStat(q, startSec, endSec, nowSec, store);
      metricResults.set(q.Id!, r);
    }

    const parsed = new Map<string, ReturnType<typeof parseExpression>>();
    queries.forEach((q, i) => {
      if (q.Expression === undefined) return;
      const at = `MetricDataQueries.member.${i + 1}.Expression`;
      if (/^\s*SELECT\b/i.test(q.Expression) || /\bSEARCH\s*\(/i.test(q.Expression) || /\b(ANOMALY_DETECTION_BAND|INSIGHT_RULE_METRIC|SERVICE_QUOTA|LAMBDA)\s*\(/i.test(q.Expression)) {
        throw invalidParameterValue(`The sandbox does not serve this kind of expression (${at}): only metric math over the request's own queries is served.`);
      }
      try {
        const node = parseExpression(q.Expression);
        for (const ref of referencedIds(node)) {
          if (ref.toUpperCase() === 'REPEAT') continue;
          if (!queries.some((o) => o.Id === ref)) throw new MathError(`Unrecognized metric ID: ${ref}`);
          if (ref === q.Id) throw new MathError(`The expression refers to itself`);
        }
        parsed.set(q.Id!, node);
      } catch (e) {
        if (e instanceof MathError) throw invalidParameterValue(`Error in expression ${q.Id}: ${e.message}`);
        throw e;
      }
    });

    const values = new Map<string, Value>();
    const visiting = new Set<string>();
    const scope = {
      lookup(id: string): Value {
        const m = metricResults.get(id);
        if (m) return m.series;
        const done = values.get(id);
        if (done) return done;
        const node = parsed.get(id);
        if (!node) throw new MathError(`Unrecognized metric ID: ${id}`);
        if (visiting.has(id)) throw new MathError(`Circular dependency on ${id}`);
        visiting.add(id);
        const v = evaluate(node, scope);
        visiting.delete(id);
        values.set(id, v);
        return v;
      },
      metrics: () => [...metricResults.entries()].map(([id, r]) => ({ id, series: r.series })),
    };

    const labels = defaultLabels(queries);
    const results: Result[] = [];
    for (const q of queries) {
      if (q.ReturnData === false) continue;
      const id = q.Id!;
      const metric = metricResults.get(id);
      if (metric) {
        results.push({ ...metric, label: q.Label !== undefined ? dynamicLabel(q.Label, labels.get(id)!, q) : labels.get(id)! });
        continue;
      }
      let v: Value;
      try {
        v = scope.lookup(id);
      } catch (e) {
        if (e instanceof MathError) throw invalidParameterValue(`Error in expression ${id}: ${e.message}`);
        throw e;
      }
      const label = q.Label !== undefined ? dynamicLabel(q.Label, id, q) : id;
      if (v.kind === 'array') {
        for (const s of v.items) results.push({ id, label: q.Label !== undefined ? `${label} ${s.label}` : s.label, ts: s.ts, vals: s.vals });
      } else if (v.kind === 'series') {
        results.push({ id, label, ts: v.ts, vals: v.vals });
      } else if (v.kind === 'scalar') {
        // A constant: its value at every timestamp the request's metrics have.
        const ts = [...new Set([...metricResults.values()].flatMap((r) => r.ts))].sort((a, b) => a - b);
        results.push({ id, label, ts: Number.isFinite(v.v) ? ts : [], vals: Number.isFinite(v.v) ? ts.map(() => v.v) : [] });
      } else {
        throw invalidParameterValue(`Error in expression ${id}: the expression must produce a time series`);
      }
    }

    return paginate(results, input, queries, startSec, endSec);
  },
};

function validate(input: Input): WireQuery[] {
  const p = new Problems();
  p.required(input.MetricDataQueries, 'metricDataQueries');
  p.required(input.StartTime, 'startTime');
  p.required(input.EndTime, 'endTime');
  p.enumeration(input.ScanBy, 'scanBy', ['TimestampDescending', 'TimestampAscending']);
  (input.MetricDataQueries ?? []).forEach((q, i) => {
    const at = `metricDataQueries.${i + 1}.member.`;
    if (p.required(q?.Id, `${at}id`)) p.length(q.Id, `${at}id`, 1, 255);
    p.length(q.Expression, `${at}expression`, 1, 2048);
    p.min(q.Period, `${at}period`, 1);
    p.length(q.AccountId, `${at}accountId`, 1, 255);
    const ms = q.MetricStat;
    if (ms) {
      if (p.required(ms.Metric, `${at}metricStat.metric`)) metricShape(p, ms.Metric!, `${at}metricStat.metric.`);
      if (p.required(ms.Period, `${at}metricStat.period`)) p.min(ms.Period, `${at}metricStat.period`, 1);
      p.required(ms.Stat, `${at}metricStat.stat`);
      p.enumeration(ms.Unit, `${at}metricStat.unit`, UNITS);
    }
  });
  p.throwIfAny();

  const queries = input.MetricDataQueries!;
  if (queries.length > MAX_QUERIES) throw invalidParameterValue(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  const start = epochSecondsOf(input.StartTime);
  const end = epochSecondsOf(input.EndTime);
  if (start === undefined) throw invalidParameterValue(`The value ${String(input.StartTime)} for parameter StartTime is invalid.`);
  if (end === undefined) throw invalidParameterValue(`The value ${String(input.EndTime)} for parameter EndTime is invalid.`);
  if (start >= end) throw invalidParameterValue('The parameter StartTime must be less than the parameter EndTime.');
  if (input.MaxDatapoints !== undefined && (!Number.isInteger(input.MaxDatapoints) || input.MaxDatapoints < 1)) {
    throw invalidParameterValue(`The value ${input.MaxDatapoints} for parameter MaxDatapoints is invalid.`);
  }

  const seen = new Set<string>();
  queries.forEach((q, i) => {
    const at = `MetricDataQueries.member.${i + 1}`;
    if (!ID.test(q.Id!)) throw invalidParameterValue(`The value ${q.Id} for parameter ${at}.Id is invalid.`);
    if (seen.has(q.Id!)) throw invalidParameterValue(`The value ${q.Id} for parameter ${at}.Id is not unique.`);
    seen.add(q.Id!);
    if (q.MetricStat && q.Expression !== undefined) {
      throw invalidParameterCombination(`The parameters ${at}.MetricStat and ${at}.Expression are mutually exclusive and you have specified both.`);
    }
    if (!q.MetricStat && q.Expression === undefined) throw missingParameter(`The parameter ${at}.MetricStat or ${at}.Expression is required.`);
    const ms = q.MetricStat;
    if (ms) {
      if (ms.Metric!.Namespace === undefined) throw missingParameter(`The parameter ${at}.MetricStat.Metric.Namespace is required.`);
      if (ms.Metric!.MetricName === undefined) throw missingParameter(`The parameter ${at}.MetricStat.Metric.MetricName is required.`);
      const period = ms.Period!;
      if (!Number.isInteger(period) || !(HIGH_RES_PERIODS.includes(period) || period % 60 === 0)) {
        throw invalidParameterValue(`The parameter ${at}.MetricStat.Period must be 1, 5, 10, 20, 30, or a multiple of 60.`);
      }
      if (!parseStat(ms.Stat!)) throw invalidParameterValue(`The value ${ms.Stat} for parameter ${at}.MetricStat.Stat is invalid.`);
    }
  });
  return queries;
}

/** Start of the first period, rounded down as AWS documents for the age of StartTime. */
export function alignedStart(startSec: number, periodSec: number, nowSec: number): number {
  const age = nowSec - startSec;
  const step = periodSec < 60 && age <= HIGH_RES_KEEP_S ? periodSec : age <= MINUTE_KEEP_S ? 60 : age <= FIVE_MINUTE_KEEP_S ? 300 : 3600;
  return Math.floor(startSec / step) * step;
}

/** Whether a period can return data for a StartTime of this age (AWS's retention rule). */
export function periodServes(periodSec: number, startSec: number, nowSec: number): boolean {
  const age = nowSec - startSec;
  if (age > FIVE_MINUTE_KEEP_S) return periodSec % 3600 === 0;
  if (age > MINUTE_KEEP_S) return periodSec % 300 === 0;
  if (age > HIGH_RES_KEEP_S) return periodSec % 60 === 0;
  return true;
}

function runMetricStat(
  q: WireQuery,
  startSec: number,
  endSec: number,
  nowSec: number,
  store: ReturnType<typeof metricStore>,
): Result & { series: Series } {
  const ms = q.MetricStat!;
  const period = ms.Period!;
  const spec = parseStat(ms.Stat!) as StatSpec;
  const s = alignedStart(startSec, period, nowSec);
  const grid = { start: s, period, end: endSec };
  const empty = (): Result & { series: Series } => ({ id: q.Id!, label: '', ts: [], vals: [], series: { kind: 'series', ts: [], vals: [], label: ms.Metric!.MetricName!, grid } });
  if (!periodServes(period, startSec, nowSec)) return empty();

  const dims = sortDims((ms.Metric!.Dimensions ?? []).map((d) => [d.Name!, d.Value!] as [string, string]));
  const series = store.get(ms.Metric!.Namespace!, ms.Metric!.MetricName!, dims);
  if (!series) return empty();

  let messages: Result['messages'];
  let unit: string | undefined = ms.Unit;
  if (unit === undefined) {
    const withData = [...series.units.entries()].filter(([, us]) => hasData(us, s, endSec)).map(([u]) => u);
    if (!withData.length) return empty();
    withData.sort((a, b) => unitRank(a) - unitRank(b));
    unit = withData[0]!;
    if (withData.length > 1) {
      messages = [{ Code: 'MultipleUnits', Value: `Multiple units returned: '[${[...withData].sort().join(', ')}]'` }];
    }
  }
  const us = series.units.get(unit);
  if (!us) return empty();

  const acc = accumulate(us, s, endSec, period, spec.kind !== 'basic');
  const ks = [...acc.keys()].sort((a, b) => a - b);
  const ts: number[] = [];
  const vals: number[] = [];
  for (const k of ks) {
    const a = acc.get(k)!;
    if (!(a.count > 0)) continue;
    let v: number | undefined;
    if (spec.kind === 'basic') v = basicStat(spec.name, a);
    else if (a.pairs) v = extendedStat(spec, toDistribution(a.pairs));
    if (v === undefined || !Number.isFinite(v)) continue;
    ts.push(s + k * period);
    vals.push(v);
  }
  return { id: q.Id!, label: '', ts, vals, ...(messages ? { messages } : {}), series: { kind: 'series', ts, vals, label: ms.Metric!.MetricName!, grid } };
}

/**
 * Default labels as the recordings show them: the metric name, followed by the statistic when the request's
 * metric queries use more than one statistic, and by the period when they use more than one period
 * ("metric1 Sum 60", "metric1 Minimum 30"). Expressions are labelled with their id.
 */
function defaultLabels(queries: WireQuery[]): Map<string, string> {
  const stats = queries.filter((q) => q.MetricStat);
  const addStat = new Set(stats.map((q) => q.MetricStat!.Stat)).size > 1;
  const addPeriod = new Set(stats.map((q) => q.MetricStat!.Period)).size > 1;
  const out = new Map<string, string>();
  for (const q of queries) {
    if (!q.MetricStat) {
      out.set(q.Id!, q.Id!);
      continue;
    }
    const parts = [q.MetricStat.Metric!.MetricName!];
    if (addStat) parts.push(q.MetricStat.Stat!);
    if (addPeriod) parts.push(String(q.MetricStat.Period));
    out.set(q.Id!, parts.join(' '));
  }
  return out;
}

/** `${LABEL}` and `${PROP('...')}` in a given label; other dynamic-label functions are left as written. */
function dynamicLabel(label: string, fallback: string, q: WireQuery): string {
  const ms = q.MetricStat;
  const props: Record<string, string | undefined> = {
    MetricName: ms?.Metric?.MetricName,
    Namespace: ms?.Metric?.Namespace,
    Period: ms ? String(ms.Period) : undefined,
    Stat: ms?.Stat,
  };
  for (const d of ms?.Metric?.Dimensions ?? []) props[`Dim.${d.Name}`] = d.Value;
  return label.replace(/\$\{(LABEL|PROP\('([^']*)'\))\}/g, (whole, what: string, prop: string | undefined) =>
    what === 'LABEL' ? fallback : (props[prop ?? ''] ?? whole),
  );
}

interface Point {
  r: number;
  t: number;
  v: number;
}

function paginate(results: Result[], input: Input, queries: WireQuery[], startSec: number, endSec: number): Output {
  const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
  const limit = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify([queries, startSec, endSec, descending]))
    .digest('hex')
    .slice(0, 16);

  const points: Point[] = [];
  results.forEach((res, r) => res.ts.forEach((t, i) => points.push({ r, t, v: res.vals[i]! })));
  const before = (a: { t: number; r: number }, b: { t: number; r: number }) =>
    a.t !== b.t ? (descending ? a.t > b.t : a.t < b.t) : a.r < b.r;
  points.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));

  let from = 0;
  if (input.NextToken !== undefined) {
    const pos = decodeToken(input.NextToken, fingerprint);
    from = points.findIndex((p) => !before(p, pos));
    if (from < 0) from = points.length;
  }
  const page = points.slice(from, from + limit);
  const rest = points.slice(from + limit);
  const remaining = new Set(rest.map((p) => p.r));

  const byResult = results.map(() => ({ ts: [] as number[], vals: [] as number[] }));
  for (const p of page) {
    byResult[p.r]!.ts.push(p.t);
    byResult[p.r]!.vals.push(p.v);
  }
  const out: Output = {
    MetricDataResults: results.map((res, r) => ({
      Id: res.id,
      Label: res.label,
      Timestamps: byResult[r]!.ts,
      Values: byResult[r]!.vals,
      StatusCode: remaining.has(r) ? 'PartialData' : 'Complete',
      ...(res.messages ? { Messages: res.messages } : {}),
    })),
    Messages: [],
  };
  if (rest.length) out.NextToken = encodeToken(rest[0]!, fingerprint);
  return out;
}

function encodeToken(p: Point, fingerprint: string): string {
  return Buffer.from(JSON.stringify({ v: 1, f: fingerprint, t: p.t, r: p.r })).toString('base64url');
}

function decodeToken(token: string, fingerprint: string): { t: number; r: number } {
  try {
    const d = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: number; f?: string; t?: number; r?: number };
    if (d.v === 1 && d.f === fingerprint && typeof d.t === 'number' && typeof d.r === 'number') return { t: d.t, r: d.r };
  } catch {
    /* fall through */
  }
  throw invalidNextToken('The service returned an invalid NextToken: it does not belong to this request.');
}
