import { describe, expect, it } from 'vitest';
import {
  assessTracking,
  counts429,
  defaultAccessLogFormat,
  formatWithTracking,
  parseAccessLogFormat,
  parseLogGroupArn,
  pathOf,
  samePlan,
  type StageIdentity,
  type TrackingSnapshot,
} from './throttle-tracking.js';

const REST: StageIdentity = { apiType: 'REST', apiId: 'a1b2c3d4e5', stageName: 'prod', region: 'us-east-1' };
const HTTP: StageIdentity = { apiType: 'HTTP', apiId: 'h1', stageName: '$default', region: 'us-east-1' };
const ARN = 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/pet-store/prod';
const PET_STORE_FORMAT = JSON.stringify({ requestId: '$context.requestId', ip: '$context.identity.sourceIp', status: '$context.status', protocol: '$context.protocol' });

describe('access log formats', () => {
  it('reads JSON formats, nested and with unquoted variables, and tells other formats apart', () => {
    expect(parseAccessLogFormat(undefined)).toEqual({ kind: 'none' });
    expect(parseAccessLogFormat('$context.identity.sourceIp - - [$context.requestTime] "$context.httpMethod"')).toEqual({ kind: 'other' });
    const p = parseAccessLogFormat('{"requestId":"$context.requestId","status":$context.status,"who":{"key":"$context.identity.apiKeyId"}}');
    expect(p).toEqual({ kind: 'json', fields: { requestId: '$context.requestId', status: '$context.status', 'who.key': '$context.identity.apiKeyId' } });
    expect(pathOf(p, '$context.identity.apiKeyId')).toBe('who.key');
    expect(pathOf(p, '$context.stage')).toBeUndefined();
  });

  it('adds only the missing fields at the end of a JSON format, keeping its text', () => {
    const { format, replaced } = formatWithTracking('REST', PET_STORE_FORMAT);
    expect(replaced).toBe(false);
    expect(format).toBe(`${PET_STORE_FORMAT.slice(0, -1)},"apiId":"$context.apiId","stage":"$context.stage","apiKeyId":"$context.identity.apiKeyId"}`);
    expect(formatWithTracking('REST', format).format).toBe(format);
    // HTTP APIs have no keys; a key already used for something else gets another name.
    expect(formatWithTracking('HTTP', '{"stage":"$context.stageVariables.x"}').format).toBe(
      '{"stage":"$context.stageVariables.x","requestId":"$context.requestId","apiId":"$context.apiId","stage2":"$context.stage","status":"$context.status"}',
    );
    expect(formatWithTracking('HTTP', '{ }').format).toBe('{ "requestId":"$context.requestId","apiId":"$context.apiId","stage":"$context.stage","status":"$context.status"}');
  });

  it('replaces a non-JSON format with the default JSON one, and says so', () => {
    expect(formatWithTracking('WEBSOCKET', '$context.requestId $context.status')).toEqual({ format: defaultAccessLogFormat('WEBSOCKET'), replaced: true });
    expect(formatWithTracking('HTTP', undefined)).toEqual({ format: defaultAccessLogFormat('HTTP'), replaced: false });
    expect(defaultAccessLogFormat('HTTP')).not.toContain('apiKeyId');
  });

  it('reads log group ARNs with or without the :* suffix', () => {
    expect(parseLogGroupArn(`${ARN}:*`)).toEqual({ region: 'us-east-1', accountId: '123456789012', name: '/aws/apigateway/pet-store/prod' });
    expect(parseLogGroupArn('arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-x')).toBeUndefined();
  });

  it('recognizes 429 filter patterns however they are spaced or quoted', () => {
    expect(counts429('{ $.status = 429 }', 'status')).toBe(true);
    expect(counts429('{$.status="429"}', 'status')).toBe(true);
    expect(counts429('{ $.status = 429 && $.apiKeyId != "-" }', 'status')).toBe(true);
    expect(counts429('{ $.status = 4290 }', 'status')).toBe(false);
    expect(counts429('{ $.status = 429 || $.status = 503 }', 'status')).toBe(false);
    expect(counts429('{ $.code = 429 }', 'status')).toBe(false);
  });
});

