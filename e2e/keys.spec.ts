import { expect, test } from '@playwright/test';
import { CreateApiKeyCommand, CreateUsagePlanKeyCommand, GetApiKeyCommand, GetApiKeysCommand, GetUsagePlansCommand, TagResourceCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { E2E_SANDBOX_PORT, E2E_SCALE_PORT, E2E_SCALE_SANDBOX_PORT } from '../playwright.config.js';
import { injectFault, signedIn, watchAccessKey } from './support.js';
import { awsAs } from './aws.js';
import { KeysPage } from './pages/keys-page.js';
import { SignInPage } from './pages/sign-in-page.js';

/** A partner key in one demo plan, made behind the browser's back. */
async function partnerKey(v1: APIGatewayClient, base: string): Promise<{ id: string; name: string }> {
  // Unique per run, so a retried or repeated test never finds the key an earlier run left.
  const name = `${base}-${Date.now().toString(36)}`;
  const key = await v1.send(new CreateApiKeyCommand({ name, enabled: true, customerId: name, tags: { team: 'partners' } }));
  const plans = await v1.send(new GetUsagePlansCommand({ limit: 500 }));
  const plan = plans.items!.find((p) => p.name === 'Mobile Apps')!;
  await v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: plan.id!, keyId: key.id!, keyType: 'API_KEY' }));
  return { id: key.id!, name };
}

