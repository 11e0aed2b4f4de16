import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteMetricFilterCommand,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  FilterLogEventsCommand,
  type MetricTransformation,
  PutLogEventsCommand,
  PutMetricFilterCommand,
  PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { Sandbox } from '../src/server.js';
import { appendLogEvents, deliveryStreamName } from '../src/services/logs/store.js';
import { compilePattern, PatternError } from '../src/services/logs/filter-pattern.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';
import { credentialsForPolicy } from './support/roles.js';

let sandbox: Sandbox;
let admin: CloudWatchLogsClient;
let operator: CloudWatchLogsClient;
let viewer: CloudWatchLogsClient;
/** Streams and events: no console role has them, so a made-up role with logs:* uploads and searches. */
let writer: CloudWatchLogsClient;
let metrics: CloudWatchClient;

beforeAll(async () => {
  sandbox = await startTestSandbox('demo');
  admin = new CloudWatchLogsClient(clientConfig(sandbox, credentialsFor(sandbox, 'admin')));
  operator = new CloudWatchLogsClient(clientConfig(sandbox, credentialsFor(sandbox, 'operator')));
  viewer = new CloudWatchLogsClient(clientConfig(sandbox, credentialsFor(sandbox, 'viewer')));
  writer = new CloudWatchLogsClient(clientConfig(sandbox, credentialsForPolicy(sandbox, 'logs-writer', [['logs:*']])));
  metrics = new CloudWatchClient(clientConfig(sandbox, credentialsFor(sandbox, 'viewer')));
});
afterAll(() => sandbox.close());

let seq = 0;
const uniqueGroup = () => `/test/group-${++seq}`;

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const createGroup = async (name = uniqueGroup()) => {
  await admin.send(new CreateLogGroupCommand({ logGroupName: name }));
  return name;
};
const putFilter = (logGroupName: string, filterName: string, filterPattern: string, t: Partial<MetricTransformation> = {}) =>
  operator.send(
    new PutMetricFilterCommand({
      logGroupName,
      filterName,
      filterPattern,
      metricTransformations: [{ metricName: 'Throttled', metricNamespace: 'Test/Throttling', metricValue: '1', ...t }],
    }),
  );

/** An access-log line in the console's JSON format (API Gateway's $context variables). */
const accessLog = (status: number, apiKeyId: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ requestId: `r-${Math.random().toString(16).slice(2)}`, ip: '203.0.113.9', httpMethod: 'GET', status: String(status), apiKeyId, ...extra });

const minuteBase = () => Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;

