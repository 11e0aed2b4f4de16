import { expect, test, type Page } from '@playwright/test';
import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetRestApisCommand,
  GetStageCommand,
  PutIntegrationCommand,
  PutMethodCommand,
} from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, CreateApiCommand, CreateStageCommand, GetApisCommand, GetStageCommand as GetV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchLogsClient, DescribeLogGroupsCommand, DescribeMetricFiltersCommand } from '@aws-sdk/client-cloudwatch-logs';
import { E2E_SANDBOX_PORT, E2E_SCALE_PORT, E2E_SCALE_SANDBOX_PORT } from '../playwright.config.js';
import { signIn } from '../sandbox/test/support/sign-in.js';
import { injectFault, signedIn, watchAccessKey } from './support.js';
import { StagePage } from './pages/stage-page.js';
import { SignInPage } from './pages/sign-in-page.js';
import { countGetMetricData, HealthPage } from './pages/health-page.js';

/** SDK clients as a demo user of a sandbox, to prepare what the browser will see and check what AWS now holds. */
async function sdkAs(port: number, username: 'admin' | 'viewer') {
  const url = `http://localhost:${port}`;
  const { credentials } = await signIn({ url }, username);
  const config = { region: 'us-east-1', endpoint: url, credentials, maxAttempts: 8 };
  return { v1: new APIGatewayClient(config), v2: new ApiGatewayV2Client(config), logs: new CloudWatchLogsClient(config) };
}

/** The fleet's queries by the rule the console follows: 4 per REST metric name (ASCII only) and per HTTP API, 5 per WebSocket API. */
async function expectedFleetQueries(port: number): Promise<{ apis: number; queries: number }> {
  const { v1, v2 } = await sdkAs(port, 'viewer');
  const rest: string[] = [];
  let position: string | undefined;
  do {
    const page = await v1.send(new GetRestApisCommand({ limit: 500, position }));
    for (const a of page.items ?? []) rest.push(a.name!.replace(/[^\x00-\x7F]/g, '').trim() || a.id!);
    position = page.position;
  } while (position);
  const v2Types: string[] = [];
  let token: string | undefined;
  do {
    const page = await v2.send(new GetApisCommand({ MaxResults: '500', NextToken: token }));
    for (const a of page.Items ?? []) v2Types.push(a.ProtocolType!);
    token = page.NextToken;
  } while (token);
  const names = new Set(rest).size;
  const ws = v2Types.filter((t) => t === 'WEBSOCKET').length;
  return { apis: rest.length + v2Types.length, queries: 4 * names + 4 * (v2Types.length - ws) + 5 * ws };
}

