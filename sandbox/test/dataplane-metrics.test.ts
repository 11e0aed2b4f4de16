import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogGroupCommand, FilterLogEventsCommand, PutMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { clientConfig } from './support/sandbox.js';
import { credentialsForPolicy } from './support/roles.js';
import { setBackends } from '../src/dataplane/backends.js';
import { burst, count, keyInPlan, lambdaUri, restApi, startDataPlaneEnv, total, type DataPlaneEnv } from './support/dataplane.js';

/**
 * Every request becomes CloudWatch datapoints in AWS/ApiGateway with AWS's dimensions, read back through the
 * real GetMetricData; access logs become log events, and a metric filter on `$.status = 429` counts exactly
 * the throttled calls.
 */
let env: DataPlaneEnv;

beforeAll(async () => {
  env = await startDataPlaneEnv('empty');
});
afterAll(async () => {
  await env.close();
});

describe('REST API metrics', () => {
  let stageDims: Record<string, string>;

  beforeAll(async () => {
    const api = await restApi(env, 'Metrics REST', {
      '/ok': [{ method: 'GET', integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://ok.example.com' } }],
      '/fail': [{ method: 'GET', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('fail') } }],
      '/limited': [{ method: 'GET' }],
    });
    setBackends(env.sandbox.state, api.id, { default: { latencyMs: { p50: 100, p99: 400 } }, routes: { 'GET /fail': { errorRate: 1 } } });
    await env.v1.send(
      new UpdateStageCommand({
        restApiId: api.id,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
          { op: 'replace', path: '/~1limited/GET/throttling/rateLimit', value: '0' },
          { op: 'replace', path: '/~1limited/GET/throttling/burstLimit', value: '2' },
        ],
      }),
    );
    stageDims = { ApiName: 'Metrics REST', Stage: 'prod' };
    await burst(env, 40, api.id, '/prod/ok');
    await burst(env, 5, api.id, '/prod/fail');
    expect(count(await burst(env, 6, api.id, '/prod/limited'), 429)).toBe(4);
    await burst(env, 3, api.id, '/prod/missing');
  });

  it('counts every request, 4XX (429s and 403s inside) and 5XX by ApiName and Stage, and by ApiName', async () => {
    expect(await total(env, 'Count', stageDims)).toBe(54);
    expect(await total(env, 'Count', stageDims, 'SampleCount')).toBe(54);
    expect(await total(env, '4XXError', stageDims)).toBe(7);
    expect(await total(env, '5XXError', stageDims)).toBe(5);
    expect(await total(env, '4XXError', stageDims, 'Average')).toBeCloseTo(7 / 54, 6);
    expect(await total(env, 'Count', { ApiName: 'Metrics REST' })).toBe(54);
    // AWS publishes no 429 metric.
    const names = await env.cw.send(new ListMetricsCommand({ Namespace: 'AWS/ApiGateway', Dimensions: [{ Name: 'ApiName', Value: 'Metrics REST' }, { Name: 'Stage', Value: 'prod' }] }));
    expect(new Set(names.Metrics!.map((m) => m.MetricName))).toEqual(new Set(['Count', '4XXError', '5XXError', 'Latency', 'IntegrationLatency']));
  });

  it('records per method under ApiName, Method, Resource, Stage when detailed metrics are on', async () => {
    const ok = { ApiName: 'Metrics REST', Method: 'GET', Resource: '/ok', Stage: 'prod' };
    expect(await total(env, 'Count', ok)).toBe(40);
    expect(await total(env, '4XXError', { ...ok, Resource: '/limited' })).toBe(4);
    const p50 = await total(env, 'IntegrationLatency', ok, 'p50');
    const p99 = await total(env, 'IntegrationLatency', ok, 'p99');
    const latency50 = await total(env, 'Latency', ok, 'p50');
    // Drawn from a log-normal with median 100 ms and p99 400 ms: 40 draws put the median well inside this.
    expect(p50).toBeGreaterThan(65);
    expect(p50).toBeLessThan(150);
    expect(p99).toBeGreaterThan(p50);
    expect(latency50).toBeGreaterThan(p50);
    const gap = (await total(env, 'Latency', ok, 'Average')) - (await total(env, 'IntegrationLatency', ok, 'Average'));
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(60);
  });
});

