import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIGatewayClient, CreateUsagePlanCommand, GetRestApisCommand, GetUsagePlanCommand, UpdateUsagePlanCommand } from '@aws-sdk/client-api-gateway';
import type { Sandbox } from '../../../../../sandbox/src/server.js';
import { issueCredentials } from '../../../../../sandbox/src/auth/credentials.js';
import { startTestSandbox } from '../../../../../sandbox/test/support/sandbox.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID } from '../../../../../sandbox/src/seed/ids.js';
import type { ConsoleConfig } from '../../../../aws/config.js';
import { setCredentialProvider } from '../../../../aws/credentials.js';
import { planPatchOperations } from '../../../../domain/usage-plan-change.js';
import { fetchUsagePlan } from '../../api/get-usage-plan.js';
import { usagePlanUpdateWait } from '../../api/update-usage-plan.js';
import { applyUsagePlanChange, deleteUsagePlanSafely, makeChange } from './plan-change.js';

// The console's usage plan pipeline against a running sandbox: wait for the slot, re-read, drift check, one
// UpdateUsagePlan, read back. The sandbox's own quota is off so that only the console's schedule (one
// UpdateUsagePlan per 22 s) is measured; "someone else" uses a client of its own, outside that schedule.
let sandbox: Sandbox;
let config: ConsoleConfig;
let other: APIGatewayClient;
let healthId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox('demo', { config: { quotas: false } });
  config = { region: 'us-east-1', userPoolId: DEMO_USER_POOL_ID, userPoolClientId: DEMO_USER_POOL_CLIENT_ID, identityPoolId: DEMO_IDENTITY_POOL_ID, endpoint: sandbox.url };
  const c = issueCredentials(sandbox.state.auth, 'arn:aws:iam::123456789012:role/gateway-console-operator', 'us-east-1:00000000-0000-4000-8000-0000000000ab', new Date(), 3600);
  const credentials = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) };
  setCredentialProvider(() => Promise.resolve(credentials));
  other = new APIGatewayClient({ region: 'us-east-1', endpoint: sandbox.url, credentials, maxAttempts: 1 });
  const apis = await other.send(new GetRestApisCommand({ limit: 500 }));
  healthId = apis.items!.find((a) => a.name === 'Internal Health')!.id!;
});
afterAll(() => sandbox.close());

async function newPlan(name: string, withStage = true) {
  const out = await other.send(
    new CreateUsagePlanCommand({ name, throttle: { rateLimit: 10, burstLimit: 20 }, ...(withStage ? { apiStages: [{ apiId: healthId, stage: 'prod' }] } : {}) }),
  );
  return fetchUsagePlan(config, out.id!);
}

describe('usage plan changes against the sandbox', () => {
  it('refuses a change whose fields moved underneath, sends nothing, and keeps the slot', async () => {
    const opened = await newPlan('drift');
    const change = makeChange(opened.id, 'test', opened, { ...opened, throttle: { rate: 11, burst: 20 }, name: 'renamed' });
    await other.send(new UpdateUsagePlanCommand({ usagePlanId: opened.id, patchOperations: [{ op: 'replace', path: '/throttle/rateLimit', value: '99' }] }));
    const out = await applyUsagePlanChange(config, change);
    expect(out).toMatchObject({ kind: 'drift', drift: [{ label: 'Throttling: rate (requests/s)', whenOpened: 10, now: 99 }] });
    expect((await other.send(new GetUsagePlanCommand({ usagePlanId: opened.id }))).name).toBe('drift');
    expect(usagePlanUpdateWait()).toBe(0);
  });

  it('refuses to delete a plan whose API stages changed since it was opened', async () => {
    const opened = await newPlan('delete-drift', false);
    await other.send(new UpdateUsagePlanCommand({ usagePlanId: opened.id, patchOperations: [{ op: 'add', path: '/apiStages', value: `${healthId}:dev` }] }));
    const out = await deleteUsagePlanSafely(config, opened);
    expect(out).toMatchObject({ kind: 'drift', drift: [{ label: 'API stages', whenOpened: undefined, now: `${healthId}:dev` }] });
  });

  it('applies every edit in one request, and its undo waits for the next slot in the open', async () => {
    const opened = await newPlan('apply');
    const change = makeChange(opened.id, 'test', opened, {
      ...opened,
      description: 'now described',
      quota: { limit: 500, period: 'WEEK', offset: 2 },
      stages: [{ apiId: healthId, stage: 'prod', methodThrottles: { '/ping/GET': { rate: 1, burst: 2 } } }],
    });
    const out = await applyUsagePlanChange(config, change);
    expect(out.kind).toBe('applied');
    if (out.kind !== 'applied') return;
    expect(out.mismatches).toEqual([]);
    expect(out.after).toMatchObject({ description: 'now described', quota: { limit: 500, period: 'WEEK', offset: 2 }, stages: [{ methodThrottles: { '/ping/GET': { rate: 1, burst: 2 } } }] });

    // The console's schedule now says wait; the undo is told when it will go, then goes.
    expect(usagePlanUpdateWait()).toBeGreaterThan(15_000);
    const waits: number[] = [];
    const started = Date.now();
    const undone = await applyUsagePlanChange(config, out.undo, { onWait: (at) => waits.push(at) });
    expect(undone.kind).toBe('applied');
    expect(waits).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThan(15_000);
    expect(planPatchOperations(out.undo.changes)).toEqual([
      { op: 'replace', path: '/description', value: '' },
      { op: 'remove', path: '/quota' },
      { op: 'remove', path: `/apiStages/${healthId}:prod/throttle/~1ping/GET` },
    ]);
    const now = await fetchUsagePlan(config, opened.id);
    expect(now).toMatchObject({ description: undefined, quota: undefined, stages: [{ apiId: healthId, stage: 'prod', methodThrottles: {} }] });
  }, 60_000);
});
