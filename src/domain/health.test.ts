import { describe, expect, it } from 'vitest';
import type { MetricDataResult } from '@aws-sdk/client-cloudwatch';
import type { Api, ApiType } from './api.js';
import { apiDimensions, errorRate, fleetIds, fleetQueries, fleetRows, fleetTargets, worstFirst, type FleetRow } from './health.js';
import { batchQueries, countsOnGrid, mergeResults, metricId, minimumCalls, onGrid, type MetricSeries } from './metric-batch.js';

const api = (type: ApiType, id: string, name = id): Api => ({ id, name, type, endpoint: '', executeApiDisabled: false });

/** n APIs of each type, like the scale profile's mix. */
function fleet(rest: number, http: number, ws: number): Api[] {
  const out: Api[] = [];
  for (let i = 0; i < rest; i++) out.push(api('REST', `r${String(i).padStart(9, '0')}`, `rest-${i}`));
  for (let i = 0; i < http; i++) out.push(api('HTTP', `h${String(i).padStart(9, '0')}`));
  for (let i = 0; i < ws; i++) out.push(api('WEBSOCKET', `w${String(i).padStart(9, '0')}`));
  return out;
}

describe('fleet queries and batching', () => {
  it('asks 4 queries per REST or HTTP API and 5 per WebSocket API, by ApiName for REST and ApiId for v2', () => {
    const groups = fleetQueries(fleetTargets([api('REST', 'abc123', 'Pet Store'), api('HTTP', 'h1'), api('WEBSOCKET', 'w1')]), 60, 3660);
    expect(groups.map((g) => g.length).sort()).toEqual([4, 4, 5]);
    const all = groups.flat();
    const rest = all.filter((q) => q.Id!.startsWith('r_abc123'));
    expect(rest.map((q) => [q.Id, q.MetricStat!.Metric!.MetricName, q.MetricStat!.Stat, q.MetricStat!.Period])).toEqual([
      ['r_abc123_req0', 'Count', 'Sum', 60],
      ['r_abc123_c4', '4XXError', 'Sum', 60],
      ['r_abc123_c5', '5XXError', 'Sum', 60],
      ['r_abc123_p99', 'Latency', 'p99', 3660],
    ]);
    expect(rest[0]!.MetricStat!.Metric!.Dimensions).toEqual([{ Name: 'ApiName', Value: 'Pet Store' }]);
    const ws = all.filter((q) => q.Id!.startsWith('w_w1'));
    expect(ws.map((q) => q.MetricStat!.Metric!.MetricName)).toEqual(['ConnectCount', 'MessageCount', 'ClientError', 'ExecutionError', 'IntegrationLatency']);
    expect(ws[0]!.MetricStat!.Metric!.Dimensions).toEqual([{ Name: 'ApiId', Value: 'w1' }]);
    expect(all.filter((q) => q.Id!.startsWith('h_h1')).map((q) => q.MetricStat!.Metric!.MetricName)).toEqual(['Count', '4xx', '5xx', 'Latency']);
  });

  it('turns 1,000 APIs into ceil(queries / 500) GetMetricData calls of at most 500 queries', () => {
    for (const [rest, http, ws] of [[400, 400, 200], [1000, 0, 0], [0, 0, 1000], [333, 333, 334], [1, 0, 0], [0, 0, 0]] as const) {
      const groups = fleetQueries(fleetTargets(fleet(rest, http, ws)), 60, 3660);
      const queries = groups.flat().length;
      expect(queries).toBe(4 * rest + 4 * http + 5 * ws);
      const calls = batchQueries(groups);
      expect(calls.length).toBe(minimumCalls(queries));
      expect(calls.every((c) => c.length <= 500)).toBe(true);
      expect(calls.flat().length).toBe(queries);
    }
    expect(minimumCalls(4 * 400 + 4 * 400 + 5 * 200)).toBe(9);
  });

  it('gives every query a stable, unique id CloudWatch accepts', () => {
    const apis = fleet(50, 50, 50);
    const a = fleetQueries(fleetTargets(apis), 60, 3660).flat().map((q) => q.Id!);
    const b = fleetQueries(fleetTargets([...apis].reverse()), 60, 3660).flat().map((q) => q.Id!);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(a.length);
    expect(a.every((id) => /^[a-z][A-Za-z0-9_]*$/.test(id))).toBe(true);
    expect(metricId('9abc-def', 'x')).toBe('m9abc_def_x');
  });

  it('asks once for REST APIs that share a name, since CloudWatch keys REST metrics by name', () => {
    const targets = fleetTargets([api('REST', 'bbb', 'Orders'), api('REST', 'aaa', 'Orders'), api('REST', 'ccc', 'Other')]);
    expect(targets.map((t) => [t.key, t.apis.map((a) => a.id)])).toEqual([
      ['r_aaa', ['aaa', 'bbb']],
      ['r_ccc', ['ccc']],
    ]);
    expect(fleetQueries(targets, 60, 60).flat().length).toBe(8);
    // CloudWatch takes ASCII only: API Gateway drops the rest, so these two share metrics too.
    const accents = fleetTargets([api('REST', 'x1', 'Café'), api('REST', 'x2', 'Caf'), api('REST', 'x3', 'カフェ')]);
    expect(accents.map((t) => [t.dimensions[0]!.Value, t.apis.length])).toEqual([
      ['Caf', 2],
      ['x3', 1],
    ]);
  });

  it('keeps a group of queries in one call, packing in order', () => {
    const q = (Id: string) => ({ Id });
    const calls = batchQueries([[q('a'), q('b')], [q('c'), q('d'), q('e')], [q('f')]], 4);
    expect(calls.map((c) => c.map((x) => x.Id).join(''))).toEqual(['ab', 'cdef']);
    expect(() => batchQueries([[q('a'), q('b'), q('c')]], 2)).toThrow(/does not fit/);
  });
});

