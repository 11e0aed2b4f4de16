import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type GetMetricDataCommandInput,
  type GetMetricDataCommandOutput,
  ListMetricsCommand,
  type MetricDataQuery,
  type MetricDatum,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import type { Sandbox } from '../src/server.js';
import { cloudwatchState, type MetricAlarmRecord } from '../src/services/cloudwatch/state.js';
import { recordDatapoints } from '../src/services/cloudwatch/store.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';
import { credentialsForPolicy } from './support/roles.js';
import { recording } from './apigateway-helpers.js';

let sandbox: Sandbox;
/** A role that may publish (the console's roles only read metrics). */
let writer: CloudWatchClient;
let admin: CloudWatchClient;
let viewer: CloudWatchClient;

beforeAll(async () => {
  sandbox = await startTestSandbox('empty');
  writer = new CloudWatchClient(clientConfig(sandbox, credentialsForPolicy(sandbox, 'metrics-writer', [['cloudwatch:*']])));
  admin = new CloudWatchClient(clientConfig(sandbox, credentialsFor(sandbox, 'admin')));
  viewer = new CloudWatchClient(clientConfig(sandbox, credentialsFor(sandbox, 'viewer')));
});
afterAll(() => sandbox.close());

let seq = 0;
const uniqueNamespace = () => `test/ns-${++seq}`;

interface ErrorShape {
  name: string;
  message: string;
  status?: number;
  code?: string;
}

async function failure(p: Promise<unknown>): Promise<ErrorShape> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number }; Error?: { Code?: string } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode, code: err.Error?.Code };
  }
  throw new Error('expected the call to fail');
}

/** The recorded json-variant response of one LocalStack/AWS test. */
const recorded = (test: string, entry: string) => recording('test_cloudwatch', test, entry);

/** A recorded error as the SDK reports it: Query code (x-amzn-query-error), message, status. */
function recordedError(test: string, entry: string): { code: string; message: string; status: number } {
  const r = recorded(test, entry) as { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };
  return { code: r.Error.Code, message: r.Error.Message, status: r.ResponseMetadata.HTTPStatusCode };
}

type RecordedResult = { Id: string; Label: string; StatusCode: string; Values: number[]; Messages?: unknown[] };

/** Compares GetMetricData results with a recording: ids, labels (unless a placeholder), status, values, messages. */
function expectResultsLike(out: GetMetricDataCommandOutput, rec: Record<string, unknown>): void {
  const want = rec.MetricDataResults as RecordedResult[];
  const got = out.MetricDataResults!.map((r, i) => ({
    Id: /^<.*>$/.test(want[i]?.Id ?? '') ? want[i]!.Id : r.Id,
    Label: /^<.*>$/.test(want[i]?.Label ?? '') ? want[i]!.Label : r.Label,
    StatusCode: r.StatusCode,
    Values: r.Values,
    ...(r.Messages ? { Messages: r.Messages } : {}),
  }));
  expect(got).toEqual(want.map(({ Id, Label, StatusCode, Values, Messages }) => ({ Id, Label, StatusCode, Values, ...(Messages ? { Messages } : {}) })));
  for (const r of out.MetricDataResults!) expect(r.Timestamps!.length).toBe(r.Values!.length);
  expect(out.Messages).toEqual(rec.Messages);
}

const put = (Namespace: string, MetricData: MetricDatum[]) => writer.send(new PutMetricDataCommand({ Namespace, MetricData }));
const query = (input: Partial<GetMetricDataCommandInput> & Pick<GetMetricDataCommandInput, 'MetricDataQueries'>) =>
  admin.send(new GetMetricDataCommand({ StartTime: new Date(Date.now() - 60_000), EndTime: new Date(Date.now() + 60_000), ...input }));
const stat = (Id: string, Namespace: string, MetricName: string, Stat: string, Period = 60, extra: Partial<MetricDataQuery> = {}): MetricDataQuery => ({
  Id,
  MetricStat: { Metric: { Namespace, MetricName }, Period, Stat },
  ...extra,
});

/** The start of an hour between one and two hours ago: minute-aligned, recent enough for every period. */
const hourBase = () => Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3_600_000;