/** Collects Content-Security-Policy violations, so the chart screens are held to the same policy as the rest. */
async function watchCsp(page: Page) {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

test('the fleet overview lists every demo API with its figures, worst first, from ceil(queries/500) GetMetricData calls', async ({ page }) => {
  await signedIn(page, 'viewer');
  const gmd = countGetMetricData(page, E2E_SANDBOX_PORT);
  const health = new HealthPage(page);
  await health.openFleet();

  const shown = await health.queriesAndCalls();
  expect(shown.calls).toBe(Math.ceil(shown.queries / 500));
  expect(gmd.calls).toBe(shown.calls);
  // Other spec files add APIs to this sandbox as they run: the count is at least the demo's.
  expect(shown.apis).toBeGreaterThanOrEqual(9);
  expect(shown.queries).toBeGreaterThanOrEqual(4 * 4 + 4 * 3 + 5 * 2);

  // The demo's day of traffic: every busy demo API has requests, rates and a p99.
  for (const name of ['Pet Store', 'Payments', 'Partner Orders API', 'Checkout HTTP API', 'Live Chat']) {
    const [, requests, c4, c5, p99] = await health.row(name);
    expect(requests, name).toMatch(/^[\d,]+$/);
    expect(Number(requests!.replace(/,/g, '')), name).toBeGreaterThan(0);
    expect(c4, name).toMatch(/^\d+\.\d\d %$/);
    expect(c5, name).toMatch(/^\d+\.\d\d %$/);
    expect(p99, name).toMatch(/ms$/);
  }

  // Worst first: the 5xx rates of APIs with traffic never rise down the table.
  const rates = (await health.table.locator('tbody tr td:nth-child(4)').allInnerTexts()).map((t) => t.trim()).filter((t) => t.endsWith('%')).map(parseFloat);
  expect(rates.length).toBeGreaterThanOrEqual(5);
  expect([...rates].sort((a, b) => b - a)).toEqual(rates);

  // The range and filters live in the URL: a reload keeps them.
  await health.rangeButton('3h').click();
  await expect(page).toHaveURL(/range=3h/);
  await page.getByRole('group', { name: 'Filter by type' }).getByRole('button', { name: 'WebSocket' }).click();
  await expect(page).toHaveURL(/types=WEBSOCKET/);
  await page.reload();
  await expect(health.rangeButton('3h')).toHaveAttribute('aria-pressed', 'true');
  await expect(health.table.getByRole('link', { name: 'Live Chat' })).toBeVisible({ timeout: 30_000 });
  await expect(health.table.getByRole('link', { name: 'Pet Store' })).toHaveCount(0);
});

test('1,000 APIs take ceil(queries/500) GetMetricData calls, never one per API', async ({ page }) => {
  test.setTimeout(90_000);
  const expected = await expectedFleetQueries(E2E_SCALE_SANDBOX_PORT);
  expect(expected.apis).toBeGreaterThanOrEqual(1000);
  const base = `http://localhost:${E2E_SCALE_PORT}`;
  const gmd = countGetMetricData(page, E2E_SCALE_SANDBOX_PORT);
  await page.goto(`${base}/sign-in`);
  await new SignInPage(page).signIn('viewer');
  await expect(page.getByText(/^\d+ APIs:/)).toBeVisible({ timeout: 30_000 });
  const health = new HealthPage(page);
  await health.openFleet();
  const shown = await health.queriesAndCalls();
  expect(shown).toEqual({ apis: expected.apis, queries: expected.queries, calls: Math.ceil(expected.queries / 500) });
  expect(gmd.calls).toBe(Math.ceil(expected.queries / 500));
  // Virtualized: a thousand rows, a few dozen in the DOM.
  expect(await health.table.locator('tbody tr').count()).toBeLessThan(80);
});

test('a stage dashboard shows every chart with figures, reached from the stage page', async ({ page }) => {
  const csp = await watchCsp(page);
  await signedIn(page, 'viewer');
  const stage = new StagePage(page);
  await stage.open('Pet Store', 'prod');
  const gmd = countGetMetricData(page, E2E_SANDBOX_PORT);
  await page.getByRole('link', { name: /^Health dashboard/ }).click();
  await expect(page).toHaveURL(/\/health\/rest\/[a-z0-9]+\?stage=prod$/);
  const health = new HealthPage(page);
  await expect(page.getByRole('heading', { name: /Pet Store · stage prod/, level: 1 })).toBeVisible();

  for (const title of ['Requests', 'Latency', 'Integration latency', 'Errors', 'Error rate']) {
    await expect(health.widget(title).getByRole('img', { name: new RegExp(`^${title}:`) })).toBeVisible({ timeout: 20_000 });
  }
  await expect(health.figures('Requests')).toContainText(/Requests: [\d,]+ in total/);
  await expect(health.figures('Latency')).toContainText(/p50: peak [\d.,]+ ms/);
  await expect(health.figures('Latency')).toContainText(/p99: peak [\d.,]+ ms/);
  await expect(health.figures('Latency')).toContainText(/Average: peak/);
  await expect(health.figures('Errors')).toContainText(/4XXError: [\d,]+ in total/);
  await expect(health.figures('Error rate')).toContainText(/4XXError rate: peak [\d.]+ %/);
  // Every chart from one call.
  expect(gmd.calls).toBe(1);

  // A viewer sees whether 429s are counted, but no setup.
  await expect(health.setupChecks).toContainText('Access logging to CloudWatch Logs');
  await expect(health.setupChecks).toContainText('JSON format with $context.status');
  await expect(health.throttling.getByRole('button', { name: /Set up 429 counting/ })).toHaveCount(0);
  await expect(health.throttling.getByText(/Read only: your role \(viewer\)/)).toBeVisible();

  // A WebSocket API has its own charts.
  await page.getByRole('link', { name: 'Health', exact: true }).first().click();
  await health.table.getByRole('link', { name: 'Live Chat' }).click();
  for (const title of ['Connections', 'Messages', 'Integration latency', 'Errors', 'Error rate']) {
    await expect(health.widget(title).getByRole('img', { name: new RegExp(`^${title}:`) })).toBeVisible({ timeout: 20_000 });
  }
  await expect(health.figures('Messages')).toContainText(/Messages: [\d,]+ in total/);
  expect(await csp()).toEqual([]);
});

test('an operator sets up 429 counting on a stage, AWS holds the log group and filters, and the chart fills after traffic over the limit', async ({ page }) => {
  test.setTimeout(60_000);
  // A REST API of its own: GET / behind an API key, in a usage plan allowing 1 request/s, no access logging yet.
  const { v1, logs } = await sdkAs(E2E_SANDBOX_PORT, 'admin');
  const api = await v1.send(new CreateRestApiCommand({ name: `Throttled partner API ${Date.now()}` }));
  await v1.send(new PutMethodCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', authorizationType: 'NONE', apiKeyRequired: true }));
  await v1.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', type: 'MOCK' }));
  const deployment = await v1.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: 'live', description: 'first release' }));
  const key = await v1.send(new CreateApiKeyCommand({ name: `over-the-limit-${Date.now()}`, enabled: true }));
  const plan = await v1.send(new CreateUsagePlanCommand({ name: `one-per-second-${Date.now()}`, throttle: { rateLimit: 1, burstLimit: 1 }, apiStages: [{ apiId: api.id!, stage: 'live' }] }));
  await v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id!, keyId: key.id!, keyType: 'API_KEY' }));

  await signedIn(page, 'operator');
  await page.goto(`/health/rest/${api.id}?stage=live`);
  const health = new HealthPage(page);
  await expect(health.setupChecks).toContainText('access logging is off');
  // The deployment just made is marked on the charts and listed.
  await expect(page.getByRole('region', { name: 'Deployments in this range' })).toContainText(deployment.id!);

  await health.throttling.getByRole('button', { name: 'Set up 429 counting' }).click();
  const changes = health.review.getByRole('table', { name: 'Changes' });
  await expect(changes.getByRole('row', { name: /^Log group/ })).toContainText(`/aws/apigateway/access-logs/${api.id}/live`);
  await expect(changes.getByRole('row', { name: /^Access log destination/ })).toContainText(`log-group:/aws/apigateway/access-logs/${api.id}/live`);
  await expect(changes.getByRole('row', { name: /^Access log format/ })).toContainText('$context.status');
  await expect(changes.getByRole('row', { name: /^Metric filter gateway-console-429-by-key-/ })).toContainText('ApiKeyId');
  const requests = (await health.review.locator('pre').allInnerTexts()).map((t) => JSON.parse(t) as Record<string, unknown>);
  expect(requests.map((r) => Object.keys(r)[0])).toEqual(['logGroupName', 'restApiId', 'logGroupName', 'logGroupName']);
  await expect(health.review.getByText('CreateLogGroup', { exact: true })).toBeVisible();
  await health.review.getByRole('button', { name: 'Apply' }).click();
  await expect(health.applied).toContainText('429s are now counted on this stage');
  await health.applied.getByRole('button', { name: 'Done' }).click();
  await expect(health.setupChecks.getByText('missing')).toHaveCount(0);

  // What AWS now holds.
  const group = `/aws/apigateway/access-logs/${api.id}/live`;
  expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.map((g) => g.logGroupName)).toEqual([group]);
  const filters = (await logs.send(new DescribeMetricFiltersCommand({ logGroupName: group }))).metricFilters ?? [];
  const described = filters.map((f) => [f.filterName, f.filterPattern, f.metricTransformations?.[0]?.metricNamespace, f.metricTransformations?.[0]?.metricName]);
  expect(described).toHaveLength(2);
  expect(described).toEqual(
    expect.arrayContaining([
      [`gateway-console-429-${api.id}-live`, '{ $.status = 429 }', 'GatewayConsole/429', 'ThrottledRequests'],
      [`gateway-console-429-by-key-${api.id}-live`, '{ $.status = 429 && $.apiKeyId != "-" }', 'GatewayConsole/429', 'ThrottledRequests'],
    ]),
  );
  const stage = await v1.send(new GetStageCommand({ restApiId: api.id!, stageName: 'live' }));
  expect(stage.accessLogSettings?.destinationArn).toMatch(new RegExp(`:log-group:${group}$`));

  // Traffic over the limit through the sandbox's data plane: 1 request/s with burst 1, twelve at once.
  const statuses = await Promise.all(
    Array.from({ length: 12 }, () => fetch(`http://localhost:${E2E_SANDBOX_PORT}/_invoke/${api.id}/live/`, { headers: { 'x-api-key': key.value! } }).then((r) => r.status)),
  );
  const throttled = statuses.filter((s) => s === 429).length;
  expect(throttled).toBeGreaterThanOrEqual(9);

  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(health.figures('429s')).toContainText(`429s: ${throttled} in total`, { timeout: 20_000 });
  const perKey = health.widget('429s per API key').getByRole('table', { name: '429s per API key' });
  await expect(perKey.getByRole('row', { name: new RegExp(`^${key.id}`) })).toContainText(String(throttled));
});

