import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRoutesCommand,
  GetStageCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { Sandbox } from '../src/server.js';
import { clientConfig, credentialsFor, REGION, startTestSandbox } from './support/sandbox.js';

/** Routes and integrations of API Gateway v2 with the real SDK client: key rules, defaults, errors, auto-deploy. */

let sandbox: Sandbox;
let offsetMs = 0;
let admin: ApiGatewayV2Client;

beforeAll(async () => {
  sandbox = await startTestSandbox('empty', { config: { now: () => new Date(Date.now() + offsetMs) } });
  admin = new ApiGatewayV2Client(clientConfig(sandbox, credentialsFor(sandbox, 'admin')));
});
afterAll(() => sandbox.close());
// Each test finds the account's control-plane bucket (10/s, burst 40) full again.
beforeEach(() => {
  offsetMs += 5_000;
});

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; ResourceType?: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode, resourceType: err.ResourceType };
  }
  throw new Error('expected the call to fail');
}

const lambda = (fn: string) => `arn:aws:lambda:${REGION}:${sandbox.config.account}:function:${fn}`;

async function httpApi(name = 'http') {
  return (await admin.send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }))).ApiId!;
}

async function webSocketApi(name = 'ws') {
  return (await admin.send(new CreateApiCommand({ Name: name, ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action' }))).ApiId!;
}

describe('CreateIntegration', () => {
  it('creates an HTTP_PROXY integration with the HTTP API defaults', async () => {
    const apiId = await httpApi();
    const out = await admin.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'GET', IntegrationUri: 'https://example.com/pets' }),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.IntegrationId).toMatch(/^[a-z0-9]{7}$/);
    expect(out).toMatchObject({
      IntegrationType: 'HTTP_PROXY',
      IntegrationMethod: 'GET',
      IntegrationUri: 'https://example.com/pets',
      PayloadFormatVersion: '1.0',
      TimeoutInMillis: 30000,
      ConnectionType: 'INTERNET',
    });
    const { $metadata: _a, ...created } = out;
    const { $metadata: _b, ...read } = await admin.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: out.IntegrationId }));
    expect(read).toEqual(created);
  });

  it('creates a Lambda proxy integration, which on an HTTP API must name its payload format', async () => {
    const apiId = await httpApi();
    expect(await failure(admin.send(new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambda('f') })))).toMatchObject({
      name: 'BadRequestException',
      status: 400,
    });
    const out = await admin.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambda('f'), PayloadFormatVersion: '2.0' }),
    );
    expect(out).toMatchObject({ IntegrationType: 'AWS_PROXY', IntegrationMethod: 'POST', PayloadFormatVersion: '2.0', TimeoutInMillis: 30000 });
  });

  it('refuses MOCK on an HTTP API, a missing URI, a timeout out of range and an unknown API', async () => {
    const apiId = await httpApi();
    for (const input of [
      { ApiId: apiId, IntegrationType: 'MOCK' as const },
      { ApiId: apiId, IntegrationType: 'HTTP_PROXY' as const, IntegrationMethod: 'GET' },
      { ApiId: apiId, IntegrationType: 'HTTP_PROXY' as const, IntegrationMethod: 'GET', IntegrationUri: 'https://x.example', TimeoutInMillis: 30001 },
    ]) {
      expect(await failure(admin.send(new CreateIntegrationCommand(input)))).toMatchObject({ name: 'BadRequestException', status: 400 });
    }
    expect(
      await failure(admin.send(new CreateIntegrationCommand({ ApiId: 'nosuchapi0', IntegrationType: 'HTTP_PROXY', IntegrationUri: 'https://x.example' }))),
    ).toMatchObject({ name: 'NotFoundException', resourceType: 'Api' });
  });

  it('creates a MOCK integration on a WebSocket API with the WebSocket defaults', async () => {
    const apiId = await webSocketApi();
    const out = await admin.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'MOCK', RequestTemplates: { 'application/json': '{"statusCode":200}' } }),
    );
    expect(out).toMatchObject({
      IntegrationType: 'MOCK',
      PassthroughBehavior: 'WHEN_NO_MATCH',
      TimeoutInMillis: 29000,
      ConnectionType: 'INTERNET',
      IntegrationResponseSelectionExpression: '${response.statuscode}',
      RequestTemplates: { 'application/json': '{"statusCode":200}' },
    });
  });
});

