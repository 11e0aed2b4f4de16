import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import {
  CreateApiKeyCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetRestApisCommand,
  GetUsagePlanCommand,
  GetUsagePlansCommand,
  type APIGatewayClient,
} from '@aws-sdk/client-api-gateway';
import { E2E_SANDBOX_PORT } from '../playwright.config.js';
import { signedIn } from './support.js';
import { UsagePlanPage } from './pages/usage-plan-page.js';
import { awsAs } from './aws.js';

/**
 * Usage plans, against the shared demo sandbox. Everything that changes something works on plans and a key
 * this file creates (names end in a run id), never on the seeded plans other specs use (Partner Gold's
 * membership belongs to the key rotation tests). UpdateUsagePlan is held to one call per 20 s per account,
 * so tests that change a plan take their time.
 */
const run = Date.now().toString(36);
let v1: APIGatewayClient;
let apiIds: Record<string, string>;
const planIds: Record<string, string> = {};
let keyId = '';
const keyName = `e2e-plans-key-${run}`;

test.beforeAll(async () => {
  v1 = (await awsAs('operator')).v1;
  const apis = await v1.send(new GetRestApisCommand({ limit: 500 }));
  apiIds = Object.fromEntries((apis.items ?? []).map((a) => [a.name!, a.id!]));
  const health = apiIds['Internal Health']!;
  const create = async (name: string, extra: object) => (await v1.send(new CreateUsagePlanCommand({ name, ...extra }))).id!;
  planIds.edit = await create(`e2e-edit-${run}`, { description: 'Edited by e2e', throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 1000, period: 'DAY', offset: 0 }, apiStages: [{ apiId: health, stage: 'prod' }] });
  planIds.methods = await create(`e2e-methods-${run}`, { apiStages: [{ apiId: apiIds['Pet Store']!, stage: 'staging' }] });
  planIds.keys = await create(`e2e-keys-${run}`, { quota: { limit: 1000, period: 'DAY', offset: 0 }, apiStages: [{ apiId: health, stage: 'dev' }] });
  planIds.rival = await create(`e2e-rival-${run}`, { apiStages: [{ apiId: health, stage: 'dev' }] });
  keyId = (await v1.send(new CreateApiKeyCommand({ name: keyName, enabled: true }))).id!;
  await v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: planIds.rival, keyId, keyType: 'API_KEY' }));
});

test.afterAll(async () => {
  // The key goes (and with it its plan memberships); the plans stay in this run's throwaway sandbox, since
  // detaching their API stages would spend UpdateUsagePlan's quota.
  if (keyId) await v1.send(new DeleteApiKeyCommand({ apiKey: keyId })).catch(() => undefined);
});

/** UpdateUsagePlan calls the page sends, by outcome (a 429 from another tab's slot is counted apart). */
function countPlanUpdates(page: Page) {
  const counts = { ok: 0, throttled: 0, bodies: [] as unknown[] };
  page.on('requestfinished', async (r) => {
    const url = new URL(r.url());
    if (url.port !== String(E2E_SANDBOX_PORT) || r.method() !== 'PATCH' || !/^\/usageplans\/[^/]+$/.test(url.pathname)) return;
    const status = (await r.response())?.status();
    if (status === 429) counts.throttled++;
    else {
      counts.ok++;
      counts.bodies.push(r.postDataJSON());
    }
  });
  return counts;
}

const axe = async (page: Page) => (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);

