import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateDeploymentCommand, PutIntegrationCommand, PutMethodCommand } from '@aws-sdk/client-api-gateway';
import { CreateApiCommand, CreateIntegrationCommand, CreateRouteCommand, CreateStageCommand } from '@aws-sdk/client-apigatewayv2';
import { lambdaUri, restApi, startDataPlaneEnv, type DataPlaneEnv } from './support/dataplane.js';

/** Routing on the invoke URLs: REST resource trees, HTTP route keys and stages, WebSocket messages over HTTP. */
let env: DataPlaneEnv;

beforeAll(async () => {
  env = await startDataPlaneEnv('empty');
});
afterAll(async () => {
  await env.close();
});

describe('REST APIs', () => {
  let api: { id: string; resources: Map<string, string> };

  beforeAll(async () => {
    api = await restApi(env, 'routing', {
      '/': [{ method: 'GET' }],
      '/pets': [{ method: 'GET' }, { method: 'POST', integration: { type: 'HTTP_PROXY', integrationHttpMethod: 'POST', uri: 'https://pets.example.com/pets' } }],
      '/pets/special': [{ method: 'GET' }],
      '/pets/{petId}': [{ method: 'GET', integration: { type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: lambdaUri('pets-get') } }, { method: 'DELETE' }],
      '/pets/{petId}/toys': [{ method: 'ANY' }],
      '/files/{proxy+}': [{ method: 'ANY' }],
    });
  });

  it('matches literal parts before {param} parts and fills path parameters', async () => {
    const list = await env.call(api.id, '/prod/pets');
    expect(list.status).toBe(200);
    expect(list.json).toMatchObject({ resource: '/pets', method: 'GET' });

    const one = await env.call(api.id, '/prod/pets/42');
    expect(one.json).toEqual({ ok: true, resource: '/pets/{petId}', method: 'GET', pathParameters: { petId: '42' } });

    const special = await env.call(api.id, '/prod/pets/special');
    expect(special.json).toMatchObject({ resource: '/pets/special' });

    expect((await env.call(api.id, '/prod/pets/42', { method: 'DELETE' })).json).toMatchObject({ resource: '/pets/{petId}', method: 'DELETE' });
    expect((await env.call(api.id, '/prod')).json).toMatchObject({ resource: '/', method: 'GET' });
    expect((await env.call(api.id, '/prod/')).json).toMatchObject({ resource: '/' });
  });

  it('serves ANY for every verb and a greedy {proxy+} for one or more remaining segments', async () => {
    expect((await env.call(api.id, '/prod/pets/7/toys', { method: 'PUT' })).json).toMatchObject({ resource: '/pets/{petId}/toys', method: 'PUT' });
    const files = await env.call(api.id, '/prod/files/a/b/c.txt', { method: 'POST' });
    expect(files.json).toEqual({ mock: true, resource: '/files/{proxy+}', method: 'POST' });
    // {proxy+} needs at least one segment.
    expect((await env.call(api.id, '/prod/files')).status).toBe(403);
  });

  it('answers an unknown path or a verb the resource lacks with 403 Missing Authentication Token', async () => {
    for (const [path, method] of [
      ['/prod/nothing-here', 'GET'],
      ['/prod/pets', 'PATCH'],
      ['/prod/pets/1/toys/2', 'GET'],
    ] as const) {
      const r = await env.call(api.id, path, { method });
      expect(r.status).toBe(403);
      expect(r.json).toEqual({ message: 'Missing Authentication Token' });
      expect(r.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
      expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers.get('x-amz-apigw-id')).toMatch(/^[A-Za-z0-9]{15}=$/);
    }
  });

  it('answers an unknown stage, or an unknown API, with 403 Forbidden', async () => {
    for (const [id, path] of [
      [api.id, '/beta/pets'],
      [api.id, '/'],
      ['nosuchapi1', '/prod/pets'],
    ]) {
      const r = await env.call(id!, path!);
      expect(r.status).toBe(403);
      expect(r.json).toEqual({ message: 'Forbidden' });
      expect(r.headers.get('x-amzn-errortype')).toBe('ForbiddenException');
    }
  });

  it('serves what the stage deployed: a method added later waits for the next deployment', async () => {
    const resourceId = api.resources.get('/pets/special')!;
    await env.v1.send(new PutMethodCommand({ restApiId: api.id, resourceId, httpMethod: 'POST', authorizationType: 'NONE' }));
    await env.v1.send(new PutIntegrationCommand({ restApiId: api.id, resourceId, httpMethod: 'POST', type: 'MOCK' }));
    expect((await env.call(api.id, '/prod/pets/special', { method: 'POST' })).status).toBe(403);
    await env.v1.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
    expect((await env.call(api.id, '/prod/pets/special', { method: 'POST' })).status).toBe(200);
  });

  it('asks for a signature on AWS_IAM methods', async () => {
    const iam = await restApi(env, 'iam', { '/secure': [{ method: 'GET', authorizationType: 'AWS_IAM' }] });
    const r = await env.call(iam.id, '/prod/secure');
    expect(r.status).toBe(403);
    expect(r.json).toEqual({ message: 'Missing Authentication Token' });
    expect((await env.call(iam.id, '/prod/secure', { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=...' } })).status).toBe(200);
  });
});

describe('HTTP APIs', () => {
  let apiId: string;

  beforeAll(async () => {
    apiId = (await env.v2.send(new CreateApiCommand({ Name: 'http-routing', ProtocolType: 'HTTP' }))).ApiId!;
    const target = `integrations/${
      (await env.v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: 'arn:aws:lambda:us-east-1:123456789012:function:f', PayloadFormatVersion: '2.0' }))).IntegrationId
    }`;
    for (const key of ['GET /orders', 'GET /orders/{id}', 'ANY /orders/{id}', 'GET /orders/recent', 'GET /static/{proxy+}']) {
      await env.v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key, Target: target }));
    }
    await env.v2.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    await env.v2.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', AutoDeploy: true }));
    await env.v2.send(new CreateStageCommand({ ApiId: apiId, StageName: 'undeployed' }));
  });

  it('picks the most specific route: literal, then {param}, then greedy; a method before ANY', async () => {
    expect((await env.call(apiId, '/prod/orders')).json).toEqual({ ok: true, routeKey: 'GET /orders' });
    expect((await env.call(apiId, '/prod/orders/recent')).json).toEqual({ ok: true, routeKey: 'GET /orders/recent' });
    expect((await env.call(apiId, '/prod/orders/9')).json).toEqual({ ok: true, routeKey: 'GET /orders/{id}', pathParameters: { id: '9' } });
    expect((await env.call(apiId, '/prod/orders/9', { method: 'DELETE' })).json).toMatchObject({ routeKey: 'ANY /orders/{id}' });
    expect((await env.call(apiId, '/prod/static/css/site.css')).json).toEqual({ ok: true, routeKey: 'GET /static/{proxy+}', pathParameters: { proxy: 'css/site.css' } });
  });

  it('serves the $default stage at the root, a named stage under its name', async () => {
    const root = await env.call(apiId, '/orders');
    expect(root.status).toBe(200);
    expect(root.json).toMatchObject({ routeKey: 'GET /orders' });
    expect(root.headers.get('apigw-requestid')).toMatch(/^[A-Za-z0-9]{15}=$/);
  });

  it('answers 404 Not Found for no route, an undeployed stage, and then $default takes what nothing else matches', async () => {
    for (const path of ['/prod/customers', '/undeployed/orders', '/prod/orders', '/prod/orders/1/items']) {
      const r = await env.call(apiId, path, { method: path === '/prod/orders' ? 'POST' : 'GET' });
      expect(r.status).toBe(404);
      expect(r.json).toEqual({ message: 'Not Found' });
    }
    const target = `integrations/${
      (await env.v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'ANY', IntegrationUri: 'https://legacy.example.com/{proxy}' }))).IntegrationId
    }`;
    await env.v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: '$default', Target: target }));
    expect((await env.call(apiId, '/prod/customers')).json).toEqual({ ok: true, routeKey: '$default' });
  });
});