describe('assessing and planning 429 counting', () => {
  const snapshot = (over: Partial<TrackingSnapshot> = {}): TrackingSnapshot => ({
    accessLog: { destinationArn: ARN, format: PET_STORE_FORMAT },
    logGroup: { name: '/aws/apigateway/pet-store/prod', exists: true },
    filters: [],
    accountId: '123456789012',
    cloudWatchRoleArn: 'arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs',
    ...over,
  });

  it('plans the format fields and both filters for a REST stage that logs JSON with the status', () => {
    const a = assessTracking(REST, snapshot());
    expect(a.counting).toBe(false);
    expect(a.checks.map((c) => c.state)).toEqual(['ok', 'ok', 'missing', 'missing', 'missing']);
    expect(a.plan!.calls.map((c) => c.operation)).toEqual(['UpdateStage', 'PutMetricFilter', 'PutMetricFilter']);
    expect(a.plan!.calls[0]!.input).toEqual({
      restApiId: 'a1b2c3d4e5',
      stageName: 'prod',
      patchOperations: [{ op: 'replace', path: '/accessLogSettings/format', value: a.plan!.format }],
    });
    expect(a.plan!.calls[1]!.input).toEqual({
      logGroupName: '/aws/apigateway/pet-store/prod',
      filterName: 'gateway-console-429-a1b2c3d4e5-prod',
      filterPattern: '{ $.status = 429 }',
      metricTransformations: [{ metricNamespace: 'GatewayConsole/429', metricName: 'ThrottledRequests', metricValue: '1', unit: 'Count', dimensions: { ApiId: '$.apiId', Stage: '$.stage' } }],
    });
    expect(a.plan!.calls[2]!.input).toMatchObject({
      filterName: 'gateway-console-429-by-key-a1b2c3d4e5-prod',
      filterPattern: '{ $.status = 429 && $.apiKeyId != "-" }',
      metricTransformations: [{ dimensions: { ApiId: '$.apiId', Stage: '$.stage', ApiKeyId: '$.apiKeyId' } }],
    });
    expect(a.plan!.changes.map((c) => c.label)).toEqual([
      'Access log format',
      'Metric filter gateway-console-429-a1b2c3d4e5-prod',
      'Metric filter gateway-console-429-by-key-a1b2c3d4e5-prod',
    ]);
  });

  it('creates the log group and turns access logging on for a stage without it (v2 UpdateStage)', () => {
    const a = assessTracking(HTTP, snapshot({ accessLog: undefined, logGroup: { name: '/aws/apigateway/access-logs/h1/_default', exists: false }, cloudWatchRoleArn: undefined }));
    expect(a.blockers).toEqual([]);
    expect(a.plan!.calls.map((c) => c.operation)).toEqual(['CreateLogGroup', 'UpdateStage', 'PutMetricFilter']);
    expect(a.plan!.calls[0]!.input).toEqual({ logGroupName: '/aws/apigateway/access-logs/h1/_default' });
    expect(a.plan!.calls[1]!.input).toEqual({
      ApiId: 'h1',
      StageName: '$default',
      AccessLogSettings: { DestinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/apigateway/access-logs/h1/_default', Format: defaultAccessLogFormat('HTTP') },
    });
    expect(a.plan!.changes.map((c) => [c.label, c.before])).toEqual([
      ['Log group', undefined],
      ['Access log destination', undefined],
      ['Access log format', undefined],
      ['Metric filter gateway-console-429-h1-$default', undefined],
    ]);
  });

  it('finds existing filters, resolves their dimensions for the stage, and has nothing left to do', () => {
    const withFields = formatWithTracking('REST', PET_STORE_FORMAT).format;
    const done = assessTracking(REST, snapshot({ accessLog: { destinationArn: ARN, format: withFields } }));
    const snap = snapshot({
      accessLog: { destinationArn: ARN, format: withFields },
      filters: done.plan!.calls
        .filter((c) => c.operation === 'PutMetricFilter')
        .map((c) => ({ filterName: String(c.input.filterName), filterPattern: String(c.input.filterPattern), transformations: c.input.metricTransformations as never })),
    });
    const a = assessTracking(REST, snap);
    expect(a.counting).toBe(true);
    expect(a.plan).toBeUndefined();
    expect(a.checks.every((c) => c.state === 'ok')).toBe(true);
    expect(a.total).toEqual({
      filterName: 'gateway-console-429-a1b2c3d4e5-prod',
      namespace: 'GatewayConsole/429',
      metricName: 'ThrottledRequests',
      dimensions: [
        { Name: 'ApiId', Value: 'a1b2c3d4e5' },
        { Name: 'Stage', Value: 'prod' },
      ],
      keyDimension: undefined,
      unresolved: [],
    });
    expect(a.perKey).toMatchObject({ keyDimension: 'ApiKeyId', dimensions: [{ Name: 'ApiId' }, { Name: 'Stage' }] });
  });

  it('will not set up what it cannot: Firehose destinations and REST stages without the account role', () => {
    const firehose = assessTracking(REST, snapshot({ accessLog: { destinationArn: 'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-x', format: PET_STORE_FORMAT } }));
    expect(firehose.plan).toBeUndefined();
    expect(firehose.blockers[0]).toMatch(/not a CloudWatch Logs log group/);
    const noRole = assessTracking(REST, snapshot({ accessLog: undefined, cloudWatchRoleArn: undefined, logGroup: { name: 'x', exists: false } }));
    expect(noRole.plan).toBeUndefined();
    expect(noRole.blockers[0]).toMatch(/CloudWatch Logs role/);
  });

  it('compares plans by their calls, to refuse a setup that changed underneath', () => {
    const a = assessTracking(REST, snapshot()).plan;
    expect(samePlan(a, assessTracking(REST, snapshot()).plan)).toBe(true);
    expect(samePlan(a, assessTracking(REST, snapshot({ logGroup: { name: '/aws/apigateway/pet-store/prod', exists: false } })).plan)).toBe(false);
  });
});
