import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand as CreateRestDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteRestApiCommand,
  DeleteUsagePlanCommand,
  DeleteUsagePlanKeyCommand,
  GetAccountCommand,
  GetApiKeysCommand,
  GetResourcesCommand,
  GetRestApisCommand,
  GetStagesCommand as GetRestStagesCommand,
  GetTagsCommand,
  GetUsageCommand,
  GetUsagePlansCommand,
  ImportApiKeysCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiKeyCommand,
  UpdateStageCommand as UpdateRestStageCommand,
  UpdateUsageCommand,
  UpdateUsagePlanCommand,
} from '@aws-sdk/client-api-gateway';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  DeleteApiCommand,
  DeleteRouteSettingsCommand,
  GetApisCommand,
  GetStagesCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../src/server.js';
import { ROLE_GROUPS, type RoleGroup } from '../src/seed/roles.js';
import { roleArn } from '../src/seed/ids.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';

/**
 * The roles are defined once, in infra/policies: the CDK deployment turns those files into IAM roles,
 * and the sandbox evaluates the very same documents. These tests hold the sandbox to the files, and the
 * files to what each role is for, with the console's own calls through the real SDK clients.
 */
const POLICY_DIR = fileURLToPath(new URL('../../infra/policies/', import.meta.url));
const fileBytes = (group: RoleGroup) => readFileSync(`${POLICY_DIR}${group}.json`);

let sandbox: Sandbox;

beforeAll(async () => {
  // Quotas off: these tests are about IAM, and UpdateUsagePlan alone allows one call per 20 s.
  sandbox = await startTestSandbox('demo', { config: { quotas: false } });
});
afterAll(() => sandbox.close());

describe('the role policy documents', () => {
  it('are what the sandbox evaluates: the repository files byte for byte, with only the region and account filled in', () => {
    for (const group of ROLE_GROUPS) {
      const text = fileBytes(group)
        .toString('utf8')
        .replaceAll('${AWS::Region}', sandbox.config.region)
        .replaceAll('${AWS::AccountId}', sandbox.config.account);
      const role = sandbox.state.auth.roles[roleArn(group)]!;
      expect(role.roleName).toBe(`gateway-console-${group}`);
      expect(role.policy).toEqual(JSON.parse(text));
      // The evaluated document carries nothing the file does not (a statement added in code would show here).
      expect(JSON.stringify(role.policy)).toBe(JSON.stringify(JSON.parse(text)));
    }
  });

  it('are plain IAM documents the sandbox evaluates in full: no conditions, no NotAction, no service-wide wildcards', () => {
    for (const group of ROLE_GROUPS) {
      const doc = JSON.parse(fileBytes(group).toString('utf8')) as { Version: string; Statement: Record<string, unknown>[] };
      expect(doc.Version).toBe('2012-10-17');
      for (const s of doc.Statement) {
        expect(Object.keys(s).sort()).toEqual(['Action', 'Effect', 'Resource', 'Sid']);
        expect(s.Effect).toBe('Allow');
        const actions = ([] as string[]).concat(s.Action as string | string[]);
        const resources = ([] as string[]).concat(s.Resource as string | string[]);
        for (const a of actions) expect(a, `${group} ${String(s.Sid)}`).toMatch(/^(apigateway|cloudwatch|logs):[A-Za-z]+$/);
        for (const r of resources) {
          // Only CloudWatch's GetMetricData/ListMetrics have no resource-level permissions.
          if (r === '*') expect(actions.every((a) => a === 'cloudwatch:GetMetricData' || a === 'cloudwatch:ListMetrics')).toBe(true);
          else expect(r).toMatch(/^arn:aws:(apigateway:\$\{AWS::Region\}::\/|(cloudwatch|logs):\$\{AWS::Region\}:\$\{AWS::AccountId\}:)/);
          expect(r.replaceAll('${AWS::Region}', '').replaceAll('${AWS::AccountId}', '')).not.toContain('${');
        }
      }
    }
  });
});