describe('PutMetricData and GetMetricData: statistics as recorded', () => {
  for (const s of ['Sum', 'SampleCount', 'Minimum', 'Maximum', 'Average']) {
    it(`${s} over a value and a statistic set`, async () => {
      const ns = uniqueNamespace();
      const now = new Date();
      await put(ns, [{ MetricName: 'metric1', Value: 11, Unit: 'Seconds', Timestamp: now }]);
      await put(ns, [{ MetricName: 'metric1', StatisticValues: { SampleCount: 10, Sum: 55, Minimum: 1, Maximum: 10 }, Unit: 'Seconds', Timestamp: now }]);
      const out = await query({ MetricDataQueries: [stat('result1', ns, 'metric1', s)] });
      expectResultsLike(out, recorded(`test_get_metric_data_stats[json-${s}]`, 'get_metric_data'));
    });
  }

  it('several metrics, each labelled with its name', async () => {
    const ns = uniqueNamespace();
    const now = new Date();
    await put(ns, [{ MetricName: 'metric1', Value: 50, Unit: 'Seconds', Timestamp: now }]);
    await put(ns, [{ MetricName: 'metric2', Value: 25, Unit: 'Seconds', Timestamp: now }]);
    await put(ns, [{ MetricName: 'metric3', StatisticValues: { SampleCount: 10, Sum: 55, Minimum: 1, Maximum: 10 }, Unit: 'Seconds', Timestamp: now }]);
    const out = await query({ MetricDataQueries: ['metric1', 'metric2', 'metric3'].map((m, i) => stat(`result${i + 1}`, ns, m, 'Sum')) });
    expectResultsLike(out, recorded('test_get_metric_data_for_multiple_metrics[json]', 'get_metric_data'));
  });

  it('a MetricStat matches exactly its dimensions', async () => {
    const ns = uniqueNamespace();
    const now = new Date();
    await put(ns, [{ MetricName: 'metric1', Value: 11, Unit: 'Seconds', Dimensions: [{ Name: 'InstanceId', Value: 'one' }], Timestamp: now }]);
    await put(ns, [{ MetricName: 'metric1', Value: 11, Unit: 'Seconds', Dimensions: [{ Name: 'InstanceId', Value: 'two' }], Timestamp: now }]);
    await put(ns, [{ MetricName: 'metric1', StatisticValues: { SampleCount: 10, Sum: 55, Minimum: 1, Maximum: 10 }, Unit: 'Seconds', Timestamp: now }]);
    const out = await query({
      MetricDataQueries: [{ Id: 'result1', MetricStat: { Metric: { Namespace: ns, MetricName: 'metric1', Dimensions: [{ Name: 'InstanceId', Value: 'one' }] }, Period: 60, Stat: 'Sum' } }],
    });
    expectResultsLike(out, recorded('test_get_metric_data_with_dimensions[json]', 'get_metric_data'));
  });

  it('labels name the statistic when the queries use several, and zero is a value', async () => {
    const ns = uniqueNamespace();
    await put(ns, [0, 2, 4, 3.5, 7, 100].map((Value) => ({ MetricName: 'metric1', Value, Unit: 'Seconds' })));
    const out = await query({ MetricDataQueries: ['Average', 'Sum', 'Minimum', 'Maximum'].map((s) => stat(`result_${s}`, ns, 'metric1', s)) });
    expectResultsLike(out, recorded('test_get_metric_data_with_zero_and_labels[json]', 'get_metric_data_with_zero_and_labels'));
  });

  const pairs: [string, number, string][][] = [
    [['Sum', 60, 'Seconds'], ['Minimum', 30, 'Seconds']],
    [['Sum', 60, 'Seconds'], ['Minimum', 60, 'Seconds']],
    [['Sum', 60, 'Seconds'], ['Sum', 30, 'Seconds']],
    [['Sum', 60, 'Seconds'], ['Minimum', 30, 'Milliseconds']],
    [['Sum', 60, 'Seconds'], ['Minimum', 60, 'Milliseconds']],
    [['Sum', 60, 'Seconds'], ['Sum', 30, 'Milliseconds']],
    [['Sum', 60, 'Seconds'], ['Sum', 60, 'Milliseconds']],
  ];
  pairs.forEach((input, n) => {
    it(`default labels add what differs: ${input.map((p) => p.join('/')).join(' + ')}`, async () => {
      const ns = uniqueNamespace();
      await put(ns, [0, 2, 7, 100].map((Value) => ({ MetricName: 'metric1', Value, Unit: 'Seconds' })));
      const out = await query({
        MetricDataQueries: input.map(([s, period, unit]) => ({
          Id: `result_${s}_${period}_${unit}`,
          MetricStat: { Metric: { Namespace: ns, MetricName: 'metric1' }, Period: period, Stat: s, Unit: unit as 'Seconds' },
        })),
      });
      expectResultsLike(out, recorded(`test_label_generation[json-input_pairs${n}]`, 'label_generation'));
    });
  });

  const mixed: MetricDatum[][] = [
    [{ MetricName: 'm-test', Value: 60000, Unit: 'Milliseconds' }, { MetricName: 'm-test', Value: 60, Unit: 'Seconds' }],
  ];
  mixed.push([...mixed[0]!, ...mixed[0]!], [...mixed[0]!, ...mixed[0]!, { MetricName: 'm-test', Value: 5, Unit: 'Count' }]);
  mixed.forEach((data, n) => {
    it(`without a Unit, one unit answers and MultipleUnits says which were there (case ${n})`, async () => {
      const ns = uniqueNamespace();
      const now = new Date();
      await put(ns, data.map((d) => ({ ...d, Timestamp: now })));
      const out = await admin.send(
        new GetMetricDataCommand({
          MetricDataQueries: [stat('m1', ns, 'm-test', 'Sum')],
          StartTime: now,
          EndTime: new Date(now.getTime() + 60_000),
          MaxDatapoints: 10,
        }),
      );
      expectResultsLike(out, recorded(`test_get_metric_data_different_units_no_unit_in_query[json-metric_data${n}]`, 'get_metric_data_with_no_unit_specified'));
    });
  });

  it('a Unit selects only the data published with it', async () => {
    const ns = uniqueNamespace();
    const now = new Date();
    await put(ns, [
      { MetricName: 'm-test', Value: 1, Unit: 'Seconds', Timestamp: now },
      { MetricName: 'm-test', Value: 5, Unit: 'Count', Timestamp: now },
      { MetricName: 'm-test', Value: 10, Timestamp: now },
    ]);
    const out = await query({
      MetricDataQueries: [{ Id: 'm1', MetricStat: { Metric: { Namespace: ns, MetricName: 'm-test' }, Period: 60, Stat: 'Sum', Unit: 'Seconds' } }],
    });
    expectResultsLike(out, recorded('test_get_metric_data_with_different_units[json]', 'get_metric_data_with_different_units'));
  });

  it('no data: an empty, complete result labelled with the metric name', async () => {
    const ns = uniqueNamespace();
    await put(ns, [{ MetricName: 'm', Value: 1 }]);
    await put(ns, [{ MetricName: 'dimmed', Value: 1, Unit: 'Seconds', Dimensions: [{ Name: 'foo', Value: 'bar' }] }]);
    const withDims = await query({
      MetricDataQueries: [{ Id: 'result', MetricStat: { Metric: { Namespace: ns, MetricName: 'm', Dimensions: [{ Name: 'foo', Value: 'bar' }] }, Period: 60, Stat: 'Sum' } }],
    });
    expectResultsLike(withDims, recorded('test_get_metric_with_no_results[json]', 'result'));
    expect(withDims.MetricDataResults![0]!.Label).toBe('m');
    const withoutDims = await query({
      MetricDataQueries: [{ Id: 'm1', MetricStat: { Metric: { Namespace: ns, MetricName: 'dimmed', Dimensions: [] }, Period: 60, Stat: 'Sum' } }],
    });
    expectResultsLike(withoutDims, { ...recorded('test_get_metric_with_null_dimensions[json]', 'get_metric_with_null_dimensions'), MetricDataResults: [{ Id: '<id:1>', Label: '<label:1>', StatusCode: 'Complete', Values: [] }] });
    const unknown = await query({ MetricDataQueries: [stat('x', uniqueNamespace(), 'never', 'p99')] });
    expect(unknown.MetricDataResults).toEqual([{ Id: 'x', Label: 'never', Timestamps: [], Values: [], StatusCode: 'Complete' }]);
  });

  it('Values with Counts weigh each value; the recorded statistics', async () => {
    const ns = uniqueNamespace();
    const now = new Date();
    await put(ns, [{ MetricName: 'test-metric', Timestamp: now, Values: [1, 10], Counts: [2, 4], Unit: 'Count' }]);
    const out = await query({ MetricDataQueries: ['SampleCount', 'Sum', 'Maximum'].map((s) => stat(s.toLowerCase(), ns, 'test-metric', s)) });
    // As GetMetricStatistics recorded: SampleCount 6, Sum 42, Maximum 10.
    expect(out.MetricDataResults!.map((r) => r.Values)).toEqual([[6], [42], [10]]);
  });
});