describe('REST stage cache', () => {
  it('answers cached GETs within the TTL without the integration, counting CacheHitCount and CacheMissCount', async () => {
    const api = await restApi(env, 'Cached', { '/items': [{ method: 'GET', integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://items.example.com' } }] });
    await env.v1.send(
      new UpdateStageCommand({
        restApiId: api.id,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
          { op: 'replace', path: '/~1items/GET/caching/enabled', value: 'true' },
          { op: 'replace', path: '/~1items/GET/caching/ttlInSeconds', value: '60' },
        ],
      }),
    );
    expect((await env.call(api.id, '/prod/items')).json).toMatchObject({ ok: true });
    expect((await env.call(api.id, '/prod/items')).json).toMatchObject({ cached: true });
    expect((await env.call(api.id, '/prod/items?page=2')).json).toMatchObject({ ok: true });
    env.advance(61_000);
    expect((await env.call(api.id, '/prod/items')).json).toMatchObject({ ok: true });
    const dims = { ApiName: 'Cached', Stage: 'prod' };
    expect(await total(env, 'CacheHitCount', dims)).toBe(1);
    expect(await total(env, 'CacheMissCount', dims)).toBe(3);
    expect(await total(env, 'IntegrationLatency', dims, 'SampleCount')).toBe(3);
  });
});

describe('HTTP API metrics', () => {
  it('counts Count, 4xx, 5xx, latencies and DataProcessed by ApiId and Stage, and by ApiId', async () => {
    const apiId = (await env.v2.send(new CreateApiCommand({ Name: 'metrics-http', ProtocolType: 'HTTP' }))).ApiId!;
    const ok = (await env.v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'ANY', IntegrationUri: 'https://ok.example.com' }))).IntegrationId;
    const bad = (await env.v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:123456789012:function:bad', PayloadFormatVersion: '2.0' }))).IntegrationId;
    await env.v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /ok', Target: `integrations/${ok}` }));
    await env.v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'POST /bad', Target: `integrations/${bad}` }));
    await env.v2.send(new CreateStageCommand({ ApiId: apiId, StageName: 'live', AutoDeploy: true, DefaultRouteSettings: { DetailedMetricsEnabled: true } }));
    setBackends(env.sandbox.state, apiId, { routes: { 'POST /bad': { errorRate: 1 } } });
    await burst(env, 10, apiId, '/live/ok');
    await burst(env, 3, apiId, '/live/bad', { method: 'POST' });
    await burst(env, 2, apiId, '/live/nowhere');
    const dims = { ApiId: apiId, Stage: 'live' };
    expect(await total(env, 'Count', dims)).toBe(15);
    expect(await total(env, '4xx', dims)).toBe(2);
    expect(await total(env, '5xx', dims)).toBe(3);
    expect(await total(env, 'Count', { ApiId: apiId })).toBe(15);
    expect(await total(env, 'IntegrationLatency', dims, 'SampleCount')).toBe(13);
    expect(await total(env, 'DataProcessed', dims)).toBeGreaterThan(15 * 20);
    expect(await total(env, 'Count', { ApiId: apiId, Method: 'GET', Resource: '/ok', Stage: 'live' })).toBe(10);
  });
});

describe('WebSocket API metrics', () => {
  it('counts ConnectCount, MessageCount and ClientError by ApiId and Stage', async () => {
    const apiId = (await env.v2.send(new CreateApiCommand({ Name: 'metrics-ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId!;
    const fn = (await env.v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:123456789012:function:chat' }))).IntegrationId;
    for (const key of ['$connect', 'send']) await env.v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key, Target: `integrations/${fn}` }));
    await env.v2.send(new CreateStageCommand({ ApiId: apiId, StageName: 'live', AutoDeploy: true }));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await env.call(apiId, '/live/@connections', { method: 'POST' })).json.connectionId);
    for (const id of ids) for (let i = 0; i < 4; i++) await env.call(apiId, `/live/@connections/${id}`, { method: 'POST', body: '{"action":"send"}' });
    await env.call(apiId, `/live/@connections/${ids[0]}`, { method: 'POST', body: '{"action":"unrouted"}' });
    const dims = { ApiId: apiId, Stage: 'live' };
    expect(await total(env, 'ConnectCount', dims)).toBe(3);
    expect(await total(env, 'MessageCount', dims)).toBe(13);
    expect(await total(env, 'ClientError', dims)).toBe(1);
    expect(await total(env, 'IntegrationError', dims)).toBe(0);
    expect(await total(env, 'IntegrationLatency', dims, 'SampleCount')).toBe(15);
    expect(await total(env, 'MessageCount', { ApiId: apiId })).toBe(13);
  });
});