test('10,000 keys load in 20 pages and a keystroke finds one', async ({ page }) => {
  test.setTimeout(90_000);
  const base = `http://localhost:${E2E_SCALE_PORT}`;
  let getApiKeys = 0;
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.port === String(E2E_SCALE_SANDBOX_PORT) && r.method() === 'GET' && u.pathname === '/apikeys') getApiKeys++;
  });
  await page.goto(`${base}/sign-in`);
  await new SignInPage(page).signIn('viewer');
  await expect(page.getByText(/^\d+ APIs:/)).toBeVisible({ timeout: 30_000 });
  const keys = new KeysPage(page);
  await keys.goto(base);
  await expect(keys.count).toHaveText(/^10000 keys/, { timeout: 30_000 });
  expect(getApiKeys).toBe(20);
  // Only the rows in view are in the page, however many keys there are.
  expect(await keys.table.locator('tbody tr[aria-rowindex]').count()).toBeLessThan(60);
  const name = await keys.table.locator('tbody tr[aria-rowindex]').nth(3).getByRole('link').innerText();
  await keys.search.fill(name);
  await expect(keys.table.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${encodeURIComponent(name)}`));
});

test('create a key in a plan, reveal its value, disable, enable and delete it', async ({ page }) => {
  const name = `e2e-created-key-${Date.now().toString(36)}`;
  await signedIn(page, 'operator');
  const keys = new KeysPage(page);
  await keys.goto();
  await page.getByRole('button', { name: 'Create key' }).click();
  const form = page.getByRole('form', { name: 'Create API key' });
  await form.getByRole('button', { name: 'Review' }).click();
  await expect(form.getByText('Name is required.')).toBeVisible();
  await form.getByLabel('Name').fill(name);
  await form.getByLabel(/^Value/).fill('too-short');
  await form.getByRole('button', { name: 'Review' }).click();
  await expect(form.getByText(/Value must be 20 to 128 characters/)).toBeVisible();
  await form.getByLabel(/^Value/).fill('');
  await form.getByLabel(/^Tags/).fill('team=e2e');
  await form.getByLabel('Mobile Apps').check();
  await form.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByRole('region', { name: 'Review new key' }).locator('pre').first()).toContainText(`"name": "${name}"`);
  await page.getByRole('button', { name: 'Create key' }).last().click();
  await expect(page.getByRole('status').filter({ hasText: `Created ${name}` })).toContainText('in 1 usage plan');
  await page.getByRole('button', { name: 'Open the key' }).click();

  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
  await expect(page.getByText('Mobile Apps')).toBeVisible();
  await expect(page.getByLabel('API key value')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reveal value' }).click();
  await expect(page.getByLabel('API key value')).toHaveText(/^[A-Za-z0-9]{20,}$/);
  await page.getByRole('button', { name: 'Hide' }).click();
  expect(page.url()).not.toMatch(/value/i);

  await page.getByRole('button', { name: 'Disable…' }).click();
  await page.getByLabel(`To disable it, type ${name}`).fill(name);
  await page.getByRole('button', { name: 'Disable key' }).click();
  await expect(page.getByRole('banner').or(page.locator('header')).getByText('Disabled', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: 'Enable' }).click();
  await expect(page.locator('header').getByText('Enabled', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByLabel(`To delete it, type ${name}`).fill(name);
  await page.getByRole('button', { name: 'Delete key' }).click();
  await expect(page).toHaveURL(/\/keys$/);
  await keys.search.fill(name);
  await expect(page.getByText('No key matches this search and these filters.')).toBeVisible();
});

test('CSV import shows every row’s problem first and imports only the good rows', async ({ page }) => {
  await signedIn(page, 'admin');
  const keys = new KeysPage(page);
  await keys.goto();
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const csv = [
    'Name,Key,Description,Enabled',
    'csv-import-good,abcdefghijklmnopqrstuvwxyz0123456789,Imported,true',
    'csv-import-short,short-value,Too short,true',
    'csv-import-off,ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,Second,false',
  ].join('\n');
  await page.getByLabel(/CSV file/).setInputFiles({ name: 'keys.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const rows = page.getByRole('table', { name: 'Rows to import' });
  await expect(rows.getByRole('row', { name: /csv-import-short/ })).toContainText('Skipped: Key must be 30 to 128 characters');
  await expect(page.getByText('2 rows will be imported; 1 with problems will be skipped.')).toBeVisible();
  await page.getByRole('button', { name: 'Import 2 keys' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 keys from keys.csv' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  await keys.search.fill('csv-import');
  await expect(keys.count).toHaveText(/^2 of \d+ keys/);
});

test('rotate a partner key: both keys work, then finish', async ({ page }) => {
  const { v1 } = await awsAs('admin');
  const { id: oldId, name } = await partnerKey(v1, 'partner-e2e-rotate');
  await signedIn(page, 'operator');
  const keys = new KeysPage(page);
  await keys.goto();
  await keys.openKey(name);
  await page.getByLabel('Grace period (days)').fill('3');
  await page.getByRole('button', { name: 'Rotate key' }).click();
  await expect(page.getByText(/^Both keys work now/)).toBeVisible({ timeout: 20_000 });
  const successorId = (await page.getByText(/^Both keys work now/).locator('span.font-mono').innerText()).trim();
  const successor = await v1.send(new GetApiKeyCommand({ apiKey: successorId }));
  expect(successor).toMatchObject({ enabled: true, customerId: name });
  expect((await v1.send(new GetUsagePlansCommand({ keyId: successorId }))).items!.map((p) => p.name)).toEqual(['Mobile Apps']);

  await page.getByRole('button', { name: 'Finish: disable the old key' }).click();
  await expect(page.getByText('Rotation finished: only the successor works now.')).toBeVisible();
  expect((await v1.send(new GetApiKeyCommand({ apiKey: oldId }))).enabled).toBe(false);
  expect((await v1.send(new GetApiKeyCommand({ apiKey: successorId }))).enabled).toBe(true);
});

test('finish a rotation by deleting the old key, confirmed with its name, and carry on on the successor', async ({ page }) => {
  const { v1 } = await awsAs('admin');
  const { id: oldId, name } = await partnerKey(v1, 'partner-e2e-rotate-delete');
  await signedIn(page, 'operator');
  const keys = new KeysPage(page);
  await keys.goto();
  await keys.openKey(name);
  await page.getByRole('button', { name: 'Rotate key' }).click();
  await expect(page.getByText(/^Both keys work now/)).toBeVisible({ timeout: 20_000 });
  const successorId = (await page.getByText(/^Both keys work now/).locator('span.font-mono').innerText()).trim();

  await page.getByRole('button', { name: 'Finish: delete the old key…' }).click();
  const confirm = page.getByRole('button', { name: 'Delete the old key', exact: true });
  await expect(confirm).toBeDisabled();
  await page.getByLabel(`To delete the old key, type ${name}`).fill(name);
  await confirm.click();
  await expect(page).toHaveURL(new RegExp(`/keys/${successorId}$`));
  await expect(page.getByText('Rotation finished: only the successor works now.')).toBeVisible();
  await expect(v1.send(new GetApiKeyCommand({ apiKey: oldId }))).rejects.toMatchObject({ name: 'NotFoundException' });
  expect((await v1.send(new GetApiKeyCommand({ apiKey: successorId }))).enabled).toBe(true);
  expect((await v1.send(new GetUsagePlansCommand({ keyId: successorId }))).items!.map((p) => p.name)).toEqual(['Mobile Apps']);
});

// Every step that writes or reads what the rotation carries over, failed in turn (GetUsagePlans is left out:
// the keys page reads plans itself, so a fault on it could hit the page instead of the rotation).
for (const [operation, nth, step] of [
  ['TagResource', 1, 'Mark the old key as rotating'],
  ['CreateApiKey', 1, 'Create the successor key'],
  ['TagResource', 2, 'Record the successor on the old key'],
  ['CreateUsagePlanKey', 1, 'Join plan 1 of 1 (Mobile Apps)'],
  ['TagResource', 3, 'Record that the successor is in every plan'],
  ['GetUsage', 1, 'Carry the remaining quota over (Mobile Apps)'],
  ['UpdateUsage', 1, 'Carry the remaining quota over (Mobile Apps)'],
  ['TagResource', 4, 'Open the overlap: both keys work'],
] as const) {
  test(`a rotation that fails at “${step}” (${operation} #${nth}) is undone and the old key still works`, async ({ page }) => {
    const { v1 } = await awsAs('admin');
    const { id: oldId, name } = await partnerKey(v1, `partner-e2e-fail-${operation.toLowerCase()}-${nth}`);
    const accessKey = watchAccessKey(page, E2E_SANDBOX_PORT);
    await signedIn(page, 'operator');
    const keys = new KeysPage(page);
    await keys.goto();
    await keys.openKey(name);
    await injectFault(E2E_SANDBOX_PORT, { operation, nth, accessKeyId: accessKey() });
    await page.getByRole('button', { name: 'Rotate key' }).click();
    const failure = page.getByRole('alert').filter({ hasText: `${step} failed. Everything the rotation did was undone.` });
    await expect(failure).toContainText(`Injected failure of ${operation}`, { timeout: 20_000 });
    await expect(page.getByText(`Checked after the undo: ${name} is enabled and in 1 usage plan: Mobile Apps.`)).toBeVisible();
    const old = await v1.send(new GetApiKeyCommand({ apiKey: oldId }));
    expect(old.enabled).toBe(true);
    expect(Object.keys(old.tags ?? {}).filter((t) => t.startsWith('gwc:'))).toEqual([]);
    expect((await v1.send(new GetUsagePlansCommand({ keyId: oldId }))).items!.map((p) => p.name)).toEqual(['Mobile Apps']);
    const successors = await v1.send(new GetApiKeysCommand({ nameQuery: `${name}-rotated`, limit: 500 }));
    expect(successors.items ?? []).toEqual([]);
  });
}