test('an operator undoes a 429 setup on an HTTP stage: access logging off again, the filter gone, the log group kept', async ({ page }) => {
  const { v2, logs } = await sdkAs(E2E_SANDBOX_PORT, 'admin');
  const api = await v2.send(new CreateApiCommand({ Name: `Undo tracking ${Date.now()}`, ProtocolType: 'HTTP' }));
  await v2.send(new CreateStageCommand({ ApiId: api.ApiId, StageName: 'prod' }));

  await signedIn(page, 'operator');
  await page.goto(`/health/v2/${api.ApiId}?stage=prod`);
  const health = new HealthPage(page);
  await expect(health.setupChecks).toContainText('access logging is off');
  await health.throttling.getByRole('button', { name: 'Set up 429 counting' }).click();
  await health.review.getByRole('button', { name: 'Apply' }).click();
  await expect(health.applied).toContainText('429s are now counted on this stage');
  const group = `/aws/apigateway/access-logs/${api.ApiId}/prod`;
  expect((await v2.send(new GetV2StageCommand({ ApiId: api.ApiId, StageName: 'prod' }))).AccessLogSettings?.DestinationArn).toMatch(new RegExp(`:log-group:${group}$`));

  await health.applied.getByRole('button', { name: 'Undo' }).click();
  const changes = health.review.getByRole('table', { name: 'Changes' });
  await expect(changes.getByRole('row', { name: /^Access log destination/ })).toContainText(group);
  await expect(changes.getByRole('row', { name: /^Metric filter gateway-console-429-/ })).toContainText('Deleted');
  await expect(health.review.getByText('DeleteAccessLogSettings', { exact: true })).toBeVisible();
  await expect(health.review.getByText(`The log group ${group} is kept`)).toBeVisible();
  await health.review.getByRole('button', { name: 'Apply' }).click();
  await expect(health.applied).toContainText('Undone: the stage’s access logging is as it was');

  expect((await v2.send(new GetV2StageCommand({ ApiId: api.ApiId, StageName: 'prod' }))).AccessLogSettings).toBeUndefined();
  expect((await logs.send(new DescribeMetricFiltersCommand({ logGroupName: group }))).metricFilters ?? []).toEqual([]);
  expect((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: group }))).logGroups?.map((g) => g.logGroupName)).toEqual([group]);
  await health.applied.getByRole('button', { name: 'Done' }).click();
  await expect(health.setupChecks).toContainText('access logging is off');
});

