import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateResourceCommand,
  CreateRestApiCommand,
  DeleteIntegrationCommand,
  DeleteMethodCommand,
  DeleteMethodResponseCommand,
  DeleteResourceCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetMethodResponseCommand,
  GetResourceCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  PutMethodResponseCommand,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, expectMatchesRecording, recording, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

const API = 'test_apigateway_api';
const LAMBDA = 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f/invocations';

describe('apigateway resources, methods and integrations', () => {
  let env: TestEnv;
  let restApiId: string;
  let rootId: string;

  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
    const api = await env.admin.send(new CreateRestApiCommand({ name: 'resources' }));
    restApiId = api.id!;
    rootId = api.rootResourceId!;
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  const createResource = (parentId: string, pathPart: string, api = restApiId) =>
    env.admin.send(new CreateResourceCommand({ restApiId: api, parentId, pathPart }));

  it('creates, lists and deletes resources as recorded', async () => {
    const t = 'TestApiGatewayApiResource::test_resource_lifecycle';
    const { id: apiId, rootResourceId } = await env.admin.send(new CreateRestApiCommand({ name: 'lifecycle' }));
    const pets = await createResource(rootResourceId!, 'pets', apiId);
    expectMatchesRecording(pets, recording(API, t, 'create-resource'));
    expect(pets.id).toMatch(/^[a-z0-9]{6,10}$/);
    expectMatchesRecording(await env.admin.send(new GetResourcesCommand({ restApiId: apiId })), recording(API, t, 'rest-api-resources-after-create'));
    const sub = await createResource(pets.id!, 'subpets', apiId);
    expectMatchesRecording(sub, recording(API, t, 'create-subresource'));
    expectMatchesRecording(await env.admin.send(new GetResourcesCommand({ restApiId: apiId })), recording(API, t, 'rest-api-resources-after-create-sub'));

    const deleted = await env.admin.send(new DeleteResourceCommand({ restApiId: apiId, resourceId: pets.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
    expectMatchesRecording(await env.admin.send(new GetResourcesCommand({ restApiId: apiId })), recording(API, t, 'rest-api-resources-after-delete'));
    // Deleting a resource deletes its children too.
    await expectAwsError(
      env.admin.send(new DeleteResourceCommand({ restApiId: apiId, resourceId: sub.id })),
      'NotFoundException',
      'Invalid Resource identifier specified',
      404,
    );
    await expectAwsError(
      env.admin.send(new DeleteResourceCommand({ restApiId: apiId, resourceId: rootResourceId })),
      'BadRequestException',
      'Root resource cannot be deleted.',
      400,
    );
  });

  it('orders resources by path, proxy resources included', async () => {
    const { id: apiId, rootResourceId } = await env.admin.send(new CreateRestApiCommand({ name: 'proxy' }));
    await createResource(rootResourceId!, '{proxy+}', apiId);
    const parent = await createResource(rootResourceId!, 'parent', apiId);
    await createResource(parent.id!, '{proxy+}', apiId);
    const child = await createResource(parent.id!, 'child', apiId);
    await createResource(child.id!, '{proxy+}', apiId);
    const all = await env.admin.send(new GetResourcesCommand({ restApiId: apiId }));
    const recorded = recording(API, 'TestApiGatewayApiResource::test_create_proxy_resource', 'all-resources') as { items: { path: string }[] };
    expect(all.items!.map((r) => r.path)).toEqual(recorded.items.map((r) => r.path));
  });

  it('validates path parts and siblings with AWS messages', async () => {
    const t = 'TestApiGatewayApiResource::test_create_proxy_resource_validation';
    const { id: apiId, rootResourceId } = await env.admin.send(new CreateRestApiCommand({ name: 'validation' }));
    const proxy = await createResource(rootResourceId!, '{proxy+}', apiId);
    const message = (entry: string) => (recording(API, t, entry) as { Error: { Message: string } }).Error.Message;
    await expectAwsError(createResource(rootResourceId!, '{dynamic}', apiId), 'BadRequestException', message('create-proxy-dynamic-sibling-resource'), 400);
    await expectAwsError(createResource(proxy.id!, 'static', apiId), 'BadRequestException', message('create-proxy-static-child-resource'), 400);
    await expectAwsError(createResource(proxy.id!, '{dynamic}', apiId), 'BadRequestException', message('create-proxy-dynamic-child-resource'), 400);
    const parent = await createResource(rootResourceId!, 'parent', apiId);
    expect((await createResource(parent.id!, '{child+}', apiId)).path).toBe('/parent/{child+}');

    await createResource(rootResourceId!, 'pets', apiId);
    await expectAwsError(createResource(rootResourceId!, 'pets', apiId), 'ConflictException', 'Another resource with the same parent already has this name: pets', 409);
    await expectAwsError(
      createResource(rootResourceId!, 'bad/part', apiId),
      'BadRequestException',
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
      400,
    );
    await expectAwsError(createResource('nope', 'x', apiId), 'NotFoundException', 'Invalid Resource identifier specified', 404);
    await expectAwsError(createResource(rootResourceId!, 'x', 'nope'), 'NotFoundException', 'Invalid Resource identifier specified', 404);
    await expectAwsError(env.admin.send(new GetResourcesCommand({ restApiId: 'nope' })), 'NotFoundException', 'Invalid API identifier specified 123456789012:nope', 404);
  });

  it('puts, gets and deletes methods with recorded defaults and errors', async () => {
    const t = 'TestApiGatewayApiMethod::test_method_lifecycle';
    const put = await env.admin.send(new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'ANY', authorizationType: 'NONE' }));
    expectMatchesRecording(put, recording(API, t, 'put-base-method-response'));
    expectMatchesRecording(
      await env.admin.send(new GetMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'ANY' })),
      recording(API, t, 'get-base-method-response'),
    );
    await expectAwsError(
      env.admin.send(new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'ANY', authorizationType: 'NONE' })),
      'ConflictException',
      'Method already exists for this resource',
      409,
    );
    const deleted = await env.admin.send(new DeleteMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'ANY' }));
    expect(deleted.$metadata.httpStatusCode).toBe(204);
    await expectAwsError(env.admin.send(new GetMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'ANY' })), 'NotFoundException', 'Invalid Method identifier specified', 404);
    await expectAwsError(env.admin.send(new DeleteMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'ANY' })), 'NotFoundException', 'Invalid Method identifier specified', 404);

    const v = 'TestApiGatewayApiMethod::test_put_method_validation';
    const message = (entry: string) => (recording(API, v, entry) as { Error: { Message: string } }).Error.Message;
    await expectAwsError(
      env.admin.send(new PutMethodCommand({ restApiId: 'nope', resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE' })),
      'NotFoundException',
      message('wrong-api'),
      404,
    );
    await expectAwsError(
      env.admin.send(new PutMethodCommand({ restApiId, resourceId: 'nope', httpMethod: 'GET', authorizationType: 'NONE' })),
      'NotFoundException',
      message('wrong-resource'),
      404,
    );
    await expectAwsError(
      env.admin.send(new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'WRONG', authorizationType: 'NONE' })),
      'BadRequestException',
      message('wrong-method'),
      400,
    );
    await expectAwsError(
      env.admin.send(new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'CUSTOM' })),
      'BadRequestException',
      message('missing-authorizer-id'),
      400,
    );
    await expectAwsError(
      env.admin.send(new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'GET', authorizationType: 'NONE', requestModels: { 'application/json': 'petModel' } })),
      'BadRequestException',
      message('invalid-model-name'),
      400,
    );
  });

  it('keeps request parameters and API-key requirements', async () => {
    const t = 'TestApiGatewayApiMethod::test_method_request_parameters';
    const { id: apiId, rootResourceId } = await env.admin.send(new CreateRestApiCommand({ name: 'params' }));
    const requestParameters = {
      'method.request.header.h_optional': false,
      'method.request.header.h_required': true,
      'method.request.querystring.q_optional': false,
      'method.request.querystring.q_required': true,
    };
    const put = await env.admin.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootResourceId, httpMethod: 'ANY', authorizationType: 'NONE', requestParameters }));
    expectMatchesRecording(put, recording(API, t, 'put-method-request-params-response'));
    await expectAwsError(
      env.admin.send(
        new PutMethodCommand({
          restApiId: apiId,
          resourceId: rootResourceId,
          httpMethod: 'GET',
          authorizationType: 'NONE',
          requestParameters: { 'method.request.header.same': true, 'method.request.querystring.same': false },
        }),
      ),
      'BadRequestException',
      'Parameter names must be unique across querystring, header and path',
      400,
    );
    const keyed = await env.admin.send(new PutMethodCommand({ restApiId: apiId, resourceId: rootResourceId, httpMethod: 'POST', authorizationType: 'AWS_IAM', apiKeyRequired: true }));
    expect(keyed).toMatchObject({ httpMethod: 'POST', authorizationType: 'AWS_IAM', apiKeyRequired: true });
  });

  it('puts and gets MOCK, HTTP_PROXY and AWS_PROXY integrations with AWS defaults', async () => {
    const res = await createResource(rootId, 'integrations');
    const method = (httpMethod: string) => env.admin.send(new PutMethodCommand({ restApiId, resourceId: res.id, httpMethod, authorizationType: 'NONE' }));
    await method('GET');
    await method('POST');
    await method('PUT');

    await expectAwsError(
      env.admin.send(new GetIntegrationCommand({ restApiId, resourceId: res.id, httpMethod: 'GET' })),
      'NotFoundException',
      'Invalid Integration identifier specified',
      404,
    );
    const mock = await env.admin.send(
      new PutIntegrationCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }),
    );
    expect(mock.$metadata.httpStatusCode).toBe(201);
    expect(mock).toMatchObject({ type: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000, cacheNamespace: res.id, cacheKeyParameters: [] });
    expect(mock.connectionType).toBeUndefined();

    const vpc = recording(API, 'TestApigatewayIntegration::test_create_integration_with_vpc_link', 'put-integration-vpc-link');
    const proxy = await env.admin.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId: res.id,
        httpMethod: 'POST',
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'GET',
        uri: 'http://my-vpclink-test-nlb-1234567890abcdef.us-east-1.amazonaws.com',
        connectionType: 'VPC_LINK',
        connectionId: '${stageVariables.vpcLinkId}',
      }),
    );
    expectMatchesRecording(proxy, { ...vpc, uri: '<uri>' });
    expect(proxy.httpMethod).toBe('GET');

    const lambda = await env.admin.send(
      new PutIntegrationCommand({ restApiId, resourceId: res.id, httpMethod: 'PUT', type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: LAMBDA }),
    );
    expect(lambda).toMatchObject({ type: 'AWS_PROXY', httpMethod: 'POST', uri: LAMBDA, connectionType: 'INTERNET' });
    expect(await env.admin.send(new GetIntegrationCommand({ restApiId, resourceId: res.id, httpMethod: 'PUT' }))).toMatchObject({ type: 'AWS_PROXY', uri: LAMBDA });

    const send = (input: Partial<ConstructorParameters<typeof PutIntegrationCommand>[0]>) =>
      env.admin.send(new PutIntegrationCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', type: 'MOCK', ...input }));
    await expectAwsError(
      send({ type: 'HTTPS_PROXY' as 'HTTP' }),
      'ValidationException',
      (recording(API, 'TestApigatewayIntegration::test_put_integration_wrong_type', 'put-integration-wrong-type') as { Error: { Message: string } }).Error.Message,
      400,
    );
    await expectAwsError(send({ type: 'HTTP_PROXY', uri: 'http://example.com' }), 'BadRequestException', 'Enumeration value for HttpMethod must be non-empty', 400);
    await expectAwsError(send({ type: 'HTTP_PROXY', integrationHttpMethod: 'GET', uri: 'not a url' }), 'BadRequestException', 'Invalid HTTP endpoint specified for URI', 400);
    await expectAwsError(
      send({ type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri: 'arn:aws:apigateway:us-east-1:s3:path/bucket' }),
      'BadRequestException',
      "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations.",
      400,
    );
    await expectAwsError(send({ timeoutInMillis: 30000 }), 'BadRequestException', 'Timeout should be between 50 ms and 29000 ms', 400);
    await expectAwsError(send({ httpMethod: 'DELETE' }), 'NotFoundException', 'Invalid Method identifier specified', 404);
    await expectAwsError(send({ resourceId: 'nope' }), 'NotFoundException', 'Invalid Resource identifier specified', 404);

    const del = await env.admin.send(new DeleteIntegrationCommand({ restApiId, resourceId: res.id, httpMethod: 'PUT' }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    await expectAwsError(
      env.admin.send(new GetIntegrationCommand({ restApiId, resourceId: res.id, httpMethod: 'PUT' })),
      'NotFoundException',
      'Invalid Integration identifier specified',
      404,
    );
  });

  it('puts, gets and deletes method responses', async () => {
    const res = await createResource(rootId, 'responses');
    await env.admin.send(new PutMethodCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', authorizationType: 'NONE' }));
    const t = 'TestApigatewayMethodResponse::test_lifecycle_method_response';
    const put = await env.admin.send(new PutMethodResponseCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', statusCode: '200' }));
    expectMatchesRecording(put, recording(API, t, 'put-method-response'));
    const full = await env.admin.send(
      new PutMethodResponseCommand({
        restApiId,
        resourceId: res.id,
        httpMethod: 'GET',
        statusCode: '200',
        responseParameters: { 'method.response.header.my-header': true },
        responseModels: { 'application/json': 'Empty' },
      }),
    );
    expectMatchesRecording(full, recording(API, t, 'add-method-responses'));
    expect(await env.admin.send(new GetMethodResponseCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', statusCode: '200' }))).toMatchObject({
      statusCode: '200',
    });
    await expectAwsError(
      env.admin.send(new PutMethodResponseCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', statusCode: 'wrong' })),
      'ValidationException',
      "1 validation error detected: Value 'wrong' at 'statusCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [1-5]\\d\\d",
      400,
    );
    const del = await env.admin.send(new DeleteMethodResponseCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', statusCode: '200' }));
    expect(del.$metadata.httpStatusCode).toBe(204);
    await expectAwsError(
      env.admin.send(new GetMethodResponseCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', statusCode: '200' })),
      'NotFoundException',
      'Invalid Response status code specified',
      404,
    );
  });

  it('embeds every method in GetResources with embed=methods, and lists bare method names without it', async () => {
    const res = await createResource(rootId, 'embedded');
    await env.admin.send(new PutMethodCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
    await env.admin.send(new PutIntegrationCommand({ restApiId, resourceId: res.id, httpMethod: 'GET', type: 'MOCK' }));
    await env.admin.send(new PutMethodCommand({ restApiId, resourceId: res.id, httpMethod: 'DELETE', authorizationType: 'AWS_IAM' }));

    const bare = await env.admin.send(new GetResourcesCommand({ restApiId, limit: 500 }));
    expect(bare.items!.find((r) => r.id === res.id)!.resourceMethods).toEqual({ GET: {}, DELETE: {} });

    const embedded = await env.admin.send(new GetResourcesCommand({ restApiId, limit: 500, embed: ['methods'] }));
    const methods = embedded.items!.find((r) => r.id === res.id)!.resourceMethods!;
    expect(methods.GET).toMatchObject({
      httpMethod: 'GET',
      authorizationType: 'NONE',
      apiKeyRequired: true,
      methodIntegration: { type: 'MOCK', passthroughBehavior: 'WHEN_NO_MATCH', timeoutInMillis: 29000 },
    });
    expect(methods.DELETE).toEqual({ httpMethod: 'DELETE', authorizationType: 'AWS_IAM', apiKeyRequired: false });
    expect(embedded.items!.find((r) => r.path === '/')!.resourceMethods).toBeUndefined();

    const one = await env.admin.send(new GetResourceCommand({ restApiId, resourceId: res.id, embed: ['methods'] }));
    expect(one.resourceMethods!.GET!.methodIntegration!.type).toBe('MOCK');
    await expectAwsError(env.admin.send(new GetResourceCommand({ restApiId, resourceId: 'nope' })), 'NotFoundException', 'Invalid Resource identifier specified', 404);
  });

  it('pages resources by path with a position token', async () => {
    const { id: apiId, rootResourceId } = await env.admin.send(new CreateRestApiCommand({ name: 'paged' }));
    for (const p of ['a', 'b', 'c', 'd']) await createResource(rootResourceId!, p, apiId);
    const first = await env.admin.send(new GetResourcesCommand({ restApiId: apiId, limit: 2 }));
    expect(first.items!.map((r) => r.path)).toEqual(['/', '/a']);
    const second = await env.admin.send(new GetResourcesCommand({ restApiId: apiId, limit: 2, position: first.position }));
    expect(second.items!.map((r) => r.path)).toEqual(['/b', '/c']);
    const third = await env.admin.send(new GetResourcesCommand({ restApiId: apiId, limit: 2, position: second.position }));
    expect(third.items!.map((r) => r.path)).toEqual(['/d']);
    expect(third.position).toBeUndefined();
  });

  it('enforces GetResources at 5 per 2 seconds', async () => {
    env.advance(10_000);
    for (let i = 0; i < 5; i++) await env.viewer.send(new GetResourcesCommand({ restApiId }));
    await expectAwsError(env.viewer.send(new GetResourcesCommand({ restApiId })), 'TooManyRequestsException', 'Too Many Requests', 429);
  });

  it('refuses method changes to the operator and the viewer', async () => {
    await expectAwsError(
      env.operator.send(new PutMethodCommand({ restApiId, resourceId: rootId, httpMethod: 'PATCH', authorizationType: 'NONE' })),
      'AccessDeniedException',
      /not authorized to perform: apigateway:PUT/,
      403,
    );
    await expectAwsError(env.viewer.send(new CreateResourceCommand({ restApiId, parentId: rootId, pathPart: 'x' })), 'AccessDeniedException', /apigateway:POST/, 403);
  });
});