describe('percentiles and extended statistics', () => {
  it('nearest rank over one period, checked by hand', async () => {
    const ns = uniqueNamespace();
    const t = new Date(hourBase() + 15_000);
    // 1..100 in one minute, published in shuffled batches.
    const values = Array.from({ length: 100 }, (_, i) => i + 1).sort((a, b) => ((a * 37) % 101) - ((b * 37) % 101));
    for (let i = 0; i < values.length; i += 25) await put(ns, [{ MetricName: 'Latency', Values: values.slice(i, i + 25), Unit: 'Milliseconds', Timestamp: t }]);
    const stats = ['p0', 'p1', 'p50', 'p90', 'p99', 'p99.9', 'p100', 'p25.5', 'IQM', 'TM(10%:90%)', 'tm90', 'TC(10%:90%)', 'TS(:10)', 'WM(10%:90%)', 'PR(:50)', 'PR(90:)', 'TM(10:20)'];
    const out = await admin.send(
      new GetMetricDataCommand({
        MetricDataQueries: stats.map((s, i) => stat(`s${i}`, ns, 'Latency', s)),
        StartTime: new Date(hourBase()),
        EndTime: new Date(hourBase() + 60_000),
      }),
    );
    const got = Object.fromEntries(out.MetricDataResults!.map((r) => [stats[Number(r.Id!.slice(1))]!, r.Values![0]]));
    // pX = the smallest value with at least X% of the samples at or below it.
    expect(got).toEqual({
      p0: 1,
      p1: 1,
      p50: 50,
      p90: 90,
      p99: 99,
      'p99.9': 100,
      p100: 100,
      'p25.5': 26,
      // IQM = TM(25%:75%): values in (25, 75] -> 26..75, mean 50.5.
      IQM: 50.5,
      // (10, 90] -> 11..90: mean 50.5, count 80.
      'TM(10%:90%)': 50.5,
      // tm90 = TM(0%:90%): 1..90.
      tm90: 45.5,
      'TC(10%:90%)': 80,
      // Absolute upper bound 10: 1..10 -> 55.
      'TS(:10)': 55,
      // Winsorized to [10, 90]: 10*10 + (11..89) + 90*11 = 100 + 3950 + 990 = 5040 -> 50.4.
      'WM(10%:90%)': 50.4,
      'PR(:50)': 50,
      'PR(90:)': 10,
      'TM(10:20)': 15.5,
    });
    expect(out.MetricDataResults!.every((r) => r.Label === `Latency ${stats[Number(r.Id!.slice(1))]}`)).toBe(true);
  });

  it('weighted values: Values [10, 20, 30] with Counts [1, 2, 7]', async () => {
    const ns = uniqueNamespace();
    await put(ns, [{ MetricName: 'w', Values: [10, 20, 30], Counts: [1, 2, 7] }]);
    const stats = ['p10', 'p20', 'p30', 'p31', 'p50', 'IQM', 'TM(10%:90%)', 'PR(:20)'];
    const out = await query({ MetricDataQueries: stats.map((s, i) => stat(`s${i}`, ns, 'w', s)) });
    const got = out.MetricDataResults!.map((r) => r.Values![0]);
    // Cumulative weights 1, 3, 10 of 10: p10 -> 10, p20/p30 -> 20, p31 -> 30; IQM keeps (p25=20, p75=30] = the 30s.
    expect(got).toEqual([10, 20, 20, 30, 30, 30, (2 * 20 + 7 * 30) / 9, 30]);
  });

  it('percentiles over periods merge every minute in them', async () => {
    const ns = uniqueNamespace();
    const base = hourBase();
    // Minute k holds 10k+1 .. 10k+10: a 5-minute period holds 1..50.
    for (let k = 0; k < 10; k++) {
      await put(ns, [{ MetricName: 'L', Values: Array.from({ length: 10 }, (_, i) => 10 * k + i + 1), Timestamp: new Date(base + k * 60_000 + 5_000) }]);
    }
    const out = await admin.send(
      new GetMetricDataCommand({
        MetricDataQueries: [stat('p', ns, 'L', 'p90', 300)],
        StartTime: new Date(base),
        EndTime: new Date(base + 600_000),
        ScanBy: 'TimestampAscending',
      }),
    );
    expect(out.MetricDataResults![0]!.Values).toEqual([45, 95]);
  });

  it('large periods are close: 1..10000 in one minute, p99 within 0.5%', async () => {
    const ns = uniqueNamespace();
    const t = new Date(hourBase() + 5_000);
    for (let i = 0; i < 10_000; i += 150) {
      const Values = Array.from({ length: Math.min(150, 10_000 - i) }, (_, j) => i + j + 1);
      await put(ns, [{ MetricName: 'big', Values, Timestamp: t }]);
    }
    const out = await admin.send(
      new GetMetricDataCommand({
        MetricDataQueries: ['p50', 'p99', 'SampleCount', 'Sum', 'Minimum', 'Maximum'].map((s, i) => stat(`s${i}`, ns, 'big', s)),
        StartTime: new Date(hourBase()),
        EndTime: new Date(hourBase() + 60_000),
      }),
    );
    const [p50, p99, n, sum, min, max] = out.MetricDataResults!.map((r) => r.Values![0]!);
    expect(Math.abs(p50! - 5000) / 5000).toBeLessThan(0.005);
    expect(Math.abs(p99! - 9900) / 9900).toBeLessThan(0.005);
    expect([n, sum, min, max]).toEqual([10_000, 50_005_000, 1, 10_000]);
  });

  it('no percentile for statistic sets or negative values, as on AWS; basic statistics still', async () => {
    const ns = uniqueNamespace();
    await put(ns, [{ MetricName: 'set', StatisticValues: { SampleCount: 4, Sum: 10, Minimum: 1, Maximum: 4 } }]);
    await put(ns, [{ MetricName: 'neg', Values: [-1, 2, 3] }]);
    await put(ns, [{ MetricName: 'flat', StatisticValues: { SampleCount: 3, Sum: 6, Minimum: 2, Maximum: 2 } }]);
    const out = await query({
      MetricDataQueries: [stat('a', ns, 'set', 'p50'), stat('b', ns, 'neg', 'p50'), stat('c', ns, 'neg', 'Sum'), stat('d', ns, 'flat', 'p99')],
    });
    expect(out.MetricDataResults!.map((r) => r.Values)).toEqual([[], [], [4], [2]]);
  });
});

