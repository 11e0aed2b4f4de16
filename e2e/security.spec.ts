import { expect, test, type Page } from '@playwright/test';
import { CreateApiKeyCommand, CreateRestApiCommand, CreateStageCommand, GetRestApisCommand, UpdateStageCommand, APIGatewayClient, PutMethodCommand, PutIntegrationCommand, CreateDeploymentCommand } from '@aws-sdk/client-api-gateway';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand } from '@aws-sdk/client-cognito-identity';
import { E2E_SANDBOX_PORT } from '../playwright.config.js';
import { signedIn } from './support.js';
import { awsAs } from './aws.js';
import { StagePage } from './pages/stage-page.js';
import { KeysPage } from './pages/keys-page.js';

/** Collects CSP violations and any dialog (alert/confirm) the page opens: either fails the test. */
async function watch(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  return {
    dialogs,
    csp: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    xss: () => page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
  };
}

test('every screen runs under the strict Content-Security-Policy', async ({ page }) => {
  const w = await watch(page);
  const response = await page.goto('/sign-in');
  const csp = response!.headers()['content-security-policy']!;
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Pet Store', 'prod');
  await new KeysPage(page).goto();
  await page.goto('/usage-plans');
  await expect(page.getByRole('heading', { name: 'Usage plans' })).toBeVisible();
  expect(await w.csp()).toEqual([]);
  expect(w.dialogs).toEqual([]);
});

test('names, descriptions and tags carrying HTML or script are shown as text and never run', async ({ page }) => {
  const { v1 } = await awsAs('admin');
  const apiName = '<img src=x onerror="window.__xss=1">';
  const api = await v1.send(new CreateRestApiCommand({ name: apiName, description: '<script>window.__xss=2</script>' }));
  await v1.send(new PutMethodCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', authorizationType: 'NONE' }));
  await v1.send(new PutIntegrationCommand({ restApiId: api.id!, resourceId: api.rootResourceId!, httpMethod: 'GET', type: 'MOCK' }));
  const dep = await v1.send(new CreateDeploymentCommand({ restApiId: api.id! }));
  await v1.send(new CreateStageCommand({ restApiId: api.id!, stageName: 'xss', deploymentId: dep.id!, description: '<iframe src="javascript:window.__xss=3"></iframe>' }));
  const keyName = '"><svg onload="window.__xss=4">';
  // (Tag values cannot carry markup: AWS allows only letters, digits, spaces and _ . : / = + - @.)
  await v1.send(new CreateApiKeyCommand({ name: keyName, description: '<b onmouseover="window.__xss=5">hover</b>' }));

  const w = await watch(page);
  await signedIn(page, 'viewer');
  await page.getByRole('searchbox', { name: 'Search APIs' }).fill('img src');
  await expect(page.getByRole('link', { name: apiName })).toBeVisible();
  await page.getByRole('link', { name: apiName }).click();
  await expect(page.getByRole('heading', { name: apiName, level: 1 })).toBeVisible();
  await expect(page.getByText('<script>window.__xss=2</script>')).toBeVisible();
  await page.getByRole('table', { name: 'Stages' }).getByRole('link', { name: 'xss' }).click();
  await expect(page.getByText('<iframe src="javascript:window.__xss=3"></iframe>')).toBeVisible();
  const keys = new KeysPage(page);
  await keys.goto();
  await keys.search.fill('svg onload');
  await expect(keys.table.getByRole('link', { name: keyName })).toBeVisible();
  await keys.table.getByRole('link', { name: keyName }).hover();
  await keys.table.getByRole('link', { name: keyName }).click();
  await expect(page.getByText('<b onmouseover="window.__xss=5">hover</b>')).toBeVisible();

  expect(await w.xss()).toBeUndefined();
  expect(w.dialogs).toEqual([]);
  expect(await page.locator('img[src="x"], svg[onload], iframe').count()).toBe(0);
});

test('a write forced with a viewer’s own session is refused by AWS, not just hidden', async ({ page }) => {
  await signedIn(page, 'viewer');
  const session = JSON.parse((await page.evaluate(() => sessionStorage.getItem('gateway-console.session')))!) as { idToken: string; identityId: string };
  const endpoint = `http://localhost:${E2E_SANDBOX_PORT}`;
  const identity = new CognitoIdentityClient({ region: 'us-east-1', endpoint });
  const logins = { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_GwConsole': session.idToken };
  const { Credentials: c } = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId: session.identityId, Logins: logins }));
  const v1 = new APIGatewayClient({
    region: 'us-east-1',
    endpoint,
    // The account's quota is shared with the other worker's browser: a throttled call is retried (as any
    // SDK caller would), while AccessDenied is never retried, so the assertion below still sees it.
    maxAttempts: 8,
    credentials: { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretKey!, sessionToken: c!.SessionToken! },
  });
  const apis = await v1.send(new GetRestApisCommand({ limit: 500 }));
  const petStore = apis.items!.find((a) => a.name === 'Pet Store')!;
  await expect(
    v1.send(new UpdateStageCommand({ restApiId: petStore.id!, stageName: 'prod', patchOperations: [{ op: 'replace', path: '/variables/forced', value: 'yes' }] })),
  ).rejects.toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining('gateway-console-viewer') });
});

test('nothing of a session stays in storage, and no cached data is shown, after sign-out', async ({ page }) => {
  await signedIn(page, 'admin');
  await new KeysPage(page).goto();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  expect(await page.evaluate(() => [sessionStorage.length, localStorage.length])).toEqual([0, 0]);
  // Signing in as someone else shows their view, built from fresh requests.
  let listed = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/apikeys' && r.method() === 'GET') listed++;
  });
  await page.getByLabel('Username').fill('viewer');
  await page.getByLabel('Password', { exact: true }).fill('Demo-Passw0rd!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Back where the last user was, but with the new user's data and rights.
  await expect(page.getByRole('table', { name: 'API keys' })).toBeVisible();
  await expect(page.getByText('Signed in as viewer')).toBeVisible();
  expect(listed).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Create key' })).toHaveCount(0);
});