describe('results', () => {
  const t = (iso: string) => new Date(iso);
  it('joins the pages of a NextToken into one series, oldest first', () => {
    const page1: MetricDataResult[] = [{ Id: 'a', Label: 'Count', Timestamps: [t('2026-01-01T00:02:00Z'), t('2026-01-01T00:01:00Z')], Values: [3, 2], StatusCode: 'PartialData' }];
    const page2: MetricDataResult[] = [{ Id: 'a', Label: 'Count', Timestamps: [t('2026-01-01T00:00:00Z')], Values: [1], StatusCode: 'Complete', Messages: [{ Code: 'MultipleUnits', Value: 'x' }] }];
    const a = mergeResults([page1, page2]).get('a')!;
    expect(a.timestamps.map((x) => new Date(x).toISOString().slice(14, 16))).toEqual(['00', '01', '02']);
    expect(a.values).toEqual([1, 2, 3]);
    expect(a.status).toBe('Complete');
    expect(a.messages).toEqual(['MultipleUnits: x']);
  });

  it('puts a series on the grid with a fill for empty periods', () => {
    const s = { id: 'a', label: 'a', timestamps: [60_000, 180_000], values: [5, 7], messages: [] };
    expect(onGrid(s, [0, 60_000, 120_000, 180_000], 0)).toEqual([0, 5, 0, 7]);
    expect(onGrid(s, [0, 60_000], null)).toEqual([null, 5]);
    // A last period still in progress is left empty, not drawn as a drop to 0, unless it has data.
    expect(countsOnGrid(s, [0, 60_000, 120_000], 60, 150_000)).toEqual([0, 5, null]);
    expect(countsOnGrid(s, [60_000, 120_000, 180_000], 60, 200_000)).toEqual([5, 0, 7]);
    expect(countsOnGrid(s, [0, 60_000, 120_000], 60, 180_000)).toEqual([0, 5, 0]);
  });
});