test('the list shows limits, API stages and key counts, with the search in the URL; the plan page shows stages, keys and usage', async ({ page }) => {
  await signedIn(page, 'operator');
  const plans = new UsagePlanPage(page);
  await plans.gotoList();
  const gold = plans.row('Partner Gold');
  await expect(gold).toContainText('250 requests/s, burst 500');
  await expect(gold).toContainText('1,000,000 requests per month');
  await expect(gold).toContainText('Partner Orders API:prod');
  await expect(gold).toContainText('Payments:prod');
  await expect(gold.getByRole('cell').last()).toHaveText(/^\d+$/);
  expect(await axe(page)).toEqual([]);

  await plans.search.fill('basic');
  await expect(page).toHaveURL(/[?&]q=basic/);
  await expect(plans.list.getByRole('link')).toHaveText(['Partner Basic']);
  await page.reload();
  await expect(plans.search).toHaveValue('basic');
  await expect(plans.list.getByRole('link')).toHaveText(['Partner Basic']);
  await plans.search.fill('zzz-no-such-plan');
  await expect(page.getByText('No usage plan matches this search.')).toBeVisible();

  await plans.open('Partner Basic');
  await expect(plans.stages.getByRole('row', { name: /Partner Orders API/ })).toContainText('staging');
  await expect(page.getByText('10 requests/s, burst 20')).toBeVisible();
  await expect(page.getByText('10,000 requests per day')).toBeVisible();
  await expect(plans.keys.getByRole('rowheader', { name: 'partner-umbrella-trial' })).toBeVisible();
  // Names and ids, never key values.
  await expect(plans.keys.getByRole('columnheader')).toHaveText(['Name', 'ID', 'Actions']);
  await expect(plans.chart).toBeVisible();
  expect(await axe(page)).toEqual([]);
});

