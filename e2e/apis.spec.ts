import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { E2E_SANDBOX_PORT } from '../playwright.config.js';
import { countAwsRequests, signedIn } from './support.js';

test('the APIs table loads with one request per list and no request per row', async ({ page }) => {
  const counts = countAwsRequests(page, E2E_SANDBOX_PORT);
  const apis = await signedIn(page);
  // Demo data fits in one page of 500 for each list: exactly one GetRestApis and one GetApis.
  expect(counts.apigateway).toBe(1);
  expect(counts.apigatewayv2).toBe(1);
  expect(await apis.rows.count()).toBeGreaterThan(5);
});

test('the type filter lives in the URL and survives a reload', async ({ page }) => {
  const apis = await signedIn(page);
  await apis.typeFilter('WebSocket').click();
  await expect(page).toHaveURL(/[?&]type=WEBSOCKET/);
  await expect(apis.typeFilter('WebSocket')).toHaveAttribute('aria-pressed', 'true');
  expect(new Set(await apis.typesShown())).toEqual(new Set(['WebSocket']));

  await page.reload();
  await apis.waitLoaded();
  await expect(apis.typeFilter('WebSocket')).toHaveAttribute('aria-pressed', 'true');
  expect(new Set(await apis.typesShown())).toEqual(new Set(['WebSocket']));

  await apis.typeFilter('REST').click();
  await expect(page).toHaveURL(/type=WEBSOCKET%2CREST|type=WEBSOCKET,REST/);
  expect(new Set(await apis.typesShown())).toEqual(new Set(['WebSocket', 'REST']));
});

test('search and sort are kept in the URL', async ({ page }) => {
  const apis = await signedIn(page);
  await apis.search.fill('zzz-no-such-api');
  await expect(page).toHaveURL(/q=zzz-no-such-api/);
  await expect(page.getByText('No API matches this search and filter.')).toBeVisible();
  await apis.search.fill('');

  await apis.table.getByRole('button', { name: /Created/ }).click();
  await expect(page).toHaveURL(/sort=created/);
  await apis.table.getByRole('button', { name: /Created/ }).click();
  await expect(page).toHaveURL(/dir=desc/);
  const times = await apis.table.locator('tbody time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
  const sorted = [...times].sort().reverse();
  expect(times).toEqual(sorted);

  await page.reload();
  await apis.waitLoaded();
  await expect(apis.table.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'descending');
});

test('a REST API shows its stages and its resources with methods', async ({ page }) => {
  const apis = await signedIn(page);
  await apis.typeFilter('REST').click();
  await apis.table.locator('tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/apis\/rest\//);
  const stages = page.getByRole('table', { name: 'Stages' });
  await expect(stages.locator('tbody tr').first()).toBeVisible();
  const resources = page.getByRole('table', { name: 'Resources and methods' });
  await expect(resources.getByRole('rowheader', { name: '/', exact: true })).toBeVisible();
  await expect(resources.getByText('GET').first()).toBeVisible();
});

test('an HTTP API and a WebSocket API show their stages and routes', async ({ page }) => {
  const apis = await signedIn(page);
  for (const [label, routePattern] of [['HTTP', /^(GET|POST|PUT|PATCH|DELETE|ANY) \//], ['WebSocket', /^\$connect$/]] as const) {
    await page.goto(`/apis?type=${label === 'HTTP' ? 'HTTP' : 'WEBSOCKET'}`);
    await apis.waitLoaded();
    await apis.table.locator('tbody tr').first().getByRole('link').click();
    await expect(page).toHaveURL(/\/apis\/v2\//);
    await expect(page.getByRole('table', { name: 'Stages' }).locator('tbody tr').first()).toBeVisible();
    await expect(page.getByRole('table', { name: 'Routes' }).getByText(routePattern).first()).toBeVisible();
  }
});

test('an API that does not exist shows AWS’s error with its code and request id', async ({ page }) => {
  await signedIn(page);
  await page.goto('/apis/rest/nosuchapi0');
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText('NotFoundException');
  await expect(alert).toContainText('Request id:');
});

test('the sign-in and APIs screens have no accessibility violations', async ({ page }) => {
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  const signIn = await new AxeBuilder({ page }).analyze();
  expect(signIn.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  await signedIn(page);
  const list = await new AxeBuilder({ page }).analyze();
  expect(list.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test('a bad /config.json shows a screen that names the field', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { region: 'us-east-1', userPoolId: 'eu-west-1_Abc', userPoolClientId: 'x', identityPoolId: 'nope' } }),
  );
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'The console is not configured correctly' })).toBeVisible();
  const problems = page.getByRole('alert');
  await expect(problems).toContainText('userPoolId is in eu-west-1 but region is us-east-1');
  await expect(problems).toContainText('identityPoolId');
});
