import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetTagsCommand,
  GetUsagePlanCommand,
  GetUsagePlansCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

const arn = (path: string) => `arn:aws:apigateway:us-east-1::${path}`;

/** TagResource, UntagResource and GetTags on API keys, usage plans, REST APIs and stages. */
describe('apigateway tags', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  it('tags and untags an API key; its tags show in GetApiKey and GetApiKeys', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'partner-tagged' }));
    expect(key.tags).toBeUndefined();
    const resourceArn = arn(`/apikeys/${key.id}`);
    const tagged = await env.operator.send(new TagResourceCommand({ resourceArn, tags: { team: 'partnerships', partner: 'acme', 'rotation-due': '2026-12-31' } }));
    expect(tagged.$metadata.httpStatusCode).toBe(204);
    expect((await env.viewer.send(new GetTagsCommand({ resourceArn }))).tags).toEqual({ team: 'partnerships', partner: 'acme', 'rotation-due': '2026-12-31' });
    expect((await env.viewer.send(new GetApiKeyCommand({ apiKey: key.id }))).tags).toEqual({ team: 'partnerships', partner: 'acme', 'rotation-due': '2026-12-31' });
    // Overwrites one, adds one.
    await env.operator.send(new TagResourceCommand({ resourceArn, tags: { partner: 'acme-corp', stage: 'rotating' } }));
    const untagged = await env.operator.send(new UntagResourceCommand({ resourceArn, tagKeys: ['rotation-due', 'stage', 'absent'] }));
    expect(untagged.$metadata.httpStatusCode).toBe(204);
    const listed = await env.viewer.send(new GetApiKeysCommand({ nameQuery: 'partner-tagged' }));
    expect(listed.items!.map((k) => k.tags)).toEqual([{ team: 'partnerships', partner: 'acme-corp' }]);
  });

  it('tags usage plans, REST APIs and stages by their ARNs', async () => {
    const plan = await env.admin.send(new CreateUsagePlanCommand({ name: 'tag-me' }));
    await env.admin.send(new TagResourceCommand({ resourceArn: arn(`/usageplans/${plan.id}`), tags: { tier: 'gold' } }));
    expect((await env.admin.send(new GetUsagePlanCommand({ usagePlanId: plan.id }))).tags).toEqual({ tier: 'gold' });
    expect((await env.admin.send(new GetUsagePlansCommand({}))).items!.find((p) => p.id === plan.id)!.tags).toEqual({ tier: 'gold' });

    const api = await env.admin.send(new CreateRestApiCommand({ name: 'tag-api' }));
    await env.admin.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await env.admin.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' }));
    await env.admin.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
    await env.admin.send(new TagResourceCommand({ resourceArn: arn(`/restapis/${api.id}`), tags: { owner: 'team-a' } }));
    await env.operator.send(new TagResourceCommand({ resourceArn: arn(`/restapis/${api.id}/stages/prod`), tags: { env: 'prod' } }));
    expect((await env.admin.send(new GetRestApiCommand({ restApiId: api.id }))).tags).toEqual({ owner: 'team-a' });
    expect((await env.admin.send(new GetStageCommand({ restApiId: api.id, stageName: 'prod' }))).tags).toEqual({ env: 'prod' });
    expect((await env.admin.send(new GetTagsCommand({ resourceArn: arn(`/restapis/${api.id}/stages/prod`) }))).tags).toEqual({ env: 'prod' });
  });

  it('validates tags as AWS documents them, changing nothing on a refusal', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'strict-tags', tags: { keep: 'me' } }));
    const resourceArn = arn(`/apikeys/${key.id}`);
    const tag = (tags: Record<string, string>) => env.admin.send(new TagResourceCommand({ resourceArn, tags }));
    await expectAwsError(tag({ 'aws:owner': 'x' }), 'BadRequestException', /must not start with 'aws:'/, 400);
    await expectAwsError(tag({ ['k'.repeat(129)]: 'x' }), 'BadRequestException', /between 1 and 128 characters/, 400);
    await expectAwsError(tag({ ok: 'v'.repeat(257) }), 'BadRequestException', /at most 256 characters/, 400);
    await expectAwsError(tag({ 'bad#key': 'x' }), 'BadRequestException', /may only contain/, 400);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    await expectAwsError(tag(fifty), 'BadRequestException', /at most 50 tags/, 400);
    expect((await env.admin.send(new GetTagsCommand({ resourceArn }))).tags).toEqual({ keep: 'me' });
    // 49 more fit (50 in all), and an empty value is a value.
    const fortyNine = Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, '']));
    await tag(fortyNine);
    expect(Object.keys((await env.admin.send(new GetTagsCommand({ resourceArn }))).tags!)).toHaveLength(50);
    // The same rules at creation.
    await expectAwsError(env.admin.send(new CreateApiKeyCommand({ name: 'x', tags: { 'aws:x': 'y' } })), 'BadRequestException', /aws:/, 400);
    await expectAwsError(env.admin.send(new CreateUsagePlanCommand({ name: 'x', tags: { 'aws:x': 'y' } })), 'BadRequestException', /aws:/, 400);
  });

  it('answers unknown resources, malformed ARNs and missing tag keys', async () => {
    await expectAwsError(env.admin.send(new GetTagsCommand({ resourceArn: arn('/apikeys/nope') })), 'NotFoundException', 'Invalid resource identifier specified', 404);
    await expectAwsError(
      env.admin.send(new TagResourceCommand({ resourceArn: arn('/usageplans/nope'), tags: { a: 'b' } })),
      'NotFoundException',
      'Invalid resource identifier specified',
      404,
    );
    await expectAwsError(env.admin.send(new TagResourceCommand({ resourceArn: 'not-an-arn', tags: { a: 'b' } })), 'BadRequestException', /ARN is not well formed/, 400);
    await expectAwsError(
      env.admin.send(new TagResourceCommand({ resourceArn: 'arn:aws:apigateway:eu-west-1::/apikeys/x', tags: { a: 'b' } })),
      'NotFoundException',
      'Invalid resource identifier specified',
      404,
    );
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'untag-nothing' }));
    await expectAwsError(
      env.admin.send(new UntagResourceCommand({ resourceArn: arn(`/apikeys/${key.id}`), tagKeys: [] })),
      'ValidationException',
      "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
      400,
    );
  });

  it('authorizes tagging on the tags path: the operator may, the viewer may only read', async () => {
    const key = await env.admin.send(new CreateApiKeyCommand({ name: 'iam-tags' }));
    const resourceArn = arn(`/apikeys/${key.id}`);
    await expectAwsError(
      env.viewer.send(new TagResourceCommand({ resourceArn, tags: { a: 'b' } })),
      'AccessDeniedException',
      `User: arn:aws:sts::123456789012:assumed-role/gateway-console-viewer/CognitoIdentityCredentials is not authorized to perform: apigateway:PUT on resource: arn:aws:apigateway:us-east-1::/tags/${resourceArn} because no identity-based policy allows the apigateway:PUT action`,
      403,
    );
    await expectAwsError(env.viewer.send(new UntagResourceCommand({ resourceArn, tagKeys: ['a'] })), 'AccessDeniedException', /apigateway:DELETE on resource: arn:aws:apigateway:us-east-1::\/tags\//, 403);
    await env.operator.send(new TagResourceCommand({ resourceArn, tags: { a: 'b' } }));
    await env.operator.send(new UntagResourceCommand({ resourceArn, tagKeys: ['a'] }));
    expect((await env.viewer.send(new GetTagsCommand({ resourceArn }))).tags).toEqual({});
  });
});