describe('log groups', () => {
  it('the demo seed has a group for every stage that logs access', async () => {
    const out = await viewer.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/apigateway/' }));
    expect(out.logGroups!.map((g) => g.logGroupName)).toEqual(['/aws/apigateway/checkout-prod', '/aws/apigateway/pet-store/prod']);
  });

  it('creates a group, describes it as AWS does, and refuses a second one', async () => {
    const name = uniqueGroup();
    await operator.send(new CreateLogGroupCommand({ logGroupName: name }));
    const out = await viewer.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    expect(out.logGroups).toEqual([
      {
        logGroupName: name,
        creationTime: expect.any(Number),
        metricFilterCount: 0,
        arn: `arn:aws:logs:us-east-1:123456789012:log-group:${name}:*`,
        storedBytes: 0,
        logGroupClass: 'STANDARD',
        logGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${name}`,
      },
    ]);
    expect(Math.abs(out.logGroups![0]!.creationTime! - Date.now())).toBeLessThan(10_000);
    expect(await failure(operator.send(new CreateLogGroupCommand({ logGroupName: name })))).toEqual({
      name: 'ResourceAlreadyExistsException',
      message: 'The specified log group already exists',
      status: 400,
    });
  });

  it('refuses names outside the model', async () => {
    expect(await failure(admin.send(new CreateLogGroupCommand({ logGroupName: 'my group' })))).toEqual({
      name: 'InvalidParameterException',
      message: "1 validation error detected: Value 'my group' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
      status: 400,
    });
    const long = await failure(admin.send(new CreateLogGroupCommand({ logGroupName: 'x'.repeat(513) })));
    expect(long.message).toMatch(/Member must have length less than or equal to 512$/);
    expect((await failure(admin.send(new CreateLogGroupCommand({ logGroupName: 'aws/mine' })))).name).toBe('InvalidParameterException');
  });

  it('pages by name, 50 at most', async () => {
    const prefix = `/paging-${++seq}/`;
    for (let i = 0; i < 55; i++) await admin.send(new CreateLogGroupCommand({ logGroupName: `${prefix}${String(i).padStart(2, '0')}` }));
    const first = await viewer.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix }));
    expect(first.logGroups!.length).toBe(50);
    const second = await viewer.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken: first.nextToken }));
    expect(second.logGroups!.map((g) => g.logGroupName)).toEqual([50, 51, 52, 53, 54].map((i) => `${prefix}${i}`));
    expect(second.nextToken).toBeUndefined();
    const small = await viewer.send(new DescribeLogGroupsCommand({ logGroupNamePattern: `PAGING-${seq}/0`, limit: 3 }));
    expect(small.logGroups!.map((g) => g.logGroupName)).toEqual(['00', '01', '02'].map((i) => `${prefix}${i}`));
    expect((await failure(viewer.send(new DescribeLogGroupsCommand({ limit: 51 })))).message).toBe(
      "1 validation error detected: Value '51' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 50",
    );
    expect((await failure(viewer.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'a', logGroupNamePattern: 'b' })))).name).toBe('InvalidParameterException');
  });

  it('retention: AWS’s values only, shown by DescribeLogGroups, and old events expire', async () => {
    const name = await createGroup();
    const bad = await failure(writer.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 2 })));
    expect(bad).toEqual({
      name: 'InvalidParameterException',
      message:
        "1 validation error detected: Value '2' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]",
      status: 400,
    });
    appendLogEvents(sandbox.state, name, [
      { timestamp: new Date(Date.now() - 3 * 86_400_000), message: 'old' },
      { timestamp: new Date(), message: 'new' },
    ]);
    await writer.send(new PutRetentionPolicyCommand({ logGroupName: name, retentionInDays: 1 }));
    const g = (await viewer.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups![0]!;
    expect(g.retentionInDays).toBe(1);
    const events = await writer.send(new FilterLogEventsCommand({ logGroupName: name }));
    expect(events.events!.map((e) => e.message)).toEqual(['new']);
  });

  it('deletes a group with its filters; a missing group is ResourceNotFoundException', async () => {
    const name = await createGroup();
    await putFilter(name, 'f', '{ $.status = 429 }');
    // No console role may delete log groups; a made-up role can.
    expect((await failure(admin.send(new DeleteLogGroupCommand({ logGroupName: name })))).name).toBe('AccessDeniedException');
    await writer.send(new DeleteLogGroupCommand({ logGroupName: name }));
    expect(await failure(viewer.send(new DescribeMetricFiltersCommand({ logGroupName: name })))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'The specified log group does not exist.',
      status: 400,
    });
  });
});

describe('metric filters', () => {
  it('lifecycle: put, describe (by group, prefix, metric), replace, delete', async () => {
    const name = await createGroup();
    await putFilter(name, '429-by-key', '{ $.status = 429 }', { dimensions: { ApiKeyId: '$.apiKeyId' }, unit: 'Count' });
    await putFilter(name, '429-total', '{ $.status = 429 }', { metricName: 'Throttled429', defaultValue: 0 });
    const described = await viewer.send(new DescribeMetricFiltersCommand({ logGroupName: name }));
    expect(described.metricFilters).toEqual([
      {
        filterName: '429-by-key',
        filterPattern: '{ $.status = 429 }',
        metricTransformations: [{ metricName: 'Throttled', metricNamespace: 'Test/Throttling', metricValue: '1', dimensions: { ApiKeyId: '$.apiKeyId' }, unit: 'Count' }],
        creationTime: expect.any(Number),
        logGroupName: name,
        applyOnTransformedLogs: false,
      },
      {
        filterName: '429-total',
        filterPattern: '{ $.status = 429 }',
        metricTransformations: [{ metricName: 'Throttled429', metricNamespace: 'Test/Throttling', metricValue: '1', defaultValue: 0 }],
        creationTime: expect.any(Number),
        logGroupName: name,
        applyOnTransformedLogs: false,
      },
    ]);
    const byPrefix = await viewer.send(new DescribeMetricFiltersCommand({ logGroupName: name, filterNamePrefix: '429-t' }));
    expect(byPrefix.metricFilters!.map((f) => f.filterName)).toEqual(['429-total']);
    const byMetric = await viewer.send(new DescribeMetricFiltersCommand({ metricNamespace: 'Test/Throttling', metricName: 'Throttled429' }));
    expect(byMetric.metricFilters!.map((f) => f.filterName)).toContain('429-total');
    expect(byMetric.metricFilters!.every((f) => f.metricTransformations![0]!.metricName === 'Throttled429')).toBe(true);
    expect((await failure(viewer.send(new DescribeMetricFiltersCommand({ metricName: 'Throttled429' })))).name).toBe('InvalidParameterException');
    expect((await viewer.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups![0]!.metricFilterCount).toBe(2);

    await putFilter(name, '429-total', '{ $.status = 4* }', { metricName: 'Client4xx' });
    const replaced = await viewer.send(new DescribeMetricFiltersCommand({ logGroupName: name, filterNamePrefix: '429-total' }));
    expect(replaced.metricFilters!.map((f) => [f.filterPattern, f.metricTransformations![0]!.metricName])).toEqual([['{ $.status = 4* }', 'Client4xx']]);

    await operator.send(new DeleteMetricFilterCommand({ logGroupName: name, filterName: '429-total' }));
    expect(await failure(operator.send(new DeleteMetricFilterCommand({ logGroupName: name, filterName: '429-total' })))).toEqual({
      name: 'ResourceNotFoundException',
      message: 'The specified metric filter does not exist.',
      status: 400,
    });
    expect((await viewer.send(new DescribeMetricFiltersCommand({ logGroupName: name }))).metricFilters!.map((f) => f.filterName)).toEqual(['429-by-key']);
  });

  it('refuses what AWS refuses', async () => {
    const name = await createGroup();
    const err = (pattern: string, t: Partial<MetricTransformation> = {}, group = name) => failure(putFilter(group, 'f', pattern, t));
    expect(await err('{ $.status = 429 }', {}, '/no/such/group')).toEqual({ name: 'ResourceNotFoundException', message: 'The specified log group does not exist.', status: 400 });
    expect((await err('{ $.status = }')).message).toBe('Invalid metric filter pattern');
    expect((await err('{ status = 429 }')).message).toBe('Invalid metric filter pattern');
    expect((await err('[a, b')).message).toBe('Invalid metric filter pattern');
    expect((await err('user: failed')).message).toBe("Invalid character(s) in term 'user:'");
    expect((await err('ERROR', { dimensions: { Host: '$.host' } })).message).toBe('The specified filter pattern does not support dimensions');
    expect((await err('{ $.status = 429 }', { dimensions: { Key: '$.apiKeyId' }, defaultValue: 0 })).message).toBe(
      'Invalid metric transformation: dimensions and default value are mutually exclusive properties',
    );
    expect((await err('ERROR', { metricValue: '$.latency' })).name).toBe('InvalidParameterException');
    expect((await err('{ $.status = 429 }', { dimensions: { Key: 'fixed' } })).name).toBe('InvalidParameterException');
    const four = await err('{ $.status = 429 }', { dimensions: { A: '$.a', B: '$.b', C: '$.c', D: '$.d' } });
    expect(four.message).toMatch(/^1 validation error detected: .* at 'metricTransformations\.1\.member\.dimensions' failed to satisfy constraint: Member must have length less than or equal to 3$/);
    const two = await failure(
      operator.send(
        new PutMetricFilterCommand({
          logGroupName: name,
          filterName: 'f',
          filterPattern: '',
          metricTransformations: [
            { metricName: 'a', metricNamespace: 'n', metricValue: '1' },
            { metricName: 'b', metricNamespace: 'n', metricValue: '1' },
          ],
        }),
      ),
    );
    expect(two.message).toMatch(/at 'metricTransformations' failed to satisfy constraint: Member must have length less than or equal to 1$/);
    const colon = await failure(putFilter(name, 'bad:name', ''));
    expect(colon.message).toBe("1 validation error detected: Value 'bad:name' at 'filterName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*");
  });
});

describe('access logs into metrics', () => {
  const q = (Id: string, MetricName: string, Dimensions: { Name: string; Value: string }[] = [], Stat = 'Sum'): MetricDataQuery => ({
    Id,
    MetricStat: { Metric: { Namespace: 'Test/Throttling', MetricName, Dimensions }, Period: 60, Stat },
  });

  it('a JSON filter on $.status = 429 turns delivered events into a metric per API key, and a total with zeros', async () => {
    const name = await createGroup();
    await putFilter(name, 'by-key', '{ $.status = 429 }', { metricName: 'ThrottledByKey', dimensions: { ApiKeyId: '$.apiKeyId' }, unit: 'Count' });
    await putFilter(name, 'total', '{ $.status = 429 }', { metricName: 'ThrottledTotal', defaultValue: 0, unit: 'Count' });
    const base = minuteBase();
    const at = (minute: number, s = 1) => new Date(base + minute * 60_000 + s * 1000);
    appendLogEvents(sandbox.state, name, [
      { timestamp: at(0), message: accessLog(200, 'key-a') },
      { timestamp: at(0, 2), message: accessLog(429, 'key-a') },
      { timestamp: at(0, 3), message: accessLog(429, 'key-a') },
      { timestamp: at(0, 4), message: accessLog(429, 'key-b') },
      { timestamp: at(1), message: accessLog(200, 'key-b') },
      { timestamp: at(2), message: accessLog(429, 'key-b') },
      { timestamp: at(2, 5), message: 'not json at all' },
    ]);
    const out = await metrics.send(
      new GetMetricDataCommand({
        MetricDataQueries: [
          q('a', 'ThrottledByKey', [{ Name: 'ApiKeyId', Value: 'key-a' }]),
          q('b', 'ThrottledByKey', [{ Name: 'ApiKeyId', Value: 'key-b' }]),
          q('total', 'ThrottledTotal'),
          q('n', 'ThrottledTotal', [], 'SampleCount'),
        ],
        StartTime: new Date(base),
        EndTime: new Date(base + 5 * 60_000),
        ScanBy: 'TimestampAscending',
      }),
    );
    const [a, b, total, n] = out.MetricDataResults!;
    expect(a!.Values).toEqual([2]);
    expect(b!.Timestamps!.map((d) => (d.getTime() - base) / 60_000)).toEqual([0, 2]);
    expect(b!.Values).toEqual([1, 1]);
    expect(total!.Values).toEqual([3, 0, 1]);
    // Every event counts (default 0 for non-matching ones), the unparseable line included.
    expect(n!.Values).toEqual([4, 1, 2]);
    // The events are stored in the group's delivery stream, and counted in storedBytes.
    const g = (await viewer.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }))).logGroups![0]!;
    expect(g.storedBytes).toBeGreaterThan(7 * 26);
    const events = await writer.send(new FilterLogEventsCommand({ logGroupName: name }));
    expect(events.events!.map((e) => e.logStreamName)).toEqual(Array(7).fill(deliveryStreamName(name)));
  });

  it('wildcards, && and space-delimited patterns; metric values taken from fields', async () => {
    const name = await createGroup();
    await putFilter(name, 'f4xx', '{ $.status = 4* }', { metricName: 'Client4xx' });
    await putFilter(name, 'fkey', '{ ($.status = 429) && ($.apiKeyId = "key-a") }', { metricName: 'KeyA429' });
    await putFilter(name, 'fbytes', '{ $.status = 2* }', { metricName: 'Bytes', metricValue: '$.responseLength' });
    await putFilter(name, 'fspace', '[ip, id, user, time, request, status = 5*, bytes]', { metricName: 'Space5xx', metricValue: '$bytes' });
    const base = minuteBase();
    const at = (s: number) => new Date(base + s * 1000);
    appendLogEvents(sandbox.state, name, [
      { timestamp: at(1), message: accessLog(404, 'key-a') },
      { timestamp: at(2), message: accessLog(429, 'key-a') },
      { timestamp: at(3), message: accessLog(429, 'key-b') },
      { timestamp: at(4), message: accessLog(200, 'key-b', { responseLength: '512' }) },
      { timestamp: at(5), message: accessLog(200, 'key-b', { responseLength: 100 }) },
      { timestamp: at(6), message: accessLog(200, 'key-b', { responseLength: '-' }) },
      { timestamp: at(7), message: '203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0" 503 2326' },
      { timestamp: at(8), message: '203.0.113.9 - - [10/Oct/2000:13:55:37 -0700] "GET /b HTTP/1.0" 200 10' },
    ]);
    const out = await metrics.send(
      new GetMetricDataCommand({
        MetricDataQueries: ['Client4xx', 'KeyA429', 'Bytes', 'Space5xx'].map((m, i) => q(`m${i}`, m)),
        StartTime: new Date(base),
        EndTime: new Date(base + 60_000),
      }),
    );
    expect(out.MetricDataResults!.map((r) => r.Values)).toEqual([[3], [1], [612], [2326]]);
  });

  it('events uploaded with PutLogEvents go through the filters too', async () => {
    const name = await createGroup();
    await putFilter(name, 'err', '?ERROR ?FATAL', { metricName: 'Errors', metricNamespace: 'Test/App' });
    await writer.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 's1' }));
    const base = minuteBase();
    await writer.send(
      new PutLogEventsCommand({
        logGroupName: name,
        logStreamName: 's1',
        logEvents: [
          { timestamp: base + 1000, message: 'INFO ok' },
          { timestamp: base + 2000, message: 'ERROR bad' },
          { timestamp: base + 3000, message: 'FATAL worse' },
        ],
      }),
    );
    const out = await metrics.send(
      new GetMetricDataCommand({
        MetricDataQueries: [{ Id: 'e', MetricStat: { Metric: { Namespace: 'Test/App', MetricName: 'Errors' }, Period: 60, Stat: 'Sum' } }],
        StartTime: new Date(base),
        EndTime: new Date(base + 60_000),
      }),
    );
    expect(out.MetricDataResults![0]!.Values).toEqual([2]);
  });

  it('a group that does not exist takes nothing', () => {
    expect(() => appendLogEvents(sandbox.state, '/never/created', [{ timestamp: new Date(), message: 'x' }])).not.toThrow();
  });
});

describe('streams and events', () => {
  it('PutLogEvents: order, span and age rules; FilterLogEvents: time range, pattern, pages', async () => {
    const name = await createGroup();
    await writer.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 'app' }));
    expect((await failure(writer.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: 'app' })))).message).toBe('The specified log stream already exists');
    const now = Date.now();
    const unordered = await failure(
      writer.send(new PutLogEventsCommand({ logGroupName: name, logStreamName: 'app', logEvents: [{ timestamp: now, message: 'b' }, { timestamp: now - 1000, message: 'a' }] })),
    );
    expect(unordered).toEqual({ name: 'InvalidParameterException', message: 'Log events in a single PutLogEvents request must be in chronological order.', status: 400 });
    expect((await failure(writer.send(new PutLogEventsCommand({ logGroupName: name, logStreamName: 'nope', logEvents: [{ timestamp: now, message: 'x' }] })))).message).toBe(
      'The specified log stream does not exist.',
    );
    const res = await writer.send(
      new PutLogEventsCommand({
        logGroupName: name,
        logStreamName: 'app',
        logEvents: [
          ...Array.from({ length: 10 }, (_, i) => ({ timestamp: now - 10_000 + i * 1000, message: `line ${i} ${i % 2 ? 'ERROR' : 'INFO'}` })),
          { timestamp: now + 3 * 3600_000, message: 'too new' },
        ],
      }),
    );
    expect(res.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 10 });
    expect(res.nextSequenceToken).toMatch(/^\d{56}$/);
    const old = await writer.send(
      new PutLogEventsCommand({ logGroupName: name, logStreamName: 'app', logEvents: [{ timestamp: now - 15 * 86_400_000, message: 'too old' }] }),
    );
    expect(old.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 0 });
    const span = await failure(
      writer.send(new PutLogEventsCommand({ logGroupName: name, logStreamName: 'app', logEvents: [{ timestamp: now - 25 * 3600_000, message: 'a' }, { timestamp: now, message: 'b' }] })),
    );
    expect(span.message).toBe('The batch of log events in a single PutLogEvents request cannot span more than 24 hours.');

    const all = await writer.send(new FilterLogEventsCommand({ logGroupName: name }));
    expect(all.events!.map((e) => e.message)).toEqual(Array.from({ length: 10 }, (_, i) => `line ${i} ${i % 2 ? 'ERROR' : 'INFO'}`));
    expect(all.events![0]).toEqual({ logStreamName: 'app', timestamp: now - 10_000, message: 'line 0 INFO', ingestionTime: expect.any(Number), eventId: expect.stringMatching(/^\d{56}$/) });
    const errors = await writer.send(new FilterLogEventsCommand({ logGroupName: name, filterPattern: 'ERROR', startTime: now - 6000, endTime: now - 2000 }));
    expect(errors.events!.map((e) => e.message)).toEqual(['line 5 ERROR', 'line 7 ERROR']);
    const byArn = await writer.send(new FilterLogEventsCommand({ logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${name}`, limit: 4 }));
    expect(byArn.events!.length).toBe(4);
    const rest = await writer.send(new FilterLogEventsCommand({ logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${name}`, limit: 4, nextToken: byArn.nextToken }));
    expect(rest.events!.map((e) => e.message)).toEqual(['line 4 INFO', 'line 5 ERROR', 'line 6 INFO', 'line 7 ERROR']);
    expect((await failure(writer.send(new FilterLogEventsCommand({ logGroupName: name, filterPattern: '{ $.x = ' })))).message).toBe('Invalid filter pattern');
    expect((await failure(writer.send(new FilterLogEventsCommand({ logGroupName: '/missing' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('IAM', () => {
  it('the viewer reads groups and filters but may not create either, nor read events', async () => {
    const name = await createGroup();
    const denied = await failure(viewer.send(new CreateLogGroupCommand({ logGroupName: '/viewer/tries' })));
    // CloudWatch Logs models AccessDeniedException with HTTP 400.
    expect(denied).toEqual({
      name: 'AccessDeniedException',
      status: 400,
      message:
        'User: arn:aws:sts::123456789012:assumed-role/gateway-console-viewer/CognitoIdentityCredentials is not authorized to perform: logs:CreateLogGroup on resource: arn:aws:logs:us-east-1:123456789012:log-group:/viewer/tries:log-stream: because no identity-based policy allows the logs:CreateLogGroup action',
    });
    const filter = await failure(viewer.send(new PutMetricFilterCommand({ logGroupName: name, filterName: 'f', filterPattern: '', metricTransformations: [{ metricName: 'm', metricNamespace: 'n', metricValue: '1' }] })));
    expect(filter.message).toContain(`logs:PutMetricFilter on resource: arn:aws:logs:us-east-1:123456789012:log-group:${name}:*`);
    await viewer.send(new DescribeLogGroupsCommand({}));
    await viewer.send(new DescribeMetricFiltersCommand({ logGroupName: name }));
    expect((await failure(viewer.send(new FilterLogEventsCommand({ logGroupName: name })))).name).toBe('AccessDeniedException');
  });
});

describe('filter patterns', () => {
  const m = (pattern: string, message: string) => compilePattern(pattern).match(message) !== undefined;
  it('terms, phrases, any-of and exclusions, case-sensitive', () => {
    expect(m('', 'anything')).toBe(true);
    expect(m('ERROR', 'an ERROR here')).toBe(true);
    expect(m('ERROR', 'an error here')).toBe(false);
    expect(m('ERROR Exception', 'ERROR without')).toBe(false);
    expect(m('?ERROR ?WARN', 'a WARN')).toBe(true);
    expect(m('ERROR -Exiting', 'ERROR Exiting now')).toBe(false);
    expect(m('"Failed to process"', 'x Failed to process y')).toBe(true);
    expect(m('%5\\d\\d%', 'status 503')).toBe(true);
    expect(() => compilePattern('user:')).toThrow(PatternError);
  });

  it('JSON: comparisons, wildcards, booleans, nulls, nesting and arrays', () => {
    const doc = JSON.stringify({ status: '429', code: 429, latency: 1200.5, ok: false, none: null, user: { id: 'u-1' }, tags: ['a', 'b'], path: '/v1/orders' });
    expect(m('{ $.status = 429 }', doc)).toBe(true);
    expect(m('{ $.code = 429 }', doc)).toBe(true);
    expect(m('{ $.status = "429" }', doc)).toBe(true);
    expect(m('{ $.status = 4* }', doc)).toBe(true);
    expect(m('{ $.status != 429 }', doc)).toBe(false);
    expect(m('{ $.latency > 1000 }', doc)).toBe(true);
    expect(m('{ $.latency <= 1000 }', doc)).toBe(false);
    expect(m('{ $.ok IS FALSE }', doc)).toBe(true);
    expect(m('{ $.none IS NULL }', doc)).toBe(true);
    expect(m('{ $.missing NOT EXISTS }', doc)).toBe(true);
    expect(m('{ $.missing = 1 }', doc)).toBe(false);
    expect(m('{ $.missing != 1 }', doc)).toBe(false);
    expect(m('{ $.user.id = "u-*" }', doc)).toBe(true);
    expect(m('{ $.tags[1] = "b" }', doc)).toBe(true);
    expect(m('{ $.path = %^/v1/% }', doc)).toBe(true);
    expect(m('{ ($.code = 500) || ($.code = 429 && $.ok IS FALSE) }', doc)).toBe(true);
    expect(m('{ $.code = 429 }', 'not json')).toBe(false);
  });

  it('space-delimited: fields, quotes and brackets, ellipsis, conditions', () => {
    const line = '127.0.0.1 frank admin [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534';
    expect(m('[ip, user, username, timestamp, request, status_code, bytes]', line)).toBe(true);
    expect(m('[ip, user, username, timestamp, request, status_code = 404, bytes]', line)).toBe(true);
    expect(m('[ip, user, username, timestamp, request, status_code = 2*, bytes]', line)).toBe(false);
    expect(m('[..., status_code = 4*, bytes > 1000]', line)).toBe(true);
    expect(m('[ip = 127.0.0.1, ...]', line)).toBe(true);
    expect(m('[ip, ..., status = 404 || status = 500, bytes]', line)).toBe(true);
    expect(m('[a, b]', line)).toBe(false);
    const fields = compilePattern('[ip, user, username, timestamp, request, status_code, bytes]').match(line)!;
    expect([fields('$request'), fields('$timestamp'), fields('$bytes')]).toEqual(['GET /index.html HTTP/1.0', '10/Oct/2000:13:25:15 -0700', '1534']);
  });
});
