import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  GetAccountCommand,
  GetDeploymentsCommand,
  GetRestApisCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateStageCommand,
  type APIGatewayClient,
  type CreateDeploymentCommandInput,
  type PatchOperation,
  type UpdateStageCommandOutput,
} from '@aws-sdk/client-api-gateway';
import {
  expectAwsError,
  expectMatchesRecording,
  recordedError,
  recording,
  setCloudWatchRole,
  startApiGatewayEnv,
  type TestEnv,
} from './apigateway-helpers.js';

const API = 'test_apigateway_api';
const COMMON = 'test_apigateway_common';
const ROLE = 'arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs';
const LOG_GROUP = 'arn:aws:logs:us-east-1:123456789012:log-group:test-log-group';

/** A REST API with MOCK methods on `/` (GET), `/pets` (GET, POST) and `/pets/{petId}` (DELETE). */
async function deployableApi(client: APIGatewayClient, name: string): Promise<string> {
  const api = await client.send(new CreateRestApiCommand({ name }));
  const pets = await client.send(new CreateResourceCommand({ restApiId: api.id, parentId: api.rootResourceId, pathPart: 'pets' }));
  const pet = await client.send(new CreateResourceCommand({ restApiId: api.id, parentId: pets.id, pathPart: '{petId}' }));
  const methods: [string, string][] = [
    [api.rootResourceId!, 'GET'],
    [pets.id!, 'GET'],
    [pets.id!, 'POST'],
    [pet.id!, 'DELETE'],
  ];
  for (const [resourceId, httpMethod] of methods) {
    await client.send(new PutMethodCommand({ restApiId: api.id, resourceId, httpMethod, authorizationType: 'NONE' }));
    await client.send(new PutIntegrationCommand({ restApiId: api.id, resourceId, httpMethod, type: 'MOCK' }));
  }
  return api.id!;
}

