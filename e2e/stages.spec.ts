import { expect, test } from '@playwright/test';
import { GetStageCommand as GetV2StageCommand } from '@aws-sdk/client-apigatewayv2';
import { GetStageCommand, GetRestApisCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway';
import { signedIn } from './support.js';
import { StagePage } from './pages/stage-page.js';
import { awsAs } from './aws.js';

test('an operator changes REST throttling after seeing the exact patch, then undoes it', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Pet Store', 'prod');
  const [rateBefore] = await stage.limits('Stage default');

  await page.getByRole('button', { name: 'Edit throttling' }).click();
  await page.getByLabel('Stage default rate').fill('321');
  const add = page.getByLabel('Add an override for');
  const target = (await add.locator('option').nth(1).innerText()).trim();
  await add.selectOption({ label: target });
  await page.getByRole('button', { name: 'Add override' }).click();
  await page.getByLabel(`${target} rate`).fill('12');
  await page.getByLabel(`${target} burst`).fill('24');
  await page.getByRole('button', { name: 'Review changes' }).click();

  await expect(stage.changes.getByRole('row', { name: /Stage default: rate/ })).toContainText('321');
  const [request] = (await stage.previewedRequests()) as { patchOperations: { op: string; path: string; value: string }[] }[];
  expect(request!.patchOperations).toContainEqual({ op: 'replace', path: '/*/*/throttling/rateLimit', value: '321' });
  const [verb, path] = target.split(' ');
  const prefix = `/${path!.replace(/\//g, '~1')}/${verb}`;
  expect(request!.patchOperations).toContainEqual({ op: 'replace', path: `${prefix}/throttling/rateLimit`, value: '12' });
  expect(request!.patchOperations).toContainEqual({ op: 'replace', path: `${prefix}/throttling/burstLimit`, value: '24' });

  await stage.apply();
  await expect(stage.applied).toBeVisible();
  await stage.applied.getByRole('button', { name: 'Undo' }).click();
  await expect(stage.review.getByRole('heading', { name: /^Review: Undo/ })).toBeVisible();
  const [undo] = (await stage.previewedRequests()) as { patchOperations: { op: string; path: string }[] }[];
  expect(undo!.patchOperations).toContainEqual({ op: 'remove', path: prefix });
  await stage.apply();
  await expect(stage.applied).toBeVisible();
  await stage.applied.getByRole('button', { name: 'Done' }).click();
  expect((await stage.limits('Stage default'))[0]).toBe(rateBefore);
  await expect(stage.throttling.getByRole('rowheader', { name: target, exact: true })).toHaveCount(0);
});

test('bad limits are named before anything is sent, and a limit of 0 must be confirmed', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Partner Orders API', 'staging');
  let updates = 0;
  page.on('request', (r) => {
    if (r.method() === 'PATCH') updates++;
  });
  await page.getByRole('button', { name: 'Edit throttling' }).click();
  await page.getByLabel('Stage default rate').fill('-5');
  await page.getByLabel('Stage default burst').fill('99999');
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByText('Rate must be a non-negative number, such as 100 or 12.5.')).toBeVisible();
  await expect(page.getByText("Burst must be at most 5,000, the account's limit.")).toBeVisible();

  await page.getByLabel('Stage default rate').fill('0');
  await page.getByLabel('Stage default burst').fill('10');
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(stage.review.getByText('A limit of 0 blocks all traffic')).toBeVisible();
  const apply = stage.review.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeDisabled();
  await stage.review.getByLabel('I mean to block this traffic').check();
  await expect(apply).toBeEnabled();
  // Back keeps what was typed.
  await stage.review.getByRole('button', { name: 'Back' }).click();
  await expect(page.getByLabel('Stage default rate')).toHaveValue('0');
  expect(updates).toBe(0);
});

test('a change stops when the stage changed underneath since the form opened', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Internal Health', 'prod');
  await page.getByRole('button', { name: 'Edit throttling' }).click();
  await page.getByLabel('Stage default rate').fill('100');
  await page.getByLabel('Stage default burst').fill('50');
  await page.getByRole('button', { name: 'Review changes' }).click();

  // Another operator changes the same limit meanwhile.
  const { v1 } = await awsAs('admin');
  const apis = await v1.send(new GetRestApisCommand({ limit: 500 }));
  const restApiId = apis.items!.find((a) => a.name === 'Internal Health')!.id!;
  await v1.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/*/*/throttling/rateLimit', value: '777' }] }));

  await stage.apply();
  const stopped = page.getByRole('region', { name: 'Change stopped' });
  await expect(stopped.getByRole('heading', { name: 'Stopped: the stage changed since you opened this form' })).toBeVisible();
  await expect(stopped.getByRole('row', { name: /Stage default: rate/ })).toContainText('777');
  const after = await v1.send(new GetStageCommand({ restApiId, stageName: 'prod' }));
  expect(after.methodSettings?.['*/*']?.throttlingRateLimit).toBe(777);
});

