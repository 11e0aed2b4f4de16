import { expect, test } from '@playwright/test';
import { SignInPage } from './pages/sign-in-page.js';
import { ApisPage } from './pages/apis-page.js';

for (const user of ['admin', 'operator', 'viewer'] as const) {
  test(`${user} signs in, sees every API type, and signs out`, async ({ page }) => {
    const signIn = new SignInPage(page);
    const apis = new ApisPage(page);
    await signIn.goto();
    await signIn.signIn(user);
    await apis.waitLoaded();
    await expect(page.getByText(`Signed in as ${user}`)).toBeVisible();
    await expect(page.getByRole('banner').getByText(user, { exact: true }).last()).toBeVisible();
    const types = new Set(await apis.typesShown());
    expect(types).toEqual(new Set(['REST', 'HTTP', 'WebSocket']));

    await apis.signOut();
    await expect(signIn.heading).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    // The APIs screen now sends the browser back to sign-in.
    await page.goto('/apis');
    await expect(signIn.heading).toBeVisible();
  });
}

test('a wrong password is refused with Cognito’s message and no session', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('operator', 'not-the-password');
  await expect(signIn.alert).toHaveText('Incorrect username or password.');
  await expect(signIn.heading).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
});

test('an unknown user gets the same answer as a wrong password', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('nobody-here');
  await expect(signIn.alert).toHaveText('Incorrect username or password.');
});

test('a disabled user is told so', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('disabled-user');
  await expect(signIn.alert).toHaveText('User is disabled.');
});

test('empty fields are named before anything is sent', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  let cognitoCalls = 0;
  page.on('request', (r) => {
    if (r.headers()['x-amz-target']?.startsWith('AWSCognitoIdentityProviderService')) cognitoCalls++;
  });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Enter your username.')).toBeVisible();
  await expect(page.getByText('Enter your password.')).toBeVisible();
  expect(cognitoCalls).toBe(0);
});

test('a user with a temporary password sets a new one, and a weak one is refused first', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('newbie', 'Temp-Passw0rd!');
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('Confirm new password').fill('short');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.getByText('Use at least 8 characters.')).toBeVisible();

  await page.getByLabel('New password', { exact: true }).fill('Brand-New-Passw0rd!');
  await page.getByLabel('Confirm new password').fill('Brand-New-Passw0rd!');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await new ApisPage(page).waitLoaded();
  await expect(page.getByText('Signed in as newbie')).toBeVisible();
});

test('the session survives a reload and is kept in sessionStorage only', async ({ page }) => {
  const signIn = new SignInPage(page);
  const apis = new ApisPage(page);
  await signIn.goto();
  await signIn.signIn('viewer');
  await apis.waitLoaded();
  await page.reload();
  await apis.waitLoaded();
  await expect(page.getByText('Signed in as viewer')).toBeVisible();
  const stored = await page.evaluate(() => Object.keys(sessionStorage));
  expect(stored).toEqual(['gateway-console.session']);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  // AWS credentials never reach storage: only Cognito tokens and the identity id.
  const raw = await page.evaluate(() => sessionStorage.getItem('gateway-console.session') ?? '');
  expect(raw).not.toMatch(/ASIA[A-Z0-9]{16}/);
});
