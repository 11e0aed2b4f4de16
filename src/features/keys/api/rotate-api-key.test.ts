import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../../../sandbox/src/server.js';
import { issueCredentials } from '../../../../sandbox/src/auth/credentials.js';
import { roleArn, DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID } from '../../../../sandbox/src/seed/ids.js';
import { startTestSandbox } from '../../../../sandbox/test/support/sandbox.js';
import type { ConsoleConfig } from '../../../aws/config.js';
import { setCredentialProvider } from '../../../aws/credentials.js';
import type { ApiKey } from '../../../domain/api-key.js';
import { findRotations, ROTATION_TAG, rotationStatus } from '../../../domain/rotation.js';
import { fetchApiKeys } from './get-api-keys.js';
import { fetchApiKey } from './get-api-key.js';
import { fetchPlansOfKey } from './get-usage-plans.js';
import { fetchUsage } from './get-usage.js';
import { createApiKey } from './create-api-key.js';
import { addKeyToPlan } from './create-usage-plan-key.js';
import { tagApiKey } from './tag-resource.js';
import { finishRotation, resumeRotation, rollBackRotation, rotateApiKey } from './rotate-api-key.js';

// The console's rotation engine against a running sandbox, failures injected with its fault switch.
let sandbox: Sandbox;
let config: ConsoleConfig;
beforeAll(async () => {
  // This file is about the rotation's logic; quotas (and the pacing they need) are tested elsewhere.
  sandbox = await startTestSandbox('demo', { config: { quotas: false } });
  config = { region: 'us-east-1', userPoolId: DEMO_USER_POOL_ID, userPoolClientId: DEMO_USER_POOL_CLIENT_ID, identityPoolId: DEMO_IDENTITY_POOL_ID, endpoint: sandbox.url };
  const c = issueCredentials(sandbox.state.auth, roleArn('operator'), 'us-east-1:00000000-0000-4000-8000-0000000000bb', new Date(), 86_400);
  const creds = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) };
  setCredentialProvider(() => Promise.resolve(creds));
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

/** An enabled, not yet rotated key in at least one plan with a quota, made fresh for each test. */
async function partnerKey(name: string): Promise<{ key: ApiKey; planIds: string[] }> {
  const plans = (await import('./get-usage-plans.js')).fetchUsagePlans;
  const all = await plans(config);
  // Plans that share no API stage, so one key can be in all of them.
  const chosen: typeof all = [];
  for (const p of all) {
    const stages = p.stages.map((s) => `${s.apiId}:${s.stage}`);
    if (!chosen.some((c) => c.stages.some((s) => stages.includes(`${s.apiId}:${s.stage}`)))) chosen.push(p);
    if (chosen.length === 2) break;
  }
  const key = await createApiKey(config, { name, enabled: true, customerId: 'acme', tags: { team: 'partners' } });
  for (const p of chosen) await addKeyToPlan(config, p.id, key.id);
  return { key, planIds: chosen.map((p) => p.id).sort() };
}

async function expectUntouched(key: ApiKey, planIds: string[]) {
  const now = await fetchApiKey(config, key.id);
  expect(now.enabled).toBe(true);
  expect(now.tags).toEqual(key.tags);
  expect((await fetchPlansOfKey(config, key.id)).map((p) => p.id).sort()).toEqual(planIds);
  const successors = (await fetchApiKeys(config)).filter((k) => k.tags[ROTATION_TAG.predecessor] === key.id);
  expect(successors).toEqual([]);
}

