import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetRestApisCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Sandbox } from '../../../../sandbox/src/server.js';
import { clientConfig, credentialsFor, startTestSandbox } from '../../../../sandbox/test/support/sandbox.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID } from '../../../../sandbox/src/seed/ids.js';
import type { ConsoleConfig } from '../../../aws/config.js';
import { setCredentialProvider } from '../../../aws/credentials.js';
import type { Api } from '../../../domain/api.js';
import { fromRestApi } from '../../../domain/api.js';
import { fleetQueries, fleetTargets } from '../../../domain/health.js';
import { minimumCalls } from '../../../domain/metric-batch.js';
import { assessTracking } from '../../../domain/throttle-tracking.js';
import { fetchFleetMetrics } from './fleet-metrics.js';
import { fetchApiMetrics } from './api-metrics.js';
import { fetchMetricData } from './get-metric-data.js';
import { fetchTrackingSnapshot, type TrackedStage } from './throttle-tracking.js';
import { applyTrackingSetup } from './setup-throttle-tracking.js';
import { fetchThrottledMetrics } from './throttled-metrics.js';

// The dashboards' AWS calls against a running demo sandbox, whose data plane played a day of traffic at start.
let sandbox: Sandbox;
let config: ConsoleConfig;
let admin: APIGatewayClient;

function actAs(group: 'admin' | 'operator' | 'viewer') {
  const creds = credentialsFor(sandbox, group);
  setCredentialProvider(() => Promise.resolve(creds));
}

beforeAll(async () => {
  sandbox = await startTestSandbox('demo');
  config = { region: 'us-east-1', userPoolId: DEMO_USER_POOL_ID, userPoolClientId: DEMO_USER_POOL_CLIENT_ID, identityPoolId: DEMO_IDENTITY_POOL_ID, endpoint: sandbox.url };
  admin = new APIGatewayClient(clientConfig(sandbox, credentialsFor(sandbox, 'admin')));
});
afterAll(() => sandbox.close());

async function restApis(): Promise<Api[]> {
  const out = await admin.send(new GetRestApisCommand({ limit: 500 }));
  return (out.items ?? []).map((a) => fromRestApi(a, 'us-east-1'));
}