test('when CloudWatch fails, each chart says so with AWS’s error and a retry, and the rest of the page stays', async ({ page }) => {
  const accessKey = watchAccessKey(page, E2E_SANDBOX_PORT);
  await signedIn(page, 'viewer');
  const stage = new StagePage(page);
  await stage.open('Internal Health', 'prod');
  // This browser's next two GetMetricData calls fail (the console retries a failed read once).
  await injectFault(E2E_SANDBOX_PORT, { operation: 'GetMetricData', service: 'cloudwatch', code: 'InvalidParameterValue', status: 400, times: 2, accessKeyId: accessKey() });
  await page.getByRole('link', { name: /^Health dashboard/ }).click();
  const health = new HealthPage(page);
  for (const title of ['Requests', 'Latency', 'Integration latency', 'Errors', 'Error rate']) {
    await expect(health.widget(title).getByRole('alert')).toContainText('Injected failure of GetMetricData', { timeout: 20_000 });
  }
  await expect(page.getByRole('heading', { name: /Internal Health · stage prod/, level: 1 })).toBeVisible();
  await expect(health.setupChecks).toBeVisible();
  await health.widget('Requests').getByRole('button', { name: 'Try again' }).click();
  for (const title of ['Requests', 'Latency']) {
    await expect(health.widget(title).getByRole('img', { name: new RegExp(`^${title}:`) })).toBeVisible({ timeout: 20_000 });
  }
});
