import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeysCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand,
  GetUsagePlanKeysCommand,
  GetUsagePlansCommand,
  type ApiKey,
} from '@aws-sdk/client-api-gateway';
import { defaultConfig } from '../src/server.js';
import { emptyState } from '../src/core/state.js';
import { SERVICES } from '../src/services/registry.js';
import { SCALE_API_KEYS, SCALE_REST_APIS, SCALE_USAGE_PLANS, seedDemoRestApis, seedScaleRestApis } from '../src/seed/rest-apis.js';
import type { ApiGatewayState } from '../src/services/apigateway/store/types.js';
import { expectAwsError, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

describe('apigateway seeds', () => {
  // Seed time is a figure for the benchmark, not a timed test (shared machines make those flaky).
  it('seeds the scale profile deterministically', () => {
    const state = emptyState(SERVICES);
    seedScaleRestApis(state, defaultConfig());

    const agw = state.services.apigateway as ApiGatewayState;
    const apis = Object.values(agw.restApis);
    expect(apis).toHaveLength(SCALE_REST_APIS);
    expect(apis.every((a) => Object.keys(a.stages).length === 3)).toBe(true);
    expect(Object.keys(agw.apiKeys)).toHaveLength(SCALE_API_KEYS);
    expect(Object.keys(agw.usagePlans)).toHaveLength(SCALE_USAGE_PLANS);
    // Creation dates spread over the past year.
    const dates = apis.map((a) => a.createdDate).sort((a, b) => a - b);
    expect(dates[dates.length - 1]! - dates[0]!).toBeGreaterThan(300 * 86400);

    const again = emptyState(SERVICES);
    seedScaleRestApis(again, defaultConfig());
    const againIds = Object.keys((again.services.apigateway as ApiGatewayState).restApis);
    expect(againIds).toEqual(Object.keys(agw.restApis));
  });

  it('seeds the demo profile with APIs, stages, keys and plans', () => {
    const state = emptyState(SERVICES);
    seedDemoRestApis(state, defaultConfig());
    const agw = state.services.apigateway as ApiGatewayState;
    const apis = Object.values(agw.restApis);
    expect(apis.map((a) => a.name)).toEqual(['Pet Store', 'Payments', 'Partner Orders API', 'Internal Health']);
    expect(apis.every((a) => Object.keys(a.stages).length === 2)).toBe(true);
    const keys = Object.values(agw.apiKeys);
    expect(keys.length).toBeGreaterThanOrEqual(5);
    expect(keys.some((k) => !k.enabled)).toBe(true);
    expect(keys.some((k) => k.customerId)).toBe(true);
    const plans = Object.values(agw.usagePlans);
    expect(plans.length).toBeGreaterThanOrEqual(2);
    expect(plans.every((p) => p.keyIds.length > 0 && p.throttle && p.quota)).toBe(true);
  });
});

describe('apigateway pagination at scale', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startApiGatewayEnv('scale');
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  const state = () => env.sandbox.state.services.apigateway as ApiGatewayState;

  async function allKeyPages(onPage?: (page: number) => Promise<void>): Promise<ApiKey[][]> {
    const pages: ApiKey[][] = [];
    let position: string | undefined;
    do {
      const res = await env.viewer.send(new GetApiKeysCommand({ limit: 500, position }));
      pages.push(res.items ?? []);
      position = res.position;
      await onPage?.(pages.length);
    } while (position);
    return pages;
  }

  it('returns 10,000 API keys as 20 distinct, complete pages of 500', async () => {
    const pages = await allKeyPages();
    expect(pages).toHaveLength(20);
    expect(pages.every((p) => p.length === 500)).toBe(true);
    const ids = pages.flat().map((k) => k.id!);
    expect(new Set(ids).size).toBe(SCALE_API_KEYS);
    expect(new Set(ids)).toEqual(new Set(Object.keys(state().apiKeys)));
    const names = pages.flat().map((k) => k.name!);
    expect(names).toEqual([...names].sort());
  });

  it('keeps later pages stable while keys are created and deleted between pages', async () => {
    const before = new Set(Object.keys(state().apiKeys));
    let early = '';
    let late = '';
    let doomed = '';
    const pages = await allKeyPages(async (page) => {
      if (page !== 5) return;
      // One key sorting before the cursor, one after it, and one deletion further on.
      early = (await env.admin.send(new CreateApiKeyCommand({ name: 'aaa-created-while-paging' }))).id!;
      late = (await env.admin.send(new CreateApiKeyCommand({ name: 'zzz-created-while-paging' }))).id!;
      doomed = Object.values(state().apiKeys).find((k) => k.name === 'trial-09999')!.id;
      await env.admin.send(new DeleteApiKeyCommand({ apiKey: doomed }));
    });
    const seen = pages.flat().map((k) => k.id!);
    const seenSet = new Set(seen);
    expect(seenSet.size).toBe(seen.length);
    const missing = [...before].filter((id) => id !== doomed && !seenSet.has(id));
    expect(missing).toEqual([]);
    expect(seenSet.has(doomed)).toBe(false);
    expect(seenSet.has(late)).toBe(true);
    expect(seenSet.has(early)).toBe(false);
  });

  it('rejects a limit above 500 and pages with the default of 25', async () => {
    await expectAwsError(
      env.viewer.send(new GetApiKeysCommand({ limit: 501 })),
      'BadRequestException',
      "1 validation error detected: Value '501' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500",
      400,
    );
    const first = await env.viewer.send(new GetApiKeysCommand({}));
    expect(first.items).toHaveLength(25);
    expect(first.position).toBeTruthy();
    await expectAwsError(env.viewer.send(new GetApiKeysCommand({ position: 'garbage!' })), 'BadRequestException', 'Invalid pagination token specified', 400);
  });

  it('lists the 400 REST APIs in one page of 500, or 16 default pages', async () => {
    const all = await env.viewer.send(new GetRestApisCommand({ limit: 500 }));
    expect(all.items).toHaveLength(SCALE_REST_APIS);
    expect(all.position).toBeUndefined();
    const ids: string[] = [];
    let position: string | undefined;
    let pages = 0;
    do {
      const res = await env.viewer.send(new GetRestApisCommand({ position }));
      ids.push(...res.items!.map((a) => a.id!));
      position = res.position;
      pages++;
    } while (position);
    expect(pages).toBe(16);
    expect(ids).toEqual(all.items!.map((a) => a.id));

    const api = all.items![7]!;
    expect((await env.viewer.send(new GetStagesCommand({ restApiId: api.id }))).item!.map((s) => s.stageName)).toEqual(['dev', 'prod', 'staging']);
    const resources = await env.viewer.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'], limit: 500 }));
    expect(resources.items!.map((r) => r.path)).toEqual(['/', '/items', '/items/{id}']);
  });

  it('lists 300 usage plans and their keys', async () => {
    const plans = await env.viewer.send(new GetUsagePlansCommand({ limit: 500 }));
    expect(plans.items).toHaveLength(SCALE_USAGE_PLANS);
    // Every plan has 50 keys; each key is in 0 to 3 plans.
    const keys = await env.viewer.send(new GetUsagePlanKeysCommand({ usagePlanId: plans.items![0]!.id, limit: 500 }));
    expect(keys.items).toHaveLength(50);
    const byKey = await env.viewer.send(new GetUsagePlansCommand({ keyId: keys.items![0]!.id }));
    expect(byKey.items!.map((p) => p.id)).toContain(plans.items![0]!.id);
    expect(byKey.items!.length).toBeLessThanOrEqual(3);
  });
});