describe('periods, alignment and retention', () => {
  it('periods start at StartTime rounded down to the minute and step by Period', async () => {
    const ns = uniqueNamespace();
    const base = hourBase();
    await put(
      ns,
      Array.from({ length: 10 }, (_, i) => ({ MetricName: 'm', Value: i, Timestamp: new Date(base + i * 60_000 + 30_000) })),
    );
    const get = (startOffset: number, ScanBy?: 'TimestampAscending' | 'TimestampDescending') =>
      admin.send(
        new GetMetricDataCommand({
          MetricDataQueries: [stat('m', ns, 'm', 'Sum', 300)],
          StartTime: new Date(base + startOffset),
          EndTime: new Date(base + 600_000),
          ...(ScanBy ? { ScanBy } : {}),
        }),
      );
    const desc = (await get(10_000)).MetricDataResults![0]!;
    expect(desc.Timestamps!.map((d) => d.getTime())).toEqual([base + 300_000, base]);
    expect(desc.Values).toEqual([5 + 6 + 7 + 8 + 9, 0 + 1 + 2 + 3 + 4]);
    const asc = (await get(10_000, 'TimestampAscending')).MetricDataResults![0]!;
    expect(asc.Timestamps!.map((d) => d.getTime())).toEqual([base, base + 300_000]);
    // Starting at 01:10 rounds to 01:00 past the hour: periods [1,6) and [6,10).
    const shifted = (await get(70_000, 'TimestampAscending')).MetricDataResults![0]!;
    expect(shifted.Timestamps!.map((d) => d.getTime())).toEqual([base + 60_000, base + 360_000]);
    expect(shifted.Values).toEqual([1 + 2 + 3 + 4 + 5, 6 + 7 + 8 + 9]);
  });

  it('high-resolution data answers periods under a minute; standard data by the minute', async () => {
    const ns = uniqueNamespace();
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
    await put(ns, [
      { MetricName: 'hr', Value: 1, StorageResolution: 1, Timestamp: new Date(base + 1_000) },
      { MetricName: 'hr', Value: 2, StorageResolution: 1, Timestamp: new Date(base + 12_000) },
      { MetricName: 'hr', Value: 4, StorageResolution: 1, Timestamp: new Date(base + 41_000) },
      { MetricName: 'std', Value: 1, Timestamp: new Date(base + 1_000) },
      { MetricName: 'std', Value: 2, Timestamp: new Date(base + 41_000) },
    ]);
    const out = await admin.send(
      new GetMetricDataCommand({
        MetricDataQueries: [stat('hr10', ns, 'hr', 'Sum', 10), stat('hr60', ns, 'hr', 'Sum', 60), stat('std10', ns, 'std', 'Sum', 10)],
        StartTime: new Date(base),
        EndTime: new Date(base + 60_000),
        ScanBy: 'TimestampAscending',
      }),
    );
    const [hr10, hr60, std10] = out.MetricDataResults!;
    expect(hr10!.Timestamps!.map((d) => d.getTime() - base)).toEqual([0, 10_000, 40_000]);
    expect(hr10!.Values).toEqual([1, 2, 4]);
    expect(hr60!.Values).toEqual([7]);
    expect(std10!.Timestamps!.map((d) => d.getTime() - base)).toEqual([0]);
    expect(std10!.Values).toEqual([3]);
    expect(hr10!.Label).toBe('hr 10');
  });

  it('older data answers only periods its age allows (60 s under 15 days, 300 s to 63 days, 3600 s beyond)', async () => {
    const ns = 'AWS/SandboxTest';
    const day = 86_400_000;
    const t20 = Math.floor((Date.now() - 20 * day) / 3_600_000) * 3_600_000;
    const t70 = Math.floor((Date.now() - 70 * day) / 3_600_000) * 3_600_000;
    recordDatapoints(cloudwatchState(sandbox.state), ns, [
      { metricName: 'old', dimensions: {}, timestamp: new Date(t20 + 90_000), value: 3 },
      { metricName: 'old', dimensions: {}, timestamp: new Date(t20 + 150_000), value: 4 },
      { metricName: 'older', dimensions: {}, timestamp: new Date(t70 + 600_000), value: 5 },
    ]);
    const get = (name: string, period: number, from: number) =>
      admin
        .send(new GetMetricDataCommand({ MetricDataQueries: [stat('q', ns, name, 'Sum', period)], StartTime: new Date(from), EndTime: new Date(from + 3_600_000) }))
        .then((o) => o.MetricDataResults![0]!);
    expect((await get('old', 60, t20)).Values).toEqual([]);
    const five = await get('old', 300, t20);
    expect(five.Values).toEqual([7]);
    expect(five.Timestamps!.map((d) => d.getTime())).toEqual([t20]);
    expect((await get('older', 300, t70)).Values).toEqual([]);
    expect((await get('older', 3600, t70)).Values).toEqual([5]);
  });
});