describe('apigateway UpdateStage', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
  });
  afterAll(() => env.sandbox.close());
  // Refill CreateDeployment's bucket (1 per 5 s) and the account's (10/s, burst 40) before every test.
  beforeEach(() => {
    env.advance(5000);
    setCloudWatchRole(env, ROLE);
  });

  const update = (restApiId: string, stageName: string, patchOperations: PatchOperation[], client = env.admin) =>
    client.send(new UpdateStageCommand({ restApiId, stageName, patchOperations }));

  /** An API, one deployment and a stage `s1` on it, as the recorded stage tests set them up. */
  async function recordedStage(name: string): Promise<{ restApiId: string; deploymentId: string }> {
    const restApiId = await deployableApi(env.admin, name);
    const { id } = await env.admin.send(new CreateDeploymentCommand({ restApiId }));
    const stage = await env.admin.send(
      new CreateStageCommand({ restApiId, stageName: 's1', deploymentId: id, description: 'my stage', documentationVersion: 'v123' }),
    );
    expectMatchesRecording(stage, recording(COMMON, 'TestStages::test_create_update_stages', 'create-stage'));
    return { restApiId, deploymentId: id! };
  }

  async function expectRecordedError(p: Promise<unknown>, file: string, test: string, entry: string): Promise<void> {
    const e = recordedError(file, test, entry);
    await expectAwsError(p, e.code, e.message, e.status);
  }

  it('updates description, variables, tracing and method settings as recorded', async () => {
    const t = 'TestStages::test_create_update_stages';
    const { restApiId } = await recordedStage('recorded-update');
    await expectRecordedError(update(restApiId, 's1', [{ op: 'replace', path: '/documentation_version', value: '123' }]), COMMON, t, 'error-update-doc-version');
    await expectRecordedError(update(restApiId, 's1', [{ op: 'replace', path: '/tags/tag1', value: 'value1' }]), COMMON, t, 'error-update-tags');

    const updated = await update(restApiId, 's1', [
      { op: 'replace', path: '/description', value: 'stage new' },
      { op: 'replace', path: '/variables/var1', value: 'test' },
      { op: 'replace', path: '/variables/var2', value: 'test2' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '123' },
      { op: 'replace', path: '/*/*/caching/enabled', value: 'true' },
      { op: 'replace', path: '/tracingEnabled', value: 'true' },
      // No /test resource exists: AWS does not check (recorded).
      { op: 'replace', path: '/test/GET/throttling/burstLimit', value: '124' },
    ]);
    expectMatchesRecording(updated, recording(COMMON, t, 'update-stage'));
    expectMatchesRecording(await env.admin.send(new GetStageCommand({ restApiId, stageName: 's1' })), recording(COMMON, t, 'get-stage'));

    // A later change to */* does not flow into an entry that already exists.
    const override = await update(restApiId, 's1', [{ op: 'replace', path: '/*/*/throttling/burstLimit', value: '100' }]);
    expectMatchesRecording(override, recording(COMMON, t, 'update-stage-override'));
  });

  it('removes the */* method setting, and refuses to when there is none, as recorded', async () => {
    const t = 'TestStages::test_update_stage_remove_wildcard';
    const { restApiId } = await recordedStage('recorded-wildcard');
    expectMatchesRecording(await env.admin.send(new GetStageCommand({ restApiId, stageName: 's1' })), recording(COMMON, t, 'get-stage'));
    await expectRecordedError(update(restApiId, 's1', [{ op: 'remove', path: '/*/*' }]), COMMON, t, 'delete-error');
    expectMatchesRecording(await update(restApiId, 's1', [{ op: 'replace', path: '/*/*/caching/enabled', value: 'true' }]), recording(COMMON, t, 'update-stage'));
    expectMatchesRecording(await update(restApiId, 's1', [{ op: 'remove', path: '/*/*' }]), recording(COMMON, t, 'update-stage-reset'));
    expectMatchesRecording(await env.admin.send(new GetStageCommand({ restApiId, stageName: 's1' })), recording(COMMON, t, 'get-stage-after-reset'));
  });

  /** The recorded access-log tests' stage: `dev` on a fresh deployment, described "dev stage". */
  async function accessLogStage(name: string): Promise<string> {
    const restApiId = await deployableApi(env.admin, name);
    const deployment = await env.admin.send(new CreateDeploymentCommand({ restApiId }));
    expectMatchesRecording(deployment, recording(API, 'TestApiGatewayStage::test_stage_access_log_settings', 'create-deployment'));
    const stage = await env.admin.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: deployment.id, description: 'dev stage' }));
    expectMatchesRecording(stage, recording(API, 'TestApiGatewayStage::test_stage_access_log_settings', 'create-stage'));
    return restApiId;
  }

  /** Compares with a recording that hides the log group's ARN behind `<log-group-arn>`. */
  function expectMatchesWithLogGroup(stage: UpdateStageCommandOutput, recorded: Record<string, unknown>): void {
    const { $metadata, ...rest } = stage;
    const body = JSON.parse(JSON.stringify(rest).replaceAll(LOG_GROUP, '<log-group-arn>')) as Record<string, unknown>;
    expectMatchesRecording({ ...body, $metadata }, recorded);
  }

  it('sets and removes access-log settings as recorded', async () => {
    const t = 'TestApiGatewayStage::test_stage_access_log_settings';
    const restApiId = await accessLogStage('access-logs');
    const matches = (stage: UpdateStageCommandOutput, entry: string) => expectMatchesWithLogGroup(stage, recording(API, t, entry));
    matches(await update(restApiId, 'dev', [{ op: 'add', path: '/accessLogSettings/destinationArn', value: LOG_GROUP }]), 'update-stage-access-log-dest-add');
    matches(
      await update(restApiId, 'dev', [{ op: 'replace', path: '/accessLogSettings/destinationArn', value: `${LOG_GROUP}a` }]),
      'update-stage-access-log-dest-replace',
    );
    matches(
      await update(restApiId, 'dev', [{ op: 'add', path: '/accessLogSettings/format', value: '$context.requestId $context.identity.sourceIp' }]),
      'update-stage-access-log-format-add',
    );
    matches(await update(restApiId, 'dev', [{ op: 'remove', path: '/accessLogSettings' }]), 'update-stage-access-log-remove-all');
  });

  it('validates access-log paths and values as recorded', async () => {
    const t = 'TestApiGatewayStage::test_stage_access_log_settings_validation';
    const restApiId = await accessLogStage('access-log-validation');
    for (const op of ['add', 'remove', 'replace'] as const) {
      await expectRecordedError(update(restApiId, 'dev', [{ op, path: '/accessLogSettings/randomValue', value: 'updated' }]), API, t, `invalid-path-${op}`);
      await expectRecordedError(update(restApiId, 'dev', [{ op, path: '/accessLogSettings/*', value: 'updated' }]), API, t, `star-and-${op}`);
    }
    env.advance(4000);
    for (const op of ['add', 'replace'] as const) {
      await expectRecordedError(update(restApiId, 'dev', [{ op, path: '/accessLogSettings', value: 'test' }]), API, t, `root-and-${op}`);
    }
    const added = await update(restApiId, 'dev', [{ op: 'add', path: '/accessLogSettings/destinationArn', value: LOG_GROUP }]);
    expectMatchesWithLogGroup(added, recording(API, t, 'update-stage-access-log-dest-add'));
    for (const field of ['destinationArn', 'format']) {
      await expectRecordedError(
        update(restApiId, 'dev', [{ op: 'replace', path: `/accessLogSettings/${field}`, value: '' }]),
        API,
        t,
        `update-stage-access-log-${field}-empty`,
      );
    }
    await expectRecordedError(update(restApiId, 'dev', [{ op: 'remove', path: '/accessLogSettings/destinationArn' }]), API, t, 'update-stage-access-log-dest-remove');
  });

  it('checks access-log destinations and formats, and needs the account CloudWatch role', async () => {
    const restApiId = await accessLogStage('access-log-checks');
    const set = (path: string, value: string) => update(restApiId, 'dev', [{ op: 'replace', path, value }]);
    for (const bad of [`${LOG_GROUP}:*`, 'arn:aws:s3:::bucket', 'test-log-group', 'arn:aws:firehose:us-east-1:123456789012:deliverystream/logs']) {
      await expectAwsError(set('/accessLogSettings/destinationArn', bad), 'BadRequestException', /^Invalid destination ARN specified: /, 400);
    }
    const firehose = 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-access';
    expect((await set('/accessLogSettings/destinationArn', firehose)).accessLogSettings).toEqual({ destinationArn: firehose });
    await expectAwsError(
      set('/accessLogSettings/format', '$context.requestId\n$context.status'),
      'BadRequestException',
      'Access Log format must be single line, new line character is allowed only at end of the format',
      400,
    );
    await expectAwsError(set('/accessLogSettings/format', '$context.status'), 'BadRequestException', /\$context\.requestId or \$context\.extendedRequestId/, 400);
    const json = '{"requestId":"$context.extendedRequestId","status":"$context.status"}\n';
    expect((await set('/accessLogSettings/format', json)).accessLogSettings).toEqual({ destinationArn: firehose, format: json });

    setCloudWatchRole(env, undefined);
    await expectAwsError(
      set('/accessLogSettings/destinationArn', LOG_GROUP),
      'BadRequestException',
      'CloudWatch Logs role ARN must be set in account settings to enable logging',
      400,
    );
    await expectAwsError(set('/*/*/logging/loglevel', 'INFO'), 'BadRequestException', 'CloudWatch Logs role ARN must be set in account settings to enable logging', 400);
    await expectAwsError(set('/*/*/logging/dataTrace', 'true'), 'BadRequestException', 'CloudWatch Logs role ARN must be set in account settings to enable logging', 400);
    // Turning logging off needs no role.
    expect((await set('/*/*/logging/loglevel', 'OFF')).methodSettings!['*/*']!.loggingLevel).toBe('OFF');
  });

  async function plainStage(name: string): Promise<{ restApiId: string; deploymentId: string }> {
    const restApiId = await deployableApi(env.admin, name);
    const { id } = await env.admin.send(new CreateDeploymentCommand({ restApiId }));
    await env.admin.send(new CreateStageCommand({ restApiId, stageName: 'prod', deploymentId: id }));
    return { restApiId, deploymentId: id! };
  }

  it('keys method settings by resource path and verb, from escaped or plain paths', async () => {
    const { restApiId } = await plainStage('method-settings');
    const stage = await update(restApiId, 'prod', [
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '250.5' },
      { op: 'replace', path: '/~1pets/GET/throttling/burstLimit', value: '40' },
      { op: 'replace', path: '/~1pets~1{petId}/DELETE/metrics/enabled', value: 'true' },
      // Terraform's form, slashes unescaped: the same entry.
      { op: 'replace', path: '/pets/{petId}/DELETE/logging/loglevel', value: 'ERROR' },
      // The root resource, escaped as the console sends it and as CloudFormation does.
      { op: 'replace', path: '/~1/GET/caching/enabled', value: 'true' },
      { op: 'replace', path: '//GET/caching/ttlInSeconds', value: '60' },
      { op: 'add', path: '/~1pets/POST/throttling/burstLimit', value: '-1' },
    ]);
    const base = {
      metricsEnabled: false,
      dataTraceEnabled: false,
      throttlingBurstLimit: 5000,
      throttlingRateLimit: 250.5,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER',
    };
    expect(stage.methodSettings).toEqual({
      '*/*': base,
      'pets/GET': { ...base, throttlingBurstLimit: 40 },
      'pets/{petId}/DELETE': { ...base, metricsEnabled: true, loggingLevel: 'ERROR' },
      '/GET': { ...base, cachingEnabled: true, cacheTtlInSeconds: 60 },
      'pets/POST': { ...base, throttlingBurstLimit: -1 },
    });

    const more = await update(restApiId, 'prod', [
      { op: 'replace', path: '/~1pets/GET/logging/dataTrace', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/dataEncrypted', value: 'true' },
      { op: 'replace', path: '/~1pets/GET/caching/requireAuthorizationForCacheControl', value: 'false' },
      { op: 'replace', path: '/~1pets/GET/caching/unauthorizedCacheControlHeaderStrategy', value: 'FAIL_WITH_403' },
      { op: 'replace', path: '/~1pets/GET/throttling/rateLimit', value: '10.000000' },
    ]);
    expect(more.methodSettings!['pets/GET']).toEqual({
      ...base,
      throttlingBurstLimit: 40,
      throttlingRateLimit: 10,
      dataTraceEnabled: true,
      cacheDataEncrypted: true,
      requireAuthorizationForCacheControl: false,
      unauthorizedCacheControlHeaderStrategy: 'FAIL_WITH_403',
    });

    // Removing a method's entry: by its escaped path, or Terraform's.
    const removed = await update(restApiId, 'prod', [
      { op: 'remove', path: '/~1pets/GET' },
      { op: 'remove', path: '/pets/{petId}/DELETE' },
    ]);
    expect(Object.keys(removed.methodSettings!).sort()).toEqual(['*/*', '/GET', 'pets/POST']);
    await expectAwsError(
      update(restApiId, 'prod', [{ op: 'remove', path: '/~1pets/GET' }]),
      'BadRequestException',
      'Cannot remove method setting ~1pets/GET because there is no method setting for this method ',
      400,
    );
  });

  it('refuses bad method-setting paths and values with AWS wording', async () => {
    const { restApiId } = await plainStage('method-setting-errors');
    const replace = (path: string, value: string) => update(restApiId, 'prod', [{ op: 'replace', path, value }]);
    const unknownPath = (path: string) => new RegExp(`^Invalid method setting path: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\. Must be one of: \\[/deploymentId, `);
    // The setting part is wrong (aws/aws-sdk-java#1823).
    await expectAwsError(
      replace('/*/*/accessLogSettings/format', 'x'),
      'BadRequestException',
      'Invalid method setting path: accessLogSettings/format. Must be one of: [.../metrics/enabled, .../logging/dataTrace, .../logging/loglevel,' +
        '.../throttling/burstLimit, .../throttling/rateLimit, .../caching/ttlInSeconds, .../caching/enabled, .../caching/dataEncrypted, ' +
        '.../caching/requireAuthorizationForCacheControl, .../caching/unauthorizedCacheControlHeaderStrategy]',
      400,
    );
    // The method part is wrong: ANY, a lone wildcard, an unknown verb, no resource.
    for (const path of ['/~1pets/ANY/metrics/enabled', '/~1pets/*/metrics/enabled', '/*/GET/metrics/enabled', '/~1pets/FETCH/metrics/enabled', '/GET/metrics/enabled', '/foo']) {
      await expectAwsError(replace(path, 'true'), 'BadRequestException', unknownPath(path), 400);
    }
    env.advance(4000);
    const invalid: [string, string, string | RegExp][] = [
      ['/*/*/throttling/burstLimit', 'abc', 'Invalid throttling burst limit value: abc. Must be an integer greater than or equal to -1'],
      ['/*/*/throttling/burstLimit', '-2', /^Invalid throttling burst limit value: -2\./],
      ['/*/*/throttling/burstLimit', '1.5', /^Invalid throttling burst limit value: 1\.5\./],
      ['/*/*/throttling/rateLimit', 'fast', 'Invalid throttling rate limit value: fast. Must be a number greater than or equal to -1'],
      ['/*/*/caching/ttlInSeconds', '3601', 'Invalid time-to-live setting, must be an integer no greater than 3600'],
      ['/*/*/caching/ttlInSeconds', 'soon', 'Invalid time-to-live setting, must be an integer no greater than 3600'],
      ['/*/*/logging/loglevel', 'DEBUG', 'Invalid logging level specified: DEBUG. Valid values are OFF, ERROR, INFO'],
      ['/*/*/caching/unauthorizedCacheControlHeaderStrategy', 'IGNORE', /^Invalid unauthorized cache control header strategy specified: IGNORE\./],
    ];
    for (const [path, value, message] of invalid) await expectAwsError(replace(path, value), 'BadRequestException', message, 400);
    expect((await env.admin.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).methodSettings).toEqual({});
  });

  it('updates deployment, description, cache, tracing and variables, all or nothing', async () => {
    const { restApiId, deploymentId } = await plainStage('scalars');
    env.advance(5000);
    const { id: newer } = await env.admin.send(new CreateDeploymentCommand({ restApiId, description: 'v2' }));
    const before = await env.admin.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    env.advance(10_000);
    const stage = await update(restApiId, 'prod', [
      { op: 'replace', path: '/deploymentId', value: newer },
      { op: 'replace', path: '/description', value: 'Production' },
      { op: 'replace', path: '/cacheClusterEnabled', value: 'true' },
      { op: 'replace', path: '/cacheClusterSize', value: '6.1' },
      { op: 'replace', path: '/tracingEnabled', value: 'true' },
      { op: 'add', path: '/variables/backend', value: 'https://api.example.com/v2?x=1&y=a,b' },
      { op: 'replace', path: '/variables/alias', value: 'live' },
    ]);
    expect(stage).toMatchObject({
      deploymentId: newer,
      description: 'Production',
      cacheClusterEnabled: true,
      cacheClusterSize: '6.1',
      cacheClusterStatus: 'AVAILABLE',
      tracingEnabled: true,
      variables: { backend: 'https://api.example.com/v2?x=1&y=a,b', alias: 'live' },
    });
    expect(stage.createdDate).toEqual(before.createdDate);
    expect(stage.lastUpdatedDate!.getTime() - before.lastUpdatedDate!.getTime()).toBeGreaterThanOrEqual(10_000);

    const cleared = await update(restApiId, 'prod', [
      { op: 'remove', path: '/variables/backend' },
      { op: 'remove', path: '/variables/absent' },
      { op: 'replace', path: '/description', value: '' },
      { op: 'replace', path: '/cacheClusterEnabled', value: 'false' },
    ]);
    expect(cleared.variables).toEqual({ alias: 'live' });
    expect(cleared.description).toBeUndefined();
    expect(cleared).toMatchObject({ cacheClusterEnabled: false, cacheClusterStatus: 'NOT_AVAILABLE' });

    // One bad operation and nothing is applied.
    const snapshot = await env.admin.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    env.advance(4000);
    const failing: [PatchOperation, string, string | RegExp, number][] = [
      [{ op: 'replace', path: '/deploymentId', value: 'nope' }, 'BadRequestException', 'Deployment id does not exist', 400],
      [{ op: 'replace', path: '/cacheClusterSize', value: '2' }, 'BadRequestException', /^Invalid cache cluster size specified/, 400],
      [{ op: 'replace', path: '/clientCertificateId', value: 'abc123' }, 'NotFoundException', 'Invalid Client Certificate identifier specified', 404],
      [
        { op: 'replace', path: '/variables/bad-name', value: 'x' },
        'BadRequestException',
        'Invalid stage variable name: bad-name.  Please use names with only word characters.',
        400,
      ],
      [
        { op: 'replace', path: '/variables/json', value: '{"a":1}' },
        'BadRequestException',
        `Invalid stage variable value: {"a":1}.  Please use values with alphanumeric characters and the symbols ' ', -', '.', '_', ':', '/', '?', '&', '=', and ','.`,
        400,
      ],
      [{ op: 'replace', path: '/variables/empty', value: '' }, 'BadRequestException', /^Invalid stage variable value: \.  Please use values/, 400],
      [{ op: 'move', path: '/description', from: '/deploymentId' }, 'BadRequestException', 'Invalid move operation with path: /description', 400],
      [{ op: 'remove', path: '/description' }, 'BadRequestException', 'Cannot remove method setting description because there is no method setting for this method ', 400],
    ];
    for (const [bad, code, message, status] of failing) {
      await expectAwsError(
        update(restApiId, 'prod', [{ op: 'replace', path: '/description', value: 'changed' }, { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' }, bad]),
        code,
        message,
        status,
      );
    }
    expect(await env.admin.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).toEqual({ ...snapshot, $metadata: expect.anything() });
    expect((await env.admin.send(new GetStageCommand({ restApiId, stageName: 'prod' }))).deploymentId).not.toBe(deploymentId);
  });

  it('validates operations and names the stage and API it cannot find', async () => {
    const { restApiId } = await plainStage('lookups');
    await expectAwsError(
      update(restApiId, 'prod', [{ op: 'delete' as never, path: '/description', value: 'x' }]),
      'ValidationException',
      "1 validation error detected: Value 'delete' at 'updateStageInput.patchOperations.1.member.op' failed to satisfy constraint: Member must satisfy enum value set: [add, remove, move, test, replace, copy]",
      400,
    );
    await expectAwsError(update(restApiId, 'nope', [{ op: 'replace', path: '/description', value: 'x' }]), 'NotFoundException', 'Invalid stage identifier specified', 404);
    await expectAwsError(
      update('nope', 'prod', [{ op: 'replace', path: '/description', value: 'x' }]),
      'NotFoundException',
      'Invalid API identifier specified 123456789012:nope',
      404,
    );
  });

  it('lets the operator update stages and denies the viewer', async () => {
    const { restApiId } = await plainStage('roles');
    const stage = await update(restApiId, 'prod', [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '50' }], env.operator);
    expect(stage.methodSettings!['*/*']!.throttlingRateLimit).toBe(50);
    await expectAwsError(
      update(restApiId, 'prod', [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '5' }], env.viewer),
      'AccessDeniedException',
      new RegExp(
        `gateway-console-viewer/CognitoIdentityCredentials is not authorized to perform: apigateway:PATCH on resource: arn:aws:apigateway:us-east-1::/restapis/${restApiId}/stages/prod because no identity-based policy allows`,
      ),
      403,
    );
  });
});

