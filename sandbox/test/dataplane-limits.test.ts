import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetUsageCommand, UpdateApiKeyCommand, UpdateStageCommand, UpdateUsageCommand } from '@aws-sdk/client-api-gateway';
import { CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand, UpdateStageCommand as UpdateV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setBackends } from '../src/dataplane/backends.js';
import { loadState } from '../src/core/state.js';
import type { ApiGatewayState } from '../src/services/apigateway/store/types.js';
import { burst, count, keyInPlan, lambdaUri, restApi, startDataPlaneEnv, type DataPlaneEnv } from './support/dataplane.js';

/**
 * What the data plane enforces: API keys on methods that require them, usage-plan throttles and quotas,
 * stage/method and route throttles (token buckets that refill with the sandbox clock), and what a failing
 * integration answers. The clock stands still unless a test moves it, so a burst is one instant.
 */
let env: DataPlaneEnv;
const today = () => env.now().toISOString().slice(0, 10);

beforeAll(async () => {
  env = await startDataPlaneEnv('empty');
});
afterAll(async () => {
  await env.close();
});

describe('API keys', () => {
  let apiId: string;
  let key: { keyId: string; value: string; planId: string };

  beforeAll(async () => {
    apiId = (await restApi(env, 'keys', { '/orders': [{ method: 'GET', apiKeyRequired: true }, { method: 'POST' }] })).id;
    key = await keyInPlan(env, apiId, 'prod');
  });

  it('refuses a key-required method without a key, with an unknown key, or with a key of no plan for the stage', async () => {
    const other = await restApi(env, 'other', { '/x': [{ method: 'GET' }] });
    const outsider = await keyInPlan(env, other.id, 'prod');
    for (const headers of [{}, { 'x-api-key': 'not-a-key-of-this-account-000' }, { 'x-api-key': outsider.value }] as Record<string, string>[]) {
      const r = await env.call(apiId, '/prod/orders', { headers });
      expect(r.status).toBe(403);
      expect(r.json).toEqual({ message: 'Forbidden' });
      expect(r.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    }
  });

  it('serves a valid key, and refuses it once disabled; methods without the requirement ignore keys', async () => {
    expect((await env.call(apiId, '/prod/orders', { headers: { 'x-api-key': key.value } })).status).toBe(200);
    await env.v1.send(new UpdateApiKeyCommand({ apiKey: key.keyId, patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }));
    const r = await env.call(apiId, '/prod/orders', { headers: { 'x-api-key': key.value } });
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ message: 'Forbidden' });
    expect((await env.call(apiId, '/prod/orders', { method: 'POST' })).status).toBe(200);
    await env.v1.send(new UpdateApiKeyCommand({ apiKey: key.keyId, patchOperations: [{ op: 'replace', path: '/enabled', value: 'true' }] }));
  });

  it('counts the key\'s calls in the plan, and GetUsage shows them', async () => {
    const before = await env.v1.send(new GetUsageCommand({ usagePlanId: key.planId, keyId: key.keyId, startDate: today(), endDate: today() }));
    const used = before.items?.[key.keyId]?.[0]?.[0] ?? 0;
    await burst(env, 4, apiId, '/prod/orders', { headers: { 'x-api-key': key.value } });
    // Methods that do not require a key count nothing, even when one is sent.
    await env.call(apiId, '/prod/orders', { method: 'POST', headers: { 'x-api-key': key.value } });
    const after = await env.v1.send(new GetUsageCommand({ usagePlanId: key.planId, keyId: key.keyId, startDate: today(), endDate: today() }));
    expect(after.items![key.keyId]![0]![0]).toBe(used + 4);
  });
});

