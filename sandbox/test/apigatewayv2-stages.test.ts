import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteAccessLogSettingsCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
} from '@aws-sdk/client-apigatewayv2';
import type { Sandbox } from '../src/server.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';

/** Stages and deployments of API Gateway v2 with the real SDK client, and the CreateDeployment quota. */

let sandbox: Sandbox;
let offsetMs = 0;
let admin: ApiGatewayV2Client;

beforeAll(async () => {
  sandbox = await startTestSandbox('empty', { config: { now: () => new Date(Date.now() + offsetMs) } });
  admin = client('admin');
});
afterAll(() => sandbox.close());
// Each test finds both buckets full again: the account's (10/s, burst 40) and CreateDeployment's (1 per 5 s).
beforeEach(() => {
  offsetMs += 5_000;
});

function client(group: 'admin' | 'operator' | 'viewer') {
  return new ApiGatewayV2Client(clientConfig(sandbox, credentialsFor(sandbox, group)));
}

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = e as {
      name: string;
      message: string;
      ResourceType?: string;
      $metadata?: { httpStatusCode?: number };
      $response?: { headers?: Record<string, string> };
    };
    return {
      name: err.name,
      message: err.message,
      status: err.$metadata?.httpStatusCode,
      resourceType: err.ResourceType,
      retryAfter: err.$response?.headers?.['retry-after'],
    };
  }
  throw new Error('expected the call to fail');
}

async function api(protocol: 'HTTP' | 'WEBSOCKET', routeKeys: string[] = []) {
  const out = await admin.send(
    new CreateApiCommand({
      Name: `${protocol.toLowerCase()}-api`,
      ProtocolType: protocol,
      RouteSelectionExpression: protocol === 'WEBSOCKET' ? '$request.body.action' : undefined,
    }),
  );
  for (const key of routeKeys) await admin.send(new CreateRouteCommand({ ApiId: out.ApiId, RouteKey: key }));
  return out.ApiId!;
}

/** Moves the sandbox clock past the CreateDeployment quota window. */
const nextDeploymentWindow = () => {
  offsetMs += 5_000;
};

