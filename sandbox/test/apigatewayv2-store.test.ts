import { describe, expect, it } from 'vitest';
import { AwsError } from '../src/core/errors.js';
import { initialV2State, seededIds, type StoreEnv, type V2State } from '../src/services/apigatewayv2/store/model.js';
import { createApi } from '../src/services/apigatewayv2/store/apis.js';
import { createRoute } from '../src/services/apigatewayv2/store/routes.js';
import { createStage, deleteRouteSettings, getStage, updateStage } from '../src/services/apigatewayv2/store/stages.js';
import { createDeployment } from '../src/services/apigatewayv2/store/deployments.js';
import { seedDemoV2Apis } from '../src/seed/v2-apis.js';
import { emptyState } from '../src/core/state.js';
import { SERVICES } from '../src/services/registry.js';
import { defaultConfig } from '../src/server.js';

/** The store without HTTP: plain JSON state, and the stage updates UpdateStage and DeleteRouteSettings serve. */

function env(): StoreEnv {
  return { region: 'us-east-1', account: '123456789012', now: new Date('2024-05-01T10:00:00.123Z'), ids: seededIds(7) };
}

function caught(fn: () => unknown): { code: string; message: string; status: number; fields: Record<string, unknown> } {
  try {
    fn();
  } catch (e) {
    const err = e as AwsError;
    return { code: err.code, message: err.message, status: err.status, fields: err.fields };
  }
  throw new Error('expected an error');
}

function apiWithStage(state: V2State, e: StoreEnv, protocol: 'HTTP' | 'WEBSOCKET' = 'HTTP') {
  const apiId = createApi(state, e, {
    Name: 'a',
    ProtocolType: protocol,
    RouteSelectionExpression: protocol === 'WEBSOCKET' ? '$request.body.action' : undefined,
  }).api.apiId!;
  const keys = protocol === 'HTTP' ? ['GET /a', 'POST /a'] : ['$connect', 'send'];
  for (const key of keys) createRoute(state, e, { ApiId: apiId, RouteKey: key });
  createStage(state, e, { ApiId: apiId, StageName: 'prod', DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 } });
  return apiId;
}

describe('state', () => {
  it('is plain JSON: the demo seed survives a save and load unchanged', () => {
    const state = emptyState(SERVICES);
    seedDemoV2Apis(state, defaultConfig());
    expect(JSON.parse(JSON.stringify(state.services.apigatewayv2))).toEqual(state.services.apigatewayv2);
  });

  it('writes dates as ISO-8601 seconds, as AWS does', () => {
    const state = initialV2State();
    const entry = createApi(state, env(), { Name: 'x', ProtocolType: 'HTTP' });
    expect(entry.api.createdDate).toBe('2024-05-01T10:00:00Z');
  });
});

describe('updateStage (store)', () => {
  it('merges default settings member by member, route settings key by key, and moves lastUpdatedDate', () => {
    const state = initialV2State();
    const e = env();
    const apiId = apiWithStage(state, e);
    const later = { ...e, now: new Date('2024-05-02T00:00:00Z') };
    updateStage(state, later, {
      ApiId: apiId,
      StageName: 'prod',
      DefaultRouteSettings: { ThrottlingRateLimit: 75 },
      RouteSettings: { 'POST /a': { ThrottlingBurstLimit: 5 } },
    });
    updateStage(state, later, { ApiId: apiId, StageName: 'prod', RouteSettings: { 'GET /a': { ThrottlingRateLimit: 2 } } });
    expect(getStage(state, e, apiId, 'prod').routeSettings).toEqual({ 'POST /a': { throttlingBurstLimit: 5 }, 'GET /a': { throttlingRateLimit: 2 } });
    // A key given again replaces that key's entry whole.
    updateStage(state, later, { ApiId: apiId, StageName: 'prod', RouteSettings: { 'POST /a': { ThrottlingRateLimit: 3 } } });
    const stage = getStage(state, e, apiId, 'prod');
    expect(stage.defaultRouteSettings).toEqual({ detailedMetricsEnabled: false, throttlingBurstLimit: 100, throttlingRateLimit: 75 });
    expect(stage.routeSettings).toEqual({ 'POST /a': { throttlingRateLimit: 3 }, 'GET /a': { throttlingRateLimit: 2 } });
    expect(stage.lastUpdatedDate).toBe('2024-05-02T00:00:00Z');
    expect(stage.createdDate).toBe('2024-05-01T10:00:00Z');
  });

  it('refuses what AWS refuses: unknown route keys, execution logs on HTTP, a deployment id on an auto-deploy stage', () => {
    const state = initialV2State();
    const e = env();
    const apiId = apiWithStage(state, e);
    expect(caught(() => updateStage(state, e, { ApiId: apiId, StageName: 'prod', RouteSettings: { 'GET /nope': {} } }))).toMatchObject({
      code: 'NotFoundException',
      message: 'Unable to find Route by key GET /nope within the provided RouteSettings',
      status: 404,
    });
    expect(caught(() => updateStage(state, e, { ApiId: apiId, StageName: 'prod', DefaultRouteSettings: { LoggingLevel: 'INFO' } }))).toMatchObject({
      code: 'BadRequestException',
      message: 'Execution logs are not supported on protocolType HTTP',
    });
    const d = createDeployment(state, e, { ApiId: apiId }).deploymentId;
    expect(caught(() => updateStage(state, e, { ApiId: apiId, StageName: 'prod', AutoDeploy: true, DeploymentId: d }))).toMatchObject({
      code: 'BadRequestException',
    });
    expect(caught(() => updateStage(state, e, { ApiId: apiId, StageName: 'nope' }))).toMatchObject({
      code: 'NotFoundException',
      fields: { resourceType: 'Stage' },
    });
  });

  it('accepts execution logging on WebSocket stages and deploys when auto-deploy is turned on', () => {
    const state = initialV2State();
    const e = env();
    const apiId = apiWithStage(state, e, 'WEBSOCKET');
    const stage = updateStage(state, e, {
      ApiId: apiId,
      StageName: 'prod',
      AutoDeploy: true,
      DefaultRouteSettings: { LoggingLevel: 'INFO', DataTraceEnabled: true },
      RouteSettings: { send: { LoggingLevel: 'ERROR' } },
    });
    expect(stage.defaultRouteSettings).toEqual({
      dataTraceEnabled: true,
      detailedMetricsEnabled: false,
      loggingLevel: 'INFO',
      throttlingBurstLimit: 100,
      throttlingRateLimit: 50,
    });
    expect(stage.routeSettings).toEqual({ send: { loggingLevel: 'ERROR' } });
    expect(stage.deploymentId).toEqual(expect.any(String));
    expect(stage.lastDeploymentStatusMessage).toBe(`Successfully deployed stage with deployment ID '${stage.deploymentId}'`);
  });
});

describe('deleteRouteSettings (store)', () => {
  it("drops one route's override; a route without one is NotFound", () => {
    const state = initialV2State();
    const e = env();
    const apiId = apiWithStage(state, e);
    updateStage(state, e, { ApiId: apiId, StageName: 'prod', RouteSettings: { 'GET /a': { ThrottlingRateLimit: 1 }, 'POST /a': { ThrottlingRateLimit: 2 } } });
    deleteRouteSettings(state, e, apiId, 'prod', 'GET /a');
    expect(getStage(state, e, apiId, 'prod').routeSettings).toEqual({ 'POST /a': { throttlingRateLimit: 2 } });
    expect(caught(() => deleteRouteSettings(state, e, apiId, 'prod', 'GET /a'))).toMatchObject({ code: 'NotFoundException', status: 404 });
  });
});