test('an interrupted rotation is found after a reload and can be resumed', async ({ page }) => {
  const { v1 } = await awsAs('admin');
  const { id: oldId, name } = await partnerKey(v1, 'partner-e2e-interrupted');
  // What a browser closed mid-rotation leaves behind: the old key marked, a successor in no plan yet.
  const started = new Date(Date.now() - 10 * 60_000).toISOString();
  const grace = new Date(Date.now() + 86_400_000).toISOString();
  await v1.send(new TagResourceCommand({ resourceArn: `arn:aws:apigateway:us-east-1::/apikeys/${oldId}`, tags: { 'gwc:rotation:state': 'created', 'gwc:rotation:started': started, 'gwc:rotation:grace-ends': grace } }));
  const successor = await v1.send(new CreateApiKeyCommand({ name: `${name}-rotated`, enabled: true, tags: { 'gwc:rotation:predecessor': oldId } }));

  await signedIn(page, 'operator');
  const keys = new KeysPage(page);
  await keys.goto();
  const banner = page.getByRole('region', { name: 'Key rotations' });
  await expect(banner).toContainText(new RegExp(`${name}\\s*was interrupted at “created”`));
  await page.reload();
  await banner.getByRole('button', { name: `Resume rotation of ${name}` }).click();
  await expect(banner.getByText(/^Both keys work now/)).toBeVisible({ timeout: 20_000 });
  expect((await v1.send(new GetUsagePlansCommand({ keyId: successor.id! }))).items!.map((p) => p.name)).toEqual(['Mobile Apps']);
});