describe('usage plans', () => {
  it('throttle a key at the plan\'s rate: a burst beyond the bucket gets 429 Too Many Requests', async () => {
    const api = await restApi(env, 'plan-throttle', { '/items': [{ method: 'GET', apiKeyRequired: true }] });
    const key = await keyInPlan(env, api.id, 'prod', { throttle: { rateLimit: 2, burstLimit: 5 } });
    const headers = { 'x-api-key': key.value };
    const first = await burst(env, 12, api.id, '/prod/items', { headers });
    expect(count(first, 200)).toBe(5);
    expect(count(first, 429)).toBe(7);
    const refused = await env.call(api.id, '/prod/items', { headers });
    expect(refused.json).toEqual({ message: 'Too Many Requests' });
    expect(refused.headers.get('x-amzn-errortype')).toBe('TooManyRequestsException');
    // Three seconds at 2 requests a second refill 5 tokens at most (the burst).
    env.advance(3_000);
    expect(count(await burst(env, 12, api.id, '/prod/items', { headers }), 200)).toBe(5);
    env.advance(1_000);
    expect(count(await burst(env, 12, api.id, '/prod/items', { headers }), 200)).toBe(2);
    // Each key of the plan has a bucket of its own.
    const second = await env.v1.send(new CreateApiKeyCommand({ name: 'second', enabled: true }));
    await env.v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: key.planId, keyId: second.id!, keyType: 'API_KEY' }));
    expect(count(await burst(env, 12, api.id, '/prod/items', { headers: { 'x-api-key': second.value! } }), 200)).toBe(5);
    expect(count(await burst(env, 3, api.id, '/prod/items', { headers }), 200)).toBe(0);
  });

  it('apply per-method throttles inside the plan', async () => {
    const api = await restApi(env, 'plan-methods', { '/items': [{ method: 'GET', apiKeyRequired: true }, { method: 'POST', apiKeyRequired: true }] });
    const key = await keyInPlan(env, api.id, 'prod', { throttle: { rateLimit: 100, burstLimit: 100 }, methodThrottle: { '/items/POST': { rateLimit: 1, burstLimit: 2 } } });
    const headers = { 'x-api-key': key.value };
    expect(count(await burst(env, 6, api.id, '/prod/items', { method: 'POST', headers }), 200)).toBe(2);
    expect(count(await burst(env, 6, api.id, '/prod/items', { headers }), 200)).toBe(6);
  });

  it('stop a key at its quota with 429 Limit Exceeded until UpdateUsage grants more', async () => {
    const api = await restApi(env, 'plan-quota', { '/items': [{ method: 'GET', apiKeyRequired: true }] });
    const key = await keyInPlan(env, api.id, 'prod', { quota: { limit: 10, period: 'DAY' } });
    const headers = { 'x-api-key': key.value };
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await env.call(api.id, '/prod/items', { headers })).status);
    expect(statuses).toEqual([...Array(10).fill(200), 429, 429, 429]);
    const over = await env.call(api.id, '/prod/items', { headers });
    expect(over.json).toEqual({ message: 'Limit Exceeded' });
    expect(over.headers.get('x-amzn-errortype')).toBe('LimitExceededException');

    const usage = await env.v1.send(new GetUsageCommand({ usagePlanId: key.planId, keyId: key.keyId, startDate: today(), endDate: today() }));
    expect(usage.items![key.keyId]).toEqual([[10, 0]]);

    await env.v1.send(new UpdateUsageCommand({ usagePlanId: key.planId, keyId: key.keyId, patchOperations: [{ op: 'replace', path: '/remaining', value: '3' }] }));
    expect(count(await burst(env, 5, api.id, '/prod/items', { headers }), 200)).toBe(3);
    // A new day is a new period.
    env.advance(86_400_000);
    expect((await env.call(api.id, '/prod/items', { headers })).status).toBe(200);
  });
});

describe('stage and method throttles (REST)', () => {
  it('apply the stage\'s */* to each method, a method\'s own setting over it, and 0 blocks everything', async () => {
    const api = await restApi(env, 'stage-throttle', { '/a': [{ method: 'GET' }], '/b': [{ method: 'GET' }] });
    await env.v1.send(
      new UpdateStageCommand({
        restApiId: api.id,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/*/*/throttling/rateLimit', value: '1' },
          { op: 'replace', path: '/*/*/throttling/burstLimit', value: '3' },
          { op: 'replace', path: '/~1b/GET/throttling/rateLimit', value: '0' },
          { op: 'replace', path: '/~1b/GET/throttling/burstLimit', value: '0' },
        ],
      }),
    );
    const a = await burst(env, 8, api.id, '/prod/a');
    expect(count(a, 200)).toBe(3);
    expect(count(a, 429)).toBe(5);
    const b = await burst(env, 5, api.id, '/prod/b');
    expect(count(b, 429)).toBe(5);
    env.advance(60_000);
    expect(count(await burst(env, 5, api.id, '/prod/b'), 429)).toBe(5);
    // -1 switches a method's throttling off (the account's limit remains).
    await env.v1.send(
      new UpdateStageCommand({
        restApiId: api.id,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/~1b/GET/throttling/rateLimit', value: '-1' },
          { op: 'replace', path: '/~1b/GET/throttling/burstLimit', value: '-1' },
        ],
      }),
    );
    expect(count(await burst(env, 20, api.id, '/prod/b'), 200)).toBe(20);
  });
});

