import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetUsageCommand,
  UpdateUsageCommand,
  type ApiKey,
  type UsagePlan,
} from '@aws-sdk/client-api-gateway';
import { addUsage, dayOf, dayString } from '../src/services/apigateway/store/usage.js';
import type { ApiGatewayState } from '../src/services/apigateway/store/types.js';
import { expectAwsError, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

/**
 * GetUsage and UpdateUsage. Requests are counted straight into the store, as the data plane will count them.
 * On the wire GetUsage's map is `values`; the SDK reads it into `items`, so `items` being filled proves it.
 */
describe('apigateway usage', () => {
  let env: TestEnv;
  const state = () => env.sandbox.state.services.apigateway as ApiGatewayState;
  const today = () => dayOf(env.sandbox.config.now());
  const day = (offset: number) => dayString(today() + offset);

  const planWithKeys = async (name: string, quota: UsagePlan['quota'] | undefined, keyNames: string[]) => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name, ...(quota ? { quota } : {}) }));
    const keys: ApiKey[] = [];
    for (const n of keyNames) {
      const key = await env.admin.send(new CreateApiKeyCommand({ name: n }));
      await env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: key.id, keyType: 'API_KEY' }));
      keys.push(key);
    }
    return { plan, keys };
  };

  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  it('answers [used, remaining] per key and day, every key of the plan, in the documented shape', async () => {
    const { plan, keys } = await planWithKeys('daily', { limit: 100, period: 'DAY' }, ['usage-a', 'usage-b']);
    addUsage(state(), plan.id!, keys[0]!.id!, day(-2), 30);
    addUsage(state(), plan.id!, keys[0]!.id!, day(-1), 100);
    addUsage(state(), plan.id!, keys[0]!.id!, day(0), 10);
    const usage = await env.viewer.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(-2), endDate: day(0) }));
    expect(usage).toMatchObject({ usagePlanId: plan.id, startDate: day(-2), endDate: day(0) });
    expect(usage.position).toBeUndefined();
    expect(usage.items).toEqual({
      [keys[0]!.id!]: [
        [30, 70],
        [100, 0],
        [10, 90],
      ],
      [keys[1]!.id!]: [
        [0, 100],
        [0, 100],
        [0, 100],
      ],
    });
  });

  it('counts the remaining quota over weeks and months, from the offset day', async () => {
    // 2026-03-01 is a Sunday. WEEK with offset 1: weeks start on Mondays.
    const weekly = await planWithKeys('weekly', { limit: 100, period: 'WEEK', offset: 1 }, ['usage-week']);
    const wk = weekly.keys[0]!.id!;
    addUsage(state(), weekly.plan.id!, wk, '2026-02-28', 5);
    addUsage(state(), weekly.plan.id!, wk, '2026-03-01', 10);
    addUsage(state(), weekly.plan.id!, wk, '2026-03-02', 20);
    addUsage(state(), weekly.plan.id!, wk, '2026-03-03', 30);
    const w = await env.admin.send(new GetUsageCommand({ usagePlanId: weekly.plan.id, startDate: '2026-03-01', endDate: '2026-03-03' }));
    expect(w.items![wk]).toEqual([
      [10, 85],
      [20, 80],
      [30, 50],
    ]);

    const monthly = await planWithKeys('monthly', { limit: 100, period: 'MONTH', offset: 4 }, ['usage-month']);
    const mk = monthly.keys[0]!.id!;
    addUsage(state(), monthly.plan.id!, mk, '2026-04-04', 40);
    addUsage(state(), monthly.plan.id!, mk, '2026-04-05', 10);
    addUsage(state(), monthly.plan.id!, mk, '2026-04-06', 15);
    const m = await env.admin.send(new GetUsageCommand({ usagePlanId: monthly.plan.id, startDate: '2026-04-03', endDate: '2026-04-06' }));
    // Months run from the 5th (offset 4): April 4th still belongs to the period that began March 5th.
    expect(m.items![mk]).toEqual([
      [0, 100],
      [40, 60],
      [10, 90],
      [15, 75],
    ]);
  });

  it('pages keys by limit and position, and takes one keyId', async () => {
    const { plan, keys } = await planWithKeys('paged', { limit: 10, period: 'DAY' }, ['page-a', 'page-b', 'page-c']);
    const ids = keys.map((k) => k.id!).sort();
    const first = await env.admin.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(0), endDate: day(0), limit: 2 }));
    expect(Object.keys(first.items!)).toEqual(ids.slice(0, 2));
    expect(first.position).toBeTruthy();
    const second = await env.admin.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(0), endDate: day(0), limit: 2, position: first.position }));
    expect(Object.keys(second.items!)).toEqual(ids.slice(2));
    expect(second.position).toBeUndefined();
    const one = await env.admin.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(0), endDate: day(0), keyId: ids[1] }));
    expect(Object.keys(one.items!)).toEqual([ids[1]]);
  });

  it('validates the plan, the key and the dates', async () => {
    const { plan } = await planWithKeys('validated', { limit: 10, period: 'DAY' }, ['valid-a']);
    const stranger = await env.admin.send(new CreateApiKeyCommand({ name: 'not-in-plan' }));
    const get = (input: Partial<ConstructorParameters<typeof GetUsageCommand>[0]>) =>
      env.admin.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(-1), endDate: day(0), ...input } as ConstructorParameters<typeof GetUsageCommand>[0]));
    await expectAwsError(get({ usagePlanId: 'nope' }), 'NotFoundException', 'Invalid Usage Plan ID specified', 404);
    await expectAwsError(get({ keyId: stranger.id }), 'NotFoundException', 'Invalid Usage Plan Key identifier specified', 404);
    await expectAwsError(
      get({ startDate: undefined, endDate: undefined }),
      'ValidationException',
      "2 validation errors detected: Value null at 'startDate' failed to satisfy constraint: Member must not be null; Value null at 'endDate' failed to satisfy constraint: Member must not be null",
      400,
    );
    await expectAwsError(get({ startDate: '2026-3-1' }), 'BadRequestException', /Invalid start date specified: 2026-3-1/, 400);
    await expectAwsError(get({ endDate: '2026-02-30' }), 'BadRequestException', /Invalid end date specified: 2026-02-30/, 400);
    await expectAwsError(get({ startDate: day(1), endDate: day(0) }), 'BadRequestException', /must not be after the end date/, 400);
    await expectAwsError(get({ startDate: day(-91), endDate: day(0) }), 'BadRequestException', /exceeds the maximum of 90 days/, 400);
    expect(Object.keys((await get({ startDate: day(-90), endDate: day(0) })).items!)).toHaveLength(1);
    await expectAwsError(get({ limit: 501 }), 'BadRequestException', /less than or equal to 500/, 400);
  });

  it('sets the remaining quota of the current period with UpdateUsage, until the period ends', async () => {
    const { plan, keys } = await planWithKeys('granted', { limit: 100, period: 'DAY' }, ['grant-a']);
    const keyId = keys[0]!.id!;
    addUsage(state(), plan.id!, keyId, day(0), 30);
    const updated = await env.operator.send(new UpdateUsageCommand({ usagePlanId: plan.id, keyId, patchOperations: [{ op: 'replace', path: '/remaining', value: '50' }] }));
    expect(updated).toMatchObject({ usagePlanId: plan.id, startDate: day(0), endDate: day(0), items: { [keyId]: [[30, 50]] } });
    expect((await env.admin.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(0), endDate: day(0) }))).items![keyId]).toEqual([[30, 50]]);
    // A grant above the limit is an extension.
    await env.admin.send(new UpdateUsageCommand({ usagePlanId: plan.id, keyId, patchOperations: [{ op: 'replace', path: '/remaining', value: '500' }] }));
    expect((await env.admin.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(0), endDate: day(0) }))).items![keyId]).toEqual([[30, 500]]);
    // The grant belongs to its period: once the grant's period is over (moved back a day here, since moving
    // the clock a day would expire the test's credentials), the next period starts from the plan's quota.
    const record = state().usage![plan.id!]![keyId]!;
    record.grant!.periodStart = day(-1);
    record.days[day(-1)] = record.days[day(0)]!;
    delete record.days[day(0)];
    const next = await env.admin.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(-1), endDate: day(0) }));
    expect(next.items![keyId]).toEqual([
      [30, 500],
      [0, 100],
    ]);
  });

  it('refuses UpdateUsage paths, values, keys and plans it cannot apply', async () => {
    const { plan, keys } = await planWithKeys('refusing', { limit: 100, period: 'WEEK' }, ['refuse-a']);
    const keyId = keys[0]!.id!;
    const upd = (ops: { op: 'add' | 'replace' | 'remove'; path: string; value?: string }[], over: { usagePlanId?: string; keyId?: string } = {}) =>
      env.admin.send(new UpdateUsageCommand({ usagePlanId: plan.id, keyId, patchOperations: ops, ...over }));
    // AWS answers `add` with an empty list (boto/boto3#2504).
    await expectAwsError(upd([{ op: 'add', path: '/remaining', value: '5' }]), 'BadRequestException', "Invalid patch path  '/remaining' specified for op 'add'. Must be one of: []", 400);
    await expectAwsError(upd([{ op: 'replace', path: '/extension', value: '5' }]), 'BadRequestException', "Invalid patch path  '/extension' specified for op 'replace'. Must be one of: [/remaining]", 400);
    await expectAwsError(upd([{ op: 'replace', path: '/remaining', value: '-5' }]), 'BadRequestException', /Invalid remaining quota value: -5/, 400);
    await expectAwsError(upd([{ op: 'replace', path: '/remaining', value: '5' }], { usagePlanId: 'nope' }), 'NotFoundException', 'Invalid Usage Plan ID specified', 404);
    const stranger = await env.admin.send(new CreateApiKeyCommand({ name: 'stranger' }));
    await expectAwsError(upd([{ op: 'replace', path: '/remaining', value: '5' }], { keyId: stranger.id }), 'NotFoundException', 'Invalid Usage Plan Key identifier specified', 404);
    const unlimited = await planWithKeys('no-quota', undefined, ['unlimited-a']);
    await expectAwsError(
      env.admin.send(new UpdateUsageCommand({ usagePlanId: unlimited.plan.id, keyId: unlimited.keys[0]!.id, patchOperations: [{ op: 'replace', path: '/remaining', value: '5' }] })),
      'BadRequestException',
      /has no quota/,
      400,
    );
    await expectAwsError(
      env.viewer.send(new UpdateUsageCommand({ usagePlanId: plan.id, keyId, patchOperations: [{ op: 'replace', path: '/remaining', value: '5' }] })),
      'AccessDeniedException',
      /apigateway:PATCH/,
      403,
    );
  });

  it('forgets usage when the key leaves the plan or is deleted', async () => {
    const { plan, keys } = await planWithKeys('forgetful', { limit: 100, period: 'DAY' }, ['forget-a', 'forget-b']);
    addUsage(state(), plan.id!, keys[0]!.id!, day(0), 7);
    addUsage(state(), plan.id!, keys[1]!.id!, day(0), 9);
    await env.admin.send(new DeleteUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: keys[0]!.id }));
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: keys[1]!.id }));
    expect(state().usage?.[plan.id!]).toEqual({});
    expect((await env.admin.send(new GetUsageCommand({ usagePlanId: plan.id, startDate: day(0), endDate: day(0) }))).items).toEqual({});
  });
});
