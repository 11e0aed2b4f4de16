import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIGatewayClient, GetRestApisCommand, GetUsageCommand, GetUsagePlansCommand, GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Sandbox } from '../src/server.js';
import { TrafficGenerator } from '../src/dataplane/traffic.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';
import { credentialsForPolicy } from './support/roles.js';

/**
 * The demo profile opens with a day of traffic played through the data plane in fast-forward. The clock is
 * fixed (a Wednesday, 16:00 UTC) so the seeded day is the same on every run.
 */
const NOW = new Date('2026-11-18T16:00:00Z');
const HOUR = 3_600_000;
let sandbox: Sandbox;
let v1: APIGatewayClient;
let v2: ApiGatewayV2Client;
let cw: CloudWatchClient;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sandbox = await startTestSandbox('demo', { config: { now: () => NOW } });
  const config = { ...clientConfig(sandbox, credentialsFor(sandbox, 'viewer')), systemClockOffset: NOW.getTime() - Date.now() };
  v1 = new APIGatewayClient(config);
  v2 = new ApiGatewayV2Client(config);
  cw = new CloudWatchClient(config);
  for (const a of (await v1.send(new GetRestApisCommand({ limit: 500 }))).items!) ids[a.name!] = a.id!;
  for (const a of (await v2.send(new GetApisCommand({}))).Items!) ids[a.Name!] = a.ApiId!;
});
afterAll(async () => {
  await sandbox.close();
});

async function hourly(series: { name: string; metric: string; dims: Record<string, string>; stat?: string }[]): Promise<Record<string, number[]>> {
  const queries: MetricDataQuery[] = series.map((s, i) => ({
    Id: `q${i}`,
    Label: s.name,
    MetricStat: {
      Metric: { Namespace: 'AWS/ApiGateway', MetricName: s.metric, Dimensions: Object.entries(s.dims).map(([Name, Value]) => ({ Name, Value })) },
      Period: 3600,
      Stat: s.stat ?? 'Sum',
    },
  }));
  const out = await cw.send(new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(NOW.getTime() - 24 * HOUR), EndTime: NOW, ScanBy: 'TimestampAscending' }));
  return Object.fromEntries(out.MetricDataResults!.map((r) => [r.Label!, r.Values!]));
}

