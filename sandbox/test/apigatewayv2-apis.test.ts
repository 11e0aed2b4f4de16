import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateStageCommand,
  DeleteApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentsCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  GetTagsCommand,
  UpdateApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { SignatureV4 } from '@smithy/signature-v4';
import { Sha256 } from '@smithy/core/checksum';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Sandbox } from '../src/server.js';
import { clientConfig, credentialsFor, REGION, startTestSandbox } from './support/sandbox.js';

/**
 * Apis of API Gateway v2 (CreateApi, GetApi, GetApis, UpdateApi, DeleteApi, GetTags) with the real SDK
 * client: defaults AWS fills in, quick create, errors in AWS's shape, and who may call what.
 */

let sandbox: Sandbox;
let offsetMs = 0;
let admin: ApiGatewayV2Client;

beforeAll(async () => {
  sandbox = await startTestSandbox('demo', { config: { now: () => new Date(Date.now() + offsetMs) } });
  admin = client('admin');
});
afterAll(() => sandbox.close());
// Each test finds the account's control-plane bucket (10/s, burst 40) full again.
beforeEach(() => {
  offsetMs += 5_000;
});

function client(group: 'admin' | 'operator' | 'viewer', credentials: AwsCredentialIdentity = credentialsFor(sandbox, group)) {
  return new ApiGatewayV2Client(clientConfig(sandbox, credentials));
}

interface Failure {
  name: string;
  message: string;
  status?: number;
  resourceType?: string;
}

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; ResourceType?: string; $metadata?: { httpStatusCode?: number } };
    return {
      name: err.name,
      message: err.message,
      status: err.$metadata?.httpStatusCode,
      ...(err.ResourceType ? { resourceType: err.ResourceType } : {}),
    };
  }
  throw new Error('expected the call to fail');
}

const account = () => sandbox.config.account;

