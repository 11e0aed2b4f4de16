import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { defaultConfig } from '../src/server.js';
import { emptyState } from '../src/core/state.js';
import { SERVICES } from '../src/services/registry.js';
import { seedFor } from '../src/seed/index.js';
import { SCALE_API_KEYS } from '../src/seed/rest-apis.js';
import type { ApiGatewayState } from '../src/services/apigateway/store/types.js';
import { dayOf, dayString } from '../src/services/apigateway/store/usage.js';
import { expectAwsError, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

/** What rotating a partner key takes: a new key with tags, into the same plans, the old one disabled, then deleted. */
describe('apigateway API keys: rotation and limits', () => {
  let env: TestEnv;
  let apiId: string;
  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
    const api = await env.admin.send(new CreateRestApiCommand({ name: 'rotated' }));
    apiId = api.id!;
    await env.admin.send(new PutMethodCommand({ restApiId: apiId, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
    await env.admin.send(new PutIntegrationCommand({ restApiId: apiId, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' }));
    await env.admin.send(new CreateDeploymentCommand({ restApiId: apiId, stageName: 'prod' }));
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  it('rotates a partner key: the new key joins the plan, the old one is disabled, then deleted from every plan', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'partners', apiStages: [{ apiId, stage: 'prod' }] }));
    const old = await env.operator.send(new CreateApiKeyCommand({ name: 'partner-acme-2025', customerId: 'acme', enabled: true, tags: { partner: 'acme' } }));
    await env.operator.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: old.id, keyType: 'API_KEY' }));

    const fresh = await env.operator.send(
      new CreateApiKeyCommand({ name: 'partner-acme-2026', customerId: 'acme', enabled: true, generateDistinctId: true, tags: { partner: 'acme', 'rotation-of': old.id! } }),
    );
    expect(fresh).toMatchObject({ customerId: 'acme', enabled: true, tags: { partner: 'acme', 'rotation-of': old.id } });
    expect(fresh.value).toMatch(/^[A-Za-z0-9]{40}$/);
    await env.operator.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: fresh.id, keyType: 'API_KEY' }));
    expect((await env.viewer.send(new GetApiKeysCommand({ customerId: 'acme' }))).items!.map((k) => k.name)).toEqual(['partner-acme-2025', 'partner-acme-2026']);

    env.advance(2000);
    const disabled = await env.operator.send(new UpdateApiKeyCommand({ apiKey: old.id, patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] }));
    expect(disabled.enabled).toBe(false);
    expect(disabled.lastUpdatedDate!.getTime()).toBeGreaterThan(old.lastUpdatedDate!.getTime());
    expect(disabled.createdDate).toEqual(old.createdDate);
    expect(disabled.tags).toEqual({ partner: 'acme' });

    await env.operator.send(new DeleteApiKeyCommand({ apiKey: old.id }));
    expect((await env.viewer.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id }))).items!.map((k) => k.name)).toEqual(['partner-acme-2026']);
    expect((await env.viewer.send(new GetUsagePlansCommand({ keyId: old.id }))).items).toEqual([]);
  });

  it('adds and removes legacy stage keys with /stages', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'legacy-stage-key' }));
    const added = await env.admin.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'add', path: '/stages', value: `${apiId}/prod` }] }));
    expect(added.stageKeys).toEqual([`${apiId}/prod`]);
    await expectAwsError(
      env.admin.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'add', path: '/stages', value: `${apiId}/nope` }] })),
      'NotFoundException',
      'Invalid stage identifier specified',
      404,
    );
    await expectAwsError(
      env.admin.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/stages', value: `${apiId}/prod` }] })),
      'BadRequestException',
      "Invalid patch path  '/stages' specified for op 'replace'. Must be one of: [/description, /enabled, /name, /customerId]",
      400,
    );
    await expectAwsError(
      env.admin.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'add', path: '/name', value: 'x' }] })),
      'BadRequestException',
      "Invalid patch path  '/name' specified for op 'add'. Please choose supported operations",
      400,
    );
    const removed = await env.admin.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'remove', path: '/stages', value: `${apiId}/prod` }] }));
    expect(removed.stageKeys).toEqual([]);
    expect((await env.admin.send(new GetApiKeyCommand({ apiKey: key.id }))).stageKeys).toEqual([]);
  });

  it('puts a key in at most 10 usage plans', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'busy-key' }));
    const plans = [];
    for (let i = 0; i < 11; i++) {
      if (i % 8 === 7) env.advance(1000);
      plans.push(await env.admin.send(new CreateUsagePlanCommand({ name: `plan-${i}` })));
    }
    for (let i = 0; i < 10; i++) {
      if (i % 8 === 7) env.advance(1000);
      await env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: plans[i]!.id, keyId: key.id, keyType: 'API_KEY' }));
    }
    await expectAwsError(
      env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: plans[10]!.id, keyId: key.id, keyType: 'API_KEY' })),
      'BadRequestException',
      `API Key ${key.id} cannot be added to Usage Plan ${plans[10]!.id} because it is already in 10 Usage Plans, the maximum`,
      400,
    );
    expect((await env.admin.send(new GetUsagePlansCommand({ keyId: key.id }))).items).toHaveLength(10);
  });
});

describe('apigateway seeds: keys, plans and usage', () => {
  it('seeds the scale profile with each key in 0 to 3 plans', () => {
    const state = emptyState(SERVICES);
    seedFor('scale')(state, defaultConfig());
    const agw = state.services.apigateway as ApiGatewayState;
    const memberships = new Map<string, number>();
    for (const p of Object.values(agw.usagePlans)) for (const k of p.keyIds) memberships.set(k, (memberships.get(k) ?? 0) + 1);
    const counts = Object.keys(agw.apiKeys).map((k) => memberships.get(k) ?? 0);
    expect(counts).toHaveLength(SCALE_API_KEYS);
    expect(new Set(counts)).toEqual(new Set([0, 1, 2, 3]));
    expect(Object.values(agw.usagePlans).every((p) => p.keyIds.length === 50)).toBe(true);
  });

  it('seed demo partner keys with tags, a per-method throttle and 30 days of usage within quota', () => {
    const state = emptyState(SERVICES);
    const config = defaultConfig();
    seedFor('demo')(state, config);
    const agw = state.services.apigateway as ApiGatewayState;
    const acme = Object.values(agw.apiKeys).find((k) => k.name === 'partner-acme-2026')!;
    expect(acme.tags).toMatchObject({ team: 'partnerships', partner: 'acme' });
    const gold = Object.values(agw.usagePlans).find((p) => p.name === 'Partner Gold')!;
    expect(gold.apiStages.find((s) => s.throttle)!.throttle).toEqual({
      '/orders/POST': { burstLimit: 100, rateLimit: 50 },
      '/orders/{orderId}/DELETE': { burstLimit: 10, rateLimit: 5 },
    });
    const history = agw.usage![gold.id]![acme.id]!.days;
    const today = dayOf(config.now());
    expect(Object.keys(history).sort()).toEqual(Array.from({ length: 30 }, (_, i) => dayString(today - 29 + i)).filter((d) => history[d]));
    expect(Object.keys(history).length).toBeGreaterThanOrEqual(29);
    const basic = Object.values(agw.usagePlans).find((p) => p.name === 'Partner Basic')!;
    for (const record of Object.values(agw.usage![basic.id]!)) {
      expect(Object.values(record.days).every((n) => n <= basic.quota!.limit!)).toBe(true);
    }
  });
});
