import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteRouteCommand,
  DeleteRouteSettingsCommand,
  GetApisCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  UpdateStageCommand,
  type RouteSettings,
} from '@aws-sdk/client-apigatewayv2';
import type { Sandbox } from '../src/server.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';

/**
 * What the console's stage, throttling and deployment screens send: UpdateStage, DeleteRouteSettings and
 * CreateDeployment onto a stage, with the real SDK client, error paths and roles included; and the demo
 * seed those screens open on.
 */

let sandbox: Sandbox;
let demo: Sandbox;
let offsetMs = 0;
let admin: ApiGatewayV2Client;

beforeAll(async () => {
  const now = () => new Date(Date.now() + offsetMs);
  sandbox = await startTestSandbox('empty', { config: { now } });
  demo = await startTestSandbox('demo', { config: { now } });
  admin = client('admin');
});
afterAll(async () => {
  await sandbox.close();
  await demo.close();
});
// Each test finds the account's bucket (10/s, burst 40) and CreateDeployment's (1 per 5 s) full again.
beforeEach(() => {
  offsetMs += 5_000;
});

function client(group: 'admin' | 'operator' | 'viewer', on: Sandbox = sandbox) {
  return new ApiGatewayV2Client(clientConfig(on, credentialsFor(on, group)));
}

/** Moves the sandbox clock on: past the CreateDeployment window, and far enough for a new LastUpdatedDate. */
const later = () => {
  offsetMs += 5_000;
};

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; ResourceType?: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode, resourceType: err.ResourceType };
  }
  throw new Error('expected the call to fail');
}

async function api(protocol: 'HTTP' | 'WEBSOCKET', routeKeys: string[]) {
  const out = await admin.send(
    new CreateApiCommand({
      Name: `${protocol.toLowerCase()}-api`,
      ProtocolType: protocol,
      RouteSelectionExpression: protocol === 'WEBSOCKET' ? '$request.body.action' : undefined,
    }),
  );
  const routeIds: Record<string, string> = {};
  for (const key of routeKeys) routeIds[key] = (await admin.send(new CreateRouteCommand({ ApiId: out.ApiId, RouteKey: key }))).RouteId!;
  return { apiId: out.ApiId!, routeIds };
}

/** An HTTP API with three routes and a hand-deployed `prod` stage, throttled stage-wide. */
async function httpStage() {
  const { apiId, routeIds } = await api('HTTP', ['GET /orders', 'POST /orders', 'GET /orders/{id}']);
  const deployment = await admin.send(new CreateDeploymentCommand({ ApiId: apiId, Description: 'first' }));
  await admin.send(
    new CreateStageCommand({
      ApiId: apiId,
      StageName: 'prod',
      Description: 'Production',
      DeploymentId: deployment.DeploymentId,
      DefaultRouteSettings: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
      StageVariables: { table: 'orders', region: 'eu-west-1' },
    }),
  );
  return { apiId, routeIds, deploymentId: deployment.DeploymentId! };
}

const getStage = async (apiId: string, stageName = 'prod', c = admin) => {
  const { $metadata: _m, ...stage } = await c.send(new GetStageCommand({ ApiId: apiId, StageName: stageName }));
  return stage;
};