describe('GetMetricData', () => {
  it('reads the fleet in one call and finds the demo traffic', async () => {
    actAs('viewer');
    const apis = await restApis();
    const fleet = await fetchFleetMetrics(config, apis, { kind: 'relative', preset: '1h' });
    expect(fleet.calls).toBe(1);
    expect(fleet.queries).toBe(4 * apis.length);
    const pet = fleet.rows.find((r) => r.api.name === 'Pet Store')!;
    expect(pet.requests).toBeGreaterThan(0);
    expect(pet.p99).toBeGreaterThan(0);
    expect(pet.spark.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(pet.requests!);
  });

  it('takes ceil(queries / 500) calls however many APIs, never one per API', async () => {
    actAs('viewer');
    const many: Api[] = Array.from({ length: 260 }, (_, i) => ({ id: `zz${String(i).padStart(8, '0')}`, name: `n${i}`, type: i % 3 === 0 ? 'WEBSOCKET' : 'HTTP', endpoint: '', executeApiDisabled: false }));
    const queries = fleetQueries(fleetTargets(many), 60, 3660).flat().length;
    const fleet = await fetchFleetMetrics(config, many, { kind: 'relative', preset: '1h' });
    expect(fleet.queries).toBe(queries);
    expect(fleet.calls).toBe(minimumCalls(queries));
    expect(fleet.calls).toBe(3);
  });

  it('follows NextToken pages and joins them into the same series', async () => {
    actAs('viewer');
    const pet = (await restApis()).find((a) => a.name === 'Pet Store')!;
    const groups = fleetQueries(fleetTargets([pet]), 60, 3660);
    const start = new Date(Date.now() - 3600_000);
    const end = new Date();
    const whole = await fetchMetricData(config, { groups, start, end });
    const paged = await fetchMetricData(config, { groups, start, end, maxDatapoints: 25 });
    expect(whole.calls).toBe(1);
    expect(paged.calls).toBeGreaterThan(2);
    for (const [id, s] of whole.series) expect(paged.series.get(id)?.values).toEqual(s.values);
  });

  it('answers every widget of a stage dashboard, error rates by metric math', async () => {
    actAs('viewer');
    const pet = (await restApis()).find((a) => a.name === 'Pet Store')!;
    const m = await fetchApiMetrics(config, pet, 'prod', { kind: 'relative', preset: '3h' });
    expect(m.calls).toBe(1);
    expect(m.period).toBe(60);
    const count = m.series.get('requests_cnt')!;
    expect(count.values.length).toBeGreaterThan(100);
    expect(m.series.get('latency_p99')!.values.length).toBeGreaterThan(0);
    expect(m.series.has('errorrate_cnt')).toBe(false);
    const rate = m.series.get('errorrate_r4')!;
    const e4 = m.series.get('errors_c4')!;
    // The rate is 100 × 4XXError / Count, period by period.
    const i = e4.values.findIndex((v) => v > 0);
    if (i >= 0) {
      const t = e4.timestamps[i]!;
      const c = count.values[count.timestamps.indexOf(t)]!;
      expect(rate.values[rate.timestamps.indexOf(t)]).toBeCloseTo((100 * e4.values[i]!) / c, 6);
    }
  });
});

describe('429 counting', () => {
  let stage: TrackedStage;
  let keyValue: string;
  let keyId: string;

  beforeAll(async () => {
    // A REST API of its own: one GET behind an API key, in a usage plan allowing 1 request/s.
    const api = await admin.send(new CreateRestApiCommand({ name: 'Throttled API' }));
    await admin.send(new PutMethodCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
    await admin.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', type: 'MOCK' }));
    await admin.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'live' }));
    const key = await admin.send(new CreateApiKeyCommand({ name: 'throttled-partner', enabled: true }));
    const plan = await admin.send(new CreateUsagePlanCommand({ name: 'one-per-second', throttle: { rateLimit: 1, burstLimit: 1 }, apiStages: [{ apiId: api.id!, stage: 'live' }] }));
    await admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id!, keyId: key.id!, keyType: 'API_KEY' }));
    stage = { kind: 'rest', apiType: 'REST', apiId: api.id!, stageName: 'live', region: 'us-east-1' };
    keyValue = key.value!;
    keyId = key.id!;
  });

  it('lets a viewer see what is missing, and AWS refuses the viewer’s setup', async () => {
    actAs('viewer');
    const a = assessTracking(stage, await fetchTrackingSnapshot(config, stage));
    expect(a.counting).toBe(false);
    expect(a.checks[0]!.state).toBe('missing');
    expect(a.plan!.calls.map((c) => c.operation)).toEqual(['CreateLogGroup', 'UpdateStage', 'PutMetricFilter', 'PutMetricFilter']);
    await expect(applyTrackingSetup(config, stage, a.plan!)).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });

  it('refuses to apply when the stage changed since the preview, sending nothing', async () => {
    actAs('operator');
    const a = assessTracking(stage, await fetchTrackingSnapshot(config, stage));
    await admin.send(
      new UpdateStageCommand({
        restApiId: stage.apiId,
        stageName: 'live',
        patchOperations: [
          { op: 'replace', path: '/accessLogSettings/destinationArn', value: 'arn:aws:logs:us-east-1:123456789012:log-group:someone-else' },
          { op: 'replace', path: '/accessLogSettings/format', value: '$context.requestId $context.status' },
        ],
      }),
    );
    const out = await applyTrackingSetup(config, stage, a.plan!);
    expect(out.kind).toBe('drift');
    const logs = new CloudWatchLogsClient(clientConfig(sandbox, credentialsFor(sandbox, 'admin')));
    const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/apigateway/access-logs/' }));
    expect(groups.logGroups?.some((g) => g.logGroupName!.includes(stage.apiId))).toBe(false);
    // Back to no access logging for the next test.
    await admin.send(new UpdateStageCommand({ restApiId: stage.apiId, stageName: 'live', patchOperations: [{ op: 'remove', path: '/accessLogSettings' }] }));
  });

  it('sets up logging and both filters, then counts 429s in total and per key', async () => {
    actAs('operator');
    const a = assessTracking(stage, await fetchTrackingSnapshot(config, stage));
    const out = await applyTrackingSetup(config, stage, a.plan!);
    expect(out.kind).toBe('applied');
    if (out.kind !== 'applied') return;
    expect(out.after.counting).toBe(true);
    expect(out.after.plan).toBeUndefined();
    expect(out.after.checks.every((c) => c.state === 'ok')).toBe(true);

    const logs = new CloudWatchLogsClient(clientConfig(sandbox, credentialsFor(sandbox, 'admin')));
    const groupName = a.plan!.logGroupName;
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: groupName }))).logGroups?.map((g) => g.logGroupName)).toEqual([groupName]);
    const filters = await logs.send(new DescribeMetricFiltersCommand({ logGroupName: groupName }));
    expect(filters.metricFilters?.map((f) => f.filterPattern).sort()).toEqual(['{ $.status = 429 && $.apiKeyId != "-" }', '{ $.status = 429 }']);
    const s = await admin.send(new GetStageCommand({ restApiId: stage.apiId, stageName: 'live' }));
    expect(s.accessLogSettings?.destinationArn).toBe(a.plan!.destinationArn);
    expect(JSON.parse(s.accessLogSettings!.format!)).toMatchObject({ status: '$context.status', apiKeyId: '$context.identity.apiKeyId', apiId: '$context.apiId', stage: '$context.stage' });

    // Ten requests at once against 1 request/s, burst 1: all but the first are throttled.
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await fetch(`${sandbox.url}/_invoke/${stage.apiId}/live/`, { headers: { 'x-api-key': keyValue } })).status);
    const throttled = statuses.filter((x) => x === 429).length;
    expect(throttled).toBeGreaterThanOrEqual(8);

    const m = await fetchThrottledMetrics(config, out.after.total!, out.after.perKey, { kind: 'relative', preset: '1h' });
    expect(m.total.total).toBe(throttled);
    expect(m.perKey.map((k) => [k.keyId, k.total])).toEqual([[keyId, throttled]]);
  });
});
