import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  DeleteApiKeyCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, expectMatchesRecording, recording, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

const EXT = 'test_apigateway_extended';
const T = 'TestApigatewayApiKeysCrud::';

describe('apigateway API keys', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
  });
  afterAll(() => env.sandbox.close());
  // CreateApiKey and DeleteApiKey allow 5 per second: every test starts with full buckets.
  beforeEach(() => env.advance(4000));

  it('creates keys disabled, with a 40-character value, as recorded', async () => {
    const created = await env.admin.send(new CreateApiKeyCommand({ name: 'test-key-a1' }));
    expectMatchesRecording(created, recording(EXT, `${T}test_get_api_keys`, 'create-api-key'));
    expect(created.enabled).toBe(false);
    expect(created.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(created.id).toMatch(/^[a-z0-9]{10}$/);

    const listed = await env.admin.send(new GetApiKeysCommand({}));
    expectMatchesRecording(listed, recording(EXT, `${T}test_get_api_keys`, 'get-api-keys-after-create-1'));
    const noName = await env.admin.send(new CreateApiKeyCommand({}));
    expectMatchesRecording(noName, recording(EXT, `${T}test_create_api_key_with_invalid_name`, 'create-api-key-no-name'));
    const emptyValue = await env.admin.send(new CreateApiKeyCommand({ value: '' }));
    expectMatchesRecording(emptyValue, recording(EXT, `${T}test_create_api_key_with_invalid_value`, 'create-api-key-empty-value'));
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: noName.id }));
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: emptyValue.id }));
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: created.id }));
  });

  it('takes given values, customer ids and stage keys', async () => {
    const api = await env.admin.send(new CreateRestApiCommand({ name: 'keyed' }));
    await env.admin.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
    await env.admin.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' }));
    await env.admin.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
    const key = await env.admin.send(
      new CreateApiKeyCommand({
        name: 'partner-acme',
        value: 'acme-0123456789-abcdefghij',
        enabled: true,
        customerId: 'acme',
        description: 'ACME',
        stageKeys: [{ restApiId: api.id, stageName: 'prod' }],
        tags: { partner: 'acme' },
      }),
    );
    expect(key).toMatchObject({
      name: 'partner-acme',
      value: 'acme-0123456789-abcdefghij',
      enabled: true,
      customerId: 'acme',
      description: 'ACME',
      stageKeys: [`${api.id}/prod`],
      tags: { partner: 'acme' },
    });
    await expectAwsError(
      env.admin.send(new CreateApiKeyCommand({ name: 'dup', value: 'acme-0123456789-abcdefghij' })),
      'ConflictException',
      'API Key already exists',
      409,
    );
    await expectAwsError(
      env.admin.send(new CreateApiKeyCommand({ stageKeys: [{ restApiId: api.id, stageName: 'nope' }] })),
      'NotFoundException',
      'Invalid stage identifier specified',
      404,
    );
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: key.id }));
  });

  it('rejects bad names, values and descriptions with AWS messages', async () => {
    const message = (test: string, entry: string) => (recording(EXT, `${T}${test}`, entry) as { Error: { Message: string } }).Error.Message;
    await expectAwsError(
      env.admin.send(new CreateApiKeyCommand({ name: 'a'.repeat(1025) })),
      'BadRequestException',
      message('test_create_api_key_with_invalid_name', 'create-api-key-name-too-long'),
      400,
    );
    await expectAwsError(
      env.admin.send(new CreateApiKeyCommand({ value: 'short' })),
      'BadRequestException',
      message('test_create_api_key_with_invalid_value', 'create-api-key-short-value'),
      400,
    );
    await expectAwsError(
      env.admin.send(new CreateApiKeyCommand({ value: 'a'.repeat(129) })),
      'BadRequestException',
      message('test_create_api_key_with_invalid_value', 'create-api-key-invalid-value-too-long'),
      400,
    );
    env.advance(4000);
    await expectAwsError(
      env.admin.send(new CreateApiKeyCommand({ description: 'a'.repeat(125001) })),
      'BadRequestException',
      message('test_update_api_key_invalid_description_length', 'create-api-key-description-too-long'),
      400,
    );
  });

  it('lists keys by name, hides values unless asked, filters by name prefix and customer', async () => {
    const one = await env.admin.send(new CreateApiKeyCommand({ name: 'test-key-b', customerId: 'globex' }));
    const two = await env.admin.send(new CreateApiKeyCommand({ name: 'test-key-a', customerId: 'acme' }));
    const three = await env.admin.send(new CreateApiKeyCommand({ name: 'other-key', customerId: 'acme' }));

    const all = await env.admin.send(new GetApiKeysCommand({}));
    expect(all.items!.map((k) => k.name)).toEqual(['other-key', 'test-key-a', 'test-key-b']);
    expect(all.items!.every((k) => k.value === undefined)).toBe(true);
    const withValues = await env.admin.send(new GetApiKeysCommand({ includeValues: true }));
    expect(withValues.items!.find((k) => k.id === one.id)!.value).toBe(one.value);

    expect((await env.admin.send(new GetApiKeysCommand({ nameQuery: 'test-key' }))).items!.map((k) => k.id)).toEqual([two.id, one.id]);
    // Prefix only, case-sensitive (recorded).
    expect((await env.admin.send(new GetApiKeysCommand({ nameQuery: 'TEST-key' }))).items).toEqual([]);
    expect((await env.admin.send(new GetApiKeysCommand({ nameQuery: 'key' }))).items).toEqual([]);
    expect((await env.admin.send(new GetApiKeysCommand({ customerId: 'acme' }))).items!.map((k) => k.id)).toEqual([three.id, two.id]);

    const page = await env.admin.send(new GetApiKeysCommand({ limit: 1 }));
    expect(page.items!.map((k) => k.id)).toEqual([three.id]);
    expect(page.position).toBeTruthy();
    const page2 = await env.admin.send(new GetApiKeysCommand({ limit: 1, position: page.position }));
    expect(page2.items!.map((k) => k.id)).toEqual([two.id]);
    // A limit below 1 is not an error on AWS (recorded: limit=-1 answers 200).
    expect((await env.admin.send(new GetApiKeysCommand({ limit: -1 }))).$metadata.httpStatusCode).toBe(200);
    await expectAwsError(
      env.admin.send(new GetApiKeysCommand({ limit: 501 })),
      'BadRequestException',
      "1 validation error detected: Value '501' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500",
      400,
    );
    for (const k of [one, two, three]) await env.admin.send(new DeleteApiKeyCommand({ apiKey: k.id }));
  });

  it('gets one key, with its value only when asked', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'single' }));
    const hidden = await env.viewer.send(new GetApiKeyCommand({ apiKey: key.id }));
    expect(hidden).toMatchObject({ id: key.id, name: 'single', enabled: false, stageKeys: [] });
    expect(hidden.value).toBeUndefined();
    expect((await env.viewer.send(new GetApiKeyCommand({ apiKey: key.id, includeValue: true }))).value).toBe(key.value);
    await expectAwsError(env.admin.send(new GetApiKeyCommand({ apiKey: 'nope' })), 'NotFoundException', 'Invalid API Key identifier specified', 404);
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: key.id }));
  });

  it('updates name, description, customer id and enabled', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'key-enabled-false', enabled: false }));
    const renamed = await env.admin.send(
      new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/name', value: 'new-name' }] }),
    );
    expectMatchesRecording(renamed, recording(EXT, `${T}test_negative_get_usage_plan_api_keys`, 'update-api-key-name'));
    const enabled = await env.operator.send(
      new UpdateApiKeyCommand({
        apiKey: key.id,
        patchOperations: [
          { op: 'replace', path: '/enabled', value: 'true' },
          { op: 'replace', path: '/description', value: 'rotated' },
          { op: 'replace', path: '/customerId', value: 'acme' },
        ],
      }),
    );
    expect(enabled).toMatchObject({ enabled: true, description: 'rotated', customerId: 'acme', name: 'new-name' });
    expect(enabled.value).toBeUndefined();
    const disabled = await env.admin.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/enabled', value: 'nope' }] }));
    expect(disabled.enabled).toBe(false);

    await expectAwsError(
      env.admin.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/id', value: 'x' }] })),
      'BadRequestException',
      (recording(EXT, `${T}test_update_api_key_immutable_field`, 'update-api-key-immutable-field') as { Error: { Message: string } }).Error.Message,
      400,
    );
    await expectAwsError(
      env.admin.send(new UpdateApiKeyCommand({ apiKey: key.id, patchOperations: [{ op: 'replace', path: '/description', value: 'a'.repeat(125001) }] })),
      'BadRequestException',
      'Invalid API Key description specified.',
      400,
    );
    await expectAwsError(
      env.admin.send(new UpdateApiKeyCommand({ apiKey: 'nope', patchOperations: [] })),
      'NotFoundException',
      'Invalid API Key identifier specified',
      404,
    );
    await env.admin.send(new DeleteApiKeyCommand({ apiKey: key.id }));
  });

  it('deletes keys (202) and denies the viewer any change', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'doomed' }));
    await expectAwsError(env.viewer.send(new DeleteApiKeyCommand({ apiKey: key.id })), 'AccessDeniedException', /apigateway:DELETE/, 403);
    await expectAwsError(env.viewer.send(new CreateApiKeyCommand({ name: 'x' })), 'AccessDeniedException', /apigateway:POST on resource: arn:aws:apigateway:us-east-1::\/apikeys /, 403);
    const deleted = await env.operator.send(new DeleteApiKeyCommand({ apiKey: key.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    await expectAwsError(env.admin.send(new DeleteApiKeyCommand({ apiKey: key.id })), 'NotFoundException', 'Invalid API Key identifier specified', 404);
  });

  it('allows 5 CreateApiKey calls per second', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await env.admin.send(new CreateApiKeyCommand({ name: `burst-${i}` }))).id!);
    await expectAwsError(env.admin.send(new CreateApiKeyCommand({ name: 'burst-5' })), 'TooManyRequestsException', 'Too Many Requests', 429);
    env.advance(1000);
    await env.admin.send(new CreateApiKeyCommand({ name: 'burst-6' }));
    expect((await env.admin.send(new GetApiKeysCommand({ nameQuery: 'burst-' }))).items!.map((k) => k.name)).toEqual([
      'burst-0',
      'burst-1',
      'burst-2',
      'burst-3',
      'burst-4',
      'burst-6',
    ]);
  });
});
