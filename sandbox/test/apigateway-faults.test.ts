import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetUsagePlanKeysCommand,
  type ApiKey,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, failure, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

/**
 * The sandbox's fault switch (`/_sandbox/faults`, unsigned, sandbox-only; also `sandbox.faults` in-process):
 * the Nth authorized call of an operation fails with the chosen AWS error and changes nothing.
 */
describe('sandbox fault switch', () => {
  let env: TestEnv;
  const faults = (method: 'POST' | 'GET' | 'DELETE', body?: unknown) =>
    fetch(`${env.sandbox.url}/_sandbox/faults`, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });

  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
  });
  afterAll(() => env.sandbox.close());
  beforeEach(async () => {
    env.advance(4000);
    await faults('DELETE');
  });

  it('fails the third CreateUsagePlanKey from now with a 503, changing nothing, then clears', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'rollback' }));
    const keys: ApiKey[] = [];
    for (let i = 0; i < 4; i++) keys.push(await env.admin.send(new CreateApiKeyCommand({ name: `rollback-${i}` })));
    env.advance(1000);

    const added = await faults('POST', { operation: 'CreateUsagePlanKey', nth: 3, code: 'ServiceUnavailableException' });
    expect(added.status).toBe(201);
    expect(await added.json()).toEqual({
      faults: [{ id: expect.any(Number), operation: 'CreateUsagePlanKey', skip: 2, times: 1, code: 'ServiceUnavailableException', message: 'Service Unavailable', status: 503 }],
    });
    expect(((await (await faults('GET')).json()) as { faults: unknown[] }).faults).toHaveLength(1);

    const attach = (i: number) => env.admin.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: keys[i]!.id, keyType: 'API_KEY' }));
    await attach(0);
    await attach(1);
    await expectAwsError(attach(2), 'ServiceUnavailableException', 'Service Unavailable', 503);
    await attach(3);
    const inPlan = (await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: plan.id }))).items!.map((k) => k.name);
    expect(inPlan).toEqual(['rollback-0', 'rollback-1', 'rollback-3']);
    expect(((await (await faults('GET')).json()) as { faults: unknown[] }).faults).toEqual([]);
    // The failed attach is retried with success: the fault has cleared.
    await attach(2);
  });

  it('fails several calls in a row with the given code, message and status; 429s carry Retry-After', async () => {
    env.sandbox.faults.add({ operation: 'GetApiKey', times: 2, code: 'TooManyRequestsException' });
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'throttled' }));
    const first = await failure(env.admin.send(new GetApiKeyCommand({ apiKey: key.id })));
    expect({ name: first.name, message: first.message, status: first.$metadata.httpStatusCode }).toEqual({ name: 'TooManyRequestsException', message: 'Too Many Requests', status: 429 });
    expect((first as unknown as { $response?: { headers: Record<string, string> } }).$response?.headers['retry-after']).toBe('1');
    await expectAwsError(env.admin.send(new GetApiKeyCommand({ apiKey: key.id })), 'TooManyRequestsException', 'Too Many Requests', 429);
    expect((await env.admin.send(new GetApiKeyCommand({ apiKey: key.id }))).name).toBe('throttled');

    env.sandbox.faults.add({ operation: 'DeleteApiKey', code: 'ConflictException', message: 'Someone else got there first', status: 409 });
    await expectAwsError(env.admin.send(new DeleteApiKeyCommand({ apiKey: key.id })), 'ConflictException', 'Someone else got there first', 409);
    expect((await env.admin.send(new GetApiKeyCommand({ apiKey: key.id }))).id).toBe(key.id);
  });

  it('counts only calls that pass SigV4 and IAM', async () => {
    await faults('POST', { operation: 'CreateApiKey', code: 'BadRequestException', message: 'injected' });
    await expectAwsError(env.viewer.send(new CreateApiKeyCommand({ name: 'denied' })), 'AccessDeniedException', /apigateway:POST/, 403);
    await expectAwsError(env.operator.send(new CreateApiKeyCommand({ name: 'faulted' })), 'BadRequestException', 'injected', 400);
    expect((await env.operator.send(new CreateApiKeyCommand({ name: 'fine' }))).name).toBe('fine');
  });

  it('can be limited to one service, and is cleared by DELETE', async () => {
    env.sandbox.faults.add({ operation: 'CreateApiKey', service: 'apigatewayv2' });
    expect((await env.admin.send(new CreateApiKeyCommand({ name: 'other-service' }))).name).toBe('other-service');
    env.sandbox.faults.add({ operation: 'CreateApiKey' });
    expect((await faults('DELETE')).status).toBe(204);
    expect((await env.admin.send(new CreateApiKeyCommand({ name: 'cleared' }))).name).toBe('cleared');
  });

  it('can be limited to one caller’s credentials, so parallel tests keep their faults apart', async () => {
    const { accessKeyId } = await env.operator.config.credentials();
    const added = await faults('POST', { operation: 'CreateApiKey', accessKeyId, code: 'BadRequestException', message: 'only for the operator' });
    expect(((await added.json()) as { faults: { accessKeyId?: string }[] }).faults[0]!.accessKeyId).toBe(accessKeyId);
    // Another session's call goes through and leaves the fault waiting for its own caller.
    expect((await env.admin.send(new CreateApiKeyCommand({ name: 'someone-else' }))).name).toBe('someone-else');
    await expectAwsError(env.operator.send(new CreateApiKeyCommand({ name: 'mine' })), 'BadRequestException', 'only for the operator', 400);
    expect((await faults('POST', { operation: 'CreateApiKey', accessKeyId: '' })).status).toBe(400);
  });

  it('refuses malformed faults, adding none of a batch', async () => {
    const bad = await faults('POST', [{ operation: 'CreateApiKey' }, { operation: 'CreateApiKey', nth: 0 }]);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-amzn-errortype')).toBe('ValidationException');
    expect(((await bad.json()) as { message: string }).message).toMatch(/nth must be an integer of at least 1/);
    expect(((await (await faults('GET')).json()) as { faults: unknown[] }).faults).toEqual([]);
    expect((await faults('POST', { operation: 'x', status: 200 })).status).toBe(400);
    expect((await fetch(`${env.sandbox.url}/_sandbox/faults`, { method: 'POST', body: '{' })).status).toBe(400);
    expect((await fetch(`${env.sandbox.url}/_sandbox/faults`, { method: 'PUT' })).status).toBe(405);
  });
});