describe('UpdateStage', () => {
  it('changes only what is given, returns the full stage and moves LastUpdatedDate', async () => {
    const { apiId, deploymentId } = await httpStage();
    const before = await getStage(apiId);
    later();
    const out = await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', DefaultRouteSettings: { ThrottlingRateLimit: 500.5 } }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    const { $metadata: _m, ...updated } = out;
    expect(updated).toEqual({
      ...before,
      DefaultRouteSettings: { DetailedMetricsEnabled: false, ThrottlingBurstLimit: 200, ThrottlingRateLimit: 500.5 },
      LastUpdatedDate: expect.any(Date),
    });
    expect(updated.LastUpdatedDate!.getTime()).toBeGreaterThan(before.LastUpdatedDate!.getTime());
    expect(updated.CreatedDate).toEqual(before.CreatedDate);
    expect(updated.DeploymentId).toBe(deploymentId);
    expect(await getStage(apiId)).toEqual(updated);

    const described = await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', Description: 'Production (EU)', DefaultRouteSettings: { DetailedMetricsEnabled: true } }),
    );
    expect(described).toMatchObject({
      Description: 'Production (EU)',
      DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingBurstLimit: 200, ThrottlingRateLimit: 500.5 },
      StageVariables: { table: 'orders', region: 'eu-west-1' },
    });
  });

  it('merges RouteSettings by route key; a key given replaces that key whole', async () => {
    const { apiId } = await httpStage();
    await admin.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        RouteSettings: { 'POST /orders': { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 } },
      }),
    );
    const out = await admin.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        RouteSettings: { 'GET /orders/{id}': { ThrottlingBurstLimit: 400, ThrottlingRateLimit: 200, DetailedMetricsEnabled: true } },
      }),
    );
    expect(out.RouteSettings).toEqual({
      'POST /orders': { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      'GET /orders/{id}': { ThrottlingBurstLimit: 400, ThrottlingRateLimit: 200, DetailedMetricsEnabled: true },
    });
    const replaced = await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 75 } } }),
    );
    expect(replaced.RouteSettings!['POST /orders']).toEqual({ ThrottlingRateLimit: 75 });
    expect(replaced.RouteSettings!['GET /orders/{id}']).toEqual({ ThrottlingBurstLimit: 400, ThrottlingRateLimit: 200, DetailedMetricsEnabled: true });
    // An empty map changes nothing.
    expect((await admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: {} }))).RouteSettings).toEqual(
      replaced.RouteSettings,
    );
  });

  it('refuses a route key the API has not, with AWS wording, and changes nothing', async () => {
    const { apiId } = await httpStage();
    const before = await getStage(apiId);
    expect(
      await failure(
        admin.send(
          new UpdateStageCommand({
            ApiId: apiId,
            StageName: 'prod',
            DefaultRouteSettings: { ThrottlingBurstLimit: 1 },
            RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 1 }, 'DELETE /orders': { ThrottlingRateLimit: 1 } },
          }),
        ),
      ),
    ).toEqual({
      name: 'NotFoundException',
      message: 'Unable to find Route by key DELETE /orders within the provided RouteSettings',
      status: 404,
      resourceType: 'Route',
    });
    expect(await getStage(apiId)).toEqual(before);
  });

  it('names a key a deleted route left behind until DeleteRouteSettings removes it', async () => {
    const { apiId, routeIds } = await httpStage();
    await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: { 'GET /orders/{id}': { ThrottlingRateLimit: 5 } } }),
    );
    await admin.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: routeIds['GET /orders/{id}'] }));
    expect((await getStage(apiId)).RouteSettings).toEqual({ 'GET /orders/{id}': { ThrottlingRateLimit: 5 } });
    expect(
      await failure(
        admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 1 } } })),
      ),
    ).toMatchObject({ name: 'NotFoundException', message: 'Unable to find Route by key GET /orders/{id} within the provided RouteSettings' });
    // Updates that leave RouteSettings alone still go through.
    expect((await admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', Description: 'x' }))).Description).toBe('x');
    await admin.send(new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'prod', RouteKey: 'GET /orders/{id}' }));
    const out = await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 1 } } }),
    );
    expect(out.RouteSettings).toEqual({ 'POST /orders': { ThrottlingRateLimit: 1 } });
  });

  it('refuses execution logging on HTTP APIs, in defaults and per route', async () => {
    const { apiId } = await httpStage();
    const cases: { DefaultRouteSettings?: RouteSettings; RouteSettings?: Record<string, RouteSettings> }[] = [
      { DefaultRouteSettings: { LoggingLevel: 'INFO' } },
      { DefaultRouteSettings: { DataTraceEnabled: false } },
      { RouteSettings: { 'GET /orders': { LoggingLevel: 'ERROR' } } },
      { RouteSettings: { 'GET /orders': { DataTraceEnabled: true } } },
    ];
    for (const settings of cases) {
      expect(await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', ...settings })))).toMatchObject({
        name: 'BadRequestException',
        message: 'Execution logs are not supported on protocolType HTTP',
        status: 400,
      });
    }
  });

  it('sets execution logging on WebSocket stages, stage-wide and per route', async () => {
    const { apiId } = await api('WEBSOCKET', ['$connect', '$disconnect', 'sendMessage']);
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: 'production' }));
    const out = await admin.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'production',
        DefaultRouteSettings: { LoggingLevel: 'INFO', DataTraceEnabled: true, ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 500 },
        RouteSettings: { $connect: { LoggingLevel: 'ERROR', ThrottlingBurstLimit: 50, ThrottlingRateLimit: 25 } },
      }),
    );
    expect(out.DefaultRouteSettings).toEqual({
      DataTraceEnabled: true,
      DetailedMetricsEnabled: false,
      LoggingLevel: 'INFO',
      ThrottlingBurstLimit: 1000,
      ThrottlingRateLimit: 500,
    });
    expect(out.RouteSettings).toEqual({ $connect: { LoggingLevel: 'ERROR', ThrottlingBurstLimit: 50, ThrottlingRateLimit: 25 } });
    expect(
      await failure(
        admin.send(
          new UpdateStageCommand({ ApiId: apiId, StageName: 'production', DefaultRouteSettings: { LoggingLevel: 'DEBUG' as never } }),
        ),
      ),
    ).toMatchObject({ name: 'BadRequestException', status: 400 });
  });

  it('refuses negative, fractional and non-numeric throttling values, and changes nothing', async () => {
    const { apiId } = await httpStage();
    const before = await getStage(apiId);
    const bad: RouteSettings[] = [
      { ThrottlingBurstLimit: -1 },
      { ThrottlingRateLimit: -0.5 },
      { ThrottlingBurstLimit: 1.5 },
      { ThrottlingRateLimit: 'fast' as unknown as number },
      { ThrottlingBurstLimit: '10' as unknown as number },
      { ThrottlingRateLimit: Number.NaN },
    ];
    for (const settings of bad) {
      expect(await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', DefaultRouteSettings: settings })))).toMatchObject({
        name: 'BadRequestException',
        status: 400,
      });
      expect(
        await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: { 'GET /orders': settings } }))),
      ).toMatchObject({ name: 'BadRequestException', status: 400 });
    }
    expect(await getStage(apiId)).toEqual(before);
    // Zero is a limit (it blocks the traffic), not an error.
    const zero = await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: { 'POST /orders': { ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 } } }),
    );
    expect(zero.RouteSettings).toEqual({ 'POST /orders': { ThrottlingBurstLimit: 0, ThrottlingRateLimit: 0 } });
  });

  it('merges StageVariables by name; an empty value removes one', async () => {
    const { apiId } = await httpStage();
    const out = await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', StageVariables: { region: '', lambdaAlias: 'live', url: 'https://a.example.com/v1?x=1' } }),
    );
    expect(out.StageVariables).toEqual({ table: 'orders', lambdaAlias: 'live', url: 'https://a.example.com/v1?x=1' });
    const bad: Record<string, string>[] = [{ 'bad-name': 'x' }, { ok: 'has space' }, { ok: 'dollar$' }];
    for (const variables of bad) {
      expect(await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', StageVariables: variables })))).toMatchObject({
        name: 'BadRequestException',
        status: 400,
      });
    }
    expect((await getStage(apiId)).StageVariables).toEqual(out.StageVariables);
  });

  it('points the stage at an existing deployment; refuses unknown ones and auto-deploy stages', async () => {
    const { apiId, deploymentId } = await httpStage();
    later();
    const second = await admin.send(new CreateDeploymentCommand({ ApiId: apiId, Description: 'second' }));
    const moved = await admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', DeploymentId: second.DeploymentId }));
    expect(moved.DeploymentId).toBe(second.DeploymentId);
    expect(await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', DeploymentId: 'zzzzzz' })))).toEqual({
      name: 'NotFoundException',
      message: 'Invalid Deployment identifier specified',
      status: 404,
      resourceType: 'Deployment',
    });
    const refusal = {
      name: 'BadRequestException',
      message: `Deployment ID cannot be set on this stage ${sandbox.config.account}:${apiId} because AutoDeploy is enabled.`,
      status: 400,
    };
    expect(
      await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', AutoDeploy: true, DeploymentId: deploymentId }))),
    ).toMatchObject(refusal);
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    expect(await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: '$default', DeploymentId: deploymentId })))).toMatchObject(
      refusal,
    );
    // Turning auto-deploy off in the same request lets the stage be pinned.
    const pinned = await admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: false, DeploymentId: deploymentId }));
    expect(pinned).toMatchObject({ AutoDeploy: false, DeploymentId: deploymentId });
  });

  it('deploys at once when auto-deploy is turned on', async () => {
    const { apiId, deploymentId } = await httpStage();
    const out = await admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', AutoDeploy: true }));
    expect(out.AutoDeploy).toBe(true);
    expect(out.DeploymentId).not.toBe(deploymentId);
    expect(out.LastDeploymentStatusMessage).toBe(`Successfully deployed stage with deployment ID '${out.DeploymentId}'`);
    const deployment = await admin.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: out.DeploymentId }));
    expect(deployment).toMatchObject({ AutoDeployed: true, DeploymentStatus: 'DEPLOYED' });
  });

  it('sets access log settings member by member; an empty object changes nothing', async () => {
    const { apiId } = await httpStage();
    const destination = `arn:aws:logs:us-east-1:${sandbox.config.account}:log-group:/aws/apigateway/prod`;
    const format = JSON.stringify({ requestId: '$context.requestId', status: '$context.status' });
    const set = await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', AccessLogSettings: { DestinationArn: destination, Format: format } }),
    );
    expect(set.AccessLogSettings).toEqual({ DestinationArn: destination, Format: format });
    const reformatted = await admin.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', AccessLogSettings: { Format: '$context.requestId $context.status' } }),
    );
    expect(reformatted.AccessLogSettings).toEqual({ DestinationArn: destination, Format: '$context.requestId $context.status' });
    expect((await admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', AccessLogSettings: {} }))).AccessLogSettings).toEqual(
      reformatted.AccessLogSettings,
    );
    expect(
      await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', AccessLogSettings: { DestinationArn: 'not-an-arn' } }))),
    ).toMatchObject({ name: 'BadRequestException', status: 400 });
  });

  it('answers NotFoundException for an unknown stage or API', async () => {
    const { apiId } = await httpStage();
    expect(await failure(admin.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'nope', Description: 'x' })))).toEqual({
      name: 'NotFoundException',
      message: 'Invalid stage identifier specified',
      status: 404,
      resourceType: 'Stage',
    });
    expect(await failure(admin.send(new UpdateStageCommand({ ApiId: 'nosuchapi0', StageName: 'prod' })))).toMatchObject({
      name: 'NotFoundException',
      resourceType: 'Api',
    });
  });
});