describe('metric math', () => {
  async function trafficAndErrors(ns: string, base: number) {
    // Minute k: 10 requests, k of them errors (minute 3 has none recorded at all).
    const data: MetricDatum[] = [];
    for (let k = 0; k < 5; k++) {
      const Timestamp = new Date(base + k * 60_000 + 1_000);
      data.push({ MetricName: 'Count', Value: 10, Timestamp, Unit: 'Count' });
      if (k !== 3) data.push({ MetricName: '4XXError', Value: k, Timestamp, Unit: 'Count' });
    }
    await put(ns, data);
  }

  it('an error rate: 100*(m2/m1), with the metrics themselves not returned', async () => {
    const ns = uniqueNamespace();
    const base = hourBase();
    await trafficAndErrors(ns, base);
    const out = await admin.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          stat('m1', ns, 'Count', 'Sum', 60, { ReturnData: false }),
          stat('m2', ns, '4XXError', 'Sum', 60, { ReturnData: false }),
          { Id: 'e1', Expression: '100*(m2/m1)' },
          { Id: 'e2', Expression: '100 * FILL(m2, 0) / m1', Label: 'Error rate' },
          { Id: 'e3', Expression: 'SUM([m1, m2])' },
          { Id: 'e4', Expression: 'm2 / 0' },
          { Id: 'e5', Expression: 'IF(m2 > 1, m2, 0)' },
        ],
        StartTime: new Date(base),
        EndTime: new Date(base + 300_000),
        ScanBy: 'TimestampAscending',
      }),
    );
    const [e1, e2, e3, e4, e5] = out.MetricDataResults!;
    expect(out.MetricDataResults!.map((r) => [r.Id, r.Label])).toEqual([
      ['e1', 'e1'],
      ['e2', 'Error rate'],
      ['e3', 'e3'],
      ['e4', 'e4'],
      ['e5', 'e5'],
    ]);
    expect(e1!.Timestamps!.map((d) => (d.getTime() - base) / 60_000)).toEqual([0, 1, 2, 4]);
    expect(e1!.Values).toEqual([0, 10, 20, 40]);
    expect(e2!.Values).toEqual([0, 10, 20, 0, 40]);
    expect(e3!.Values).toEqual([10, 11, 12, 10, 14]);
    expect(e4!.Values).toEqual([]);
    expect(e5!.Values).toEqual([0, 0, 2, 4]);
    expect(out.MetricDataResults!.every((r) => r.StatusCode === 'Complete')).toBe(true);
  });

  it('METRICS() returns each metric, labelled as the metric', async () => {
    const ns = uniqueNamespace();
    const base = hourBase();
    await trafficAndErrors(ns, base);
    const out = await admin.send(
      new GetMetricDataCommand({
        MetricDataQueries: [stat('m1', ns, 'Count', 'Sum', 300, { ReturnData: false }), stat('m2', ns, '4XXError', 'Sum', 300, { ReturnData: false }), { Id: 'all', Expression: 'METRICS() * 2' }],
        StartTime: new Date(base),
        EndTime: new Date(base + 300_000),
      }),
    );
    expect(out.MetricDataResults!.map((r) => [r.Id, r.Label, r.Values])).toEqual([
      ['all', 'Count', [100]],
      ['all', '4XXError', [14]],
    ]);
  });

  it('refuses unknown ids, bad syntax, unknown functions and cycles', async () => {
    const ns = uniqueNamespace();
    const q = (Expression: string, extra: MetricDataQuery[] = []) => failure(query({ MetricDataQueries: [stat('m1', ns, 'x', 'Sum'), { Id: 'e1', Expression }, ...extra] }));
    for (const [expr, msg] of [
      ['m1 + m9', 'Error in expression e1: Unrecognized metric ID: m9'],
      ['m1 +', 'Error in expression e1: Unexpected end of expression'],
      ['NOPE(m1)', 'Error in expression e1: Unknown function NOPE'],
    ] as const) {
      expect(await q(expr)).toEqual({ name: 'InvalidParameterValueException', message: msg, status: 400, code: 'InvalidParameterValue' });
    }
    const cycle = await q('e2 + 1', [{ Id: 'e2', Expression: 'e1 * 2' }]);
    expect(cycle.message).toBe('Error in expression e1: Circular dependency on e1');
  });
});

describe('pagination', () => {
  it('pages by MaxDatapoints, newest first across queries, PartialData until each result is complete', async () => {
    const ns = uniqueNamespace();
    const base = hourBase();
    const data: MetricDatum[] = [];
    for (let k = 0; k < 10; k++) for (const m of ['a', 'b', 'c']) data.push({ MetricName: m, Value: k, Timestamp: new Date(base + k * 60_000) });
    await put(ns, data);
    const input = {
      MetricDataQueries: ['a', 'b', 'c'].map((m) => stat(m, ns, m, 'Sum')),
      StartTime: new Date(base),
      EndTime: new Date(base + 600_000),
      MaxDatapoints: 7,
    };
    const full = await admin.send(new GetMetricDataCommand({ ...input, MaxDatapoints: undefined }));
    expect(full.NextToken).toBeUndefined();
    const pages: GetMetricDataCommandOutput[] = [];
    let NextToken: string | undefined;
    do {
      const page = await admin.send(new GetMetricDataCommand({ ...input, NextToken }));
      pages.push(page);
      NextToken = page.NextToken;
    } while (NextToken);
    expect(pages.length).toBe(5);
    expect(pages.map((p) => p.MetricDataResults!.reduce((n, r) => n + r.Values!.length, 0))).toEqual([7, 7, 7, 7, 2]);
    // First page: minutes 9 and 8 for a, b, c, then minute 7 of a.
    expect(pages[0]!.MetricDataResults!.map((r) => [r.Id, r.Values, r.StatusCode])).toEqual([
      ['a', [9, 8, 7], 'PartialData'],
      ['b', [9, 8], 'PartialData'],
      ['c', [9, 8], 'PartialData'],
    ]);
    expect(pages[4]!.MetricDataResults!.map((r) => r.StatusCode)).toEqual(['Complete', 'Complete', 'Complete']);
    for (const id of ['a', 'b', 'c']) {
      const joined = pages.flatMap((p) => p.MetricDataResults!.find((r) => r.Id === id)!.Values!);
      expect(joined).toEqual(full.MetricDataResults!.find((r) => r.Id === id)!.Values);
    }
    const other = await failure(admin.send(new GetMetricDataCommand({ ...input, StartTime: new Date(base + 60_000), NextToken: pages[0]!.NextToken })));
    expect(other).toMatchObject({ name: 'InvalidNextToken', status: 400, code: 'InvalidNextToken' });
    expect((await failure(admin.send(new GetMetricDataCommand({ ...input, NextToken: 'garbage' })))).name).toBe('InvalidNextToken');
  });

  it('takes 500 queries in one call and refuses 501', async () => {
    const ns = uniqueNamespace();
    await put(ns, [{ MetricName: 'm', Value: 1 }]);
    const queries = (n: number) => Array.from({ length: n }, (_, i) => stat(`q${i}`, ns, 'm', 'Sum'));
    const ok = await query({ MetricDataQueries: queries(500) });
    expect(ok.MetricDataResults!.length).toBe(500);
    expect(ok.MetricDataResults!.every((r) => r.Values!.length === 1)).toBe(true);
    expect(await failure(query({ MetricDataQueries: queries(501) }))).toEqual({
      name: 'InvalidParameterValueException',
      message: 'The collection MetricDataQueries must not have a size greater than 500.',
      status: 400,
      code: 'InvalidParameterValue',
    });
  });
});