test('bulk rotation of 20 keys runs within the quotas and surfaces no 429', async ({ page }) => {
  test.setTimeout(180_000);
  const { v1 } = await awsAs('admin');
  const prefix = `bulk-e2e-${Date.now().toString(36)}-`;
  for (let i = 0; i < 20; i++) {
    await v1.send(new CreateApiKeyCommand({ name: `${prefix}${String(i).padStart(2, '0')}`, enabled: true }));
    await new Promise((r) => setTimeout(r, 250)); // CreateApiKey: 5 per second
  }
  await signedIn(page, 'operator');
  const keys = new KeysPage(page);
  await keys.goto();
  await keys.search.fill(prefix);
  await expect(keys.count).toHaveText(/^20 of \d+ keys/);
  await keys.table.getByRole('checkbox', { name: 'Select all 20 shown' }).check();
  await page.getByLabel('Grace period (days)').fill('2');
  await page.getByRole('button', { name: 'Rotate…' }).click();
  await page.getByLabel('To rotate them, type 20 keys').fill('20 keys');
  await page.getByRole('button', { name: 'Rotate 20 keys' }).click();
  const job = page.getByRole('region', { name: 'Bulk job' });
  await expect(job.getByText(/^20 of 20 done · 0 failed/)).toBeVisible({ timeout: 150_000 });
  // (Not a bare 429: a random key id can contain those digits.)
  await expect(job.getByText(/TooManyRequests|Too Many Requests/)).toHaveCount(0);
});

test('a rotation whose grace period has ended is finished when an operator opens the keys', async ({ page }) => {
  const { v1 } = await awsAs('admin');
  const { id: oldId, name } = await partnerKey(v1, 'partner-e2e-due');
  const successor = await v1.send(new CreateApiKeyCommand({ name: `${name}-rotated`, enabled: true, tags: { 'gwc:rotation:predecessor': oldId, 'gwc:rotation:state': 'overlap' } }));
  const plans = await v1.send(new GetUsagePlansCommand({ limit: 500 }));
  await v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: plans.items!.find((p) => p.name === 'Mobile Apps')!.id!, keyId: successor.id!, keyType: 'API_KEY' }));
  const past = new Date(Date.now() - 60_000).toISOString();
  await v1.send(
    new TagResourceCommand({
      resourceArn: `arn:aws:apigateway:us-east-1::/apikeys/${oldId}`,
      tags: { 'gwc:rotation:state': 'overlap', 'gwc:rotation:successor': successor.id!, 'gwc:rotation:started': past, 'gwc:rotation:grace-ends': past },
    }),
  );
  await signedIn(page, 'operator');
  await new KeysPage(page).goto();
  await expect(page.getByRole('region', { name: 'Key rotations' })).toContainText(`Finished 1 rotation whose grace period had ended (old key disabled): ${name}`, { timeout: 20_000 });
  expect((await v1.send(new GetApiKeyCommand({ apiKey: oldId }))).enabled).toBe(false);
  expect((await v1.send(new GetApiKeyCommand({ apiKey: successor.id! }))).enabled).toBe(true);
});

test('a viewer sees keys and rotations but can change nothing', async ({ page }) => {
  await signedIn(page, 'viewer');
  const keys = new KeysPage(page);
  await keys.goto();
  for (const name of ['Create key', 'Import CSV']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await expect(keys.table.getByRole('checkbox')).toHaveCount(0);
  await keys.openKey('mobile-app-ios');
  for (const name of ['Rotate key', 'Disable…', 'Delete…']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  // Revealing a value is a read, which a viewer may do.
  await expect(page.getByRole('button', { name: 'Reveal value' })).toBeVisible();
});

test('a bulk job interrupted by a reload resumes where it stopped', async ({ page }) => {
  test.setTimeout(120_000);
  const { v1 } = await awsAs('admin');
  const prefix = `resume-e2e-${Date.now().toString(36)}-`;
  for (let i = 0; i < 8; i++) {
    await v1.send(new CreateApiKeyCommand({ name: `${prefix}${i}`, enabled: true }));
    await new Promise((r) => setTimeout(r, 250));
  }
  await signedIn(page, 'operator');
  const keys = new KeysPage(page);
  await keys.goto();
  await keys.search.fill(prefix);
  await keys.table.getByRole('checkbox', { name: 'Select all 8 shown' }).check();
  await page.getByRole('button', { name: 'Rotate…' }).click();
  await page.getByLabel('To rotate them, type 8 keys').fill('8 keys');
  await page.getByRole('button', { name: 'Rotate 8 keys' }).click();
  const job = page.getByRole('region', { name: 'Bulk job' });
  await expect(job.getByText(/^[1-7] of 8 done/)).toBeVisible({ timeout: 30_000 });
  await page.reload();
  await expect(job.getByText(/paused or interrupted/)).toBeVisible();
  await job.getByRole('button', { name: /^Resume \(\d left\)$/ }).click();
  await expect(job.getByText(/^8 of 8 done · 0 failed/)).toBeVisible({ timeout: 60_000 });
});