describe('rotateApiKey', () => {
  it('creates a successor in the same plans with the quota left, and records the overlap on both keys', async () => {
    const { key, planIds } = await partnerKey('partner-rotate-ok');
    const out = await rotateApiKey(config, key.id, { graceDays: 7 });
    expect(out.result).toBe('overlap');
    const successor = await fetchApiKey(config, out.newKeyId!);
    expect(successor).toMatchObject({ enabled: true, customerId: 'acme' });
    expect(successor.name).toMatch(/^partner-rotate-ok-rotated-\d{8}$/);
    expect(successor.tags).toMatchObject({ team: 'partners', [ROTATION_TAG.predecessor]: key.id, [ROTATION_TAG.state]: 'overlap' });
    expect((await fetchPlansOfKey(config, successor.id)).map((p) => p.id).sort()).toEqual(planIds);
    const old = await fetchApiKey(config, key.id);
    expect(old.enabled).toBe(true);
    expect(old.tags).toMatchObject({ [ROTATION_TAG.successor]: successor.id, [ROTATION_TAG.state]: 'overlap' });

    const today = new Date().toISOString().slice(0, 10);
    for (const planId of planIds) {
      const usage = await fetchUsage(config, planId, today, today);
      const oldLeft = usage.get(key.id)?.at(-1)?.remaining;
      if (oldLeft !== undefined) expect(usage.get(successor.id)?.at(-1)?.remaining).toBe(oldLeft);
    }

    const [rotation] = findRotations(await fetchApiKeys(config)).filter((r) => r.oldKeyId === key.id);
    expect(rotationStatus(rotation!, new Date())).toBe('overlap');
    const finished = await finishRotation(config, rotation!, 'disable');
    expect(finished.result).toBe('finished');
    expect((await fetchApiKey(config, key.id)).enabled).toBe(false);
    expect((await fetchApiKey(config, successor.id)).enabled).toBe(true);
  });

  // Every step that calls AWS, failed in turn: the old key must work exactly as before.
  const failures: [string, string, number][] = [
    ['marking the old key', 'TagResource', 1],
    ['creating the successor', 'CreateApiKey', 1],
    ['recording the successor', 'TagResource', 2],
    ['joining the first plan', 'CreateUsagePlanKey', 1],
    ['joining the second plan', 'CreateUsagePlanKey', 2],
    ['recording the join', 'TagResource', 3],
    ['reading the quota left', 'GetUsage', 1],
    ['carrying the quota over', 'UpdateUsage', 1],
    ['opening the overlap', 'TagResource', 4],
  ];
  for (const [what, operation, nth] of failures) {
    it(`undoes everything when ${what} fails (${operation} #${nth})`, async () => {
      const { key, planIds } = await partnerKey(`partner-fail-${operation}-${nth}`);
      sandbox.faults.add({ operation, nth, code: 'BadRequestException', message: `Injected failure of ${operation}` });
      const out = await rotateApiKey(config, key.id, { graceDays: 7 });
      expect(out.result).toBe('rolled-back');
      expect(out.error).toMatchObject({ message: `Injected failure of ${operation}` });
      expect(out.verified).toMatch(/is enabled and in 2 usage plans/);
      await expectUntouched(key, planIds);
    });
  }

  it('refuses a disabled key and a key already being rotated, changing nothing', async () => {
    const { key } = await partnerKey('partner-twice');
    await rotateApiKey(config, key.id, { graceDays: 1 });
    await expect(rotateApiKey(config, key.id, { graceDays: 1 })).rejects.toThrow(/already being rotated/);
  });
});

describe('an interrupted rotation', () => {
  async function interrupted(name: string) {
    const { key, planIds } = await partnerKey(name);
    // What a closed browser leaves: the old key marked, a successor created and in one plan of two.
    const started = new Date(Date.now() - 10 * 60_000);
    await tagApiKey(config, key.id, { [ROTATION_TAG.state]: 'created', [ROTATION_TAG.started]: started.toISOString(), [ROTATION_TAG.graceEnds]: new Date(Date.now() + 86_400_000).toISOString() });
    const successor = await createApiKey(config, { name: `${name}-rotated`, enabled: true, tags: { [ROTATION_TAG.predecessor]: key.id } });
    await addKeyToPlan(config, planIds[0]!, successor.id);
    const rotation = findRotations(await fetchApiKeys(config)).find((r) => r.oldKeyId === key.id)!;
    return { key, planIds, successor, rotation };
  }

  it('is found from the tags, and resuming brings it to overlap', async () => {
    const { key, planIds, successor, rotation } = await interrupted('partner-resume');
    expect(rotation).toMatchObject({ newKeyId: successor.id, state: 'created' });
    expect(rotationStatus(rotation, new Date())).toBe('interrupted');
    const out = await resumeRotation(config, rotation);
    expect(out.result).toBe('overlap');
    expect(out.steps.find((s) => s.step.startsWith('Join plan 1'))?.status).toBe('skipped');
    expect((await fetchPlansOfKey(config, successor.id)).map((p) => p.id).sort()).toEqual(planIds);
    expect((await fetchApiKey(config, key.id)).tags[ROTATION_TAG.state]).toBe('overlap');
  });

  it('can be rolled back instead: the successor goes, the old key is as it was', async () => {
    const { key, planIds, rotation } = await interrupted('partner-rollback');
    const out = await rollBackRotation(config, rotation);
    expect(out.result).toBe('rolled-back');
    await expectUntouched({ ...key, tags: { team: 'partners' } }, planIds);
  });

  it('cannot be finished before the successor is in every plan', async () => {
    const { key, rotation } = await interrupted('partner-early-finish');
    const out = await finishRotation(config, rotation, 'disable');
    expect(out.result).toBe('overlap');
    expect(out.error).toMatchObject({ message: expect.stringMatching(/successor is not in/) });
    expect((await fetchApiKey(config, key.id)).enabled).toBe(true);
  });
});