describe('CreateStage', () => {
  it('creates an HTTP stage with the defaults AWS reports', async () => {
    const apiId = await api('HTTP');
    const out = await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'dev' }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    const { $metadata: _m, CreatedDate, LastUpdatedDate, ...rest } = out;
    expect(rest).toEqual({
      StageName: 'dev',
      DefaultRouteSettings: { DetailedMetricsEnabled: false },
      RouteSettings: {},
      StageVariables: {},
      Tags: {},
    });
    expect(CreatedDate).toBeInstanceOf(Date);
    expect(LastUpdatedDate).toEqual(CreatedDate);
    const { $metadata: _n, ...read } = await admin.send(new GetStageCommand({ ApiId: apiId, StageName: 'dev' }));
    expect(read).toEqual({ CreatedDate, LastUpdatedDate, ...rest });
  });

  it('creates a WebSocket stage whose defaults include execution logging off', async () => {
    const apiId = await api('WEBSOCKET');
    const out = await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'production' }));
    expect(out.DefaultRouteSettings).toEqual({ DataTraceEnabled: false, DetailedMetricsEnabled: false, LoggingLevel: 'OFF' });
  });

  it('keeps throttling defaults, per-route overrides, stage variables and access logs as given', async () => {
    const apiId = await api('HTTP', ['GET /orders', 'POST /orders']);
    const destination = `arn:aws:logs:us-east-1:${sandbox.config.account}:log-group:access`;
    const out = await admin.send(
      new CreateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        Description: 'Production',
        DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100.5 },
        RouteSettings: { 'POST /orders': { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 } },
        StageVariables: { table: 'orders' },
        AccessLogSettings: { DestinationArn: destination, Format: '$context.requestId' },
        Tags: { env: 'prod' },
      }),
    );
    expect(out).toMatchObject({
      Description: 'Production',
      DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100.5 },
      RouteSettings: { 'POST /orders': { ThrottlingBurstLimit: 10, ThrottlingRateLimit: 5 } },
      StageVariables: { table: 'orders' },
      AccessLogSettings: { DestinationArn: destination, Format: '$context.requestId' },
      Tags: { env: 'prod' },
    });
  });

  it('allows $default only on HTTP APIs, refuses bad and duplicate names', async () => {
    const http = await api('HTTP');
    const ws = await api('WEBSOCKET');
    expect((await admin.send(new CreateStageCommand({ ApiId: http, StageName: '$default' }))).StageName).toBe('$default');
    expect(await failure(admin.send(new CreateStageCommand({ ApiId: ws, StageName: '$default' })))).toMatchObject({
      name: 'BadRequestException',
      status: 400,
    });
    expect(await failure(admin.send(new CreateStageCommand({ ApiId: http, StageName: 'bad name!' })))).toMatchObject({
      name: 'BadRequestException',
    });
    expect(await failure(admin.send(new CreateStageCommand({ ApiId: http, StageName: '$default' })))).toMatchObject({
      name: 'ConflictException',
      message: 'Stage already exists',
      status: 409,
    });
  });

  it('refuses execution logging on HTTP APIs and route settings for routes the API lacks', async () => {
    const apiId = await api('HTTP', ['GET /a']);
    for (const settings of [{ LoggingLevel: 'INFO' as const }, { DataTraceEnabled: true }]) {
      expect(await failure(admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 's1', DefaultRouteSettings: settings })))).toMatchObject({
        name: 'BadRequestException',
        message: 'Execution logs are not supported on protocolType HTTP',
      });
    }
    expect(
      await failure(admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 's1', RouteSettings: { 'GET /missing': { ThrottlingRateLimit: 1 } } }))),
    ).toMatchObject({
      name: 'NotFoundException',
      message: 'Unable to find Route by key GET /missing within the provided RouteSettings',
      status: 404,
    });
    expect(
      await failure(admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 's1', DefaultRouteSettings: { ThrottlingBurstLimit: -1 } }))),
    ).toMatchObject({ name: 'BadRequestException' });
    expect(await failure(admin.send(new GetStageCommand({ ApiId: apiId, StageName: 's1' })))).toMatchObject({ name: 'NotFoundException' });
  });

  it('auto-deploys when created with AutoDeploy, and notes the failure when the API has no routes', async () => {
    const withRoutes = await api('HTTP', ['GET /a']);
    const deployed = await admin.send(new CreateStageCommand({ ApiId: withRoutes, StageName: 'live', AutoDeploy: true }));
    expect(deployed).toMatchObject({
      AutoDeploy: true,
      DeploymentId: expect.stringMatching(/^[a-z0-9]{6}$/),
      LastDeploymentStatusMessage: `Successfully deployed stage with deployment ID '${deployed.DeploymentId}'`,
    });
    const empty = await api('HTTP');
    const failed = await admin.send(new CreateStageCommand({ ApiId: empty, StageName: 'live', AutoDeploy: true }));
    expect(failed.DeploymentId).toBeUndefined();
    expect(failed.LastDeploymentStatusMessage).toBe('Deployment attempt failed: Unable to deploy API because no routes exist in this API');
  });

  it('refuses a deployment id on an auto-deploy stage, and an unknown deployment id', async () => {
    const apiId = await api('HTTP', ['GET /a']);
    const deployment = await admin.send(new CreateDeploymentCommand({ ApiId: apiId }));
    expect(
      await failure(admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'a', AutoDeploy: true, DeploymentId: deployment.DeploymentId }))),
    ).toMatchObject({ name: 'BadRequestException', message: expect.stringContaining('AutoDeploy is enabled') });
    expect(await failure(admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'a', DeploymentId: 'zzzzzz' })))).toMatchObject({
      name: 'NotFoundException',
      resourceType: 'Deployment',
    });
    const out = await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'a', DeploymentId: deployment.DeploymentId }));
    expect(out.DeploymentId).toBe(deployment.DeploymentId);
    expect(out.LastDeploymentStatusMessage).toBeUndefined();
  });

  it('lets an operator create a stage but not a viewer', async () => {
    const apiId = await api('HTTP');
    expect((await client('operator').send(new CreateStageCommand({ ApiId: apiId, StageName: 'ops' }))).StageName).toBe('ops');
    expect(await failure(client('viewer').send(new CreateStageCommand({ ApiId: apiId, StageName: 'view' })))).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
    });
  });
});