describe('the demo history', () => {
  it('is bounded work: tens of thousands of requests, a couple a second at the busiest hour', async () => {
    const rest = ['Pet Store', 'Payments', 'Partner Orders API', 'Internal Health'].map((name) => ({ name, metric: 'Count', dims: { ApiName: name } }));
    const http = ['Checkout HTTP API', 'Inventory HTTP API'].map((name) => ({ name, metric: 'Count', dims: { ApiId: ids[name]! } }));
    const ws = ['ConnectCount', 'MessageCount'].map((metric) => ({ name: metric, metric, dims: { ApiId: ids['Live Chat']! } }));
    const v = await hourly([...rest, ...http, ...ws]);
    const perHour = Array.from({ length: 24 }, (_, h) => Object.values(v).reduce((a, series) => a + (series[h] ?? 0), 0));
    const day = perHour.reduce((a, b) => a + b, 0);
    expect(day).toBeGreaterThan(20_000);
    expect(day).toBeLessThan(100_000);
    expect(Math.max(...perHour) / 3600).toBeLessThan(3);
  });

  it('has Count datapoints for every hour of the last day on every demo API with traffic', async () => {
    const values = await hourly([
      { name: 'Pet Store', metric: 'Count', dims: { ApiName: 'Pet Store', Stage: 'prod' } },
      { name: 'Payments', metric: 'Count', dims: { ApiName: 'Payments', Stage: 'prod' } },
      { name: 'Partner Orders API', metric: 'Count', dims: { ApiName: 'Partner Orders API', Stage: 'prod' } },
      { name: 'Internal Health', metric: 'Count', dims: { ApiName: 'Internal Health', Stage: 'prod' } },
      { name: 'Checkout HTTP API', metric: 'Count', dims: { ApiId: ids['Checkout HTTP API']!, Stage: 'prod' } },
      { name: 'Inventory HTTP API', metric: 'Count', dims: { ApiId: ids['Inventory HTTP API']!, Stage: '$default' } },
      { name: 'Live Chat', metric: 'MessageCount', dims: { ApiId: ids['Live Chat']!, Stage: 'production' } },
    ]);
    for (const [name, v] of Object.entries(values)) {
      expect(v.length, name).toBe(24);
      expect(v.every((x) => x > 0), name).toBe(true);
    }
    // Real-shaped: the afternoon peak is busier than the night.
    const pet = values['Pet Store']!;
    expect(Math.max(...pet)).toBeGreaterThan(2.5 * Math.min(...pet));
  });

  it('shows the story: 429s from the trial partner and the iOS clean-up, 403s from a disabled key, 5xx from Payments', async () => {
    const v = await hourly([
      { name: 'staging 4xx', metric: '4XXError', dims: { ApiName: 'Partner Orders API', Stage: 'staging' } },
      { name: 'payments 5xx', metric: '5XXError', dims: { ApiName: 'Payments', Stage: 'prod' } },
      { name: 'flash sale', metric: '4xx', dims: { ApiId: ids['Checkout HTTP API']!, Stage: 'prod', Method: 'POST', Resource: '/orders' } },
      { name: 'pet latency p99', metric: 'Latency', dims: { ApiName: 'Pet Store', Stage: 'prod' }, stat: 'p99' },
      { name: 'pet latency p50', metric: 'Latency', dims: { ApiName: 'Pet Store', Stage: 'prod' }, stat: 'p50' },
    ]);
    const sum = (k: string) => v[k]!.reduce((a, b) => a + b, 0);
    expect(sum('staging 4xx')).toBeGreaterThan(500);
    expect(sum('payments 5xx')).toBeGreaterThan(0);
    // The flash sale at 19:30 UTC: 160 orders against a 100 burst.
    expect(sum('flash sale')).toBeGreaterThanOrEqual(40);
    expect(Math.min(...v['pet latency p99']!)).toBeGreaterThan(Math.max(...v['pet latency p50']!));

    const reader = new CloudWatchLogsClient({ ...clientConfig(sandbox, credentialsForPolicy(sandbox, 'reader', [['logs:FilterLogEvents']])), systemClockOffset: NOW.getTime() - Date.now() });
    const throttled = await reader.send(new FilterLogEventsCommand({ logGroupName: '/aws/apigateway/pet-store/prod', filterPattern: '{ $.status = 429 }', limit: 100 }));
    expect(throttled.events!.length).toBeGreaterThan(0);
    expect(JSON.parse(throttled.events![0]!.message!)).toMatchObject({ httpMethod: 'DELETE', resourcePath: '/pets/{petId}', status: '429' });
  });

  it('counts the day in the usage plans: the trial partner used its whole daily quota yesterday', async () => {
    const keys = (await v1.send(new GetApiKeysCommand({ limit: 500 }))).items!;
    const plans = (await v1.send(new GetUsagePlansCommand({ limit: 500 }))).items!;
    const key = (name: string) => keys.find((k) => k.name === name)!.id!;
    const plan = (name: string) => plans.find((p) => p.name === name)!.id!;
    const usage = await v1.send(new GetUsageCommand({ usagePlanId: plan('Partner Basic'), keyId: key('partner-umbrella-trial'), startDate: '2026-11-17', endDate: '2026-11-18' }));
    const [yesterday, today] = usage.items![key('partner-umbrella-trial')]!;
    expect(yesterday).toEqual([10_000, 0]);
    expect(today![0]).toBeGreaterThan(3_000);
    const gold = await v1.send(new GetUsageCommand({ usagePlanId: plan('Partner Gold'), startDate: '2026-11-18', endDate: '2026-11-18' }));
    expect(gold.items![key('partner-acme-2026')]![0]![0]).toBeGreaterThan(2_000);
    // The disabled key's calls are refused, so nothing counts.
    const basic = await v1.send(new GetUsageCommand({ usagePlanId: plan('Partner Basic'), keyId: key('partner-initech-2025'), startDate: '2026-11-17', endDate: '2026-11-18' }));
    expect(basic.items![key('partner-initech-2025')]!.map(([used]) => used)).toEqual([0, 0]);
  });

  it('keeps going live through the same data plane', async () => {
    const before = await hourly([{ name: 'count', metric: 'Count', dims: { ApiName: 'Pet Store', Stage: 'prod' } }]);
    const generator = new TrafficGenerator(sandbox.dataplane, sandbox.state, Math.random);
    const sent = generator.run(NOW.getTime() - 120_000, 60_000, false);
    expect(sent).toBeGreaterThan(10);
    const after = await hourly([{ name: 'count', metric: 'Count', dims: { ApiName: 'Pet Store', Stage: 'prod' } }]);
    const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
    expect(sum(after['count']!)).toBeGreaterThan(sum(before['count']!));
  });
});