describe('error rates and worst-first order', () => {
  it('computes error rates as percentages, and none without traffic', () => {
    expect(errorRate(5, 200)).toBe(2.5);
    expect(errorRate(undefined, 200)).toBe(0);
    expect(errorRate(3, 0)).toBeUndefined();
    expect(errorRate(undefined, undefined)).toBeUndefined();
  });

  it('derives each API’s figures from the results, WebSocket traffic being connects plus messages', () => {
    const grid = [0, 60_000, 120_000];
    const targets = fleetTargets([api('WEBSOCKET', 'w1'), api('REST', 'r1', 'Same'), api('REST', 'r2', 'Same'), api('HTTP', 'quiet')]);
    const ws = fleetIds({ key: 'w_w1', type: 'WEBSOCKET' });
    const rest = fleetIds({ key: 'r_r1', type: 'REST' });
    const series = (id: string, timestamps: number[], values: number[]): [string, MetricSeries] => [id, { id, label: id, timestamps, values, messages: [] }];
    const results = new Map([
      series(ws.requests[0]!, [0], [10]),
      series(ws.requests[1]!, [0, 60_000], [20, 70]),
      series(ws.clientErrors, [60_000], [5]),
      series(ws.serverErrors, [120_000], [1]),
      series(ws.p99, [0], [42]),
      series(rest.requests[0]!, [0, 60_000, 120_000], [100, 100, 200]),
      series(rest.clientErrors, [0], [40]),
      series(rest.serverErrors, [0], [0]),
      series(rest.p99, [0], [250.5]),
    ]);
    const rows = fleetRows(targets, results, grid);
    const w = rows.find((r) => r.api.id === 'w1')!;
    expect(w).toMatchObject({ requests: 100, clientErrorRate: 5, serverErrorRate: 1, p99: 42, spark: [30, 70, 0], sparkErrors: [0, 0, 1], sharedWith: 0 });
    const r = rows.filter((x) => x.api.type === 'REST');
    expect(r.map((x) => [x.api.id, x.requests, x.clientErrorRate, x.serverErrorRate, x.sharedWith])).toEqual([
      ['r1', 400, 10, 0, 1],
      ['r2', 400, 10, 0, 1],
    ]);
    expect(rows.find((x) => x.api.id === 'quiet')).toMatchObject({ requests: undefined, clientErrorRate: undefined, spark: [0, 0, 0] });
  });

  it('sorts by 5xx rate, then 4xx rate, then traffic; quiet APIs last', () => {
    const row = (id: string, requests: number | undefined, c4?: number, c5?: number): FleetRow => ({
      api: api('HTTP', id),
      requests,
      clientErrorRate: c4,
      serverErrorRate: c5,
      spark: [],
      sparkErrors: [],
      sharedWith: 0,
    });
    const rows = [row('quiet', undefined), row('ok', 100, 0, 0), row('some4xx', 10, 5, 0), row('bad', 10, 0, 3), row('worse', 10, 1, 9), row('busy', 1000, 0, 0), row('also4xx', 10, 9, 0)];
    expect(rows.sort(worstFirst).map((r) => r.api.id)).toEqual(['worse', 'bad', 'also4xx', 'some4xx', 'busy', 'ok', 'quiet']);
  });

  it('names a stage with Stage beside the API dimension', () => {
    expect(apiDimensions(api('REST', 'x', 'Pet Store'), 'prod')).toEqual([
      { Name: 'ApiName', Value: 'Pet Store' },
      { Name: 'Stage', Value: 'prod' },
    ]);
    expect(apiDimensions(api('HTTP', 'h1'), '$default')).toEqual([
      { Name: 'ApiId', Value: 'h1' },
      { Name: 'Stage', Value: '$default' },
    ]);
  });
});

describe('dashboard widgets', async () => {
  const { WIDGETS, widgetQueries, widgetsFor } = await import('./dashboard-widgets.js');
  it('gives each API type its charts', () => {
    expect(widgetsFor('REST').map((w) => w.id)).toEqual(['requests', 'latency', 'integration', 'errors', 'errorrate']);
    expect(widgetsFor('HTTP').map((w) => w.id)).toEqual(['requests', 'latency', 'integration', 'errors', 'errorrate']);
    expect(widgetsFor('WEBSOCKET').map((w) => w.id)).toEqual(['connections', 'messages', 'integration', 'wserrors', 'wserrorrate']);
  });

  it('computes error rates by metric math over the widget’s own hidden queries', () => {
    const w = WIDGETS.find((x) => x.id === 'errorrate')!;
    const qs = widgetQueries(w, 'HTTP', [{ Name: 'ApiId', Value: 'a1' }, { Name: 'Stage', Value: 'prod' }], 60);
    expect(qs.map((q) => [q.Id, q.MetricStat?.Metric?.MetricName ?? q.Expression, q.ReturnData])).toEqual([
      ['errorrate_cnt', 'Count', false],
      ['errorrate_c4', '4xx', false],
      ['errorrate_c5', '5xx', false],
      ['errorrate_r4', '100*(FILL(errorrate_c4,0)/errorrate_cnt)', true],
      ['errorrate_r5', '100*(FILL(errorrate_c5,0)/errorrate_cnt)', true],
    ]);
    const ws = widgetQueries(WIDGETS.find((x) => x.id === 'wserrorrate')!, 'WEBSOCKET', [], 300);
    expect(ws.find((q) => q.Id === 'wserrorrate_rc')!.Expression).toBe('100*(FILL(wserrorrate_ce,0)/(FILL(wserrorrate_cc,0)+FILL(wserrorrate_mc,0)))');
    const all = widgetsFor('REST').flatMap((x) => widgetQueries(x, 'REST', [], 60)).map((q) => q.Id!);
    expect(new Set(all).size).toBe(all.length);
  });
});