describe('validation', () => {
  it('PutMetricData: the recorded errors, with their Query codes', async () => {
    const ns = uniqueNamespace();
    const now = new Date();
    const test = 'test_put_metric_data_validation[json]';
    const cases: [MetricDatum, string][] = [
      [{ MetricName: 'mymetric', Timestamp: now, Value: 1.5, Values: [1, 10], Unit: 'Count' }, 'invalid-param-combination'],
      [{ MetricName: 'mymetric', Timestamp: now, Values: [1, 10], Counts: [2, 4, 5], Unit: 'Count' }, 'invalid-param-value'],
      [{ MetricName: 'mymetric', Timestamp: now, Value: 1.5, StatisticValues: { SampleCount: 10, Sum: 55, Minimum: 1, Maximum: 10 }, Unit: 'Count' }, 'invalid-param-combination-2'],
    ];
    for (const [datum, entry] of cases) {
      const err = await failure(put(ns, [datum]));
      const want = recordedError(test, entry);
      expect({ code: err.code, message: err.message, status: err.status }).toEqual(want);
      expect(err.name).toBe(want.code === 'InvalidParameterValue' ? 'InvalidParameterValueException' : 'InvalidParameterCombinationException');
    }
    // AWS accepts Values together with StatisticValues (recorded as a success).
    await put(ns, [{ MetricName: 'mymetric', Timestamp: now, Values: [1, 10], StatisticValues: { SampleCount: 10, Sum: 55, Minimum: 1, Maximum: 10 }, Unit: 'Count' }]);
  });

  it('PutMetricData: the AWS/ namespaces are AWS’s, and the other limits', async () => {
    const ns = uniqueNamespace();
    const err = await failure(put('AWS/ApiGateway', [{ MetricName: 'Count', Value: 1 }]));
    expect(err).toEqual({ name: 'InvalidParameterValueException', message: 'The value AWS/ for parameter Namespace is invalid.', status: 400, code: 'InvalidParameterValue' });
    const many = Array.from({ length: 1001 }, () => ({ MetricName: 'm', Value: 1 }));
    expect((await failure(put(ns, many))).message).toBe('The collection MetricData must not have a size greater than 1000.');
    expect((await failure(put(ns, []))).message).toBe('The parameter MetricData is required.');
    expect((await failure(put(ns, []))).name).toBe('MissingRequiredParameterException');
    const dims = Array.from({ length: 31 }, (_, i) => ({ Name: `d${i}`, Value: 'v' }));
    const tooMany = await failure(put(ns, [{ MetricName: 'm', Value: 1, Dimensions: dims }]));
    expect(tooMany).toMatchObject({ name: 'ValidationException', code: 'ValidationError', status: 400 });
    expect(tooMany.message).toMatch(/^1 validation error detected: Value '.*' at 'metricData\.1\.member\.dimensions' failed to satisfy constraint: Member must have length less than or equal to 30$/);
    expect((await failure(put(ns, [{ MetricName: 'm', Value: 2 ** 361 }]))).message).toBe(`The value ${2 ** 361} for parameter MetricData.member.1.Value is invalid.`);
    expect((await failure(put(ns, [{ MetricName: 'm', Value: NaN }]))).message).toBe('The value NaN for parameter MetricData.member.1.Value is invalid.');
    expect((await failure(put(ns, [{ MetricName: 'm', Value: 1, Timestamp: new Date(Date.now() - 15 * 86_400_000) }]))).message).toBe(
      'The parameter MetricData.member.1.Timestamp must specify a time within the past two weeks.',
    );
    expect((await failure(put(ns, [{ MetricName: 'm', Value: 1, StorageResolution: 5 }]))).message).toBe('The value 5 for parameter MetricData.member.1.StorageResolution is invalid.');
    const unit = await failure(put(ns, [{ MetricName: 'm', Value: 1, Unit: 'Parsecs' as 'Count' }]));
    expect(unit.message).toBe(
      "1 validation error detected: Value 'Parsecs' at 'metricData.1.member.unit' failed to satisfy constraint: Member must satisfy enum value set: [Megabits, Terabits, Gigabits, Count, Bytes, Gigabytes, Gigabytes/Second, Kilobytes, Kilobits/Second, Terabytes, Terabits/Second, Bytes/Second, Percent, Megabytes, Megabits/Second, Milliseconds, Microseconds, Kilobytes/Second, Gigabits/Second, Megabytes/Second, Bits, Bits/Second, Count/Second, Seconds, Kilobits, Terabytes/Second, None]",
    );
    const missingName = await failure(put(ns, [{ Value: 1 } as MetricDatum]));
    expect(missingName.message).toBe("1 validation error detected: Value null at 'metricData.1.member.metricName' failed to satisfy constraint: Member must not be null");
  });

  it('GetMetricData: times, periods, statistics and ids', async () => {
    const ns = uniqueNamespace();
    const now = Date.now();
    const one = (q: MetricDataQuery, extra: Partial<GetMetricDataCommandInput> = {}) => failure(query({ MetricDataQueries: [q], ...extra }));
    // The recorded StartTime/EndTime message (GetMetricStatistics', the same rule).
    const times = await one(stat('m', ns, 'x', 'Sum'), { StartTime: new Date(now), EndTime: new Date(now) });
    expect({ code: times.code, message: times.message, status: times.status }).toEqual(recordedError('test_invalid_amount_of_datapoints[json]', 'error-invalid-time-frame'));
    expect((await one(stat('m', ns, 'x', 'Sum', 45))).message).toBe('The parameter MetricDataQueries.member.1.MetricStat.Period must be 1, 5, 10, 20, 30, or a multiple of 60.');
    expect((await one(stat('m', ns, 'x', 'p101'))).message).toBe('The value p101 for parameter MetricDataQueries.member.1.MetricStat.Stat is invalid.');
    expect((await one(stat('M1', ns, 'x', 'Sum'))).message).toBe('The value M1 for parameter MetricDataQueries.member.1.Id is invalid.');
    const both = await one({ ...stat('m', ns, 'x', 'Sum'), Expression: 'm' });
    expect(both).toMatchObject({ name: 'InvalidParameterCombinationException', code: 'InvalidParameterCombination' });
    const scan = await one(stat('m', ns, 'x', 'Sum'), { ScanBy: 'Sideways' as 'TimestampAscending' });
    expect(scan.message).toBe("1 validation error detected: Value 'Sideways' at 'scanBy' failed to satisfy constraint: Member must satisfy enum value set: [TimestampDescending, TimestampAscending]");
    const noPeriod = await one({ Id: 'm', MetricStat: { Metric: { Namespace: ns, MetricName: 'x' }, Stat: 'Sum' } as never });
    expect(noPeriod.message).toBe("1 validation error detected: Value null at 'metricDataQueries.1.member.metricStat.period' failed to satisfy constraint: Member must not be null");
  });
});