describe('CreateApi', () => {
  it('creates an HTTP API with the defaults AWS fills in', async () => {
    const before = Date.now() + offsetMs;
    const out = await admin.send(new CreateApiCommand({ Name: 'orders', ProtocolType: 'HTTP' }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.ApiId).toMatch(/^[a-z0-9]{10}$/);
    expect(out).toMatchObject({
      Name: 'orders',
      ProtocolType: 'HTTP',
      RouteSelectionExpression: '$request.method $request.path',
      ApiKeySelectionExpression: '$request.header.x-api-key',
      ApiEndpoint: `https://${out.ApiId}.execute-api.${REGION}.amazonaws.com`,
      DisableExecuteApiEndpoint: false,
      IpAddressType: 'ipv4',
      Tags: {},
    });
    expect(out.Description).toBeUndefined();
    expect(out.CreatedDate).toBeInstanceOf(Date);
    expect(Math.abs(out.CreatedDate!.getTime() - before)).toBeLessThan(5_000);

    const got = await admin.send(new GetApiCommand({ ApiId: out.ApiId }));
    const { $metadata: _a, ...created } = out;
    const { $metadata: _b, ...read } = got;
    expect(read).toEqual(created);
  });

  it('creates a WebSocket API, whose route selection expression is required', async () => {
    expect(await failure(admin.send(new CreateApiCommand({ Name: 'chat', ProtocolType: 'WEBSOCKET' })))).toEqual({
      name: 'BadRequestException',
      message: 'RouteSelectionExpression is required for WebSocket APIs',
      status: 400,
    });
    const out = await admin.send(
      new CreateApiCommand({ Name: 'chat', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action', Description: 'Chat' }),
    );
    expect(out).toMatchObject({
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
      ApiEndpoint: `wss://${out.ApiId}.execute-api.${REGION}.amazonaws.com`,
      ApiKeySelectionExpression: '$request.header.x-api-key',
      Description: 'Chat',
    });
  });

  it('refuses an unknown protocol, a missing name, and HTTP-only members on a WebSocket API', async () => {
    expect(await failure(admin.send(new CreateApiCommand({ Name: 'x', ProtocolType: 'REST' as 'HTTP' })))).toEqual({
      name: 'BadRequestException',
      message: 'Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]',
      status: 400,
    });
    expect(await failure(admin.send(new CreateApiCommand({ Name: undefined, ProtocolType: 'HTTP' })))).toMatchObject({
      name: 'BadRequestException',
      status: 400,
    });
    expect(
      await failure(
        admin.send(
          new CreateApiCommand({ Name: 'ws', ProtocolType: 'WEBSOCKET', RouteSelectionExpression: '$request.body.action', Target: 'https://example.com' }),
        ),
      ),
    ).toMatchObject({ name: 'BadRequestException', status: 400 });
    expect(
      await failure(admin.send(new CreateApiCommand({ Name: 'h', ProtocolType: 'HTTP', RouteSelectionExpression: '$request.body.action' }))),
    ).toMatchObject({ name: 'BadRequestException', status: 400 });
  });

  it('quick creates an HTTP API from a Lambda target: integration, route, and an auto-deployed $default stage', async () => {
    const target = `arn:aws:lambda:${REGION}:${account()}:function:hello`;
    const api = await admin.send(new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: target, RouteKey: 'GET /hello' }));
    const [integrations, routes, stages, deployments] = await Promise.all([
      admin.send(new GetIntegrationsCommand({ ApiId: api.ApiId })),
      admin.send(new GetRoutesCommand({ ApiId: api.ApiId })),
      admin.send(new GetStagesCommand({ ApiId: api.ApiId })),
      admin.send(new GetDeploymentsCommand({ ApiId: api.ApiId })),
    ]);
    expect(integrations.Items).toEqual([
      expect.objectContaining({
        ApiGatewayManaged: true,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: target,
        IntegrationMethod: 'POST',
        PayloadFormatVersion: '2.0',
        TimeoutInMillis: 30000,
        ConnectionType: 'INTERNET',
      }),
    ]);
    const integrationId = integrations.Items![0]!.IntegrationId;
    expect(routes.Items).toEqual([
      expect.objectContaining({
        ApiGatewayManaged: true,
        RouteKey: 'GET /hello',
        Target: `integrations/${integrationId}`,
        AuthorizationType: 'NONE',
        ApiKeyRequired: false,
      }),
    ]);
    expect(deployments.Items).toHaveLength(1);
    const deploymentId = deployments.Items![0]!.DeploymentId;
    expect(deployments.Items![0]).toMatchObject({ AutoDeployed: true, DeploymentStatus: 'DEPLOYED' });
    expect(stages.Items).toEqual([
      expect.objectContaining({
        StageName: '$default',
        ApiGatewayManaged: true,
        AutoDeploy: true,
        DeploymentId: deploymentId,
        LastDeploymentStatusMessage: `Successfully deployed stage with deployment ID '${deploymentId}'`,
        DefaultRouteSettings: { DetailedMetricsEnabled: false },
      }),
    ]);
  });

  it('quick creates with an HTTP URL target as an HTTP_PROXY integration on the $default route', async () => {
    const api = await admin.send(new CreateApiCommand({ Name: 'proxy', ProtocolType: 'HTTP', Target: 'https://backend.example.com' }));
    const [integrations, routes] = await Promise.all([
      admin.send(new GetIntegrationsCommand({ ApiId: api.ApiId })),
      admin.send(new GetRoutesCommand({ ApiId: api.ApiId })),
    ]);
    expect(integrations.Items![0]).toMatchObject({ IntegrationType: 'HTTP_PROXY', IntegrationMethod: 'ANY', PayloadFormatVersion: '1.0' });
    expect(routes.Items!.map((r) => r.RouteKey)).toEqual(['$default']);
  });

  it('refuses a viewer and an operator: creating APIs is an admin action', async () => {
    for (const group of ['viewer', 'operator'] as const) {
      expect(await failure(client(group).send(new CreateApiCommand({ Name: 'nope', ProtocolType: 'HTTP' })))).toEqual({
        name: 'AccessDeniedException',
        message: `User: arn:aws:sts::${account()}:assumed-role/gateway-console-${group}/CognitoIdentityCredentials is not authorized to perform: apigateway:POST on resource: arn:aws:apigateway:${REGION}::/apis because no identity-based policy allows the apigateway:POST action`,
        status: 403,
      });
    }
  });
});

describe('GetApi, GetApis', () => {
  it('answers NotFoundException with resourceType Api for an unknown id', async () => {
    expect(await failure(admin.send(new GetApiCommand({ ApiId: 'abcdefghij' })))).toEqual({
      name: 'NotFoundException',
      message: `Invalid API identifier specified ${account()}:abcdefghij`,
      status: 404,
      resourceType: 'Api',
    });
  });

  it('lets a viewer list the demo APIs of both protocols', async () => {
    const out = await client('viewer').send(new GetApisCommand({ MaxResults: '500' }));
    const names = out.Items!.map((a) => a.Name);
    expect(names).toEqual(expect.arrayContaining(['Checkout HTTP API', 'Live Chat']));
    expect(new Set(out.Items!.map((a) => a.ProtocolType))).toEqual(new Set(['HTTP', 'WEBSOCKET']));
    expect(out.NextToken).toBeUndefined();
  });

  it('sends lower-camel JSON with ISO-8601 dates and an items list on the wire', async () => {
    const res = await signedFetch(credentialsFor(sandbox, 'viewer'), 'GET', '/v2/apis', { maxResults: '2' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as { items: Record<string, unknown>[]; nextToken?: string };
    expect(Object.keys(body).sort()).toEqual(['items', 'nextToken']);
    expect(body.items).toHaveLength(2);
    for (const item of body.items) {
      expect(item).toMatchObject({ apiId: expect.any(String), name: expect.any(String), protocolType: expect.any(String) });
      expect(item.createdDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
  });

  it('answers an unknown id on the wire with message and resourceType', async () => {
    const res = await signedFetch(credentialsFor(sandbox, 'viewer'), 'GET', '/v2/apis/zzzzzzzzzz');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('NotFoundException');
    expect(await res.json()).toEqual({ message: `Invalid API identifier specified ${account()}:zzzzzzzzzz`, resourceType: 'Api' });
  });
});

describe('UpdateApi', () => {
  it('changes the name and description and leaves the rest', async () => {
    const api = await admin.send(new CreateApiCommand({ Name: 'before', ProtocolType: 'HTTP', Description: 'old', Tags: { a: '1' } }));
    const out = await admin.send(new UpdateApiCommand({ ApiId: api.ApiId, Name: 'after', Description: 'new' }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out).toMatchObject({ ApiId: api.ApiId, Name: 'after', Description: 'new', ProtocolType: 'HTTP', Tags: { a: '1' } });
    expect(out.CreatedDate).toEqual(api.CreatedDate);
    expect(await admin.send(new GetApiCommand({ ApiId: api.ApiId }))).toMatchObject({ Name: 'after', Description: 'new' });
  });

  it('refuses an empty name, an unknown API, and a viewer', async () => {
    const api = await admin.send(new CreateApiCommand({ Name: 'keep', ProtocolType: 'HTTP' }));
    expect(await failure(admin.send(new UpdateApiCommand({ ApiId: api.ApiId, Name: '' })))).toMatchObject({
      name: 'BadRequestException',
      status: 400,
    });
    expect(await failure(admin.send(new UpdateApiCommand({ ApiId: 'missing123', Name: 'x' })))).toMatchObject({
      name: 'NotFoundException',
      resourceType: 'Api',
    });
    expect(await failure(client('viewer').send(new UpdateApiCommand({ ApiId: api.ApiId, Name: 'x' })))).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
    });
    expect((await admin.send(new GetApiCommand({ ApiId: api.ApiId }))).Name).toBe('keep');
  });
});

describe('DeleteApi', () => {
  it('deletes an API with everything in it; a second delete is NotFound', async () => {
    const api = await admin.send(new CreateApiCommand({ Name: 'gone', ProtocolType: 'HTTP', Target: 'https://example.com' }));
    const out = await admin.send(new DeleteApiCommand({ ApiId: api.ApiId }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    expect(await failure(admin.send(new GetApiCommand({ ApiId: api.ApiId })))).toMatchObject({ name: 'NotFoundException', status: 404 });
    expect(await failure(admin.send(new GetStagesCommand({ ApiId: api.ApiId })))).toMatchObject({ name: 'NotFoundException' });
    expect(await failure(admin.send(new DeleteApiCommand({ ApiId: api.ApiId })))).toMatchObject({ name: 'NotFoundException', status: 404 });
  });

  it('refuses an operator', async () => {
    const api = await admin.send(new CreateApiCommand({ Name: 'stays', ProtocolType: 'HTTP' }));
    expect(await failure(client('operator').send(new DeleteApiCommand({ ApiId: api.ApiId })))).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
    });
  });
});

describe('GetTags', () => {
  it('returns the tags of an API and of a stage, and NotFound for an unknown ARN', async () => {
    const api = await admin.send(new CreateApiCommand({ Name: 'tagged', ProtocolType: 'HTTP', Tags: { team: 'payments' } }));
    await admin.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'prod', Tags: { env: 'prod' } }));
    const arn = `arn:aws:apigateway:${REGION}::/apis/${api.ApiId}`;
    expect((await client('viewer').send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ team: 'payments' });
    expect((await admin.send(new GetTagsCommand({ ResourceArn: `${arn}/stages/prod` }))).Tags).toEqual({ env: 'prod' });
    expect(await failure(admin.send(new GetTagsCommand({ ResourceArn: `arn:aws:apigateway:${REGION}::/apis/nothere123` })))).toMatchObject({
      name: 'NotFoundException',
      status: 404,
    });
  });
});

/** A SigV4-signed request made by hand, to look at the bytes the SDK would otherwise parse away. */
async function signedFetch(credentials: AwsCredentialIdentity, method: string, path: string, query: Record<string, string> = {}) {
  const url = new URL(sandbox.url);
  const signer = new SignatureV4({ service: 'apigateway', region: REGION, credentials, sha256: Sha256 });
  const signed = await signer.sign(
    {
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: Number(url.port),
      path,
      query,
      headers: { host: url.host },
    },
    { signingDate: sandbox.config.now() },
  );
  const qs = new URLSearchParams(query).toString();
  return fetch(`${sandbox.url}${path}${qs ? `?${qs}` : ''}`, { method, headers: signed.headers as Record<string, string> });
}
