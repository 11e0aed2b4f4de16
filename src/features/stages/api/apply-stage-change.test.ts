import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetRestApisCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import type { Sandbox } from '../../../../sandbox/src/server.js';
import { issueCredentials } from '../../../../sandbox/src/auth/credentials.js';
import { startTestSandbox } from '../../../../sandbox/test/support/sandbox.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID } from '../../../../sandbox/src/seed/ids.js';
import type { ConsoleConfig } from '../../../aws/config.js';
import { setCredentialProvider } from '../../../aws/credentials.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { applyStagePlan, makePlan } from './apply-stage-change.js';
import { fetchStage } from './get-stage.js';
import type { StageRef } from './stage-ref.js';

// The console's own change pipeline against a running sandbox: re-read, drift check, apply, verify.
let sandbox: Sandbox;
let config: ConsoleConfig;

function actAs(roleArn: string) {
  const c = issueCredentials(sandbox.state.auth, roleArn, 'us-east-1:00000000-0000-4000-8000-0000000000aa', new Date(), 3600);
  const creds = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) };
  setCredentialProvider(() => Promise.resolve(creds));
}

beforeAll(async () => {
  sandbox = await startTestSandbox('demo');
  config = { region: 'us-east-1', userPoolId: DEMO_USER_POOL_ID, userPoolClientId: DEMO_USER_POOL_CLIENT_ID, identityPoolId: DEMO_IDENTITY_POOL_ID, endpoint: sandbox.url };
  // A role that may update stages but not delete route settings: the second call of a v2 change fails.
  sandbox.state.auth.roles['arn:aws:iam::123456789012:role/patch-only'] = {
    roleName: 'patch-only',
    roleArn: 'arn:aws:iam::123456789012:role/patch-only',
    policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['apigateway:GET', 'apigateway:PATCH'], Resource: '*' }] },
  };
});
afterAll(() => sandbox.close());

async function restRef(name: string, stageName: string): Promise<StageRef> {
  const apis = await apiGatewayV1(config).send(new GetRestApisCommand({ limit: 500 }));
  return { kind: 'rest', apiId: apis.items!.find((a) => a.name === name)!.id!, stageName };
}

async function v2Ref(name: string, stageName: string): Promise<StageRef> {
  const apis = await apiGatewayV2(config).send(new GetApisCommand({ MaxResults: '500' }));
  return { kind: 'v2', apiId: apis.Items!.find((a) => a.Name === name)!.ApiId!, stageName };
}

describe('applyStagePlan', () => {
  it('applies a REST change, reports no mismatch, and its undo restores the stage', async () => {
    actAs('arn:aws:iam::123456789012:role/gateway-console-operator');
    const ref = await restRef('Pet Store', 'prod');
    const opened = await fetchStage(config, ref);
    const plan = makePlan(ref, 'test', opened, { variables: { ...opened.variables, flag: 'on' }, throttle: { defaults: { rate: 42, burst: 7 }, overrides: {} } });
    const out = await applyStagePlan(config, plan);
    expect(out.kind).toBe('applied');
    if (out.kind !== 'applied') return;
    expect(out.mismatches).toEqual([]);
    expect(out.after.defaults.throttle).toEqual({ rate: 42, burst: 7 });
    expect(out.after.variables.flag).toBe('on');
    expect(Object.values(out.after.overrides).filter((o) => o.throttle)).toEqual([]);

    const undone = await applyStagePlan(config, out.undo!);
    expect(undone.kind).toBe('applied');
    const now = await fetchStage(config, ref);
    expect(now.variables).toEqual(opened.variables);
    expect(now.defaults.throttle).toEqual(opened.defaults.throttle);
    expect(Object.keys(now.overrides).filter((k) => now.overrides[k]!.throttle).sort()).toEqual(
      Object.keys(opened.overrides).filter((k) => opened.overrides[k]!.throttle).sort(),
    );
  });

  it('refuses to apply over a change made underneath, and sends nothing', async () => {
    actAs('arn:aws:iam::123456789012:role/gateway-console-operator');
    const ref = await restRef('Partner Orders API', 'prod');
    const opened = await fetchStage(config, ref);
    const plan = makePlan(ref, 'test', opened, { variables: { ...opened.variables, a: '1' } });
    await apiGatewayV1(config).send(new UpdateStageCommand({ restApiId: ref.apiId, stageName: ref.stageName, patchOperations: [{ op: 'replace', path: '/variables/a', value: 'theirs' }] }));
    const out = await applyStagePlan(config, plan);
    expect(out).toMatchObject({ kind: 'drift', drift: [{ label: 'Stage variable a', whenOpened: undefined, now: 'theirs' }] });
    expect((await fetchStage(config, ref)).variables.a).toBe('theirs');
  });

  it('says exactly what went through when the second call of a v2 change fails', async () => {
    actAs('arn:aws:iam::123456789012:role/patch-only');
    const ref = await v2Ref('Checkout HTTP API', 'prod');
    const opened = await fetchStage(config, ref);
    const overrides = Object.fromEntries(Object.entries(opened.overrides).filter(([, o]) => o.throttle).map(([k, o]) => [k, o.throttle!]));
    delete overrides['GET /orders/{id}'];
    overrides['POST /orders'] = { rate: 61, burst: 100 };
    const plan = makePlan(ref, 'test', opened, { throttle: { defaults: opened.defaults.throttle, overrides } });
    const out = await applyStagePlan(config, plan);
    expect(out.kind).toBe('partial');
    if (out.kind !== 'partial') return;
    expect(out.done.map((r) => r.operation)).toEqual(['UpdateStage']);
    expect(out.failed).toMatchObject({ operation: 'DeleteRouteSettings', input: { RouteKey: 'GET /orders/{id}' } });
    expect(out.error).toMatchObject({ name: 'AccessDeniedException' });
    expect((await fetchStage(config, ref)).overrides['POST /orders']?.throttle).toEqual({ rate: 61, burst: 100 });
  });

  it('lets AWS refuse a change as a whole: nothing is applied', async () => {
    actAs('arn:aws:iam::123456789012:role/gateway-console-viewer');
    const ref = await restRef('Pet Store', 'staging');
    const opened = await fetchStage(config, ref);
    await expect(applyStagePlan(config, makePlan(ref, 'test', opened, { variables: { x: 'y' } }))).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