describe('ListMetrics', () => {
  it('filters by namespace, name and dimensions as recorded in LocalStack’s validated test', async () => {
    const ns = uniqueNamespace();
    await put(ns, [{ MetricName: 'CPUUtilization', Value: 15 }]);
    await put(ns, [{ MetricName: 'MemoryUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'one' }], Value: 30 }]);
    await put(ns, [{ MetricName: 'DiskReadOps', Dimensions: [{ Name: 'InstanceId', Value: 'two' }], Value: 15 }]);
    await put(ns, [{ MetricName: 'DiskWriteOps', Dimensions: [{ Name: 'InstanceId', Value: 'two' }], StatisticValues: { Maximum: 1, Minimum: 1, SampleCount: 1, Sum: 1 } }]);
    await put(ns, [{ MetricName: 'DiskWriteOps', Dimensions: [{ Name: 'InstanceId', Value: 'two' }], Value: 3 }]);
    const list = (input: Omit<ConstructorParameters<typeof ListMetricsCommand>[0], 'Namespace'> = {}) =>
      viewer.send(new ListMetricsCommand({ Namespace: ns, ...input })).then((o) => o.Metrics!);
    expect((await list()).length).toBe(4);
    expect((await list({ MetricName: 'CPUUtilization' })).length).toBe(1);
    expect((await list({ Dimensions: [{ Name: 'InstanceId' }] })).length).toBe(3);
    expect(await list({ Dimensions: [{ Name: 'InstanceId', Value: 'two' }] })).toEqual([
      { Namespace: ns, MetricName: 'DiskReadOps', Dimensions: [{ Name: 'InstanceId', Value: 'two' }] },
      { Namespace: ns, MetricName: 'DiskWriteOps', Dimensions: [{ Name: 'InstanceId', Value: 'two' }] },
    ]);
    expect((await list({ RecentlyActive: 'PT3H' })).length).toBe(4);
  });

  it('lists dimensions sorted by name, as recorded', async () => {
    const ns = uniqueNamespace();
    const dims = [
      { Name: 'uri', Value: '/greetings' },
      { Name: 'status', Value: '200' },
      { Name: 'method', Value: 'GET' },
      { Name: 'outcome', Value: 'SUCCESS' },
      { Name: 'exception', Value: 'none' },
      { Name: 'error', Value: 'none' },
    ];
    for (const Value of [1, 5, 3]) await put(ns, [{ MetricName: 'http.server.requests.count', Dimensions: dims, Value, Unit: 'Count' }]);
    const listed = await viewer.send(new ListMetricsCommand({ Namespace: ns }));
    const rec = recorded('test_multiple_dimensions_statistics[json]', 'list-metrics') as { Metrics: { Dimensions: unknown; MetricName: string }[] };
    expect(listed.Metrics).toEqual([{ ...rec.Metrics[0], Namespace: ns }]);
    const max = await query({ MetricDataQueries: [{ Id: 'result1', MetricStat: { Metric: { Namespace: ns, MetricName: 'http.server.requests.count', Dimensions: dims }, Period: 60, Stat: 'Maximum' } }] });
    expectResultsLike(max, recorded('test_multiple_dimensions_statistics[json]', 'get-metric-stats-max'));
  });

  it('pages 500 metrics at a time', async () => {
    const ns = 'AWS/ListTest';
    recordDatapoints(
      cloudwatchState(sandbox.state),
      ns,
      Array.from({ length: 1200 }, (_, i) => ({ metricName: 'Count', dimensions: { ApiName: `api-${String(i).padStart(4, '0')}` }, timestamp: new Date(), value: 1 })),
    );
    const pages: number[] = [];
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const out = await viewer.send(new ListMetricsCommand({ Namespace: ns, NextToken }));
      pages.push(out.Metrics!.length);
      names.push(...out.Metrics!.map((m) => m.Dimensions![0]!.Value!));
      NextToken = out.NextToken;
    } while (NextToken);
    expect(pages).toEqual([500, 500, 200]);
    expect(new Set(names).size).toBe(1200);
    expect(names).toEqual([...names].sort());
    expect((await failure(viewer.send(new ListMetricsCommand({ NextToken: 'nope' })))).name).toBe('InvalidNextToken');
  });
});

describe('DescribeAlarms', () => {
  it('answers empty lists when there are no alarms, as recorded', async () => {
    const out = await viewer.send(new DescribeAlarmsCommand({}));
    const rec = recorded('test_basic_operations_multiple_protocols[json]', 'describe-alarms');
    expect({ CompositeAlarms: out.CompositeAlarms, LogAlarms: out.LogAlarms, MetricAlarms: out.MetricAlarms }).toEqual(rec);
  });

  it('filters seeded alarms by state and name and pages them; the recorded enum error', async () => {
    const cw = cloudwatchState(sandbox.state);
    const at = Date.now() / 1000;
    const alarm = (name: string, StateValue: MetricAlarmRecord['StateValue']): MetricAlarmRecord => ({
      AlarmName: name,
      AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`,
      AlarmConfigurationUpdatedTimestamp: at,
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      StateValue,
      StateReason: 'Unchecked: Initial alarm creation',
      StateUpdatedTimestamp: at,
      StateTransitionedTimestamp: at,
      MetricName: '5XXError',
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Sum',
      Dimensions: [],
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 30,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    cw.alarms.push(alarm('b-high-errors', 'ALARM'), alarm('a-latency', 'OK'), alarm('c-quiet', 'INSUFFICIENT_DATA'));
    try {
      const all = await viewer.send(new DescribeAlarmsCommand({}));
      expect(all.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['a-latency', 'b-high-errors', 'c-quiet']);
      expect(all.MetricAlarms![0]!.StateUpdatedTimestamp).toBeInstanceOf(Date);
      const alarming = await viewer.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }));
      expect(alarming.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['b-high-errors']);
      expect((await viewer.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'c-' }))).MetricAlarms!.length).toBe(1);
      expect((await viewer.send(new DescribeAlarmsCommand({ AlarmTypes: ['CompositeAlarm'] }))).MetricAlarms).toEqual([]);
      const first = await viewer.send(new DescribeAlarmsCommand({ MaxRecords: 2 }));
      expect(first.MetricAlarms!.length).toBe(2);
      const second = await viewer.send(new DescribeAlarmsCommand({ MaxRecords: 2, NextToken: first.NextToken }));
      expect(second.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['c-quiet']);
      expect(second.NextToken).toBeUndefined();
      const bad = await failure(viewer.send(new DescribeAlarmsCommand({ StateValue: 'INVALID' as 'OK' })));
      const rec = recordedError('test_set_alarm_invalid_input[json]', 'error-invalid-state');
      expect({ code: bad.code, message: bad.message, status: bad.status }).toEqual(rec);
    } finally {
      cw.alarms.length = 0;
    }
  });
});

describe('IAM and transport', () => {
  it('the viewer reads metrics and alarms but may not publish', async () => {
    const denied = await failure(viewer.send(new PutMetricDataCommand({ Namespace: 'x', MetricData: [{ MetricName: 'm', Value: 1 }] })));
    expect(denied).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
      message:
        'User: arn:aws:sts::123456789012:assumed-role/gateway-console-viewer/CognitoIdentityCredentials is not authorized to perform: cloudwatch:PutMetricData on resource: * because no identity-based policy allows the cloudwatch:PutMetricData action',
    });
    await viewer.send(new GetMetricDataCommand({ MetricDataQueries: [stat('m', 'x', 'm', 'Sum')], StartTime: new Date(Date.now() - 60_000), EndTime: new Date() }));
  });

  it('DescribeAlarms is authorized on the alarm ARN pattern', async () => {
    const onlyMetrics = new CloudWatchClient(
      clientConfig(sandbox, credentialsForPolicy(sandbox, 'metrics-only', [{ Effect: 'Allow', Action: ['cloudwatch:GetMetricData'], Resource: '*' }])),
    );
    const err = await failure(onlyMetrics.send(new DescribeAlarmsCommand({})));
    expect(err.message).toContain('cloudwatch:DescribeAlarms on resource: arn:aws:cloudwatch:us-east-1:123456789012:alarm:*');
  });

  it('a large PutMetricData travels gzipped, as the SDK sends it', async () => {
    const ns = uniqueNamespace();
    const data = Array.from({ length: 1000 }, (_, i) => ({ MetricName: 'bulk', Value: i, Dimensions: [{ Name: 'Shard', Value: `s${i % 4}` }] }));
    await put(ns, data);
    const out = await query({
      MetricDataQueries: ['s0', 's1', 's2', 's3'].map((s, i) => ({ Id: `q${i}`, MetricStat: { Metric: { Namespace: ns, MetricName: 'bulk', Dimensions: [{ Name: 'Shard', Value: s }] }, Period: 60, Stat: 'SampleCount' } })),
    });
    expect(out.MetricDataResults!.map((r) => r.Values)).toEqual([[250], [250], [250], [250]]);
  });
});

describe('in-process datapoints', () => {
  it('recordDatapoints writes AWS/ namespaces the API may not, readable with GetMetricData', async () => {
    const base = hourBase();
    const dims = { ApiName: 'pets', Stage: 'prod' };
    recordDatapoints(cloudwatchState(sandbox.state), 'AWS/ApiGateway', [
      { metricName: 'Count', dimensions: dims, timestamp: new Date(base + 1_000), value: 1, unit: 'Count' },
      { metricName: 'Count', dimensions: dims, timestamp: new Date(base + 2_000), value: 1, unit: 'Count' },
      { metricName: 'Latency', dimensions: dims, timestamp: new Date(base + 1_000), value: 120, unit: 'Milliseconds' },
      { metricName: 'Latency', dimensions: dims, timestamp: new Date(base + 2_000), value: 80, unit: 'Milliseconds' },
    ]);
    const out = await admin.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          { Id: 'count', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: [{ Name: 'Stage', Value: 'prod' }, { Name: 'ApiName', Value: 'pets' }] }, Period: 60, Stat: 'Sum' } },
          { Id: 'p99', MetricStat: { Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Latency', Dimensions: [{ Name: 'ApiName', Value: 'pets' }, { Name: 'Stage', Value: 'prod' }] }, Period: 60, Stat: 'p99' } },
        ],
        StartTime: new Date(base),
        EndTime: new Date(base + 60_000),
      }),
    );
    expect(out.MetricDataResults!.map((r) => [r.Label, r.Values])).toEqual([
      ['Count Sum', [2]],
      ['Latency p99', [120]],
    ]);
  });
});

describe('persistence', () => {
  it('metrics survive a restart with a state file', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startSandbox } = await import('../src/server.js');
    const dir = mkdtempSync(join(tmpdir(), 'sandbox-cw-'));
    try {
      const file = join(dir, 'state.json');
      const first = await startTestSandbox('empty', { dataFile: file });
      const w = new CloudWatchClient(clientConfig(first, credentialsForPolicy(first, 'metrics-writer', [['cloudwatch:*']])));
      const t = new Date(hourBase() + 30_000);
      await w.send(new PutMetricDataCommand({ Namespace: 'Keep', MetricData: [{ MetricName: 'm', Values: [1, 2, 3, 4], Timestamp: t }] }));
      await first.close();
      const second = await startSandbox({ dataFile: file });
      try {
        const r = new CloudWatchClient(clientConfig(second, credentialsForPolicy(second, 'metrics-reader', [['cloudwatch:GetMetricData']])));
        const out = await r.send(
          new GetMetricDataCommand({
            MetricDataQueries: [stat('s', 'Keep', 'm', 'Sum'), stat('p', 'Keep', 'm', 'p50')],
            StartTime: new Date(hourBase()),
            EndTime: new Date(hourBase() + 60_000),
          }),
        );
        expect(out.MetricDataResults!.map((x) => x.Values)).toEqual([[10], [2]]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