describe('finishRotation', () => {
  async function inOverlap(name: string) {
    const { key } = await partnerKey(name);
    const out = await rotateApiKey(config, key.id, { graceDays: 7 });
    const rotation = findRotations(await fetchApiKeys(config)).find((r) => r.oldKeyId === key.id)!;
    return { key, successorId: out.newKeyId!, rotation };
  }

  it('by deleting the old key leaves the successor alone, and the rotation reads as finished', async () => {
    const { key, successorId, rotation } = await inOverlap('partner-finish-delete');
    const out = await finishRotation(config, rotation, 'delete');
    expect(out.result).toBe('finished');
    expect(out.error).toBeUndefined();
    await expect(fetchApiKey(config, key.id)).rejects.toMatchObject({ name: 'NotFoundException' });
    expect((await fetchApiKey(config, successorId)).tags[ROTATION_TAG.state]).toBe('finished');
    const after = findRotations(await fetchApiKeys(config)).find((r) => r.oldKeyId === key.id)!;
    expect(rotationStatus(after, new Date())).toBe('finished');
  });

  it('says the old key is already off when only the record fails, and finishing again writes it', async () => {
    const { key, successorId, rotation } = await inOverlap('partner-finish-record-fails');
    // TagResource #1 records the end on the old key, right after it was disabled.
    sandbox.faults.add({ operation: 'TagResource', nth: 1, code: 'BadRequestException', message: 'Injected failure of TagResource' });
    const out = await finishRotation(config, rotation, 'disable');
    expect(out).toMatchObject({ result: 'finished', failedStep: 'Record the end on the old key' });
    expect((await fetchApiKey(config, key.id)).enabled).toBe(false);
    const again = await finishRotation(config, rotation, 'disable');
    expect(again.result).toBe('finished');
    expect(again.error).toBeUndefined();
    expect((await fetchApiKey(config, key.id)).tags[ROTATION_TAG.state]).toBe('finished');
    expect((await fetchApiKey(config, successorId)).tags[ROTATION_TAG.state]).toBe('finished');
  });
});

describe('rotateOrResume', () => {
  it('carries on with a rotation whose successor was created but never recorded on the old key', async () => {
    const { key, planIds } = await partnerKey('partner-half-done');
    const started = new Date(Date.now() - 60_000);
    await tagApiKey(config, key.id, { [ROTATION_TAG.state]: 'starting', [ROTATION_TAG.started]: started.toISOString(), [ROTATION_TAG.graceEnds]: new Date(Date.now() + 86_400_000).toISOString() });
    const { successorName } = await import('../../../domain/rotation.js');
    const successor = await createApiKey(config, { name: successorName(key.name, started), enabled: true, tags: { [ROTATION_TAG.predecessor]: key.id } });
    const { rotateOrResume } = await import('./rotate-api-key.js');
    const out = await rotateOrResume(config, key.id, { graceDays: 7 });
    expect(out).toMatchObject({ result: 'overlap', newKeyId: successor.id });
    expect((await fetchPlansOfKey(config, successor.id)).map((p) => p.id).sort()).toEqual(planIds);
  });
});
