import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIGatewayClient, CreateDeploymentCommand, CreateRestApiCommand, GetStageCommand as GetRestStageCommand, PutIntegrationCommand, PutMethodCommand, UpdateStageCommand as UpdateRestStageCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateStageCommand, GetStageCommand as GetV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { Sandbox } from '../../../../sandbox/src/server.js';
import { clientConfig, credentialsFor, startTestSandbox } from '../../../../sandbox/test/support/sandbox.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID } from '../../../../sandbox/src/seed/ids.js';
import type { ConsoleConfig } from '../../../aws/config.js';
import { setCredentialProvider } from '../../../aws/credentials.js';
import { assessTracking } from '../../../domain/throttle-tracking.js';
import { planTrackingUndo } from '../../../domain/throttle-tracking-undo.js';
import { fetchTrackingSnapshot, type TrackedStage } from './throttle-tracking.js';
import { applyTrackingSetup, undoTrackingSetup } from './setup-throttle-tracking.js';

// Undoing a 429 setup against a running sandbox, as an operator: the stage's access logging goes back to
// what it was, the console's filters go, the log group it created stays.
let sandbox: Sandbox;
let config: ConsoleConfig;
let v1: APIGatewayClient;
let v2: ApiGatewayV2Client;
let logs: CloudWatchLogsClient;
let account: string;

beforeAll(async () => {
  // About the undo's logic; the quotas (CreateDeployment's 1 per 5 s among them) are tested elsewhere.
  sandbox = await startTestSandbox('empty', { config: { quotas: false } });
  config = { region: 'us-east-1', userPoolId: DEMO_USER_POOL_ID, userPoolClientId: DEMO_USER_POOL_CLIENT_ID, identityPoolId: DEMO_IDENTITY_POOL_ID, endpoint: sandbox.url };
  const admin = clientConfig(sandbox, credentialsFor(sandbox, 'admin'));
  v1 = new APIGatewayClient(admin);
  v2 = new ApiGatewayV2Client(admin);
  logs = new CloudWatchLogsClient(admin);
  account = sandbox.config.account;
  // REST stages log with the account's CloudWatch Logs role (UpdateAccount is not served: set in the state).
  (sandbox.state.services.apigateway as { account?: { cloudwatchRoleArn?: string } }).account = { cloudwatchRoleArn: `arn:aws:iam::${account}:role/apigateway-cloudwatch-logs` };
  // Any log group tells the console the account id a new log group's ARN needs.
  await logs.send(new CreateLogGroupCommand({ logGroupName: 'existing' }));
  const creds = credentialsFor(sandbox, 'operator');
  setCredentialProvider(() => Promise.resolve(creds));
});
afterAll(() => sandbox.close());

async function setUp(stage: TrackedStage) {
  const plan = assessTracking(stage, await fetchTrackingSnapshot(config, stage)).plan!;
  const out = await applyTrackingSetup(config, stage, plan);
  if (out.kind !== 'applied') throw new Error(`setup ${out.kind}`);
  return planTrackingUndo(stage, plan, out.before);
}

const filterNames = async (group: string) => ((await logs.send(new DescribeMetricFiltersCommand({ logGroupName: group }))).metricFilters ?? []).map((f) => f.filterName);

describe('undoing a 429 setup', () => {
  it('turns an HTTP stage’s access logging off again (DeleteAccessLogSettings) and keeps the log group', async () => {
    const api = await v2.send(new CreateApiCommand({ Name: 'orders', ProtocolType: 'HTTP' }));
    await v2.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'prod', StageVariables: { table: 'orders' } }));
    const stage: TrackedStage = { kind: 'v2', apiType: 'HTTP', apiId: api.ApiId!, stageName: 'prod', region: 'us-east-1' };
    const undo = await setUp(stage);
    expect(undo.calls.map((c) => c.operation)).toEqual(['DeleteAccessLogSettings', 'DeleteMetricFilter']);
    expect(undo.keptLogGroup).toBe(`/aws/apigateway/access-logs/${api.ApiId}/prod`);

    const out = await undoTrackingSetup(config, stage, undo);
    expect(out.kind).toBe('undone');
    const s = await v2.send(new GetV2StageCommand({ ApiId: api.ApiId, StageName: 'prod' }));
    expect(s.AccessLogSettings).toBeUndefined();
    expect(s.StageVariables).toEqual({ table: 'orders' });
    expect(await filterNames(undo.keptLogGroup!)).toEqual([]);
    expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: undo.keptLogGroup }))).logGroups).toHaveLength(1);
    // And the stage reads as not counting 429s, with the setup on offer again.
    if (out.kind === 'undone') expect(out.after.counting).toBe(false);
  });

  it('puts a REST stage’s own JSON format back exactly, keeping its destination', async () => {
    const rest = await restStage('catalog');
    const format = '{ "rid": "$context.requestId", "code": "$context.status" }';
    const destinationArn = `arn:aws:logs:us-east-1:${account}:log-group:existing`;
    await logTo(rest, destinationArn, format);
    const undo = await setUp(rest);
    expect(undo.calls.map((c) => c.operation)).toEqual(['UpdateStage', 'DeleteMetricFilter', 'DeleteMetricFilter']);
    expect(undo.calls[0]!.input.patchOperations).toEqual([{ op: 'replace', path: '/accessLogSettings/format', value: format }]);
    expect(undo.keptLogGroup).toBeUndefined();

    expect((await undoTrackingSetup(config, rest, undo)).kind).toBe('undone');
    const s = await v1.send(new GetRestStageCommand({ restApiId: rest.apiId, stageName: 'live' }));
    expect(s.accessLogSettings).toEqual({ destinationArn, format });
    expect(await filterNames('existing')).toEqual([]);
  });

  it('sends nothing when what the setup made changed since', async () => {
    const rest = await restStage('inventory');
    const destinationArn = `arn:aws:logs:us-east-1:${account}:log-group:existing`;
    await logTo(rest, destinationArn, '{"rid":"$context.requestId","status":"$context.status"}');
    const undo = await setUp(rest);
    // Someone edits the format after the setup.
    await v1.send(new UpdateRestStageCommand({ restApiId: rest.apiId, stageName: 'live', patchOperations: [{ op: 'replace', path: '/accessLogSettings/format', value: '{"rid":"$context.requestId","s":"$context.status"}' }] }));
    const out = await undoTrackingSetup(config, rest, undo);
    expect(out).toEqual({ kind: 'drift', changed: ['The stage’s access log settings are no longer the ones the setup made.'] });
    expect((await filterNames('existing')).length).toBeGreaterThan(0);
  });
});

/** A REST API with a deployed stage `live`. */
async function restStage(name: string): Promise<TrackedStage> {
  const api = await v1.send(new CreateRestApiCommand({ name }));
  await v1.send(new PutMethodCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', authorizationType: 'NONE' }));
  await v1.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', type: 'MOCK' }));
  await v1.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'live' }));
  return { kind: 'rest', apiType: 'REST', apiId: api.id!, stageName: 'live', region: 'us-east-1' };
}

/** Access logging as the stage had it before the console came: the console's setup starts from this. */
async function logTo(stage: TrackedStage, destinationArn: string, format: string) {
  const patchOperations = [
    { op: 'replace', path: '/accessLogSettings/destinationArn', value: destinationArn },
    { op: 'replace', path: '/accessLogSettings/format', value: format },
  ] as const;
  await v1.send(new UpdateRestStageCommand({ restApiId: stage.apiId, stageName: stage.stageName, patchOperations: [...patchOperations] }));
}