describe('DeleteRouteSettings', () => {
  it('sends the route key URL-encoded in the path, and the sandbox decodes it', async () => {
    const { apiId } = await httpStage();
    await admin.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'prod',
        RouteSettings: { 'GET /orders/{id}': { ThrottlingRateLimit: 5 }, 'POST /orders': { ThrottlingRateLimit: 1 } },
      }),
    );
    const c = client('admin');
    const paths: string[] = [];
    c.middlewareStack.add(
      (next) => async (args) => {
        paths.push((args.request as { path: string }).path);
        return next(args);
      },
      { step: 'finalizeRequest' },
    );
    const out = await c.send(new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'prod', RouteKey: 'GET /orders/{id}' }));
    expect(out.$metadata.httpStatusCode).toBe(204);
    expect(paths).toEqual([`/v2/apis/${apiId}/stages/prod/routesettings/GET%20%2Forders%2F%7Bid%7D`]);
    expect((await getStage(apiId)).RouteSettings).toEqual({ 'POST /orders': { ThrottlingRateLimit: 1 } });
  });

  it('deletes WebSocket route settings on $-keys, and a $default stage of an HTTP API', async () => {
    const ws = await api('WEBSOCKET', ['$connect', 'sendMessage']);
    await admin.send(
      new CreateStageCommand({ ApiId: ws.apiId, StageName: 'production', RouteSettings: { $connect: { LoggingLevel: 'INFO' }, sendMessage: {} } }),
    );
    await admin.send(new DeleteRouteSettingsCommand({ ApiId: ws.apiId, StageName: 'production', RouteKey: '$connect' }));
    expect((await getStage(ws.apiId, 'production')).RouteSettings).toEqual({ sendMessage: {} });

    const http = await api('HTTP', ['$default']);
    await admin.send(new CreateStageCommand({ ApiId: http.apiId, StageName: '$default', RouteSettings: { $default: { ThrottlingRateLimit: 3 } } }));
    await admin.send(new DeleteRouteSettingsCommand({ ApiId: http.apiId, StageName: '$default', RouteKey: '$default' }));
    expect((await getStage(http.apiId, '$default')).RouteSettings).toEqual({});
  });

  it('answers NotFoundException when the stage has no settings for the key, or no such stage', async () => {
    const { apiId } = await httpStage();
    const before = await getStage(apiId);
    expect(await failure(admin.send(new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'prod', RouteKey: 'GET /orders' })))).toEqual({
      name: 'NotFoundException',
      message: 'Unable to find RouteSettings for route key GET /orders in this stage',
      status: 404,
      resourceType: 'RouteSettings',
    });
    expect(await getStage(apiId)).toEqual(before);
    expect(await failure(admin.send(new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'nope', RouteKey: 'GET /orders' })))).toMatchObject({
      name: 'NotFoundException',
      resourceType: 'Stage',
    });
  });
});