describe('WebSocket APIs', () => {
  let apiId: string;

  beforeAll(async () => {
    apiId = (await env.v2.send(new CreateApiCommand({ Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId!;
    for (const key of ['$connect', '$disconnect', 'sendMessage']) {
      const integration = await env.v2.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'MOCK' }));
      await env.v2.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key, Target: `integrations/${integration.IntegrationId}` }));
    }
    await env.v2.send(new CreateStageCommand({ ApiId: apiId, StageName: 'live', AutoDeploy: true }));
  });

  it('connects, routes messages by the selection expression, describes and disconnects', async () => {
    const connected = await env.call(apiId, '/live/@connections', { method: 'POST' });
    expect(connected.status).toBe(200);
    const id = connected.json.connectionId as string;
    expect(id).toMatch(/^[A-Za-z0-9]{15}=$/);

    const sent = await env.call(apiId, `/live/@connections/${id}`, { method: 'POST', body: JSON.stringify({ action: 'sendMessage', text: 'hi' }) });
    expect(sent.json).toEqual({ ok: true, routeKey: 'sendMessage' });

    // No $default route: a message no route takes is refused, as AWS tells the client.
    const unknown = await env.call(apiId, `/live/@connections/${id}`, { method: 'POST', body: JSON.stringify({ action: 'nope' }) });
    expect(unknown.status).toBe(403);
    expect(unknown.json).toMatchObject({ message: 'Forbidden', connectionId: id });

    const described = await env.call(apiId, `/live/@connections/${id}`);
    expect(described.json).toMatchObject({ identity: { sourceIp: '127.0.0.1' } });
    expect(Date.parse(described.json.connectedAt)).toBe(env.now().getTime());

    expect((await env.call(apiId, `/live/@connections/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await env.call(apiId, `/live/@connections/${id}`, { method: 'POST', body: '{}' })).status).toBe(410);
  });

  it('closes a connection idle for ten minutes', async () => {
    const id = (await env.call(apiId, '/live/@connections', { method: 'POST' })).json.connectionId as string;
    env.advance(9 * 60_000);
    expect((await env.call(apiId, `/live/@connections/${id}`, { method: 'POST', body: '{"action":"sendMessage"}' })).status).toBe(200);
    env.advance(10 * 60_000 + 1);
    expect((await env.call(apiId, `/live/@connections/${id}`, { method: 'POST', body: '{"action":"sendMessage"}' })).status).toBe(410);
  });
});
