import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  GetApiKeyCommand,
  GetApiKeysCommand,
  GetUsagePlanKeysCommand,
  ImportApiKeysCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { expectAwsError, startApiGatewayEnv, type TestEnv } from './apigateway-helpers.js';

const value = (tag: string) => `${tag}-0123456789abcdefghij`.slice(0, 30).padEnd(30, 'x');

/**
 * ImportApiKeys with the SDK: `POST /apikeys?mode=import&format=csv[&failonwarnings=true]`, the CSV file as an
 * application/octet-stream body, in AWS's documented file format.
 */
describe('apigateway ImportApiKeys', () => {
  let env: TestEnv;
  let gold: string;
  let silver: string;
  let sharing: string;
  let sharingB: string;
  let apiId: string;
  const csv = (text: string, failOnWarnings?: boolean) =>
    env.admin.send(new ImportApiKeysCommand({ body: new TextEncoder().encode(text), format: 'csv', ...(failOnWarnings === undefined ? {} : { failOnWarnings }) }));

  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
    const api = await env.admin.send(new CreateRestApiCommand({ name: 'imported' }));
    await env.admin.send(new PutMethodCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', authorizationType: 'NONE' }));
    await env.admin.send(new PutIntegrationCommand({ restApiId: api.id, resourceId: api.rootResourceId, httpMethod: 'GET', type: 'MOCK' }));
    await env.admin.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
    gold = (await env.admin.send(new CreateUsagePlanCommand({ name: 'gold' }))).id!;
    silver = (await env.admin.send(new CreateUsagePlanCommand({ name: 'silver' }))).id!;
    // Two plans on one API stage: a key may not be in both.
    apiId = api.id!;
    sharing = (await env.admin.send(new CreateUsagePlanCommand({ name: 'sharing-a', apiStages: [{ apiId, stage: 'prod' }] }))).id!;
    sharingB = (await env.admin.send(new CreateUsagePlanCommand({ name: 'sharing-b', apiStages: [{ apiId, stage: 'prod' }] }))).id!;
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(4000));

  it('imports the documented examples: any column order and case, enabled by default, quoted plan lists', async () => {
    const out = await csv(
      [
        'Name,key,description,Enabled,usageplanIds',
        `imported-one,${value('one')},An imported key,TRUE,${gold}`,
        `imported-two,${value('two')},,false,"${gold},${silver}"`,
        `imported-three,${value('three')},"Quoted, with a comma",,'${silver}'`,
        '',
      ].join('\r\n'),
    );
    expect(out.$metadata.httpStatusCode).toBe(201);
    expect(out.ids).toHaveLength(3);
    expect(out.warnings).toBeUndefined();
    const keys = await Promise.all(out.ids!.map((id) => env.admin.send(new GetApiKeyCommand({ apiKey: id, includeValue: true }))));
    expect(keys.map((k) => ({ name: k.name, value: k.value, enabled: k.enabled, description: k.description }))).toEqual([
      { name: 'imported-one', value: value('one'), enabled: true, description: 'An imported key' },
      { name: 'imported-two', value: value('two'), enabled: false, description: undefined },
      { name: 'imported-three', value: value('three'), enabled: true, description: 'Quoted, with a comma' },
    ]);
    expect(keys.every((k) => /^[a-z0-9]{10}$/.test(k.id!))).toBe(true);
    const inGold = (await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: gold }))).items!.map((k) => k.name);
    const inSilver = (await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: silver }))).items!.map((k) => k.name);
    expect(inGold).toEqual(['imported-one', 'imported-two']);
    expect(inSilver).toEqual(['imported-three', 'imported-two']);
  });

  it('updates a key whose value is already there (the latest import wins)', async () => {
    const existing = await env.admin.send(new CreateApiKeyCommand({ name: 'before-import', value: value('again'), enabled: true }));
    const out = await csv(`key,name,enabled\n${value('again')},after-import,false\n`);
    expect(out.ids).toEqual([existing.id]);
    expect(await env.admin.send(new GetApiKeyCommand({ apiKey: existing.id }))).toMatchObject({ name: 'after-import', enabled: false });
  });

  it('skips bad rows with a warning each, and imports the rest', async () => {
    const before = (await env.admin.send(new GetApiKeysCommand({ limit: 500 }))).items!.length;
    const out = await csv(
      [
        'name,key,usageplanids,extra column',
        `good-row,${value('good')},,ignored`,
        'short-value,abc,,',
        `long-name-${'n'.repeat(1020)},${value('long')},,`,
        `unknown-plan,${value('plan')},nope00,`,
        `second-good-row,${value('good2')},,`,
        ',,,',
        `no-value,,,`,
      ].join('\n'),
    );
    expect(out.ids).toHaveLength(2);
    expect(out.warnings).toEqual([
      'Line 3: API Key value should be at least 20 characters. The API key was not imported.',
      'Line 4: Invalid API Key name, can be at most 1024 characters. The API key was not imported.',
      'Line 5: Invalid Usage Plan ID specified: nope00. The API key was not imported.',
      'Line 8: Missing API key value. The API key was not imported.',
    ]);
    expect((await env.admin.send(new GetApiKeysCommand({ limit: 500 }))).items!.length).toBe(before + 2);
  });

  it('refuses a key in two plans that share an API stage, with a warning', async () => {
    const before = (await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: sharing }))).items!.length;
    const out = await csv(`name,key,usageplanids\nboth-plans,${value('both')},"${sharing},${sharingB}"\n`);
    expect(out.ids).toEqual([]);
    expect(out.warnings).toEqual([
      `Line 2: Usage Plan ${sharingB} cannot be added because API Key (line 2) cannot reference multiple Usage Plans with the same API Stage: ${apiId}:prod. The API key was not imported.`,
    ]);
    expect((await env.admin.send(new GetUsagePlanKeysCommand({ usagePlanId: sharing }))).items!.length).toBe(before);
  });

  it('with failonwarnings, any warning fails the whole import and nothing changes', async () => {
    const before = (await env.admin.send(new GetApiKeysCommand({ limit: 500 }))).items!.length;
    await expectAwsError(
      csv(`name,key\nfine-row,${value('fine')}\nbad-row,short\n`, true),
      'BadRequestException',
      'API keys were not imported because the file has warnings and failonwarnings is true: Line 3: API Key value should be at least 20 characters. The API key was not imported.',
      400,
    );
    expect((await env.admin.send(new GetApiKeysCommand({ limit: 500 }))).items!.length).toBe(before);
    const ok = await csv(`name,key\nfine-row,${value('fine')}\n`, true);
    expect(ok.ids).toHaveLength(1);
  });

  it('refuses files without the required columns, empty files and other formats', async () => {
    await expectAwsError(csv(`key,description\n${value('nocol')},x\n`), 'BadRequestException', /has no Name column/, 400);
    await expectAwsError(csv(''), 'BadRequestException', /the file is empty/, 400);
    await expectAwsError(
      env.admin.send(new ImportApiKeysCommand({ body: new TextEncoder().encode('name,key'), format: 'json' as 'csv' })),
      'ValidationException',
      "1 validation error detected: Value 'json' at 'format' failed to satisfy constraint: Member must satisfy enum value set: [csv]",
      400,
    );
    await expectAwsError(
      env.viewer.send(new ImportApiKeysCommand({ body: new TextEncoder().encode('name,key'), format: 'csv' })),
      'AccessDeniedException',
      /apigateway:POST on resource: arn:aws:apigateway:us-east-1::\/apikeys /,
      403,
    );
  });
});
