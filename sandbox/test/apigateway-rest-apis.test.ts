import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateRestApiCommand,
  DeleteRestApiCommand,
  GetAccountCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetTagsCommand,
  UpdateRestApiCommand,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, expectMatchesRecording, recording, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

const API = 'test_apigateway_api';

describe('apigateway REST APIs', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  it('creates a REST API with the defaults AWS fills in, and its root resource', async () => {
    const created = await env.admin.send(new CreateRestApiCommand({ name: 'defaults', description: 'this is my api' }));
    expectMatchesRecording(created, recording(API, 'TestApiGatewayApiRestApi::test_list_and_delete_apis', 'create-rest-api-1'));
    expect(created.id).toMatch(/^[a-z0-9]{10}$/);
    expect(created.tags).toBeUndefined();

    const resources = await env.admin.send(new GetResourcesCommand({ restApiId: created.id }));
    expectMatchesRecording(resources, recording(API, 'TestApiGatewayApiResource::test_resource_lifecycle', 'rest-api-root-resource'));
    expect(resources.items![0]!.id).toBe(created.rootResourceId);
  });

  it('fills endpoint defaults per type, as recorded', async () => {
    const t = 'TestApiGatewayApiRestApi::test_create_rest_api_verify_defaults';
    expectMatchesRecording(await env.admin.send(new CreateRestApiCommand({ name: 'edge' })), recording(API, t, 'create-with-edge-default'));
    expectMatchesRecording(
      await env.admin.send(new CreateRestApiCommand({ name: 'regional', endpointConfiguration: { types: ['REGIONAL'] } })),
      recording(API, t, 'create-with-regional-default'),
    );
    expectMatchesRecording(
      await env.admin.send(new CreateRestApiCommand({ name: 'private', endpointConfiguration: { types: ['PRIVATE'] } })),
      recording(API, t, 'create-with-private-default'),
    );
    expectMatchesRecording(
      await env.admin.send(new CreateRestApiCommand({ name: 'dual', endpointConfiguration: { types: ['EDGE'], ipAddressType: 'dualstack' } })),
      recording(API, 'TestApiGatewayApiRestApi::test_create_rest_api_with_endpoint_configuration', 'create-with-endpoint-config-dualstack'),
    );
    const t2 = 'TestApiGatewayApiRestApi::test_create_rest_api_with_optional_params';
    expectMatchesRecording(await env.admin.send(new CreateRestApiCommand({ name: 'v', version: 'v1' })), recording(API, t2, 'create-with-version'));
    expectMatchesRecording(
      await env.admin.send(new CreateRestApiCommand({ name: 'b', binaryMediaTypes: [] })),
      recording(API, t2, 'create-with-empty-binary-media'),
    );
  });

  it('keeps tags given at creation', async () => {
    const t = 'TestApiGatewayApiRestApi::test_create_rest_api_with_tags';
    const created = await env.admin.send(new CreateRestApiCommand({ name: 'tagged', description: 'this is my api', tags: { MY_TAG1: 'MY_VALUE1' } }));
    expectMatchesRecording(created, recording(API, t, 'create-rest-api-w-tags'));
    expectMatchesRecording(await env.admin.send(new GetRestApiCommand({ restApiId: created.id })), recording(API, t, 'get-rest-api-w-tags'));
    const tags = await env.admin.send(new GetTagsCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/restapis/${created.id}` }));
    expect(tags.tags).toEqual({ MY_TAG1: 'MY_VALUE1' });
  });

  it('rejects bad input with the errors AWS gives', async () => {
    const send = (input: ConstructorParameters<typeof CreateRestApiCommand>[0]) => env.admin.send(new CreateRestApiCommand(input));
    await expectAwsError(send({ name: 'x', description: '' }), 'BadRequestException', 'Description cannot be an empty string', 400);
    await expectAwsError(send({ name: '' }), 'BadRequestException', 'Name cannot be an empty string', 400);
    await expectAwsError(
      send({ name: 'x', minimumCompressionSize: -1 }),
      'BadRequestException',
      'Invalid minimum compression size, must be between 0 and 10485760',
      400,
    );
    await expectAwsError(
      send({ name: 'x', endpointConfiguration: { types: [] } }),
      'BadRequestException',
      'REGIONAL Configuration and EDGE Configuration cannot be both DISABLED.',
      400,
    );
    await expectAwsError(
      send({ name: 'x', endpointConfiguration: { types: ['EDGE', 'REGIONAL'] } }),
      'BadRequestException',
      'Cannot create an api with multiple Endpoint Types.',
      400,
    );
    await expectAwsError(
      send({ name: 'x', endpointConfiguration: { types: ['PRIVATE'], ipAddressType: 'ipv4' } }),
      'BadRequestException',
      'Only dualstack ipAddressType is supported for Private APIs.',
      400,
    );
    const both = recording(API, 'TestApiGatewayApiRestApi::test_create_rest_api_with_endpoint_configuration', 'create-with-invalid-ip-address-type-and-types') as {
      Error: { Message: string };
    };
    await expectAwsError(
      send({ name: 'x', endpointConfiguration: { types: ['wrong' as 'EDGE'], ipAddressType: 'wrong' as 'ipv4' } }),
      'ValidationException',
      both.Error.Message,
      400,
    );
  });

  it('lists REST APIs in creation order and pages them', async () => {
    const all = await env.admin.send(new GetRestApisCommand({ limit: 500 }));
    expect(all.position).toBeUndefined();
    const names = all.items!.map((a) => a.name);
    expect(names.slice(0, 3)).toEqual(['defaults', 'edge', 'regional']);

    const first = await env.admin.send(new GetRestApisCommand({ limit: 2 }));
    expect(first.items!.map((a) => a.name)).toEqual(names.slice(0, 2));
    expect(first.position).toBeTruthy();
    const second = await env.admin.send(new GetRestApisCommand({ limit: 2, position: first.position }));
    expect(second.items!.map((a) => a.name)).toEqual(names.slice(2, 4));

    await expectAwsError(
      env.admin.send(new GetRestApisCommand({ limit: 501 })),
      'BadRequestException',
      "1 validation error detected: Value '501' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 500",
      400,
    );
  });

  it('gets one REST API; ids are case-sensitive', async () => {
    const created = await env.admin.send(new CreateRestApiCommand({ name: 'lower case', description: 'lower case api' }));
    const got = await env.admin.send(new GetRestApiCommand({ restApiId: created.id }));
    expect(got).toMatchObject({ id: created.id, name: 'lower case', rootResourceId: created.rootResourceId });
    await expectAwsError(
      env.admin.send(new GetRestApiCommand({ restApiId: created.id!.toUpperCase() })),
      'NotFoundException',
      `Invalid API identifier specified 123456789012:${created.id!.toUpperCase()}`,
      404,
    );
  });

  it('updates name, description, binary media types and compression with patch operations', async () => {
    const created = await env.admin.send(new CreateRestApiCommand({ name: 'before', description: 'this is my api' }));
    const restApiId = created.id!;
    const update = (patchOperations: { op: 'add' | 'remove' | 'replace'; path: string; value?: string }[]) =>
      env.admin.send(new UpdateRestApiCommand({ restApiId, patchOperations }));

    const renamed = await update([
      { op: 'replace', path: '/name', value: 'after' },
      { op: 'replace', path: '/description', value: 'new description' },
    ]);
    expect(renamed).toMatchObject({ name: 'after', description: 'new description', tags: {} });

    const t = 'TestApiGatewayApiRestApi::test_update_rest_api_operation_add_remove';
    await update([{ op: 'replace', path: '/description', value: 'this is my api' }, { op: 'replace', path: '/name', value: 'before' }]);
    const added = await update([
      { op: 'add', path: '/binaryMediaTypes/image~1png' },
      { op: 'add', path: '/binaryMediaTypes/image~1jpeg' },
    ]);
    expectMatchesRecording(added, recording(API, t, 'update-rest-api-add'));
    expectMatchesRecording(
      await update([{ op: 'replace', path: '/binaryMediaTypes/image~1png', value: 'image/gif' }]),
      recording(API, t, 'update-rest-api-replace'),
    );
    const removed = await update([
      { op: 'remove', path: '/binaryMediaTypes/image~1gif' },
      { op: 'remove', path: '/description' },
    ]);
    expectMatchesRecording(removed, recording(API, t, 'update-rest-api-remove'));

    const c = 'TestApiGatewayApiRestApi::test_update_rest_api_compression';
    await update([
      { op: 'replace', path: '/description', value: 'this is my api' },
      { op: 'remove', path: '/binaryMediaTypes/image~1jpeg' },
    ]);
    expectMatchesRecording(await update([{ op: 'replace', path: '/minimumCompressionSize', value: '10' }]), recording(API, c, 'enable-compression'));
    expectMatchesRecording(await update([{ op: 'replace', path: '/minimumCompressionSize', value: '' }]), recording(API, c, 'disable-compression'));
    await expectAwsError(
      update([{ op: 'replace', path: '/minimumCompressionSize', value: '-1' }]),
      'BadRequestException',
      'Invalid minimum compression size, must be between 0 and 10485760',
      400,
    );
    await expectAwsError(
      update([{ op: 'add', path: '/minimumCompressionSize', value: '10' }]),
      'BadRequestException',
      'Invalid patch operation specified. Must be one of: [replace]',
      400,
    );
    await expectAwsError(update([{ op: 'add', path: '/binaryMediaTypes', value: 'x' }]), 'BadRequestException', 'Invalid patch path /binaryMediaTypes', 400);
    await expectAwsError(
      env.admin.send(new UpdateRestApiCommand({ restApiId, patchOperations: [{ op: 'wrong' as 'add', path: '/name', value: 'x' }] })),
      'ValidationException',
      "1 validation error detected: Value 'wrong' at 'updateRestApiInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
      400,
    );
    // A failing operation leaves the API as it was.
    await expectAwsError(
      update([{ op: 'replace', path: '/name', value: 'half-done' }, { op: 'replace', path: '/nope', value: 'x' }]),
      'BadRequestException',
      'Invalid patch path /nope',
      400,
    );
    expect((await env.admin.send(new GetRestApiCommand({ restApiId }))).name).toBe('before');

    await expectAwsError(
      env.admin.send(new UpdateRestApiCommand({ restApiId: 'api_id', patchOperations: [] })),
      'NotFoundException',
      'Invalid API identifier specified 123456789012:api_id',
      404,
    );
  });

  it('switches the endpoint type with patch operations', async () => {
    const { id } = await env.admin.send(new CreateRestApiCommand({ name: 'endpoint' }));
    const t = 'TestApiGatewayApiRestApi::test_update_rest_api_ip_address_type';
    const update = (op: 'add' | 'replace', path: string, value: string) =>
      env.admin.send(new UpdateRestApiCommand({ restApiId: id, patchOperations: [{ op, path, value }] }));
    expectMatchesRecording(await update('replace', '/endpointConfiguration/types/EDGE', 'PRIVATE'), recording(API, t, 'update-rest-api-replace-type'));
    await expectAwsError(
      update('replace', '/endpointConfiguration/ipAddressType', 'ipv4'),
      'BadRequestException',
      'Only dualstack ipAddressType is supported for Private APIs.',
      400,
    );
    await expectAwsError(update('replace', '/endpointConfiguration/ipAddressType', 'wrong'), 'BadRequestException', 'ipAddressType must be either ipv4 or dualstack.', 400);
    await expectAwsError(
      update('replace', '/endpointConfiguration/types/PRIVATE', 'wrong'),
      'BadRequestException',
      'Invalid EndpointTypes specified. Valid options are REGIONAL,EDGE,PRIVATE',
      400,
    );
    await expectAwsError(
      update('add', '/endpointConfiguration/ipAddressType', 'dualstack'),
      'BadRequestException',
      'Invalid patch operation specified. Must be one of: [replace]',
      400,
    );
  });

  it('deletes a REST API (202) and then no longer finds it', async () => {
    const { id } = await env.admin.send(new CreateRestApiCommand({ name: 'doomed' }));
    const deleted = await env.admin.send(new DeleteRestApiCommand({ restApiId: id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    await expectAwsError(env.admin.send(new GetRestApiCommand({ restApiId: id })), 'NotFoundException', `Invalid API identifier specified 123456789012:${id}`, 404);
    await expectAwsError(env.admin.send(new DeleteRestApiCommand({ restApiId: id })), 'NotFoundException', `Invalid API identifier specified 123456789012:${id}`, 404);
    const all = await env.admin.send(new GetRestApisCommand({ limit: 500 }));
    expect(all.items!.some((a) => a.id === id)).toBe(false);
  });

  it('lets the viewer read but not write, and the operator not create APIs', async () => {
    expect((await env.viewer.send(new GetRestApisCommand({}))).items!.length).toBeGreaterThan(0);
    await expectAwsError(
      env.viewer.send(new CreateRestApiCommand({ name: 'nope' })),
      'AccessDeniedException',
      /^User: arn:aws:sts::123456789012:assumed-role\/gateway-console-viewer\/CognitoIdentityCredentials is not authorized to perform: apigateway:POST on resource: arn:aws:apigateway:us-east-1::\/restapis/,
      403,
    );
    await expectAwsError(env.operator.send(new CreateRestApiCommand({ name: 'nope' })), 'AccessDeniedException', /apigateway:POST/, 403);
  });

  it('answers GetAccount with the default account throttle', async () => {
    const account = await env.viewer.send(new GetAccountCommand({}));
    expect(account).toMatchObject({ throttleSettings: { burstLimit: 5000, rateLimit: 10000 }, features: ['UsagePlans'], apiKeyVersion: '4' });
    expect(account.cloudwatchRoleArn).toBeUndefined();
  });
});
