import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, expectMatchesRecording, recording, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

const API = 'test_apigateway_api';
const COMMON = 'test_apigateway_common';

/** A REST API with one MOCK GET method on its root: the least CreateDeployment accepts. */
async function deployableApi(client: APIGatewayClient, name: string): Promise<string> {
  const api = await client.send(new CreateRestApiCommand({ name }));
  await client.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
  await client.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' }));
  return api.id!;
}

describe('apigateway deployments and stages', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
  });
  afterAll(() => env.sandbox.close());
  // CreateDeployment allows one call per 5 s: every test starts with a fresh token.
  beforeEach(() => env.advance(5000));

  it('refuses to deploy an API without methods, or with a method without integration', async () => {
    const api = await env.admin.send(new CreateRestApiCommand({ name: 'empty' }));
    await expectAwsError(
      env.admin.send(new CreateDeploymentCommand({ restApiId: api.id })),
      'BadRequestException',
      "The REST API doesn't contain any methods",
      400,
    );
    env.advance(5000);
    await env.admin.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await expectAwsError(env.admin.send(new CreateDeploymentCommand({ restApiId: api.id })), 'BadRequestException', 'No integration defined for method', 400);
    env.advance(5000);
    await expectAwsError(
      env.admin.send(new CreateDeploymentCommand({ restApiId: 'nope' })),
      'NotFoundException',
      'Invalid API identifier specified 123456789012:nope',
      404,
    );
  });

  it('creates a deployment and a stage with the recorded defaults', async () => {
    const restApiId = await deployableApi(env.admin, 'stages');
    const deployment = await env.admin.send(new CreateDeploymentCommand({ restApiId }));
    expectMatchesRecording(deployment, recording(API, 'TestApiGatewayStage::test_stage_access_log_settings', 'create-deployment'));
    expect(deployment.id).toMatch(/^[a-z0-9]{6,10}$/);

    const stage = await env.admin.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: deployment.id, description: 'dev stage' }));
    expectMatchesRecording(stage, recording(API, 'TestApiGatewayStage::test_stage_access_log_settings', 'create-stage'));
    expectMatchesRecording(
      await env.admin.send(new GetDeploymentCommand({ restApiId, deploymentId: deployment.id })),
      recording(COMMON, 'TestDeployments::test_create_update_deployments', 'get-deployment-1'),
    );
    const got = await env.admin.send(new GetStageCommand({ restApiId, stageName: 'dev' }));
    expect(got).toMatchObject({ stageName: 'dev', deploymentId: deployment.id, methodSettings: {}, cacheClusterEnabled: false, tracingEnabled: false });

    await expectAwsError(
      env.admin.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: deployment.id })),
      'ConflictException',
      'Stage already exists',
      409,
    );
    await expectAwsError(
      env.admin.send(new CreateStageCommand({ restApiId, stageName: 'bad-name', deploymentId: deployment.id })),
      'BadRequestException',
      'Stage name only allows a-zA-Z0-9_',
      400,
    );
    await expectAwsError(
      env.admin.send(new CreateStageCommand({ restApiId, stageName: 'other', deploymentId: 'nope' })),
      'NotFoundException',
      'Invalid Deployment identifier specified',
      404,
    );
    await expectAwsError(env.admin.send(new GetStageCommand({ restApiId, stageName: 'nope' })), 'NotFoundException', 'Invalid stage identifier specified', 404);
    await expectAwsError(env.admin.send(new GetDeploymentCommand({ restApiId, deploymentId: 'nope' })), 'NotFoundException', 'Invalid Deployment identifier specified', 404);
  });

  it('creates stages with variables, tracing, cache, canary and tags', async () => {
    const restApiId = await deployableApi(env.admin, 'options');
    const { id: deploymentId } = await env.admin.send(new CreateDeploymentCommand({ restApiId, description: 'v1' }));
    const stage = await env.admin.send(
      new CreateStageCommand({
        restApiId,
        stageName: 'prod',
        deploymentId,
        variables: { backend: 'prod.example.com' },
        tracingEnabled: true,
        cacheClusterEnabled: true,
        canarySettings: { percentTraffic: 10, deploymentId },
        tags: { team: 'core' },
      }),
    );
    expect(stage).toMatchObject({
      variables: { backend: 'prod.example.com' },
      tracingEnabled: true,
      cacheClusterEnabled: true,
      cacheClusterSize: '0.5',
      canarySettings: { percentTraffic: 10, deploymentId, useStageCache: false },
      tags: { team: 'core' },
    });
    const tags = await env.admin.send(new GetTagsCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/prod` }));
    expect(tags.tags).toEqual({ team: 'core' });
    expect((await env.admin.send(new GetDeploymentCommand({ restApiId, deploymentId }))).description).toBe('v1');
  });

  it('creates or moves a stage from CreateDeployment, and filters stages by deployment', async () => {
    const restApiId = await deployableApi(env.admin, 'filters');
    const d1 = await env.admin.send(new CreateDeploymentCommand({ restApiId, stageName: 'stage1', stageDescription: 'first', variables: { a: '1' } }));
    env.advance(5000);
    const d2 = await env.admin.send(new CreateDeploymentCommand({ restApiId, stageName: 'stage2' }));

    const t = 'TestApiGatewayStage::test_get_stages_filters_by_deployment_id';
    const all = await env.admin.send(new GetStagesCommand({ restApiId }));
    expect(all.item!.map((s) => [s.stageName, s.deploymentId])).toEqual([
      ['stage1', d1.id],
      ['stage2', d2.id],
    ]);
    expectMatchesRecording(
      { ...(await env.admin.send(new GetStagesCommand({ restApiId, deploymentId: d2.id }))) },
      recording(API, t, 'stages-deploy2'),
    );
    const s1 = (await env.admin.send(new GetStagesCommand({ restApiId, deploymentId: d1.id }))).item!;
    expect(s1).toHaveLength(1);
    expect(s1[0]).toMatchObject({ stageName: 'stage1', description: 'first', variables: { a: '1' } });

    // Deploying to an existing stage moves it; the old deployment can then go.
    env.advance(5000);
    const d3 = await env.admin.send(new CreateDeploymentCommand({ restApiId, stageName: 'stage1' }));
    expect((await env.admin.send(new GetStageCommand({ restApiId, stageName: 'stage1' }))).deploymentId).toBe(d3.id);
    const deleted = await env.admin.send(new DeleteDeploymentCommand({ restApiId, deploymentId: d1.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);

    const deployments = await env.admin.send(new GetDeploymentsCommand({ restApiId }));
    expect(deployments.items!.map((d) => d.id)).toEqual([d2.id, d3.id]);
    const page = await env.admin.send(new GetDeploymentsCommand({ restApiId, limit: 1 }));
    expect(page.items!.map((d) => d.id)).toEqual([d2.id]);
    const next = await env.admin.send(new GetDeploymentsCommand({ restApiId, limit: 1, position: page.position }));
    expect(next.items!.map((d) => d.id)).toEqual([d3.id]);
  });

  it('refuses to delete a deployment a stage points at, as recorded', async () => {
    const restApiId = await deployableApi(env.admin, 'delete');
    const { id: deploymentId } = await env.admin.send(new CreateDeploymentCommand({ restApiId, stageName: 's1' }));
    const t = 'TestDeployments::test_create_delete_deployments[False]';
    expectMatchesRecording(await env.admin.send(new GetStagesCommand({ restApiId })), recording(COMMON, t, 'get-stages'));
    const recorded = recording(COMMON, t, 'delete-deployment-error-0') as { Error: { Code: string; Message: string } };
    await expectAwsError(env.admin.send(new DeleteDeploymentCommand({ restApiId, deploymentId })), recorded.Error.Code, recorded.Error.Message, 400);

    const deletedStage = await env.admin.send(new DeleteStageCommand({ restApiId, stageName: 's1' }));
    expect(deletedStage.$metadata.httpStatusCode).toBe(202);
    await env.admin.send(new DeleteDeploymentCommand({ restApiId, deploymentId }));
    expect((await env.admin.send(new GetDeploymentsCommand({ restApiId }))).items).toEqual([]);
    await expectAwsError(env.admin.send(new DeleteStageCommand({ restApiId, stageName: 's1' })), 'NotFoundException', 'Invalid stage identifier specified', 404);
    await expectAwsError(
      env.admin.send(new DeleteDeploymentCommand({ restApiId, deploymentId })),
      'NotFoundException',
      'Invalid Deployment identifier specified',
      404,
    );
  });

  it('lets the operator deploy and manage stages, and denies the viewer', async () => {
    const restApiId = await deployableApi(env.admin, 'roles');
    const { id } = await env.operator.send(new CreateDeploymentCommand({ restApiId }));
    await env.operator.send(new CreateStageCommand({ restApiId, stageName: 'ops', deploymentId: id }));
    await expectAwsError(
      env.viewer.send(new CreateStageCommand({ restApiId, stageName: 'viewer', deploymentId: id })),
      'AccessDeniedException',
      /gateway-console-viewer\/CognitoIdentityCredentials is not authorized to perform: apigateway:POST on resource: arn:aws:apigateway:us-east-1::\/restapis\/[a-z0-9]+\/stages because no identity-based policy allows/,
      403,
    );
    await env.operator.send(new DeleteStageCommand({ restApiId, stageName: 'ops' }));
  });

  it('allows one CreateDeployment per 5 seconds', async () => {
    const restApiId = await deployableApi(env.admin, 'quota');
    env.advance(5000);
    await env.admin.send(new CreateDeploymentCommand({ restApiId }));
    await expectAwsError(env.admin.send(new CreateDeploymentCommand({ restApiId })), 'TooManyRequestsException', 'Too Many Requests', 429);
    env.advance(5000);
    await env.admin.send(new CreateDeploymentCommand({ restApiId }));
  });
});