/**
 * Canaries. What AWS does here was recorded by LocalStack's test suite against AWS
 * (localstack/localstack, tests/aws/services/apigateway/test_apigateway_canary.snapshot.json), which is not
 * among ../../shared/aws-recordings; the expectations below restate those recordings.
 */
describe('apigateway canaries', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startApiGatewayEnv('empty');
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(5000));

  const update = (restApiId: string, stageName: string, patchOperations: PatchOperation[]) =>
    env.admin.send(new UpdateStageCommand({ restApiId, stageName, patchOperations }));
  const deploy = async (restApiId: string, input: Omit<CreateDeploymentCommandInput, 'restApiId'> = {}) => {
    env.advance(5000);
    return env.admin.send(new CreateDeploymentCommand({ restApiId, ...input }));
  };

  it('deploys a canary to an existing stage, which keeps serving its own deployment', async () => {
    const restApiId = await deployableApi(env.admin, 'canary-deploy');
    const first = await deploy(restApiId, { stageName: 'dev', variables: { testVar: 'default' } });
    const canary = await deploy(restApiId, { stageName: 'dev', canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } } });
    const stage = await env.admin.send(new GetStageCommand({ restApiId, stageName: 'dev' }));
    expect(stage.deploymentId).toBe(first.id);
    expect(stage.canarySettings).toEqual({ deploymentId: canary.id, percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' }, useStageCache: false });
    expect(stage.variables).toEqual({ testVar: 'default' });

    // A second canary deployment replaces the first, overrides included.
    const second = await deploy(restApiId, { stageName: 'dev', canarySettings: { percentTraffic: 10, useStageCache: true } });
    expect((await env.admin.send(new GetStageCommand({ restApiId, stageName: 'dev' }))).canarySettings).toEqual({
      deploymentId: second.id,
      percentTraffic: 10,
      useStageCache: true,
    });
  });

  it('refuses a canary deployment without an existing stage, as recorded', async () => {
    const restApiId = await deployableApi(env.admin, 'canary-errors');
    const canarySettings = { percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } };
    await expectAwsError(
      deploy(restApiId, { canarySettings }),
      'BadRequestException',
      'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null',
      400,
    );
    await expectAwsError(
      deploy(restApiId, { stageName: '', canarySettings }),
      'BadRequestException',
      'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ',
      400,
    );
    await expectAwsError(
      deploy(restApiId, { stageName: 'non-existing', canarySettings }),
      'BadRequestException',
      'Invalid deployment content specified.Stage non-existing must already be created before making a canary release deployment',
      400,
    );
    await deploy(restApiId, { stageName: 'dev' });
    await expectAwsError(
      deploy(restApiId, { stageName: 'dev', canarySettings: { percentTraffic: 150 } }),
      'BadRequestException',
      'Canary percent traffic must be between 0.0 and 100.0',
      400,
    );
    await expectAwsError(
      deploy(restApiId, { stageName: 'dev', variables: { 'a-b': 'x' } }),
      'BadRequestException',
      'Invalid stage variable name: a-b.  Please use names with only word characters.',
      400,
    );
  });

  it('creates stages with canaries, defaulting to the stage deployment, as recorded', async () => {
    const restApiId = await deployableApi(env.admin, 'canary-create-stage');
    const d1 = await deploy(restApiId);
    const d2 = await deploy(restApiId);
    const stage = await env.admin.send(
      new CreateStageCommand({
        restApiId,
        stageName: 'dev',
        deploymentId: d1.id,
        variables: { testVar: 'default' },
        canarySettings: { deploymentId: d2.id, percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } },
      }),
    );
    expect(stage.canarySettings).toEqual({ deploymentId: d2.id, percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' }, useStageCache: false });
    const own = await env.admin.send(new CreateStageCommand({ restApiId, stageName: 'dev2', deploymentId: d1.id, canarySettings: { percentTraffic: 5 } }));
    expect(own.canarySettings).toEqual({ deploymentId: d1.id, percentTraffic: 5, useStageCache: false });
    await expectAwsError(
      env.admin.send(new CreateStageCommand({ restApiId, stageName: 'dev3', deploymentId: d1.id, canarySettings: { deploymentId: 'deploy' } })),
      'BadRequestException',
      'Deployment id does not exist',
      400,
    );
  });

  it('creates, changes and removes a canary through UpdateStage, as recorded', async () => {
    const restApiId = await deployableApi(env.admin, 'canary-update');
    const d1 = await deploy(restApiId);
    const d2 = await deploy(restApiId);
    await env.admin.send(new CreateStageCommand({ restApiId, stageName: 'dev', deploymentId: d1.id, variables: { testVar: 'default' } }));

    // A stage without a canary gets one on the first canary change.
    const withDeployment = await update(restApiId, 'dev', [{ op: 'replace', path: '/canarySettings/deploymentId', value: d2.id }]);
    expect(withDeployment.canarySettings).toEqual({ deploymentId: d2.id, percentTraffic: 0, useStageCache: false });
    const removed = await update(restApiId, 'dev', [{ op: 'remove', path: '/canarySettings' }]);
    expect(removed.canarySettings).toBeUndefined();
    expect(removed.deploymentId).toBe(d1.id);
    const withPercent = await update(restApiId, 'dev', [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' }]);
    expect(withPercent.canarySettings).toEqual({ deploymentId: d1.id, percentTraffic: 50, useStageCache: false });

    const changed = await update(restApiId, 'dev', [
      { op: 'replace', path: '/canarySettings/deploymentId', value: d2.id },
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '12.5' },
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' },
      { op: 'add', path: '/canarySettings/stageVariableOverrides/testVar', value: 'canary' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/other', value: 'x' },
    ]);
    expect(changed.canarySettings).toEqual({ deploymentId: d2.id, percentTraffic: 12.5, useStageCache: true, stageVariableOverrides: { testVar: 'canary', other: 'x' } });
    const fewer = await update(restApiId, 'dev', [{ op: 'remove', path: '/canarySettings/stageVariableOverrides/other' }]);
    expect(fewer.canarySettings!.stageVariableOverrides).toEqual({ testVar: 'canary' });
  });

  it('refuses bad canary operations with the recorded messages', async () => {
    const restApiId = await deployableApi(env.admin, 'canary-validation');
    const d1 = await deploy(restApiId, { stageName: 'dev' });
    await deploy(restApiId, { stageName: 'dev', canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'canary' } } });
    const cases: [PatchOperation, string | RegExp][] = [
      [{ op: 'remove', path: '/canarySettings/stageVariableOverrides' }, 'Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method '],
      [{ op: 'remove', path: '/canarySettings/badPath' }, 'Cannot remove method setting canarySettings/badPath because there is no method setting for this method '],
      [{ op: 'replace', path: '/canarySettings', value: 'test' }, /^Invalid method setting path: \/canarySettings\. Must be one of: \[\/deploymentId, /],
      [{ op: 'replace', path: '/canarySettings/badPath', value: 'badPath' }, /^Invalid method setting path: \/canarySettings\/badPath\. Must be one of: \[/],
      [{ op: 'add', path: '/canarySettings/deploymentId', value: d1.id }, 'Invalid add operation with path: /canarySettings/deploymentId'],
      [{ op: 'replace', path: '/canarySettings/deploymentId', value: 'deploy' }, 'Deployment id does not exist'],
      [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '100.1' }, 'Canary percent traffic must be between 0.0 and 100.0'],
      [{ op: 'replace', path: '/canarySettings/percentTraffic', value: 'half' }, 'Canary percent traffic must be between 0.0 and 100.0'],
      [{ op: 'replace', path: '/canarySettings/stageVariableOverrides/a-b', value: 'x' }, 'Invalid stage variable name: a-b.  Please use names with only word characters.'],
    ];
    for (const [op, message] of cases) await expectAwsError(update(restApiId, 'dev', [op]), 'BadRequestException', message, 400);
    // The recorded snapshot shows the recorded refusal for a stage without a canary too.
    await deploy(restApiId, { stageName: 'dev2' });
    await expectAwsError(
      update(restApiId, 'dev2', [{ op: 'add', path: '/canarySettings/deploymentId', value: d1.id }]),
      'BadRequestException',
      'Invalid add operation with path: /canarySettings/deploymentId',
      400,
    );
  });

  it('promotes a canary with copy operations, as recorded', async () => {
    const restApiId = await deployableApi(env.admin, 'canary-promote');
    const d1 = await deploy(restApiId, { stageName: 'dev', variables: { testVar: 'test', testVar2: 'test2' } });
    await expectAwsError(
      update(restApiId, 'dev', [
        { op: 'copy', path: '/canarySettings/stageVariableOverrides', from: '/variables' },
        { op: 'copy', path: '/canarySettings/deploymentId', from: '/deploymentId' },
      ]),
      'BadRequestException',
      'Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]',
      400,
    );
    const promote: PatchOperation[] = [
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
    ];
    await expectAwsError(update(restApiId, 'dev', promote), 'BadRequestException', 'Promotion not available. Canary does not exist.', 400);

    // The documented promotion on a stage without a canary: the first operation creates one on the stage's own deployment.
    const noop = await update(restApiId, 'dev', [{ op: 'replace', value: '0.0', path: '/canarySettings/percentTraffic' }, ...promote]);
    expect(noop).toMatchObject({ deploymentId: d1.id, canarySettings: { deploymentId: d1.id, percentTraffic: 0, useStageCache: false }, variables: { testVar: 'test', testVar2: 'test2' } });

    const canary = await deploy(restApiId, { stageName: 'dev', canarySettings: { percentTraffic: 50, stageVariableOverrides: { testVar: 'override' } } });
    const promoted = await update(restApiId, 'dev', [{ op: 'replace', value: '0.0', path: '/canarySettings/percentTraffic' }, ...promote]);
    expect(promoted).toMatchObject({
      deploymentId: canary.id,
      canarySettings: { deploymentId: canary.id, percentTraffic: 0, stageVariableOverrides: { testVar: 'override' }, useStageCache: false },
      variables: { testVar: 'override', testVar2: 'test2' },
    });
  });

  it('refuses to delete a deployment a canary serves', async () => {
    const restApiId = await deployableApi(env.admin, 'canary-delete');
    await deploy(restApiId, { stageName: 'dev' });
    const canary = await deploy(restApiId, { stageName: 'dev', canarySettings: { percentTraffic: 10 } });
    await expectAwsError(
      env.admin.send(new DeleteDeploymentCommand({ restApiId, deploymentId: canary.id })),
      'BadRequestException',
      'Active stages pointing to this deployment must be moved or deleted',
      400,
    );
    await update(restApiId, 'dev', [{ op: 'remove', path: '/canarySettings' }]);
    const deleted = await env.admin.send(new DeleteDeploymentCommand({ restApiId, deploymentId: canary.id }));
    expect(deleted.$metadata.httpStatusCode).toBe(202);
  });
});