describe('access logs', () => {
  it('write one JSON event per request, and a metric filter on $.status = 429 counts exactly the throttled calls', async () => {
    (env.sandbox.state.services.apigateway as { account?: object }).account = { cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs' };
    const api = await restApi(env, 'logged', { '/orders': [{ method: 'GET', apiKeyRequired: true }] });
    const key = await keyInPlan(env, api.id, 'prod', { throttle: { rateLimit: 1, burstLimit: 4 } });
    const group = '/aws/apigateway/logged-prod';
    await env.logs.send(new CreateLogGroupCommand({ logGroupName: group }));
    const format = JSON.stringify({
      requestId: '$context.requestId',
      ip: '$context.identity.sourceIp',
      requestTime: '$context.requestTime',
      httpMethod: '$context.httpMethod',
      resourcePath: '$context.resourcePath',
      status: '$context.status',
      apiKeyId: '$context.identity.apiKeyId',
      responseLatency: '$context.responseLatency',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
    });
    await env.v1.send(
      new UpdateStageCommand({
        restApiId: api.id,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/accessLogSettings/destinationArn', value: `arn:aws:logs:us-east-1:123456789012:log-group:${group}` },
          { op: 'replace', path: '/accessLogSettings/format', value: format },
        ],
      }),
    );
    await env.logs.send(
      new PutMetricFilterCommand({
        logGroupName: group,
        filterName: 'throttled',
        filterPattern: '{ $.status = 429 }',
        metricTransformations: [{ metricName: 'Throttled', metricNamespace: 'Gateway/Logged', metricValue: '1' }],
      }),
    );
    await env.logs.send(
      new PutMetricFilterCommand({
        logGroupName: group,
        filterName: 'throttled-by-key',
        filterPattern: '{ $.status = 429 }',
        metricTransformations: [{ metricName: 'ThrottledByKey', metricNamespace: 'Gateway/Logged', metricValue: '1', dimensions: { ApiKeyId: '$.apiKeyId' } }],
      }),
    );
    const statuses = [...(await burst(env, 10, api.id, '/prod/orders', { headers: { 'x-api-key': key.value } })), ...(await burst(env, 2, api.id, '/prod/orders'))];
    env.advance(2_000);
    statuses.push(...(await burst(env, 5, api.id, '/prod/orders', { headers: { 'x-api-key': key.value } })));
    const throttled = count(statuses, 429);
    expect(throttled).toBe(6 + 3);

    // The console's roles do not read log events; a reader made up for the test does.
    const reader = new CloudWatchLogsClient(clientConfig(env.sandbox, credentialsForPolicy(env.sandbox, 'log-reader', [['logs:FilterLogEvents']])));
    const events = await reader.send(new FilterLogEventsCommand({ logGroupName: group }));
    expect(events.events).toHaveLength(17);
    const first = JSON.parse(events.events![0]!.message!);
    expect(first).toMatchObject({ ip: '127.0.0.1', httpMethod: 'GET', resourcePath: '/orders', apiKeyId: key.keyId, protocol: 'HTTP/1.1' });
    expect(first.requestTime).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(JSON.parse(events.events!.find((e) => JSON.parse(e.message!).status === '403')!.message!).apiKeyId).toBe('-');

    expect(await total(env, 'Throttled', {}, 'Sum', 'Gateway/Logged')).toBe(throttled);
    expect(await total(env, 'ThrottledByKey', { ApiKeyId: key.keyId }, 'Sum', 'Gateway/Logged')).toBe(throttled);
    expect(await total(env, '4XXError', { ApiName: 'logged', Stage: 'prod' })).toBe(throttled + 2);
  });
});