describe('route throttles (HTTP)', () => {
  it('apply default route settings per route, a route\'s own over them, and 0 blocks everything', async () => {
    const apiId = (await env.v2.send(new CreateApiCommand({ Name: 'route-throttle', ProtocolType: 'HTTP' }))).ApiId!;
    const target = `integrations/${
      (await env.v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'ANY', IntegrationUri: 'https://example.com' }))).IntegrationId
    }`;
    await env.v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a', Target: target }));
    await env.v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /b', Target: target }));
    await env.v2.send(
      new CreateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 1, ThrottlingBurstLimit: 4 },
        RouteSettings: { 'GET /b': { ThrottlingRateLimit: 0, ThrottlingBurstLimit: 0 } },
      }),
    );
    const a = await burst(env, 10, apiId, '/prod/a');
    expect(count(a, 200)).toBe(4);
    expect(count(a, 429)).toBe(6);
    const refused = await env.call(apiId, '/prod/a');
    expect(refused.json).toEqual({ message: 'Too Many Requests' });
    expect(count(await burst(env, 3, apiId, '/prod/b'), 429)).toBe(3);
    env.advance(2_000);
    expect(count(await burst(env, 10, apiId, '/prod/a'), 200)).toBe(2);
    await env.v2.send(new UpdateV2StageCommand({ ApiId: apiId, StageName: 'prod', DefaultRouteSettings: { ThrottlingRateLimit: 0, ThrottlingBurstLimit: 0 } }));
    expect(count(await burst(env, 3, apiId, '/prod/a'), 429)).toBe(3);
  });
});

describe('failing integrations', () => {
  it('answer 502 for a failing Lambda proxy and pass an HTTP backend\'s error through (REST)', async () => {
    const api = await restApi(env, 'failing', {
      '/fn': [{ method: 'GET', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('broken') } }],
      '/http': [{ method: 'GET', integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://down.example.com' } }],
      '/ok': [{ method: 'GET', integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://up.example.com' } }],
    });
    setBackends(env.sandbox.state, api.id, { default: { errorRate: 1, errorStatus: 503 }, routes: { 'GET /ok': { errorRate: 0 } } });
    const fn = await env.call(api.id, '/prod/fn');
    expect(fn.status).toBe(502);
    expect(fn.json).toEqual({ message: 'Internal server error' });
    expect(fn.headers.get('x-amzn-errortype')).toBe('InternalServerErrorException');
    const http = await env.call(api.id, '/prod/http');
    expect(http.status).toBe(503);
    expect((await env.call(api.id, '/prod/ok')).status).toBe(200);
  });

  it('answer 504 when the backend outlives the integration timeout (REST)', async () => {
    const api = await restApi(env, 'slow', { '/slow': [{ method: 'GET', integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'https://slow.example.com', timeoutInMillis: 1000 } }] });
    setBackends(env.sandbox.state, api.id, { default: { latencyMs: { p50: 5000, p99: 6000 } } });
    const r = await env.call(api.id, '/prod/slow');
    expect(r.status).toBe(504);
    expect(r.json).toEqual({ message: 'Endpoint request timed out' });
  });

  it('answer 500 Internal Server Error for a failing Lambda (HTTP API)', async () => {
    const apiId = (await env.v2.send(new CreateApiCommand({ Name: 'failing-http', ProtocolType: 'HTTP', Target: 'arn:aws:lambda:us-east-1:123456789012:function:broken' }))).ApiId!;
    setBackends(env.sandbox.state, apiId, { default: { errorRate: 1 } });
    const r = await env.call(apiId, '/anything');
    expect(r.status).toBe(500);
    expect(r.json).toEqual({ message: 'Internal Server Error' });
  });

  it('fail now and then during a recurring incident', async () => {
    const api = await restApi(env, 'incidents', { '/pay': [{ method: 'POST', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('pay') } }] });
    const minute = Math.floor(env.now().getTime() / 60_000) % 1440;
    // An incident now (every 60 minutes, 5 minutes long, all calls failing); none 10 minutes later.
    setBackends(env.sandbox.state, api.id, { default: { incidents: { everyMinutes: 60, atMinute: minute % 60, minutes: 5, errorRate: 1 } } });
    expect((await env.call(api.id, '/prod/pay', { method: 'POST' })).status).toBe(502);
    env.advance(10 * 60_000);
    expect((await env.call(api.id, '/prod/pay', { method: 'POST' })).status).toBe(200);
  });
});

describe('saved state', () => {
  it('keeps the usage the data plane counted: saved within seconds, and at close', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dataplane-'));
    const file = join(dir, 'state.json');
    const saved = await startDataPlaneEnv('empty', { dataFile: file });
    try {
      const api = await restApi(saved, 'saved', { '/x': [{ method: 'GET', apiKeyRequired: true }] });
      const key = await keyInPlan(saved, api.id, 'prod');
      expect(count(await burst(saved, 3, api.id, '/prod/x', { headers: { 'x-api-key': key.value } }), 200)).toBe(3);
    } finally {
      await saved.close();
    }
    const state = loadState(file)!;
    const usage = (state.services.apigateway as ApiGatewayState).usage!;
    expect(Object.values(Object.values(usage)[0]!)[0]!.days).toEqual({ [saved.now().toISOString().slice(0, 10)]: 3 });
    rmSync(dir, { recursive: true, force: true });
  });
});
