import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteRestApiCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetUsagePlanCommand,
  GetUsagePlanKeyCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, expectMatchesRecording, recording, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

const COMMON = 'test_apigateway_common';
const EXT = 'test_apigateway_extended';

describe('apigateway usage plans and usage plan keys', () => {
  let env: TestEnv;
  let apiId: string;

  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
    const api = await env.admin.send(new CreateRestApiCommand({ name: 'planned' }));
    apiId = api.id!;
    await env.admin.send(new PutMethodCommand({ restApiId: apiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
    await env.admin.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' }));
    const { id } = await env.admin.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'dev' }));
    await env.admin.send(new CreateStageCommand({ restApiId: apiId, stageName: 'prod', deploymentId: id }));
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  it('creates, gets and lists a plan with the recorded shapes', async () => {
    const t = 'TestUsagePlans::test_usage_plan_crud';
    const created = await env.admin.send(
      new CreateUsagePlanCommand({ name: 'crud', description: 'this is my usage plan', apiStages: [{ apiId, stage: 'dev' }] }),
    );
    expectMatchesRecording(created, recording(COMMON, t, 'create-usage-plan'));
    expect(created.id).toMatch(/^[a-z0-9]{6}$/);
    expectMatchesRecording(await env.admin.send(new GetUsagePlanCommand({ usagePlanId: created.id })), recording(COMMON, t, 'get-usage-plan'));
    const listed = await env.admin.send(new GetUsagePlansCommand({}));
    expectMatchesRecording({ ...listed, items: listed.items!.filter((p) => p.id === created.id) }, recording(COMMON, t, 'get-usage-plans'));
  });

  it('keeps throttle, quota and tags', async () => {
    const withAll = await env.admin.send(
      new CreateUsagePlanCommand({
        name: 'full',
        description: 'Test Usage Plan for API key',
        apiStages: [{ apiId, stage: 'dev' }],
        throttle: { burstLimit: 1, rateLimit: 2 },
        quota: { limit: 10, period: 'DAY' },
        tags: { tag_key: 'tag_value' },
      }),
    );
    expectMatchesRecording(withAll, recording(COMMON, 'TestUsagePlans::test_api_key_required_for_methods', 'create-usage-plan'));
    const burst = await env.admin.send(new CreateUsagePlanCommand({ name: 'burst', throttle: { burstLimit: 20, rateLimit: 10 } }));
    expectMatchesRecording(burst, recording(EXT, 'TestApigatewayApiKeysCrud::test_create_usage_plan_with_throttle', 'create-usage-plan-burst-gt-rate'));
  });

  it('validates API stages and input with AWS messages', async () => {
    // AWS answers a bad API stage at creation with its unformatted template (aws/aws-sdk#354).
    const template = 'Invalid API Stage {api: %s, stage: %s} specified for usageplan %s';
    await expectAwsError(env.admin.send(new CreateUsagePlanCommand({ name: 'x', apiStages: [{ apiId, stage: 'nope' }] })), 'BadRequestException', template, 400);
    await expectAwsError(env.admin.send(new CreateUsagePlanCommand({ name: 'x', apiStages: [{ apiId: 'nope', stage: 'dev' }] })), 'BadRequestException', template, 400);
    await expectAwsError(env.admin.send(new CreateUsagePlanCommand({ name: 'x', apiStages: [{ stage: 'dev' }] })), 'BadRequestException', template, 400);
    await expectAwsError(
      env.admin.send(new CreateUsagePlanCommand({ name: 'x', quota: { limit: 1, period: 'YEAR' as 'DAY' } })),
      'ValidationException',
      "1 validation error detected: Value 'YEAR' at 'createUsagePlanInput.quota.period' failed to satisfy constraint: Member must satisfy enum value set: [DAY, WEEK, MONTH]",
      400,
    );
    await expectAwsError(env.admin.send(new GetUsagePlanCommand({ usagePlanId: 'nope' })), 'NotFoundException', 'Invalid Usage Plan ID specified', 404);
  });

  it('attaches keys, lists them by name, filters plans by key, detaches them', async () => {
    const t = 'TestApigatewayApiKeysCrud::test_get_usage_plan_api_keys';
    const k1 = await env.admin.send(new CreateApiKeyCommand({ name: 'test-key-2' }));
    const k2 = await env.admin.send(new CreateApiKeyCommand({ name: 'test-key-1' }));
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'usage-plan-keys' }));
    expectMatchesRecording(plan, recording(EXT, t, 'create-usage-plan'));
    expectMatchesRecording(await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id })), recording(EXT, t, 'get-up-keys-before-create'));

    const upk = await env.operator.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: k1.id, keyType: 'API_KEY' }));
    expectMatchesRecording(upk, recording(EXT, t, 'create-up-key'));
    expect(upk).toMatchObject({ id: k1.id, name: 'test-key-2', type: 'API_KEY', value: k1.value });
    await env.operator.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: k2.id, keyType: 'API_KEY' }));

    const keys = await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id }));
    expectMatchesRecording(keys, recording(EXT, t, 'get-up-keys'));
    expect(keys.items!.map((k) => k.id)).toEqual([k2.id, k1.id]);
    expect((await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, nameQuery: 'test-key' }))).items).toHaveLength(2);
    expect((await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, nameQuery: 'TEST-key' }))).items).toEqual([]);
    expect((await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id, nameQuery: 'test-key-2' }))).items!.map((k) => k.id)).toEqual([k1.id]);
    expectMatchesRecording(await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: 'bad-id' })), recording(EXT, t, 'get-up-keys-bad-usage-plan'));

    expect(await env.admin.send(new GetUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: k2.id }))).toMatchObject({ id: k2.id, name: 'test-key-1' });
    expect((await env.admin.send(new GetUsagePlansCommand({ keyId: k1.id }))).items!.map((p) => p.id)).toEqual([plan.id]);

    await expectAwsError(
      env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: 'nope', keyType: 'API_KEY' })),
      'NotFoundException',
      'Invalid API Key identifier specified',
      404,
    );
    await expectAwsError(
      env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: 'nope', keyId: k1.id, keyType: 'API_KEY' })),
      'NotFoundException',
      'Invalid Usage Plan ID specified',
      404,
    );
    await expectAwsError(
      env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: k1.id, keyType: 'API_KEY' })),
      'ConflictException',
      `Usage Plan ${plan.id} already contains API Key ${k1.id}`,
      409,
    );

    const removed = await env.admin.send(new DeleteUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: k1.id }));
    expect(removed.$metadata.httpStatusCode).toBe(202);
    await expectAwsError(
      env.admin.send(new DeleteUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: k1.id })),
      'NotFoundException',
      'Invalid Usage Plan Key identifier specified',
      404,
    );
    // Deleting an API key takes it out of its plans (recorded).
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: k2.id }));
    expectMatchesRecording(await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id })), recording(EXT, t, 'get-up-keys-after-delete'));
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: k1.id }));
  });

  it('refuses a key on two plans that share an API stage', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'shared' }));
    const a = await env.admin.send(new CreateUsagePlanCommand({ name: 'a', apiStages: [{ apiId, stage: 'dev' }] }));
    const b = await env.admin.send(new CreateUsagePlanCommand({ name: 'b', apiStages: [{ apiId, stage: 'dev' }] }));
    await env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: a.id, keyId: key.id, keyType: 'API_KEY' }));
    await expectAwsError(
      env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: b.id, keyId: key.id, keyType: 'API_KEY' })),
      'ConflictException',
      `Usage Plan ${b.id} cannot be added because API Key ${key.id} cannot reference multiple Usage Plans with the same API Stage: ${apiId}:dev`,
      409,
    );
  });

  it('refuses to delete a plan that still has API stages; deletes an empty one', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'staged', apiStages: [{ apiId, stage: 'prod' }] }));
    await expectAwsError(
      env.admin.send(new DeleteUsagePlanCommand({ usagePlanId: plan.id })),
      'BadRequestException',
      `Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${apiId}:prod`,
      400,
    );
    const bare = await env.admin.send(new CreateUsagePlanCommand({ name: 'bare' }));
    const deleted = await env.operator.send(new DeleteUsagePlanCommand({ usagePlanId: bare.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    await expectAwsError(env.admin.send(new DeleteUsagePlanCommand({ usagePlanId: bare.id })), 'NotFoundException', 'Invalid Usage Plan ID specified', 404);
    await expectAwsError(env.viewer.send(new CreateUsagePlanCommand({ name: 'viewer' })), 'AccessDeniedException', /apigateway:POST on resource: arn:aws:apigateway:us-east-1::\/usageplans /, 403);
  });

  it('pages plans in creation order, and drops a deleted API from plans', async () => {
    const all = await env.admin.send(new GetUsagePlansCommand({ limit: 500 }));
    const first = await env.admin.send(new GetUsagePlansCommand({ limit: 2 }));
    expect(first.items!.map((p) => p.id)).toEqual(all.items!.slice(0, 2).map((p) => p.id));
    const second = await env.admin.send(new GetUsagePlansCommand({ limit: 2, position: first.position }));
    expect(second.items!.map((p) => p.id)).toEqual(all.items!.slice(2, 4).map((p) => p.id));

    await env.admin.send(new DeleteRestApiCommand({ restApiId: apiId }));
    const after = await env.admin.send(new GetUsagePlansCommand({ limit: 500 }));
    expect(after.items!.every((p) => (p.apiStages ?? []).every((s) => s.apiId !== apiId))).toBe(true);
  });
});