describe('CreateDeployment onto a stage', () => {
  it('keeps a deployment history the stage moves along; auto-deployments are flagged', async () => {
    const { apiId, deploymentId } = await httpStage();
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    const released: string[] = [deploymentId];
    for (const description of ['Order history', 'Gift cards']) {
      later();
      const out = await admin.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'prod', Description: description }));
      expect((await getStage(apiId)).DeploymentId).toBe(out.DeploymentId);
      released.push(out.DeploymentId!);
    }
    const { Items } = await client('viewer').send(new GetDeploymentsCommand({ ApiId: apiId, MaxResults: '500' }));
    const byId = new Map(Items!.map((d) => [d.DeploymentId!, d]));
    expect(released.map((id) => byId.get(id)?.Description)).toEqual(['first', 'Order history', 'Gift cards']);
    for (const id of released) {
      expect(byId.get(id)).toEqual({
        DeploymentId: id,
        Description: expect.any(String),
        CreatedDate: expect.any(Date),
        DeploymentStatus: 'DEPLOYED',
        AutoDeployed: false,
      });
    }
    const dates = released.map((id) => byId.get(id)!.CreatedDate!.getTime());
    expect([...dates].sort((a, b) => a - b)).toEqual(dates);
    const auto = Items!.filter((d) => d.AutoDeployed);
    expect(auto).toHaveLength(1);
    expect(auto[0]).toMatchObject({ Description: 'Automatic deployment triggered by changes to the Api configuration', DeploymentStatus: 'DEPLOYED' });
    expect((await getStage(apiId, '$default')).DeploymentId).toBe(auto[0]!.DeploymentId);
  });

  it('refuses a manual deployment onto an auto-deploy stage, and creates no deployment', async () => {
    const { apiId } = await httpStage();
    await admin.send(new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    const before = (await admin.send(new GetDeploymentsCommand({ ApiId: apiId }))).Items!.length;
    later();
    expect(await failure(admin.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: '$default', Description: 'manual' })))).toEqual({
      name: 'BadRequestException',
      message: `Deployment ID cannot be set on this stage ${sandbox.config.account}:${apiId} because AutoDeploy is enabled.`,
      status: 400,
      resourceType: undefined,
    });
    expect((await admin.send(new GetDeploymentsCommand({ ApiId: apiId }))).Items).toHaveLength(before);
  });
});