describe('apigateway stage screens on the demo seed', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await startApiGatewayEnv('demo');
  });
  afterAll(() => env.sandbox.close());
  beforeEach(() => env.advance(5000));

  async function apiId(name: string): Promise<string> {
    const apis = await env.viewer.send(new GetRestApisCommand({ limit: 500 }));
    return apis.items!.find((a) => a.name === name)!.id!;
  }

  it('has deployment history, access logs, method settings and a cache on Pet Store prod', async () => {
    const restApiId = await apiId('Pet Store');
    const deployments = (await env.viewer.send(new GetDeploymentsCommand({ restApiId }))).items!;
    expect(deployments.length).toBeGreaterThanOrEqual(3);
    expect(new Set(deployments.map((d) => d.description)).size).toBe(deployments.length);
    expect(new Set(deployments.map((d) => d.createdDate!.getTime())).size).toBe(deployments.length);

    const prod = await env.viewer.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(deployments.map((d) => d.id)).toContain(prod.deploymentId);
    expect(prod.deploymentId).not.toBe(deployments[deployments.length - 1]!.id);
    expect(prod.accessLogSettings!.destinationArn).toMatch(/^arn:aws:logs:us-east-1:123456789012:log-group:/);
    expect(JSON.parse(prod.accessLogSettings!.format!)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(prod.methodSettings!['*/*']).toMatchObject({ throttlingBurstLimit: 200, throttlingRateLimit: 100, metricsEnabled: true });
    expect(Object.keys(prod.methodSettings!).filter((k) => k !== '*/*').length).toBeGreaterThanOrEqual(2);
    expect(prod).toMatchObject({ cacheClusterEnabled: true, cacheClusterSize: '0.5', cacheClusterStatus: 'AVAILABLE' });
    expect(prod.methodSettings!['pets/GET']).toMatchObject({ cachingEnabled: true, cacheTtlInSeconds: 60 });
    expect(prod.lastUpdatedDate!.getTime()).toBeGreaterThan(prod.createdDate!.getTime());

    // The operator changes the seeded settings as the console would.
    const updated = await env.operator.send(
      new UpdateStageCommand({
        restApiId,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/~1pets/POST/throttling/rateLimit', value: '15' }],
      }),
    );
    expect(updated.methodSettings!['pets/POST']!.throttlingRateLimit).toBe(15);
  });

  it('has a 10 % canary on Payments prod, serving a newer deployment with its own alias', async () => {
    const restApiId = await apiId('Payments');
    const deployments = (await env.viewer.send(new GetDeploymentsCommand({ restApiId }))).items!;
    const prod = await env.viewer.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
    expect(prod.canarySettings).toMatchObject({ percentTraffic: 10, useStageCache: false, stageVariableOverrides: { lambdaAlias: 'canary' } });
    const created = (id: string | undefined) => deployments.find((d) => d.id === id)!.createdDate!.getTime();
    expect(created(prod.canarySettings!.deploymentId)).toBeGreaterThan(created(prod.deploymentId));
    expect(prod.variables).toEqual({ lambdaAlias: 'live' });
  });

  it('reports the account throttle and CloudWatch role', async () => {
    const account = await env.viewer.send(new GetAccountCommand({}));
    expect(account).toMatchObject({
      throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
      cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs',
    });
    const empty = await startApiGatewayEnv('empty');
    try {
      const none = await empty.viewer.send(new GetAccountCommand({}));
      expect(none.throttleSettings).toEqual({ burstLimit: 5000, rateLimit: 10000 });
      expect(none.cloudwatchRoleArn).toBeUndefined();
    } finally {
      await empty.sandbox.close();
    }
  });
});