describe('GetStages, GetStage, DeleteStage', () => {
  it('lists stages in pages, reads one, deletes one', async () => {
    const apiId = await api('HTTP');
    for (const name of ['dev', 'prod', 'staging']) await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: name }));
    const first = await admin.send(new GetStagesCommand({ ApiId: apiId, MaxResults: '2' }));
    const second = await admin.send(new GetStagesCommand({ ApiId: apiId, MaxResults: '2', NextToken: first.NextToken }));
    expect([...first.Items!, ...second.Items!].map((s) => s.StageName)).toEqual(['dev', 'prod', 'staging']);
    expect(second.NextToken).toBeUndefined();

    expect((await admin.send(new DeleteStageCommand({ ApiId: apiId, StageName: 'dev' }))).$metadata.httpStatusCode).toBe(204);
    expect(await failure(admin.send(new GetStageCommand({ ApiId: apiId, StageName: 'dev' })))).toMatchObject({
      name: 'NotFoundException',
      message: 'Invalid stage identifier specified',
      status: 404,
      resourceType: 'Stage',
    });
    expect(await failure(admin.send(new DeleteStageCommand({ ApiId: apiId, StageName: 'dev' })))).toMatchObject({ status: 404 });
    expect(await failure(admin.send(new GetStagesCommand({ ApiId: 'nosuchapi0' })))).toMatchObject({ resourceType: 'Api' });
  });
});

describe('CreateDeployment', () => {
  it('refuses an API without routes, with AWS wording', async () => {
    const apiId = await api('HTTP');
    expect(await failure(admin.send(new CreateDeploymentCommand({ ApiId: apiId })))).toMatchObject({
      name: 'BadRequestException',
      message: 'Unable to deploy API because no routes exist in this API',
      status: 400,
    });
  });

  it('deploys, and with a stage name points that stage at the new deployment', async () => {
    const apiId = await api('HTTP', ['GET /a']);
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod' }));
    const out = await admin.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'prod', Description: 'first' }));
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out).toMatchObject({
      DeploymentId: expect.stringMatching(/^[a-z0-9]{6}$/),
      DeploymentStatus: 'DEPLOYED',
      AutoDeployed: false,
      Description: 'first',
    });
    expect(out.CreatedDate).toBeInstanceOf(Date);
    const stage = await admin.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
    expect(stage.DeploymentId).toBe(out.DeploymentId);
    expect(stage.LastUpdatedDate!.getTime()).toBeGreaterThanOrEqual(stage.CreatedDate!.getTime());
  });

  it('refuses an unknown stage and an auto-deploy stage', async () => {
    const apiId = await api('HTTP', ['GET /a']);
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'auto', AutoDeploy: true }));
    expect(await failure(admin.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'nope' })))).toMatchObject({
      name: 'NotFoundException',
      resourceType: 'Stage',
    });
    // A refused call still spends its quota token, as on AWS, where throttling comes before validation.
    nextDeploymentWindow();
    expect(await failure(admin.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'auto' })))).toMatchObject({
      name: 'BadRequestException',
      message: `Deployment ID cannot be set on this stage ${sandbox.config.account}:${apiId} because AutoDeploy is enabled.`,
    });
  });

  it('allows one CreateDeployment per 5 seconds: a second one at once is 429 TooManyRequestsException', async () => {
    const apiId = await api('HTTP', ['GET /a']);
    const operator = client('operator');
    await operator.send(new CreateDeploymentCommand({ ApiId: apiId }));
    const second = await failure(operator.send(new CreateDeploymentCommand({ ApiId: apiId })));
    expect(second).toMatchObject({ name: 'TooManyRequestsException', status: 429 });
    expect(Number(second.retryAfter)).toBeGreaterThanOrEqual(1);
    nextDeploymentWindow();
    expect((await operator.send(new CreateDeploymentCommand({ ApiId: apiId }))).DeploymentStatus).toBe('DEPLOYED');
  });
});