describe('roles', () => {
  it('lets an operator update stages, delete route settings and deploy; denies a viewer all three', async () => {
    const { apiId } = await httpStage();
    const operator = client('operator');
    const viewer = client('viewer');
    const denied = { name: 'AccessDeniedException', status: 403 };

    expect(
      await failure(viewer.send(new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 9 } } }))),
    ).toMatchObject(denied);
    const updated = await operator.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'prod', RouteSettings: { 'POST /orders': { ThrottlingRateLimit: 9 } } }),
    );
    expect(updated.RouteSettings).toEqual({ 'POST /orders': { ThrottlingRateLimit: 9 } });

    expect(await failure(viewer.send(new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'prod', RouteKey: 'POST /orders' })))).toMatchObject(
      denied,
    );
    await operator.send(new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'prod', RouteKey: 'POST /orders' }));

    later();
    expect(await failure(viewer.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'prod' })))).toMatchObject(denied);
    later();
    const deployment = await operator.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'prod', Description: 'by the operator' }));
    const stage = await getStage(apiId, 'prod', viewer);
    expect(stage).toMatchObject({ DeploymentId: deployment.DeploymentId, RouteSettings: {} });
  });
});

describe('demo seed', () => {
  async function demoApi(name: string) {
    const viewer = client('viewer', demo);
    const { Items } = await viewer.send(new GetApisCommand({ MaxResults: '500' }));
    const apiId = Items!.find((a) => a.Name === name)!.ApiId!;
    return { viewer, apiId };
  }

  it("gives Checkout's prod stage throttling, overrides, variables, JSON access logs and a release history", async () => {
    const { viewer, apiId } = await demoApi('Checkout HTTP API');
    const prod = await getStage(apiId, 'prod', viewer);
    expect(prod.AutoDeploy).toBeFalsy();
    expect(prod.DefaultRouteSettings).toEqual({ DetailedMetricsEnabled: true, ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 500 });
    expect(prod.RouteSettings).toEqual({
      'POST /orders': { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      'GET /orders/{id}': { ThrottlingBurstLimit: 400, ThrottlingRateLimit: 200 },
    });
    expect(Object.keys(prod.StageVariables!).length).toBeGreaterThanOrEqual(2);
    expect(prod.AccessLogSettings!.DestinationArn).toMatch(/^arn:aws:logs:/);
    expect(JSON.parse(prod.AccessLogSettings!.Format!)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });

    const { Items } = await viewer.send(new GetDeploymentsCommand({ ApiId: apiId, MaxResults: '500' }));
    const manual = Items!.filter((d) => !d.AutoDeployed);
    expect(manual.length).toBeGreaterThanOrEqual(3);
    expect(new Set(manual.map((d) => d.Description)).size).toBe(manual.length);
    expect(new Set(manual.map((d) => d.CreatedDate!.toISOString())).size).toBe(manual.length);
    expect(manual.find((d) => d.DeploymentId === prod.DeploymentId)).toBeDefined();

    const $default = await getStage(apiId, '$default', viewer);
    expect($default).toMatchObject({ AutoDeploy: true, DeploymentId: expect.any(String) });
    expect(Items!.find((d) => d.DeploymentId === $default.DeploymentId)).toMatchObject({ AutoDeployed: true });
  });

  it("gives Live Chat's production stage INFO execution logs and a $connect override", async () => {
    const { viewer, apiId } = await demoApi('Live Chat');
    const production = await getStage(apiId, 'production', viewer);
    expect(production.DefaultRouteSettings).toMatchObject({ LoggingLevel: 'INFO' });
    expect(production.RouteSettings!.$connect).toMatchObject({ ThrottlingBurstLimit: expect.any(Number), ThrottlingRateLimit: expect.any(Number) });
  });

  it('lets the console remove a seeded override by its encoded route key', async () => {
    const { apiId } = await demoApi('Checkout HTTP API');
    const operator = client('operator', demo);
    await operator.send(new DeleteRouteSettingsCommand({ ApiId: apiId, StageName: 'prod', RouteKey: 'GET /orders/{id}' }));
    expect(Object.keys((await getStage(apiId, 'prod', operator)).RouteSettings!)).toEqual(['POST /orders']);
  });
});
