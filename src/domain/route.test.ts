import { describe, expect, it } from 'vitest';
import { byPath, byRouteKey, fromRestResource, fromV2Route } from './route.js';
import { fromRestStage, fromV2Stage } from './stage.js';

describe('fromRestResource', () => {
  it('lists the embedded methods in a stable verb order', () => {
    const r = fromRestResource({
      id: 'abc',
      path: '/pets',
      resourceMethods: {
        POST: { httpMethod: 'POST', authorizationType: 'AWS_IAM', apiKeyRequired: true, methodIntegration: { type: 'HTTP_PROXY' } },
        GET: { httpMethod: 'GET', authorizationType: 'NONE' },
      },
    });
    expect(r.methods.map((m) => m.httpMethod)).toEqual(['GET', 'POST']);
    expect(r.methods[1]).toMatchObject({ authorizationType: 'AWS_IAM', apiKeyRequired: true, integrationType: 'HTTP_PROXY' });
  });

  it('treats a resource without methods as having none', () => {
    expect(fromRestResource({ id: 'root', path: '/' }).methods).toEqual([]);
    expect([{ path: '/pets' }, { path: '/' }].map((p) => fromRestResource(p)).sort(byPath).map((r) => r.path)).toEqual(['/', '/pets']);
  });
});

describe('fromV2Route', () => {
  it('joins a route to its integration by id', () => {
    const integrations = new Map([['int1', { IntegrationId: 'int1', IntegrationType: 'HTTP_PROXY' as const, IntegrationUri: 'https://orders.internal' }]]);
    const route = fromV2Route({ RouteId: 'r1', RouteKey: 'GET /orders', Target: 'integrations/int1' }, integrations);
    expect(route).toEqual({
      id: 'r1',
      key: 'GET /orders',
      authorizationType: 'NONE',
      apiKeyRequired: false,
      target: 'HTTP_PROXY https://orders.internal',
      operationName: undefined,
    });
    expect(fromV2Route({ RouteId: 'r2', RouteKey: '$default' }, integrations).target).toBeUndefined();
  });

  it('orders WebSocket system routes first, then by path and method', () => {
    const keys = ['sendMessage', 'POST /orders', '$disconnect', 'GET /orders', '$connect', 'GET /health'];
    const sorted = keys.map((k) => fromV2Route({ RouteId: k, RouteKey: k }, new Map())).sort(byRouteKey).map((r) => r.key);
    expect(sorted).toEqual(['$connect', '$disconnect', 'GET /health', 'GET /orders', 'POST /orders', 'sendMessage']);
  });
});

describe('stages', () => {
  it('maps v1 and v2 stages to one shape', () => {
    const when = new Date('2026-05-05T00:00:00Z');
    expect(fromRestStage({ stageName: 'prod', deploymentId: 'd1', lastUpdatedDate: when })).toMatchObject({
      name: 'prod',
      deploymentId: 'd1',
      lastUpdatedDate: when,
      autoDeploy: false,
    });
    expect(fromV2Stage({ StageName: '$default', AutoDeploy: true, DeploymentId: 'd2' })).toMatchObject({ name: '$default', autoDeploy: true });
  });
});
