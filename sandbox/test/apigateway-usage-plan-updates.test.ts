import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetUsagePlanCommand,
  GetUsagePlansCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateUsagePlanCommand,
  type PatchOperation,
  type UsagePlan,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, expectMatchesRecording, recordedError, recording, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

const COMMON = 'test_apigateway_common';
const CRUD = 'TestUsagePlans::test_usage_plan_crud';

/**
 * UpdateUsagePlan: every path AWS takes, per-method throttles inside an API stage, validation with the
 * recorded messages, all-or-nothing, and the 1-per-20-s quota (each update here first moves the clock 20 s).
 */
describe('apigateway UpdateUsagePlan', () => {
  let env: TestEnv;
  let apiId: string;
  let otherApiId: string;

  const update = async (usagePlanId: string | undefined, patchOperations: PatchOperation[], client = env.admin) => {
    env.advance(20_000);
    return client.send(new UpdateUsagePlanCommand({ usagePlanId, patchOperations }));
  };
  const failsWith = async (usagePlanId: string | undefined, ops: PatchOperation[], name: string, message: string | RegExp, status: number) => {
    env.advance(20_000);
    await expectAwsError(env.admin.send(new UpdateUsagePlanCommand({ usagePlanId, patchOperations: ops })), name, message, status);
  };

  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
    for (const name of ['planned', 'other']) {
      const api = await env.admin.send(new CreateRestApiCommand({ name, description: 'this is my api' }));
      const pets = await env.admin.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'pets' }));
      for (const resourceId of [api.rootResourceId, pets.id]) {
        await env.admin.send(new PutMethodCommand({ restApiId: api.id, resourceId, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
        await env.admin.send(new PutIntegrationCommand({ restApiId: api.id, resourceId, httpMethod: 'GET', type: 'MOCK' }));
      }
      env.advance(5_000);
      const { id } = await env.admin.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'dev' }));
      await env.admin.send(new CreateStageCommand({ restApiId: api.id, stageName: 'prod', deploymentId: id }));
      if (name === 'planned') apiId = api.id!;
      else otherApiId = api.id!;
    }
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  it('updates throttle and quota with the recorded answer, and lists the change', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'crud', description: 'this is my usage plan', apiStages: [{ apiId, stage: 'dev' }] }));
    const updated = await update(plan.id, [
      { op: 'replace', path: '/throttle/burstLimit', value: '100' },
      { op: 'replace', path: '/throttle/rateLimit', value: '200' },
      { op: 'replace', path: '/quota/period', value: 'MONTH' },
      { op: 'replace', path: '/quota/limit', value: '5000' },
    ]);
    expectMatchesRecording(updated, recording(COMMON, CRUD, 'update-usage-plan'));
    expectMatchesRecording(await env.admin.send(new GetUsagePlanCommand({ usagePlanId: plan.id })), recording(COMMON, CRUD, 'get-usage-plan-after-update'));
    const listed = await env.admin.send(new GetUsagePlansCommand({}));
    expectMatchesRecording({ ...listed, items: listed.items!.filter((p) => p.id === plan.id) }, recording(COMMON, CRUD, 'get-usage-plans-after-update'));
  });

  it('answers a wrong plan id and bad API stage values with the recorded errors', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'stages', description: 'd', apiStages: [{ apiId, stage: 'dev' }] }));
    const rec = (entry: string) => {
      const r = recordedError(COMMON, CRUD, entry);
      return { ...r, message: r.message.replace('<api-id:1>', apiId).replace('<id:1>', plan.id!) };
    };
    const wrongId = rec('update-wrong-id');
    await failsWith(`${plan.id}1`, [{ op: 'replace', path: '/throttle/burstLimit', value: '100' }], wrongId.code, wrongId.message, wrongId.status);
    const noValue = rec('update-wrong-api-stages-no-value');
    await failsWith(plan.id, [{ op: 'remove', path: '/apiStages' }], noValue.code, noValue.message, noValue.status);
    const wrongApi = rec('update-wrong-api-stages-wrong-api');
    await failsWith(plan.id, [{ op: 'remove', path: '/apiStages', value: `${apiId}b:dev` }], wrongApi.code, wrongApi.message, wrongApi.status);
    const wrongStage = rec('update-wrong-api-stages-wrong-stage');
    await failsWith(plan.id, [{ op: 'remove', path: '/apiStages', value: `${apiId}:fakestagename` }], wrongStage.code, wrongStage.message, wrongStage.status);
    const wrongValue = rec('update-wrong-api-stages-wrong-value');
    await failsWith(plan.id, [{ op: 'remove', path: '/apiStages', value: 'fakevalue' }], wrongValue.code, wrongValue.message, wrongValue.status);
    // Nothing changed.
    expect((await env.admin.send(new GetUsagePlanCommand({ usagePlanId: plan.id }))).apiStages).toEqual([{ apiId, stage: 'dev' }]);
  });

  it('renames, describes, sets and removes the product code, throttle and quota', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'fields', throttle: { burstLimit: 5, rateLimit: 2 }, quota: { limit: 10, period: 'DAY' } }));
    let out = await update(plan.id, [
      { op: 'replace', path: '/name', value: 'renamed' },
      { op: 'replace', path: '/description', value: 'Gold tier' },
      { op: 'add', path: '/productCode', value: 'prod-code-1' },
      { op: 'replace', path: '/quota/period', value: 'WEEK' },
      { op: 'replace', path: '/quota/offset', value: '1' },
      { op: 'replace', path: '/throttle/rateLimit', value: '2.5' },
    ]);
    expect(out).toMatchObject({
      name: 'renamed',
      description: 'Gold tier',
      productCode: 'prod-code-1',
      quota: { limit: 10, offset: 1, period: 'WEEK' },
      throttle: { burstLimit: 5, rateLimit: 2.5 },
      tags: {},
    });
    out = await update(plan.id, [
      { op: 'remove', path: '/productCode' },
      { op: 'remove', path: '/throttle' },
      { op: 'remove', path: '/quota' },
      { op: 'replace', path: '/description', value: '' },
    ]);
    expect(out.productCode).toBeUndefined();
    expect(out.throttle).toBeUndefined();
    expect(out.quota).toBeUndefined();
    expect(out.description).toBeUndefined();
    // A quota built up by patches starts with offset 0 (recorded), and needs a period.
    await failsWith(plan.id, [{ op: 'add', path: '/quota/limit', value: '100' }], 'BadRequestException', /Quota limit must be non-negative and a period must be specified/, 400);
    out = await update(plan.id, [
      { op: 'add', path: '/quota/limit', value: '100' },
      { op: 'add', path: '/quota/period', value: 'DAY' },
      { op: 'add', path: '/throttle/burstLimit', value: '7' },
    ]);
    expect(out.quota).toEqual({ limit: 100, offset: 0, period: 'DAY' });
    expect(out.throttle).toEqual({ burstLimit: 7 });
  });

  it('refuses bad values, paths and ops, changing nothing', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'strict', quota: { limit: 10, period: 'DAY' } }));
    const before = await env.admin.send(new GetUsagePlanCommand({ usagePlanId: plan.id }));
    await failsWith(plan.id, [{ op: 'replace', path: '/quota/period', value: 'YEAR' }], 'BadRequestException', /Invalid quota period specified: YEAR/, 400);
    await failsWith(plan.id, [{ op: 'replace', path: '/throttle/burstLimit', value: '1.5' }], 'BadRequestException', /burst limit/, 400);
    await failsWith(plan.id, [{ op: 'replace', path: '/throttle/rateLimit', value: '-1' }], 'BadRequestException', /rate limit/, 400);
    await failsWith(plan.id, [{ op: 'replace', path: '/quota/offset', value: '1' }], 'BadRequestException', /offset/, 400);
    await failsWith(plan.id, [{ op: 'replace', path: '/name', value: '' }], 'BadRequestException', /name/, 400);
    // AWS's list for remove (boto3/boto3#2629), typo included.
    await failsWith(
      plan.id,
      [{ op: 'remove', path: `/apiStages/${apiId}:dev` }],
      'BadRequestException',
      `Invalid patch path  '/apiStages/${apiId}:dev' specified for op 'remove'. Must be one of: [/apiStages, /quota, /throttle, /productCode, /apiStages/<apidId:stageName>/throttle/<resourcePath>/<httpMethod>, /apiStages/<apidId:stageName>/throttle]`,
      400,
    );
    await failsWith(plan.id, [{ op: 'replace', path: '/id', value: 'x' }], 'BadRequestException', /^Invalid patch path {2}'\/id' specified for op 'replace'. Must be one of: \[\/name, /, 400);
    await failsWith(plan.id, [{ op: 'move', path: '/name', from: '/description' }], 'BadRequestException', "Invalid patch path  '/name' specified for op 'move'. Must be one of: []", 400);
    await failsWith(
      plan.id,
      [{ op: 'bogus' as 'add', path: '/name', value: 'x' }],
      'ValidationException',
      "1 validation error detected: Value 'bogus' at 'updateUsagePlanInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
      400,
    );
    // The first operation is fine, the second is not: nothing applies.
    await failsWith(
      plan.id,
      [
        { op: 'replace', path: '/name', value: 'half-applied' },
        { op: 'replace', path: '/quota/limit', value: 'many' },
      ],
      'BadRequestException',
      /\/quota\/limit/,
      400,
    );
    expect(await env.admin.send(new GetUsagePlanCommand({ usagePlanId: plan.id }))).toEqual({ ...before, $metadata: expect.anything() });
  });

  it('adds and removes API stages, checking they exist and are not there twice', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'api-stages' }));
    let out = await update(plan.id, [
      { op: 'add', path: '/apiStages', value: `${apiId}:prod` },
      { op: 'add', path: '/apiStages', value: `${otherApiId}:prod` },
    ]);
    expect(out.apiStages).toEqual([
      { apiId, stage: 'prod' },
      { apiId: otherApiId, stage: 'prod' },
    ]);
    await failsWith(plan.id, [{ op: 'add', path: '/apiStages', value: `${apiId}:prod` }], 'ConflictException', /already in Usage Plan/, 409);
    await failsWith(
      plan.id,
      [{ op: 'add', path: '/apiStages', value: `${apiId}:nope` }],
      'NotFoundException',
      `Invalid API Stage {api: ${apiId}, stage: nope} specified for usageplan ${plan.id}`,
      404,
    );
    await failsWith(plan.id, [{ op: 'add', path: '/apiStages', value: `${apiId}:` }], 'BadRequestException', 'Invalid API Stage specified', 400);
    await failsWith(
      plan.id,
      [{ op: 'remove', path: '/apiStages', value: `${apiId}:dev` }],
      'NotFoundException',
      `Invalid API Stage {api: ${apiId}, stage: dev} specified for usageplan ${plan.id}`,
      404,
    );
    out = await update(plan.id, [
      { op: 'remove', path: '/apiStages', value: `${apiId}:prod` },
      { op: 'remove', path: '/apiStages', value: `${otherApiId}:prod` },
    ]);
    expect(out.apiStages).toEqual([]);
  });

  it('will not give a key a second plan to the same API stage by adding a stage', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'shared-by-stage' }));
    const a = await env.admin.send(new CreateUsagePlanCommand({ name: 'a', apiStages: [{ apiId: otherApiId, stage: 'dev' }] }));
    const b = await env.admin.send(new CreateUsagePlanCommand({ name: 'b' }));
    await env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: a.id, keyId: key.id, keyType: 'API_KEY' }));
    await env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: b.id, keyId: key.id, keyType: 'API_KEY' }));
    await failsWith(b.id, [{ op: 'add', path: '/apiStages', value: `${otherApiId}:dev` }], 'ConflictException', new RegExp(`API Key ${key.id} is in Usage Plan ${a.id}`), 409);
    expect((await env.admin.send(new GetUsagePlanCommand({ usagePlanId: b.id }))).apiStages).toEqual([]);
  });

  describe('per-method throttles', () => {
    let plan: UsagePlan;
    beforeAll(async () => {
      plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'methods', apiStages: [{ apiId, stage: 'prod' }] }));
    });
    const stage = async () => (await env.admin.send(new GetUsagePlanCommand({ usagePlanId: plan.id }))).apiStages!.find((s) => s.apiId === apiId)!;

    it('sets them with the ~1-escaped path, keyed "/pets/GET"', async () => {
      const out = await update(plan.id, [
        { op: 'replace', path: `/apiStages/${apiId}:prod/throttle/~1pets/GET/rateLimit`, value: '10' },
        { op: 'replace', path: `/apiStages/${apiId}:prod/throttle/~1pets/GET/burstLimit`, value: '20' },
        { op: 'add', path: `/apiStages/${apiId}:prod/throttle/~1/GET/rateLimit`, value: '1.5' },
      ]);
      expect(out.apiStages).toEqual([{ apiId, stage: 'prod', throttle: { '/pets/GET': { rateLimit: 10, burstLimit: 20 }, '//GET': { rateLimit: 1.5 } } }]);
    });

    it("takes Terraform's unescaped form too", async () => {
      await update(plan.id, [{ op: 'replace', path: `/apiStages/${apiId}:prod/throttle//pets/GET/burstLimit`, value: '25' }]);
      expect((await stage()).throttle!['/pets/GET']).toEqual({ rateLimit: 10, burstLimit: 25 });
    });

    it('removes one method, then the whole map', async () => {
      await update(plan.id, [{ op: 'remove', path: `/apiStages/${apiId}:prod/throttle/~1/GET` }]);
      expect(Object.keys((await stage()).throttle!)).toEqual(['/pets/GET']);
      await failsWith(plan.id, [{ op: 'remove', path: `/apiStages/${apiId}:prod/throttle/~1/GET` }], 'BadRequestException', /no method throttle/, 400);
      await update(plan.id, [{ op: 'remove', path: `/apiStages/${apiId}:prod/throttle` }]);
      expect((await stage()).throttle).toBeUndefined();
    });

    it('replaces the whole map from JSON', async () => {
      await update(plan.id, [{ op: 'replace', path: `/apiStages/${apiId}:prod/throttle`, value: JSON.stringify({ '/pets/GET': { rateLimit: 3, burstLimit: 6 } }) }]);
      expect((await stage()).throttle).toEqual({ '/pets/GET': { rateLimit: 3, burstLimit: 6 } });
      await failsWith(plan.id, [{ op: 'replace', path: `/apiStages/${apiId}:prod/throttle`, value: '{"pets":{}}' }], 'BadRequestException', /Invalid method throttle key: pets/, 400);
    });

    it('refuses stages outside the plan, bad methods and settings', async () => {
      await failsWith(
        plan.id,
        [{ op: 'replace', path: `/apiStages/${apiId}:dev/throttle/~1pets/GET/rateLimit`, value: '1' }],
        'NotFoundException',
        `Invalid API Stage {api: ${apiId}, stage: dev} specified for usageplan ${plan.id}`,
        404,
      );
      await failsWith(plan.id, [{ op: 'replace', path: `/apiStages/${apiId}:prod/throttle/~1pets/FETCH/rateLimit`, value: '1' }], 'BadRequestException', /Invalid patch path/, 400);
      await failsWith(plan.id, [{ op: 'replace', path: `/apiStages/${apiId}:prod/throttle/~1pets/GET/limit`, value: '1' }], 'BadRequestException', /Invalid patch path/, 400);
      await failsWith(plan.id, [{ op: 'replace', path: `/apiStages/${apiId}:prod/throttle/~1pets/GET/rateLimit`, value: 'fast' }], 'BadRequestException', /rate limit/, 400);
      await failsWith(plan.id, [{ op: 'replace', path: `/apiStages/${apiId}:prod/cache`, value: '1' }], 'BadRequestException', /Invalid patch path/, 400);
    });

    it('are accepted by CreateUsagePlan in the same form', async () => {
      const created = await env.admin.send(
        new CreateUsagePlanCommand({ name: 'methods-at-create', apiStages: [{ apiId: otherApiId, stage: 'prod', throttle: { '/pets/GET': { rateLimit: 4, burstLimit: 8 } } }] }),
      );
      expect(created.apiStages![0]!.throttle).toEqual({ '/pets/GET': { rateLimit: 4, burstLimit: 8 } });
      await expectAwsError(
        env.admin.send(new CreateUsagePlanCommand({ name: 'bad', apiStages: [{ apiId: otherApiId, stage: 'prod', throttle: { 'pets/GET': { rateLimit: 1 } } }] })),
        'BadRequestException',
        /Invalid method throttle key/,
        400,
      );
    });
  });

  it('allows one update per 20 seconds, the operator but not the viewer', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'paced' }));
    await update(plan.id, [{ op: 'replace', path: '/description', value: 'one' }], env.operator);
    await expectAwsError(
      env.operator.send(new UpdateUsagePlanCommand({ usagePlanId: plan.id, patchOperations: [{ op: 'replace', path: '/description', value: 'two' }] })),
      'TooManyRequestsException',
      'Too Many Requests',
      429,
    );
    env.advance(20_000);
    await expectAwsError(
      env.viewer.send(new UpdateUsagePlanCommand({ usagePlanId: plan.id, patchOperations: [{ op: 'replace', path: '/description', value: 'three' }] })),
      'AccessDeniedException',
      /apigateway:PATCH/,
      403,
    );
    expect((await env.admin.send(new GetUsagePlanCommand({ usagePlanId: plan.id }))).description).toBe('one');
  });
});