type Clients = { v1: APIGatewayClient; v2: ApiGatewayV2Client };
type Call = { name: string; send(c: Clients): Promise<unknown> };

/** Whether IAM let a call through: denied is AccessDeniedException; any other answer was decided after IAM. */
async function outcome(call: Call, c: Clients): Promise<'allowed' | 'denied'> {
  try {
    await call.send(c);
    return 'allowed';
  } catch (e) {
    const err = e as { name: string; message: string };
    if (err.name === 'AccessDeniedException') return 'denied';
    throw new Error(`${call.name} failed after IAM allowed it: ${err.name}: ${err.message}`);
  }
}

describe('each role, with the console calls it makes', () => {
  const clientsFor = (group: RoleGroup): Clients => {
    const config = clientConfig(sandbox, credentialsFor(sandbox, group));
    return { v1: new APIGatewayClient(config), v2: new ApiGatewayV2Client(config) };
  };

  /** Reads the console makes on every screen. */
  async function reads(ids: Awaited<ReturnType<typeof fixture>>): Promise<Call[]> {
    return [
      { name: 'GetRestApis', send: (c) => c.v1.send(new GetRestApisCommand({ limit: 500 })) },
      { name: 'GetStages (REST)', send: (c) => c.v1.send(new GetRestStagesCommand({ restApiId: ids.restApiId })) },
      { name: 'GetResources', send: (c) => c.v1.send(new GetResourcesCommand({ restApiId: ids.restApiId, embed: ['methods'] })) },
      { name: 'GetApis', send: (c) => c.v2.send(new GetApisCommand({ MaxResults: '500' })) },
      { name: 'GetStages (HTTP)', send: (c) => c.v2.send(new GetStagesCommand({ ApiId: ids.httpApiId })) },
      { name: 'GetApiKeys', send: (c) => c.v1.send(new GetApiKeysCommand({ limit: 500 })) },
      { name: 'GetUsagePlans', send: (c) => c.v1.send(new GetUsagePlansCommand({ limit: 500 })) },
      { name: 'GetUsage', send: (c) => c.v1.send(new GetUsageCommand({ usagePlanId: ids.planId, startDate: '2026-01-01', endDate: '2026-01-02' })) },
      { name: 'GetTags', send: (c) => c.v1.send(new GetTagsCommand({ resourceArn: ids.keyArn })) },
      { name: 'GetAccount', send: (c) => c.v1.send(new GetAccountCommand({})) },
    ];
  }

  /** Resources of the role's own to change, made by the admin so every role starts alike. */
  async function fixture(group: RoleGroup) {
    const admin = clientsFor('admin');
    const rest = (await admin.v1.send(new GetRestApisCommand({ limit: 500 }))).items!.find((a) => a.name === 'Pet Store')!;
    const http = (await admin.v2.send(new GetApisCommand({}))).Items!.find((a) => a.Name === 'Checkout HTTP API')!;
    const key = await admin.v1.send(new CreateApiKeyCommand({ name: `policy-${group}`, enabled: true }));
    const member = await admin.v1.send(new CreateApiKeyCommand({ name: `policy-${group}-member`, enabled: true }));
    const plan = await admin.v1.send(
      new CreateUsagePlanCommand({ name: `policy-${group}`, apiStages: [{ apiId: rest.id, stage: 'prod' }], quota: { limit: 1000, period: 'DAY' } }),
    );
    const emptyPlan = await admin.v1.send(new CreateUsagePlanCommand({ name: `policy-${group}-doomed` }));
    await admin.v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id, keyId: member.id, keyType: 'API_KEY' }));
    await admin.v2.send(
      new UpdateStageCommand({ ApiId: http.ApiId, StageName: 'prod', RouteSettings: { 'POST /orders': { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 } } }),
    );
    const doomedRest = await admin.v1.send(new CreateRestApiCommand({ name: `policy-${group}-doomed` }));
    const doomedHttp = await admin.v2.send(new CreateApiCommand({ Name: `policy-${group}-doomed`, ProtocolType: 'HTTP' }));
    const arn = (path: string) => `arn:aws:apigateway:${sandbox.config.region}::${path}`;
    return {
      restApiId: rest.id!,
      httpApiId: http.ApiId!,
      keyId: key.id!,
      keyArn: arn(`/apikeys/${key.id}`),
      memberKeyId: member.id!,
      planId: plan.id!,
      planArn: arn(`/usageplans/${plan.id}`),
      emptyPlanId: emptyPlan.id!,
      restStageArn: arn(`/restapis/${rest.id}/stages/prod`),
      doomedRestApiId: doomedRest.id!,
      doomedRestApiArn: arn(`/restapis/${doomedRest.id}`),
      doomedHttpApiId: doomedHttp.ApiId!,
    };
  }

  /** What an operator does: stages, deployments, API keys, usage plans and their tags. */
  function operations(ids: Awaited<ReturnType<typeof fixture>>): Call[] {
    return [
      {
        name: 'UpdateStage (REST)',
        send: (c) =>
          c.v1.send(
            new UpdateRestStageCommand({
              restApiId: ids.restApiId,
              stageName: 'prod',
              patchOperations: [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '400' }],
            }),
          ),
      },
      { name: 'UpdateStage (HTTP)', send: (c) => c.v2.send(new UpdateStageCommand({ ApiId: ids.httpApiId, StageName: 'prod', Description: 'changed by policy test' })) },
      { name: 'DeleteRouteSettings', send: (c) => c.v2.send(new DeleteRouteSettingsCommand({ ApiId: ids.httpApiId, StageName: 'prod', RouteKey: 'POST /orders' })) },
      { name: 'CreateDeployment (REST)', send: (c) => c.v1.send(new CreateRestDeploymentCommand({ restApiId: ids.restApiId, description: 'policy test' })) },
      { name: 'CreateDeployment (HTTP)', send: (c) => c.v2.send(new CreateDeploymentCommand({ ApiId: ids.httpApiId, Description: 'policy test' })) },
      { name: 'CreateApiKey', send: (c) => c.v1.send(new CreateApiKeyCommand({ name: `created-${ids.keyId}` })) },
      {
        name: 'ImportApiKeys',
        send: (c) => {
          const csv = `name,key,enabled\nimported-${ids.keyId},imp${ids.keyId}0123456789abcdef,true\n`;
          return c.v1.send(new ImportApiKeysCommand({ format: 'csv', body: new TextEncoder().encode(csv) }));
        },
      },
      { name: 'UpdateApiKey', send: (c) => c.v1.send(new UpdateApiKeyCommand({ apiKey: ids.keyId, patchOperations: [{ op: 'replace', path: '/enabled', value: 'false' }] })) },
      { name: 'TagResource (API key)', send: (c) => c.v1.send(new TagResourceCommand({ resourceArn: ids.keyArn, tags: { 'rotation-due': '2027-01-31' } })) },
      { name: 'UntagResource (API key)', send: (c) => c.v1.send(new UntagResourceCommand({ resourceArn: ids.keyArn, tagKeys: ['rotation-due'] })) },
      { name: 'TagResource (usage plan)', send: (c) => c.v1.send(new TagResourceCommand({ resourceArn: ids.planArn, tags: { tier: 'gold' } })) },
      { name: 'TagResource (REST stage)', send: (c) => c.v1.send(new TagResourceCommand({ resourceArn: ids.restStageArn, tags: { env: 'prod' } })) },
      { name: 'CreateUsagePlan', send: (c) => c.v1.send(new CreateUsagePlanCommand({ name: `created-${ids.planId}` })) },
      {
        name: 'UpdateUsagePlan',
        send: (c) => c.v1.send(new UpdateUsagePlanCommand({ usagePlanId: ids.planId, patchOperations: [{ op: 'replace', path: '/throttle/rateLimit', value: '20' }] })),
      },
      { name: 'CreateUsagePlanKey', send: (c) => c.v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: ids.planId, keyId: ids.keyId, keyType: 'API_KEY' })) },
      {
        name: 'UpdateUsage',
        send: (c) => c.v1.send(new UpdateUsageCommand({ usagePlanId: ids.planId, keyId: ids.memberKeyId, patchOperations: [{ op: 'replace', path: '/remaining', value: '10' }] })),
      },
      { name: 'DeleteUsagePlanKey', send: (c) => c.v1.send(new DeleteUsagePlanKeyCommand({ usagePlanId: ids.planId, keyId: ids.memberKeyId })) },
      { name: 'DeleteApiKey', send: (c) => c.v1.send(new DeleteApiKeyCommand({ apiKey: ids.memberKeyId })) },
      { name: 'DeleteUsagePlan', send: (c) => c.v1.send(new DeleteUsagePlanCommand({ usagePlanId: ids.emptyPlanId })) },
    ];
  }

  /** What only an admin does: create and delete APIs, tag them. */
  function administration(ids: Awaited<ReturnType<typeof fixture>>): Call[] {
    return [
      { name: 'CreateRestApi', send: (c) => c.v1.send(new CreateRestApiCommand({ name: `created-${ids.doomedRestApiId}` })) },
      { name: 'TagResource (REST API)', send: (c) => c.v1.send(new TagResourceCommand({ resourceArn: ids.doomedRestApiArn, tags: { owner: 'platform' } })) },
      { name: 'DeleteRestApi', send: (c) => c.v1.send(new DeleteRestApiCommand({ restApiId: ids.doomedRestApiId })) },
      { name: 'CreateApi', send: (c) => c.v2.send(new CreateApiCommand({ Name: `created-${ids.doomedHttpApiId}`, ProtocolType: 'HTTP' })) },
      { name: 'DeleteApi', send: (c) => c.v2.send(new DeleteApiCommand({ ApiId: ids.doomedHttpApiId })) },
    ];
  }

  async function outcomes(group: RoleGroup) {
    const ids = await fixture(group);
    const c = clientsFor(group);
    const run = async (calls: Call[]) => {
      const out: Record<string, 'allowed' | 'denied'> = {};
      for (const call of calls) out[call.name] = await outcome(call, c);
      return out;
    };
    return { reads: await run(await reads(ids)), operations: await run(operations(ids)), administration: await run(administration(ids)) };
  }

  const all = (calls: Record<string, string>, value: 'allowed' | 'denied') => Object.fromEntries(Object.keys(calls).map((k) => [k, value]));

  it('viewer: reads everything the console shows, and is denied every write', async () => {
    const o = await outcomes('viewer');
    expect(Object.keys(o.operations)).toHaveLength(19);
    expect(o.reads).toEqual(all(o.reads, 'allowed'));
    expect(o.operations).toEqual(all(o.operations, 'denied'));
    expect(o.administration).toEqual(all(o.administration, 'denied'));
  });

  it('operator: also changes stages, deployments, API keys, usage plans and their tags, but creates and deletes no API', async () => {
    const o = await outcomes('operator');
    expect(o.reads).toEqual(all(o.reads, 'allowed'));
    expect(o.operations).toEqual(all(o.operations, 'allowed'));
    expect(o.administration).toEqual(all(o.administration, 'denied'));
  });

  it('admin: everything the console does', async () => {
    const o = await outcomes('admin');
    expect(o.reads).toEqual(all(o.reads, 'allowed'));
    expect(o.operations).toEqual(all(o.operations, 'allowed'));
    expect(o.administration).toEqual(all(o.administration, 'allowed'));
  });
});