test('HTTP API route overrides: change one, remove one (DeleteRouteSettings), as previewed', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Checkout HTTP API', 'prod');
  await page.getByRole('button', { name: 'Edit throttling' }).click();
  await page.getByLabel('POST /orders rate').fill('60');
  await page.getByRole('button', { name: 'Remove override for GET /orders/{id}' }).click();
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(stage.changes.getByRole('row', { name: /Throttling override for GET \/orders\/\{id\}/ })).toContainText('Requests fall back to the stage default.');

  const requests = (await stage.previewedRequests()) as Record<string, unknown>[];
  expect(requests).toHaveLength(2);
  expect(requests[0]!.RouteSettings).toEqual({ 'POST /orders': expect.objectContaining({ ThrottlingRateLimit: 60, ThrottlingBurstLimit: 100 }) });
  expect(requests[1]).toMatchObject({ RouteKey: 'GET /orders/{id}' });
  await stage.apply();
  await expect(stage.applied).toBeVisible();
  await stage.applied.getByRole('button', { name: 'Done' }).click();
  expect(await stage.limits('POST /orders')).toEqual(['60', '100']);
  await expect(stage.throttling.getByRole('rowheader', { name: 'GET /orders/{id}' })).toHaveCount(0);

  const { v2 } = await awsAs('admin');
  const apiId = page.url().split('/apis/v2/')[1]!.split('/')[0]!;
  const held = await v2.send(new GetV2StageCommand({ ApiId: apiId, StageName: 'prod' }));
  expect(Object.keys(held.RouteSettings ?? {})).not.toContain('GET /orders/{id}');
});

test('stage variables are added, changed and removed with the same preview', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('partner-webhooks', 'dev');
  const vars = page.getByRole('region', { name: 'Stage variables' });
  await page.getByRole('button', { name: 'Edit variables' }).click();
  await page.getByLabel('Variable 1 value').fill('10');
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Variable 2 name').fill('bad name!');
  await page.getByLabel('Variable 2 value').fill('3');
  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(page.getByText('Name may contain only letters, digits and _ (at most 64).')).toBeVisible();
  await page.getByLabel('Variable 2 name').fill('retries');
  await page.getByRole('button', { name: 'Review changes' }).click();
  const [req] = (await stage.previewedRequests()) as { StageVariables: Record<string, string> }[];
  expect(req!.StageVariables).toEqual({ partnerTimeout: '10', retries: '3' });
  await stage.apply();
  await stage.applied.getByRole('button', { name: 'Done' }).click();
  await expect(vars.getByText('retries')).toBeVisible();

  await page.getByRole('button', { name: 'Edit variables' }).click();
  await page.getByRole('button', { name: 'Remove variable retries' }).click();
  await page.getByRole('button', { name: 'Review changes' }).click();
  const [removal] = (await stage.previewedRequests()) as { StageVariables: Record<string, string> }[];
  // HTTP APIs merge stage variables by name; an empty value is how one is removed.
  expect(removal!.StageVariables).toEqual({ retries: '' });
  await stage.apply();
  await stage.applied.getByRole('button', { name: 'Done' }).click();
  await expect(vars.getByText('retries')).toHaveCount(0);
  await expect(vars.getByText('partnerTimeout')).toBeVisible();
});

test('roll a stage back to an earlier deployment, and forward again with undo', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Partner Orders API', 'prod');
  const serves = page.getByRole('region', { name: 'Deployment' }).getByRole('definition').first();
  const before = (await serves.innerText()).trim();
  await page.getByRole('button', { name: 'Roll back…' }).click();
  const choice = page.getByRole('radio').nth(0);
  const target = await choice.getAttribute('value');
  await choice.check();
  await page.getByRole('button', { name: 'Review roll-back' }).click();
  await expect(stage.changes.getByRole('row', { name: /Deployment/ })).toContainText(`${before}${target}`);
  const [req] = (await stage.previewedRequests()) as { patchOperations: unknown[] }[];
  expect(req!.patchOperations).toEqual([{ op: 'replace', path: '/deploymentId', value: target }]);
  await stage.apply();
  await expect(stage.applied).toBeVisible();
  await expect(serves).toHaveText(target!);
  await stage.applied.getByRole('button', { name: 'Undo' }).click();
  await stage.apply();
  await expect(stage.applied.getByRole('heading', { name: /^Applied: Undo/ })).toBeVisible();
  await expect(serves).toHaveText(before);
});