describe('GetDeployments, GetDeployment, DeleteDeployment', () => {
  it('lists and reads deployments; refuses to delete one a stage uses; deletes an unused one', async () => {
    const apiId = await api('HTTP', ['GET /a']);
    const used = await admin.send(new CreateDeploymentCommand({ ApiId: apiId, Description: 'used' }));
    nextDeploymentWindow();
    const unused = await admin.send(new CreateDeploymentCommand({ ApiId: apiId, Description: 'unused' }));
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', DeploymentId: used.DeploymentId }));

    const list = await client('viewer').send(new GetDeploymentsCommand({ ApiId: apiId }));
    expect(list.Items!.map((d) => d.Description).sort()).toEqual(['unused', 'used']);
    const { $metadata: _m, ...read } = await admin.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: used.DeploymentId }));
    const { $metadata: _n, ...created } = used;
    expect(read).toEqual(created);

    expect(await failure(admin.send(new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: used.DeploymentId })))).toMatchObject({
      name: 'BadRequestException',
      message: 'Active stages pointing to this deployment must be moved or deleted',
    });
    expect((await admin.send(new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: unused.DeploymentId }))).$metadata.httpStatusCode).toBe(204);
    expect(await failure(admin.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: unused.DeploymentId })))).toMatchObject({
      name: 'NotFoundException',
      message: 'Invalid Deployment identifier specified',
      status: 404,
      resourceType: 'Deployment',
    });
    expect(await failure(client('viewer').send(new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: used.DeploymentId })))).toMatchObject({
      name: 'AccessDeniedException',
    });
  });
});

describe('DeleteAccessLogSettings', () => {
  it('turns access logging off and leaves the rest of the stage alone; the viewer is denied', async () => {
    const apiId = await api('HTTP');
    const destination = `arn:aws:logs:us-east-1:${sandbox.config.account}:log-group:access`;
    await admin.send(
      new CreateStageCommand({ ApiId: apiId, StageName: 'prod', StageVariables: { table: 'orders' }, AccessLogSettings: { DestinationArn: destination, Format: '{"status":"$context.status"}' } }),
    );
    expect(await failure(client('viewer').send(new DeleteAccessLogSettingsCommand({ ApiId: apiId, StageName: 'prod' })))).toMatchObject({
      name: 'AccessDeniedException',
      status: 403,
    });
    const out = await client('operator').send(new DeleteAccessLogSettingsCommand({ ApiId: apiId, StageName: 'prod' }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    const stage = await admin.send(new GetStageCommand({ ApiId: apiId, StageName: 'prod' }));
    expect(stage.AccessLogSettings).toBeUndefined();
    expect(stage.StageVariables).toEqual({ table: 'orders' });
    // Nothing left to delete is not an error.
    expect((await admin.send(new DeleteAccessLogSettingsCommand({ ApiId: apiId, StageName: 'prod' }))).$metadata.httpStatusCode).toBe(204);
  });

  it('needs the stage to exist', async () => {
    const apiId = await api('HTTP');
    expect(await failure(admin.send(new DeleteAccessLogSettingsCommand({ ApiId: apiId, StageName: 'nope' })))).toMatchObject({
      name: 'NotFoundException',
      status: 404,
    });
  });
});