describe('GetIntegrations, GetIntegration, DeleteIntegration', () => {
  it('lists, reads and deletes integrations; unknown ids are NotFound with resourceType Integration', async () => {
    const apiId = await httpApi();
    const ids: string[] = [];
    for (const path of ['a', 'b', 'c']) {
      const out = await admin.send(
        new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'ANY', IntegrationUri: `https://x.example/${path}` }),
      );
      ids.push(out.IntegrationId!);
    }
    const first = await admin.send(new GetIntegrationsCommand({ ApiId: apiId, MaxResults: '2' }));
    expect(first.Items).toHaveLength(2);
    const second = await admin.send(new GetIntegrationsCommand({ ApiId: apiId, MaxResults: '2', NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    expect([...first.Items!, ...second.Items!].map((i) => i.IntegrationId).sort()).toEqual([...ids].sort());

    const deleted = await admin.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: ids[0] }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    expect(await failure(admin.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: ids[0] })))).toEqual({
      name: 'NotFoundException',
      message: `Invalid Integration identifier specified ${ids[0]}`,
      status: 404,
      resourceType: 'Integration',
    });
    expect(await failure(admin.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: ids[0] })))).toMatchObject({
      name: 'NotFoundException',
      status: 404,
    });
  });
});

describe('CreateRoute', () => {
  it('creates HTTP routes with AWS defaults and reads them back', async () => {
    const apiId = await httpApi();
    const integration = await admin.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambda('pets'), PayloadFormatVersion: '2.0' }),
    );
    const out = await admin.send(
      new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /pets/{petId}', Target: `integrations/${integration.IntegrationId}` }),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.RouteId).toMatch(/^[a-z0-9]{7}$/);
    expect(out).toMatchObject({
      RouteKey: 'GET /pets/{petId}',
      Target: `integrations/${integration.IntegrationId}`,
      AuthorizationType: 'NONE',
      ApiKeyRequired: false,
    });
    expect(out.ApiGatewayManaged).toBeUndefined();
    const { $metadata: _a, ...created } = out;
    const { $metadata: _b, ...read } = await admin.send(new GetRouteCommand({ ApiId: apiId, RouteId: out.RouteId }));
    expect(read).toEqual(created);
    for (const key of ['$default', 'ANY /{proxy+}', 'POST /', 'DELETE /pets/{petId}/toys/{toyId}']) {
      expect((await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key }))).RouteKey).toBe(key);
    }
  });

  it('refuses malformed HTTP route keys', async () => {
    const apiId = await httpApi();
    for (const key of ['GET pets', 'FETCH /pets', 'get /pets', 'GET /pets/', 'GET /{proxy+}/more', 'GET //pets', '$connect']) {
      expect({ key, ...(await failure(admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key })))) }).toMatchObject({
        key,
        name: 'BadRequestException',
        status: 400,
      });
    }
    expect(await failure(admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: '' })))).toMatchObject({
      name: 'BadRequestException',
      message: 'Route key is required',
    });
  });

  it('refuses a route key the API already has with ConflictException', async () => {
    const apiId = await httpApi();
    await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /items' }));
    expect(await failure(admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /items' })))).toEqual({
      name: 'ConflictException',
      message: 'Route with key GET /items already exists for this API',
      status: 409,
      resourceType: undefined,
    });
  });

  it('refuses a target that is not an integration of the API', async () => {
    const apiId = await httpApi();
    expect(await failure(admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a', Target: 'integrations/abc1234' })))).toMatchObject({
      name: 'NotFoundException',
      resourceType: 'Integration',
    });
    expect(await failure(admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a', Target: 'lambda:hello' })))).toMatchObject({
      name: 'BadRequestException',
    });
  });

  it('accepts the WebSocket predefined routes and custom keys, but not other $ keys', async () => {
    const apiId = await webSocketApi();
    for (const key of ['$connect', '$disconnect', '$default', 'sendMessage']) {
      expect((await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key }))).RouteKey).toBe(key);
    }
    expect(await failure(admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: '$join' })))).toMatchObject({ name: 'BadRequestException' });
    expect(await failure(admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'sendMessage' })))).toMatchObject({
      name: 'ConflictException',
      status: 409,
    });
  });

  it('refuses API keys on HTTP API routes and a viewer', async () => {
    const apiId = await httpApi();
    expect(await failure(admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a', ApiKeyRequired: true })))).toMatchObject({
      name: 'BadRequestException',
    });
    const viewer = new ApiGatewayV2Client(clientConfig(sandbox, credentialsFor(sandbox, 'viewer')));
    expect(await failure(viewer.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a' })))).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
    });
  });
});