test('the usage chart shows each key per day for a range kept in the URL, with the remaining quota per key', async ({ page }) => {
  await signedIn(page, 'viewer');
  const plans = new UsagePlanPage(page);
  await plans.open('Partner Basic');
  // Default: the last 14 days, a bar per key per day with requests.
  await expect(page.getByText(/^[\d,]+ requests from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} \(UTC days\), by 3 keys\.$/)).toBeVisible();
  await expect(plans.chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(plans.chart).toContainText('partner-umbrella-trial');
  await page.getByText('Usage as a table').click();
  const table = page.getByRole('table', { name: 'Requests per key per day' });
  await expect(table.locator('tbody tr')).toHaveCount(14);
  await expect(table.getByRole('columnheader')).toHaveText(['Day', 'legacy-batch-2024', 'partner-initech-2025', 'partner-umbrella-trial']);
  const umbrella = await table.locator('tbody tr td:nth-child(4)').allInnerTexts();
  expect(umbrella.some((n) => Number(n.replace(/,/g, '')) > 0)).toBe(true);

  await page.getByRole('group', { name: 'Quick ranges' }).getByRole('button', { name: '7 days' }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  await expect(table.locator('tbody tr')).toHaveCount(7);
  const url = page.url();
  await page.reload();
  expect(page.url()).toBe(url);
  await page.getByText('Usage as a table').click();
  await expect(table.locator('tbody tr')).toHaveCount(7);
  await expect(plans.chart.locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(plans.remaining.getByRole('row', { name: /partner-umbrella-trial/ })).toContainText(/\d/);

  // A range that cannot be asked for is named before anything is sent.
  await page.getByLabel('From', { exact: true }).fill('2026-03-10');
  await page.getByLabel('To', { exact: true }).fill('2026-03-01');
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('alert')).toHaveText('From must be on or before To.');
});

test('a viewer sees every plan and its usage but no way to change them', async ({ page }) => {
  await signedIn(page, 'viewer');
  const plans = new UsagePlanPage(page);
  await plans.gotoList();
  await expect(page.getByRole('button', { name: 'Create usage plan' })).toHaveCount(0);
  await plans.open('Partner Gold');
  await expect(plans.keys.getByRole('rowheader').first()).toBeVisible();
  await expect(plans.remaining).toBeVisible();
  for (const name of ['Edit plan', 'Delete plan', 'Add API key', /^Remove/, /^Change/]) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
});

test('an edit of a plan is validated, previewed as ONE UpdateUsagePlan, applied after a re-read, and undone in the next 20 s slot', async ({ page }) => {
  test.setTimeout(150_000);
  await signedIn(page, 'operator');
  const updates = countPlanUpdates(page);
  const plans = new UsagePlanPage(page);
  await plans.open(`e2e-edit-${run}`);
  await plans.edit();

  // Bad values are named with their rule, and nothing is sent.
  await page.getByLabel('Rate (requests per second)').fill('-1');
  await page.getByLabel('Quota period').selectOption('WEEK');
  await page.getByLabel('Quota offset').fill('9');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const problems = page.getByRole('alert').filter({ hasText: 'Fix these before reviewing' });
  await expect(problems).toContainText('Throttling: Rate must be a non-negative number, such as 100 or 12.5.');
  await expect(problems).toContainText('Quota offset must be a whole number from 0 to 6 for a WEEK period');
  await expect(page.getByLabel('Rate (requests per second)')).toHaveAttribute('aria-invalid', 'true');

  // Every kind of edit at once: one request.
  await page.getByLabel('Name').fill(`e2e-edited-${run}`);
  await page.getByLabel('Rate (requests per second)').fill('12.5');
  await page.getByLabel('Burst (requests)').fill('25');
  await page.getByLabel('Quota limit (requests)').fill('5000');
  await page.getByLabel('Quota offset').fill('1');
  await page.getByLabel('API', { exact: true }).selectOption({ label: `Internal Health (${apiIds['Internal Health']})` });
  await page.getByLabel('Stage', { exact: true }).selectOption('dev');
  await page.getByRole('button', { name: 'Add API stage' }).click();
  await page.getByRole('button', { name: /^Remove API stage Internal Health:prod/ }).click();
  await plans.reviewChanges();
  expect(await axe(page)).toEqual([]);

  await expect(plans.changes.getByRole('row', { name: /^Throttling: rate/ })).toContainText('12.5');
  await expect(plans.changes.getByRole('row', { name: /^Quota: period/ })).toContainText('WEEK');
  const requests = await plans.previewedRequests();
  const health = apiIds['Internal Health'];
  expect(requests).toEqual([
    {
      usagePlanId: planIds.edit!,
      patchOperations: [
        { op: 'replace', path: '/name', value: `e2e-edited-${run}` },
        { op: 'replace', path: '/throttle/rateLimit', value: '12.5' },
        { op: 'replace', path: '/throttle/burstLimit', value: '25' },
        { op: 'replace', path: '/quota/limit', value: '5000' },
        { op: 'replace', path: '/quota/period', value: 'WEEK' },
        { op: 'replace', path: '/quota/offset', value: '1' },
        { op: 'remove', path: '/apiStages', value: `${health}:prod` },
        { op: 'add', path: '/apiStages', value: `${health}:dev` },
      ],
    },
  ]);
  await plans.applyAndWait();
  expect(updates.ok).toBe(1);
  expect(updates.bodies[0]).toEqual({ patchOperations: requests[0].patchOperations });
  const after = await v1.send(new GetUsagePlanCommand({ usagePlanId: planIds.edit! }));
  expect(after).toMatchObject({ name: `e2e-edited-${run}`, throttle: { rateLimit: 12.5, burstLimit: 25 }, quota: { limit: 5000, period: 'WEEK', offset: 1 }, apiStages: [{ apiId: health, stage: 'dev' }] });

  // The undo is the next UpdateUsagePlan: it waits for AWS's slot in the open, counting down.
  await plans.applied.getByRole('button', { name: 'Undo' }).click();
  await expect(plans.review.getByRole('heading', { name: /^Review: Undo/ })).toBeVisible();
  await expect(plans.slotNotice).toContainText(/this one will be sent in \d+ s/);
  await plans.review.getByRole('button', { name: 'Apply' }).click();
  await expect(plans.slotNotice).toContainText(/will be sent in \d+ s\. It is queued/);
  await expect(plans.review.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await expect(plans.applied).toBeVisible({ timeout: 60_000 });
  expect(updates.ok).toBe(2);
  const undone = await v1.send(new GetUsagePlanCommand({ usagePlanId: planIds.edit! }));
  expect(undone).toMatchObject({ name: `e2e-edit-${run}`, throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 1000, period: 'DAY', offset: 0 }, apiStages: [{ apiId: health, stage: 'prod' }] });
});

test('an operator adds a per-method throttle to an API stage of a plan', async ({ page }) => {
  test.setTimeout(120_000);
  await signedIn(page, 'operator');
  const plans = new UsagePlanPage(page);
  await plans.open(`e2e-methods-${run}`);
  await plans.edit();
  await page.getByLabel('Add a per-method throttle in Pet Store:staging').selectOption({ label: 'GET /pets' });
  await page.getByRole('button', { name: 'Add method throttle' }).click();
  await page.getByLabel('GET /pets rate, Pet Store:staging').fill('7');
  await page.getByLabel('GET /pets burst, Pet Store:staging').fill('14');
  await plans.reviewChanges();
  const [request] = await plans.previewedRequests();
  const prefix = `/apiStages/${apiIds['Pet Store']}:staging/throttle/~1pets/GET`;
  expect(request.patchOperations).toEqual([
    { op: 'replace', path: `${prefix}/rateLimit`, value: '7' },
    { op: 'replace', path: `${prefix}/burstLimit`, value: '14' },
  ]);
  await plans.applyAndWait();
  await plans.applied.getByRole('button', { name: 'Done' }).click();
  await expect(plans.stages.getByRole('row', { name: /Pet Store/ })).toContainText('GET /pets: 7 requests/s, burst 14');
  const after = await v1.send(new GetUsagePlanCommand({ usagePlanId: planIds.methods! }));
  expect(after.apiStages?.[0]?.throttle).toEqual({ '/pets/GET': { rateLimit: 7, burstLimit: 14 } });
});

test('an operator adds a key to a plan and removes it again; a key already reaching the same API stage is refused with AWS\'s message', async ({ page }) => {
  await signedIn(page, 'operator');
  const plans = new UsagePlanPage(page);
  await plans.open(`e2e-keys-${run}`);

  // The key is in the rival plan, which has the same API stage: AWS refuses, and says why.
  await page.getByRole('button', { name: 'Add API key' }).click();
  await page.getByLabel('Search API keys by name').fill(keyName);
  await page.getByRole('list', { name: 'Matching API keys' }).getByRole('button', { name: `Add ${keyName}` }).click();
  const [request] = await plans.previewedRequests();
  expect(request).toEqual({ usagePlanId: planIds.keys!, keyId, keyType: 'API_KEY' });
  await plans.review.getByRole('button', { name: 'Apply' }).click();
  const refusal = plans.review.getByRole('alert');
  await expect(refusal).toContainText('ConflictException');
  await expect(refusal).toContainText(`cannot reference multiple Usage Plans with the same API Stage`);
  await expect(refusal).toContainText(/a key may reach an API stage through one plan only/);
  await plans.review.getByRole('button', { name: 'Cancel' }).click();

  // Out of the rival plan, it can join; then leave again, with undo both ways.
  await v1.send(new DeleteUsagePlanKeyCommand({ usagePlanId: planIds.rival!, keyId }));
  await page.getByRole('button', { name: 'Add API key' }).click();
  await page.getByLabel('Search API keys by name').fill(keyName);
  await page.getByRole('button', { name: `Add ${keyName}` }).click();
  await plans.review.getByRole('button', { name: 'Apply' }).click();
  await expect(plans.applied).toContainText(`Applied: Add ${keyName} to e2e-keys-${run}`);
  await expect(plans.keys.getByRole('rowheader', { name: keyName })).toBeVisible();
  await plans.applied.getByRole('button', { name: 'Done' }).click();

  await plans.keys.getByRole('button', { name: `Remove ${keyName} from this plan` }).click();
  expect(await plans.previewedRequests()).toEqual([{ usagePlanId: planIds.keys!, keyId }]);
  await plans.review.getByRole('button', { name: 'Apply' }).click();
  await expect(plans.applied).toBeVisible();
  await expect(plans.keys.getByRole('rowheader', { name: keyName })).toHaveCount(0);
  await plans.applied.getByRole('button', { name: 'Undo' }).click();
  await plans.review.getByRole('button', { name: 'Apply' }).click();
  await expect(plans.applied).toBeVisible();
  await expect(plans.keys.getByRole('rowheader', { name: keyName })).toBeVisible();
});

test('an operator extends a key\'s remaining quota after seeing the exact UpdateUsage, then undoes it', async ({ page }) => {
  await signedIn(page, 'operator');
  const plans = new UsagePlanPage(page);
  await plans.open(`e2e-keys-${run}`);
  const row = plans.remaining.getByRole('row', { name: new RegExp(keyName) });
  await expect(row).toContainText('1,000');
  await row.getByRole('button', { name: `Change the remaining quota of ${keyName}` }).click();
  await page.getByLabel('Extend by').fill('500');
  await page.getByRole('button', { name: 'Add to remaining' }).click();
  await expect(page.getByLabel('Remaining requests')).toHaveValue('1500');
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await expect(plans.changes).toContainText('1,000');
  await expect(plans.changes).toContainText('1,500');
  expect(await plans.previewedRequests()).toEqual([{ usagePlanId: planIds.keys!, keyId, patchOperations: [{ op: 'replace', path: '/remaining', value: '1500' }] }]);
  await plans.review.getByRole('button', { name: 'Apply' }).click();
  await expect(plans.applied).toContainText(`remaining quota of ${keyName} set to 1,500`);
  await expect(row).toContainText('1,500');
  await plans.applied.getByRole('button', { name: 'Undo' }).click();
  await plans.review.getByRole('button', { name: 'Apply' }).click();
  await expect(plans.applied).toContainText('set to 1,000');
  await expect(row.getByRole('cell').nth(1)).toHaveText('1,000');
});

test('an operator creates a plan with an API stage, then deletes it after typing its name', async ({ page }) => {
  test.setTimeout(120_000);
  await signedIn(page, 'operator');
  const plans = new UsagePlanPage(page);
  const name = `e2e-created-${run}`;
  await plans.gotoList();
  await page.getByRole('button', { name: 'Create usage plan' }).click();
  const form = page.getByRole('form', { name: 'Create a usage plan' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Rate (requests per second)').fill('5');
  await form.getByLabel('Burst (requests)').fill('10');
  await form.getByLabel('Quota limit (requests)').fill('100');
  await form.getByLabel('Quota period').selectOption('DAY');
  await form.getByLabel('API', { exact: true }).selectOption({ label: `Internal Health (${apiIds['Internal Health']})` });
  await form.getByLabel('Stage', { exact: true }).selectOption('prod');
  await form.getByRole('button', { name: 'Add API stage' }).click();
  await form.getByRole('button', { name: 'Review' }).click();
  expect(await plans.previewedRequests()).toEqual([
    {
      name,
      throttle: { rateLimit: 5, burstLimit: 10 },
      quota: { limit: 100, period: 'DAY', offset: 0 },
      apiStages: [{ apiId: apiIds['Internal Health'], stage: 'prod' }],
    },
  ]);
  await plans.review.getByRole('button', { name: 'Create plan' }).click();
  await expect(plans.applied).toContainText(`Created usage plan ${name}`);
  await plans.applied.getByRole('link', { name: `Open ${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  await page.getByRole('button', { name: 'Delete plan' }).click();
  const review = page.getByRole('region', { name: 'Review deletion' });
  const requests = await review.locator('pre').allInnerTexts();
  expect(requests.map((r) => JSON.parse(r))).toEqual([
    { usagePlanId: expect.any(String), patchOperations: [{ op: 'remove', path: '/apiStages', value: `${apiIds['Internal Health']}:prod` }] },
    { usagePlanId: expect.any(String) },
  ]);
  const del = review.getByRole('button', { name: 'Delete plan' });
  await expect(del).toBeDisabled();
  await review.getByLabel(`To delete this plan, type ${name}`).fill(name.slice(0, -1));
  await expect(del).toBeDisabled();
  await review.getByLabel(`To delete this plan, type ${name}`).fill(name);
  await del.click();
  await expect(page.getByRole('region', { name: 'Change applied' })).toContainText(`Deleted usage plan ${name}`, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page).toHaveURL(/\/usage-plans$/);
  await expect(plans.list.getByRole('link', { name, exact: true })).toHaveCount(0);
  const left = await v1.send(new GetUsagePlansCommand({ limit: 500 }));
  expect(left.items?.some((p) => p.name === name)).toBe(false);
});
