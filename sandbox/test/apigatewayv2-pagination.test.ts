import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ApiGatewayV2Client, GetApisCommand, GetStagesCommand } from '@aws-sdk/client-apigatewayv2';
import type { Sandbox } from '../src/server.js';
import { defaultConfig } from '../src/server.js';
import { emptyState } from '../src/core/state.js';
import { SERVICES } from '../src/services/registry.js';
import type { V2State } from '../src/services/apigatewayv2/store/model.js';
import { seedDemoV2Apis, seedScaleV2Apis } from '../src/seed/v2-apis.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';

/** The scale profile's 600 v2 APIs, paged as the console pages them (MaxResults 500), and the seeds themselves. */

let sandbox: Sandbox;
let offsetMs = 0;
let viewer: ApiGatewayV2Client;

beforeAll(async () => {
  sandbox = await startTestSandbox('scale', { config: { now: () => new Date(Date.now() + offsetMs) } });
  viewer = new ApiGatewayV2Client(clientConfig(sandbox, credentialsFor(sandbox, 'viewer')));
});
afterAll(() => sandbox.close());
beforeEach(() => {
  offsetMs += 5_000;
});

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const v2 = (s: { services: Record<string, unknown> }) => s.services.apigatewayv2 as V2State;

describe('GetApis at scale', () => {
  it('returns the 600 APIs in two pages of at most 500, distinct and complete', async () => {
    const first = await viewer.send(new GetApisCommand({ MaxResults: '500' }));
    expect(first.Items).toHaveLength(500);
    expect(first.NextToken).toEqual(expect.any(String));
    const second = await viewer.send(new GetApisCommand({ MaxResults: '500', NextToken: first.NextToken }));
    expect(second.Items).toHaveLength(100);
    expect(second.NextToken).toBeUndefined();
    const ids = [...first.Items!, ...second.Items!].map((a) => a.ApiId!);
    expect(new Set(ids).size).toBe(600);
    expect(new Set(ids)).toEqual(new Set(Object.keys(v2(sandbox.state).apis)));
  });

  it('returns 25 items when MaxResults is absent', async () => {
    const out = await viewer.send(new GetApisCommand({}));
    expect(out.Items).toHaveLength(25);
    expect(out.NextToken).toBeDefined();
  });

  it('refuses MaxResults above 500, below 1 or not a number, and a NextToken it did not issue', async () => {
    for (const max of ['501', '0', '-1', 'ten', '1.5']) {
      expect({ max, ...(await failure(viewer.send(new GetApisCommand({ MaxResults: max })))) }).toMatchObject({
        max,
        name: 'BadRequestException',
        status: 400,
      });
    }
    expect(await failure(viewer.send(new GetApisCommand({ NextToken: 'not-a-token' })))).toMatchObject({
      name: 'BadRequestException',
      message: 'Invalid NextToken specified',
    });
  });

  it('gives every API three stages', async () => {
    const { Items } = await viewer.send(new GetApisCommand({ MaxResults: '3' }));
    for (const api of Items!) {
      const stages = await viewer.send(new GetStagesCommand({ ApiId: api.ApiId, MaxResults: '500' }));
      expect(stages.Items).toHaveLength(3);
    }
  });
});

describe('seeds', () => {
  it('seeds the scale profile (400 HTTP, 200 WebSocket, 3 stages each, dates over the past year)', () => {
    const config = defaultConfig();
    const state = emptyState(SERVICES);
    seedScaleV2Apis(state, config);

    const entries = Object.values(v2(state).apis);
    expect(entries).toHaveLength(600);
    expect(entries.filter((e) => e.api.protocolType === 'HTTP')).toHaveLength(400);
    expect(entries.filter((e) => e.api.protocolType === 'WEBSOCKET')).toHaveLength(200);
    expect(entries.every((e) => Object.keys(e.stages).length === 3 && Object.keys(e.routes).length >= 3)).toBe(true);
    const now = config.now().getTime();
    const ages = entries.map((e) => (now - Date.parse(e.api.createdDate!)) / 86_400_000);
    expect(Math.max(...ages)).toBeLessThanOrEqual(366);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages) - Math.min(...ages)).toBeGreaterThan(300);
  });

  it('gives the same ids and names on every run, so links stay valid', () => {
    const a = emptyState(SERVICES);
    const b = emptyState(SERVICES);
    seedScaleV2Apis(a, defaultConfig());
    seedScaleV2Apis(b, defaultConfig());
    const summary = (s: typeof a) => Object.values(v2(s).apis).map((e) => `${e.api.apiId} ${e.api.name}`);
    expect(summary(a)).toEqual(summary(b));
    const c = emptyState(SERVICES);
    const d = emptyState(SERVICES);
    seedDemoV2Apis(c, defaultConfig());
    seedDemoV2Apis(d, defaultConfig());
    expect(summary(c)).toEqual(summary(d));
  });

  it('seeds the demo APIs the console screens need', () => {
    const state = emptyState(SERVICES);
    seedDemoV2Apis(state, defaultConfig());
    const byName = new Map(Object.values(v2(state).apis).map((e) => [e.api.name!, e]));
    const checkout = byName.get('Checkout HTTP API')!;
    expect(Object.values(checkout.routes).map((r) => r.routeKey).sort()).toEqual(['$default', 'GET /orders', 'GET /orders/{id}', 'POST /orders']);
    expect(checkout.stages.$default).toMatchObject({ autoDeploy: true, deploymentId: expect.any(String) });
    expect(checkout.stages.prod).toMatchObject({
      defaultRouteSettings: { throttlingBurstLimit: 1000, throttlingRateLimit: 500 },
      routeSettings: { 'POST /orders': { throttlingBurstLimit: 100, throttlingRateLimit: 50 } },
    });
    const chat = byName.get('Live Chat')!;
    expect(Object.values(chat.routes).map((r) => r.routeKey).sort()).toEqual(['$connect', '$default', '$disconnect', 'sendMessage']);
    const websockets = [...byName.values()].filter((e) => e.api.protocolType === 'WEBSOCKET');
    expect(websockets).toHaveLength(2);
    expect(Math.max(...websockets.map((e) => e.api.name!.length))).toBeGreaterThan(100);
  });
});