describe('GetRoutes, UpdateRoute, DeleteRoute', () => {
  it('pages through routes with MaxResults and NextToken', async () => {
    const apiId = await httpApi();
    const keys = ['GET /a', 'GET /b', 'GET /c', 'GET /d', 'GET /e'];
    for (const key of keys) await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key }));
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await admin.send(new GetRoutesCommand({ ApiId: apiId, MaxResults: '2', NextToken: token }));
      seen.push(...page.Items!.map((r) => r.RouteKey!));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(keys);
  });

  it('changes a route key and target; a key already taken is a ConflictException', async () => {
    const apiId = await httpApi();
    const integration = await admin.send(
      new CreateIntegrationCommand({ ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'ANY', IntegrationUri: 'https://x.example' }),
    );
    const a = await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a' }));
    await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /b' }));
    const out = await admin.send(
      new UpdateRouteCommand({ ApiId: apiId, RouteId: a.RouteId, RouteKey: 'GET /c', Target: `integrations/${integration.IntegrationId}` }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out).toMatchObject({ RouteId: a.RouteId, RouteKey: 'GET /c', Target: `integrations/${integration.IntegrationId}` });
    expect(await failure(admin.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: a.RouteId, RouteKey: 'GET /b' })))).toMatchObject({
      name: 'ConflictException',
      message: 'Route with key GET /b already exists for this API',
    });
    expect(await failure(admin.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: 'nope123', RouteKey: 'GET /z' })))).toMatchObject({
      name: 'NotFoundException',
      resourceType: 'Route',
    });
  });

  it('deletes a route; reading or deleting it again is NotFound', async () => {
    const apiId = await httpApi();
    const route = await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a' }));
    expect((await admin.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: route.RouteId }))).$metadata.httpStatusCode).toBe(204);
    expect(await failure(admin.send(new GetRouteCommand({ ApiId: apiId, RouteId: route.RouteId })))).toEqual({
      name: 'NotFoundException',
      message: `Invalid Route identifier specified ${route.RouteId}`,
      status: 404,
      resourceType: 'Route',
    });
    expect(await failure(admin.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: route.RouteId })))).toMatchObject({ status: 404 });
  });
});

describe('auto-deploy', () => {
  it('redeploys an auto-deploy stage after each route change, and reports when no route is left', async () => {
    const apiId = await httpApi();
    const first = await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a' }));
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'manual' }));
    const before = await admin.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }));
    expect(before.DeploymentId).toBeDefined();

    await admin.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /b' }));
    const after = await admin.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }));
    expect(after.DeploymentId).not.toBe(before.DeploymentId);
    expect(after.LastDeploymentStatusMessage).toBe(`Successfully deployed stage with deployment ID '${after.DeploymentId}'`);
    const deployments = await admin.send(new GetDeploymentsCommand({ ApiId: apiId }));
    expect(deployments.Items!.filter((d) => d.AutoDeployed)).toHaveLength(2);
    expect((await admin.send(new GetStageCommand({ ApiId: apiId, StageName: 'manual' }))).DeploymentId).toBeUndefined();

    const routes = await admin.send(new GetRoutesCommand({ ApiId: apiId }));
    for (const r of routes.Items!) await admin.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: r.RouteId }));
    const empty = await admin.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }));
    expect(empty.LastDeploymentStatusMessage).toBe('Deployment attempt failed: Unable to deploy API because no routes exist in this API');
    expect(first.RouteId).toBeDefined();
  });
});