test('a canary: change its share, then promote it with typed confirmation', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Payments', 'prod');
  const canary = page.getByRole('region', { name: 'Canary' });
  await canary.getByLabel('New canary traffic (%)').fill('25');
  await canary.getByRole('button', { name: 'Review new share' }).click();
  const [req] = (await stage.previewedRequests()) as { patchOperations: unknown[] }[];
  expect(req!.patchOperations).toEqual([{ op: 'replace', path: '/canarySettings/percentTraffic', value: '25' }]);
  await stage.apply();
  await stage.applied.getByRole('button', { name: 'Done' }).click();
  await expect(canary.getByText('25% of requests')).toBeVisible();

  const canaryDeployment = (await canary.getByRole('definition').first().innerText()).trim();
  await canary.getByRole('button', { name: 'Promote…' }).click();
  const apply = stage.review.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeDisabled();
  await stage.review.getByLabel('To apply this change, type prod').fill('prod');
  const [promote] = (await stage.previewedRequests()) as { patchOperations: { op: string; path: string }[] }[];
  expect(promote!.patchOperations).toEqual([
    { op: 'replace', path: '/deploymentId', value: canaryDeployment },
    { op: 'replace', path: '/variables/lambdaAlias', value: 'canary' },
    { op: 'remove', path: '/canarySettings' },
  ]);
  await apply.click();
  await expect(stage.applied).toBeVisible();
  await expect(stage.applied.getByText('This change cannot be undone by another stage update.')).toBeVisible();
  await stage.applied.getByRole('button', { name: 'Done' }).click();
  await expect(canary.getByText('No canary.')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Deployment' }).getByRole('definition').first()).toHaveText(canaryDeployment);
});

test('deploy to a stage, then deploy a canary; the history shows which stages serve what', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.openApi('Internal Health');
  const history = page.getByRole('table', { name: 'Deployments' });
  // Count only once the history has loaded (the panel shows a spinner before the table).
  await expect(history.locator('tbody tr').first()).toBeVisible();
  const before = await history.locator('tbody tr').count();

  await page.getByRole('button', { name: 'Deploy…' }).click();
  await page.getByRole('combobox', { name: 'Stage' }).selectOption('dev');
  await page.getByLabel('Description').fill('Health check v2 (e2e)');
  await page.getByRole('button', { name: 'Review deployment' }).click();
  await expect(page.getByRole('region', { name: 'Review deployment' }).locator('pre')).toContainText('"stageName": "dev"');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deployed' })).toContainText('to dev');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(history.locator('tbody tr')).toHaveCount(before + 1);
  await expect(history.getByRole('row', { name: /Health check v2 \(e2e\)/ })).toContainText('dev');

  // A second deployment within AWS's 5-second quota waits its turn instead of failing.
  await page.getByRole('button', { name: 'Deploy…' }).click();
  await page.getByRole('combobox', { name: 'Stage' }).selectOption('prod');
  await page.getByLabel('Description').fill('Canary candidate (e2e)');
  await page.getByLabel(/Deploy as a canary/).check();
  await page.getByLabel('Canary traffic (%)').fill('5');
  await page.getByRole('button', { name: 'Review deployment' }).click();
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  // Paced by the console to AWS's quota, so this can take up to 5.5 seconds more.
  await expect(page.getByRole('status').filter({ hasText: 'Deployed' })).toContainText('as a canary taking 5%', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(history.getByRole('row', { name: /Canary candidate \(e2e\)/ })).toContainText('prod (canary 5%)');
});

test('auto-deploy stages are explained, not offered for deploys or roll-backs', async ({ page }) => {
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Checkout HTTP API', '$default');
  await expect(page.getByText('Roll-back is not offered on an auto-deploy stage')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Roll back…' })).toHaveCount(0);
  await stage.openApi('Checkout HTTP API');
  await page.getByRole('button', { name: 'Deploy…' }).click();
  await expect(page.getByRole('combobox', { name: 'Stage' }).locator('option', { hasText: '$default' })).toHaveCount(0);
  await expect(page.getByText(/Not offered: \$default \(auto-deploy/)).toBeVisible();
});

test('a viewer sees stages but no way to change them', async ({ page }) => {
  await signedIn(page, 'viewer');
  const stage = new StagePage(page);
  await stage.open('Pet Store', 'prod');
  await expect(page.getByRole('heading', { name: 'Stage variables' })).toBeVisible();
  for (const name of ['Edit throttling', 'Edit variables', 'Roll back…']) await expect(page.getByRole('button', { name })).toHaveCount(0);
  await expect(page.getByText("Read only: your role (viewer) can see this stage's settings but not change them.")).toBeVisible();
  await stage.openApi('Pet Store');
  await expect(page.getByRole('button', { name: 'Deploy…' })).toHaveCount(0);
});
