import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { GlobalSignOutCommand } from '@aws-sdk/client-cognito-identity-provider';
import { GetStageCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { E2E_SANDBOX_PORT } from '../playwright.config.js';
import { cognitoClients } from '../sandbox/test/support/sign-in.js';
import { MFA_OPT_IN_USER, MFA_SETUP_USER, MFA_USER } from '../sandbox/src/seed/ids.js';
import { totpCode } from '../sandbox/src/services/cognito-idp/totp.js';
import { DEMO_PASSWORD, SignInPage } from './pages/sign-in-page.js';
import { ApisPage } from './pages/apis-page.js';
import { StagePage } from './pages/stage-page.js';
import { signedIn } from './support.js';
import { awsAs } from './aws.js';

const sandbox = { url: `http://localhost:${E2E_SANDBOX_PORT}` };

/** Codes as an authenticator app computes them, from the secret, in Node. */
const code = (secret: string, offsetSteps = 0) => totpCode(secret, Date.now() + offsetSteps * 30_000);
/** A code none of the steps the sandbox accepts (now and one either side) would produce. */
function wrongCode(secret: string): string {
  const good = new Set([-1, 0, 1, 2].map((o) => code(secret, o)));
  for (let n = 123456; ; n++) if (!good.has(String(n))) return String(n);
}

async function storedSession(page: Page): Promise<{ accessToken: string }> {
  return JSON.parse((await page.evaluate(() => sessionStorage.getItem('gateway-console.session'))) ?? '{}') as { accessToken: string };
}

test('a user with TOTP MFA signs in with the code from the app, a wrong code refused first', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(MFA_USER.username);
  await expect(page.getByRole('heading', { name: 'Enter your authentication code' })).toBeVisible();
  await expect(page.getByText('Demo authenticator')).toBeVisible();

  // Not six digits: named before anything is sent.
  await page.getByLabel('Authentication code').fill('12');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('Enter the 6 digits your authenticator app shows.')).toBeVisible();

  await page.getByLabel('Authentication code').fill(wrongCode(MFA_USER.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(signIn.alert).toHaveText(
    'Wrong code (Invalid code received for user). Check your authenticator app and enter the code it shows now.',
  );
  await expect(page.getByLabel('Authentication code')).toHaveValue('');
  expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

  // The same challenge takes the right code.
  await page.getByLabel('Authentication code').fill(code(MFA_USER.totpSecret));
  await page.getByRole('button', { name: 'Verify' }).click();
  await new ApisPage(page).waitLoaded();
  await expect(page.getByText(`Signed in as ${MFA_USER.username}`)).toBeVisible();
  expect(await page.evaluate(() => Object.keys(sessionStorage))).toEqual(['gateway-console.session']);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});

test('a user who must use MFA sets up an authenticator at first sign-in, then is asked for codes', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(MFA_SETUP_USER.username);
  await expect(page.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();

  const link = new URL(await page.getByLabel('Set-up link', { exact: true }).innerText());
  expect(link.protocol).toBe('otpauth:');
  expect(link.host).toBe('totp');
  expect(decodeURIComponent(link.pathname)).toBe(`/Gateway Console:${MFA_SETUP_USER.username}`);
  expect(Object.fromEntries(link.searchParams)).toMatchObject({ issuer: 'Gateway Console', algorithm: 'SHA1', digits: '6', period: '30' });
  const secret = link.searchParams.get('secret')!;
  expect(secret).toMatch(/^[A-Z2-7]{52}$/);
  // The same key, in groups of four for typing by hand.
  expect((await page.getByLabel('Secret key', { exact: true }).innerText()).replace(/\s/g, '')).toBe(secret);
  // A QR code drawn in the page itself: no image fetched from anywhere.
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();

  await page.getByLabel('Code from the app').fill(wrongCode(secret));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(signIn.alert).toContainText('Wrong code (Code mismatch and fail enable Software Token MFA)');

  await page.getByLabel('Code from the app').fill(code(secret));
  await page.getByLabel('Name for this authenticator (optional)').fill('e2e phone');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  const apis = new ApisPage(page);
  await apis.waitLoaded();
  await expect(page.getByText(`Signed in as ${MFA_SETUP_USER.username}`)).toBeVisible();
  // The secret is nowhere in storage.
  expect(await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toContain(secret);

  // Set up once: from now on this user is asked for a code (the one just used is spent, the next step's is good).
  await apis.signOut();
  await signIn.signIn(MFA_SETUP_USER.username);
  await expect(page.getByRole('heading', { name: 'Enter your authentication code' })).toBeVisible();
  await expect(page.getByText('e2e phone')).toBeVisible();
  await page.getByLabel('Authentication code').fill(code(secret, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await apis.waitLoaded();
});

test('a user turns on an authenticator from their account page, is asked for codes, then turns it off again', async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(MFA_OPT_IN_USER.username);
  const apis = new ApisPage(page);
  await apis.waitLoaded();
  await page.getByRole('link', { name: MFA_OPT_IN_USER.username }).click();
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  const mfa = page.getByRole('region', { name: 'Two-factor sign-in' });
  await expect(mfa.getByText('Off', { exact: true })).toBeVisible();

  await mfa.getByRole('button', { name: 'Set up an authenticator app…' }).click();
  const secret = (await page.getByLabel('Secret key', { exact: true }).innerText()).replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{52}$/);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.getByLabel('Code from the app').fill('12');
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByText('Enter the 6 digits your authenticator app shows.')).toBeVisible();
  await page.getByLabel('Code from the app').fill(wrongCode(secret));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByRole('alert')).toContainText('Wrong code');
  await page.getByLabel('Code from the app').fill(code(secret));
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.getByRole('status')).toContainText('Two-factor sign-in is on');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(mfa.getByText('On', { exact: true })).toBeVisible();
  expect(await page.evaluate(() => JSON.stringify(sessionStorage) + JSON.stringify(localStorage))).not.toContain(secret);

  // The next sign-in asks for a code (the one just used is spent; the next step's is good).
  await apis.signOut();
  await signIn.signIn(MFA_OPT_IN_USER.username);
  await expect(page.getByRole('heading', { name: 'Enter your authentication code' })).toBeVisible();
  await page.getByLabel('Authentication code').fill(code(secret, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  // Signed in again, back where the user signed out.
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();

  // Off again (the demo pool makes MFA optional): the password is enough once more.
  await mfa.getByRole('button', { name: 'Turn off…' }).click();
  await mfa.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
  await expect(mfa.getByText('Off', { exact: true })).toBeVisible();
  await apis.signOut();
  await signIn.signIn(MFA_OPT_IN_USER.username);
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Enter your authentication code' })).toHaveCount(0);
});

/**
 * The session expires while a form is open. Behind the browser's back the operator's sign-ins are revoked
 * (GlobalSignOut, as signing out elsewhere or an admin would), and the browser's clock moves past the
 * point where the console renews its credentials (the sandbox's clock cannot be moved from here, the
 * browser's can): the renewal is refused, and the console must ask for the password over the form.
 */
async function expireSessionBehindTheBrowser(page: Page) {
  const { accessToken } = await storedSession(page);
  await cognitoClients(sandbox).idp.send(new GlobalSignOutCommand({ AccessToken: accessToken }));
}

const restApiId = async (name: string) => {
  const { v1 } = await awsAs('admin');
  return (await v1.send(new GetRestApisCommand({ limit: 500 }))).items!.find((a) => a.name === name)!.id!;
};

test('an expired session mid-edit: Apply waits for signing in again over the form, then the typed change applies', async ({ page }) => {
  await page.clock.install();
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Internal Health', 'dev');
  await page.getByRole('button', { name: 'Edit throttling' }).click();
  await page.getByLabel('Stage default rate').fill('432');
  await page.getByLabel('Stage default burst').fill('864');

  await expireSessionBehindTheBrowser(page);
  // 56 minutes on: the hour-long credentials are due for renewal. No timer fires; the next call renews.
  await page.clock.setSystemTime(Date.now() + 56 * 60_000);

  await page.getByRole('button', { name: 'Review changes' }).click();
  await expect(stage.changes).toContainText('432');
  await stage.apply();

  const dialog = page.getByRole('dialog', { name: 'Sign in again' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Refresh Token has been revoked');
  await expect(dialog.getByLabel('Username')).toHaveValue('operator');
  await expect(dialog.getByLabel('Password', { exact: true })).toBeFocused();
  // The screen behind is the same one, mid-change, not a sign-in page.
  await expect(page).toHaveURL(/\/stages\/dev/);
  await expect(stage.changes).toContainText('432');

  await dialog.getByLabel('Password', { exact: true }).fill('Wrong-Passw0rd!');
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Incorrect username or password.');
  await dialog.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();

  // The Apply that was waiting went on with the new session.
  await expect(stage.applied).toBeVisible();
  const { v1 } = await awsAs('operator');
  const after = await v1.send(new GetStageCommand({ restApiId: await restApiId('Internal Health'), stageName: 'dev' }));
  expect(after.methodSettings?.['*/*']).toMatchObject({ throttlingRateLimit: 432, throttlingBurstLimit: 864 });
  await expect(page.getByText('Signed in as operator')).toBeVisible();
});

test('the re-authentication dialog comes over an open form by itself, and the typed values are still there after', async ({ page }) => {
  await page.clock.install();
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Pet Store', 'staging');
  await page.getByRole('button', { name: 'Edit throttling' }).click();
  await page.getByLabel('Stage default rate').fill('77');
  await page.getByLabel('Stage default burst').fill('154');

  await expireSessionBehindTheBrowser(page);
  // The console renews ahead of expiry on a timer: it fires, is refused, and asks.
  await page.clock.fastForward('56:00');
  const dialog = page.getByRole('dialog', { name: 'Sign in again' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Sign in' }).click();
  await expect(dialog).toBeHidden();

  await expect(page.getByLabel('Stage default rate')).toHaveValue('77');
  await expect(page.getByLabel('Stage default burst')).toHaveValue('154');
  await page.getByRole('button', { name: 'Review changes' }).click();
  await stage.apply();
  await expect(stage.applied).toBeVisible();
  const { v1 } = await awsAs('operator');
  const after = await v1.send(new GetStageCommand({ restApiId: await restApiId('Pet Store'), stageName: 'staging' }));
  expect(after.methodSettings?.['*/*']).toMatchObject({ throttlingRateLimit: 77, throttlingBurstLimit: 154 });
});

test('giving up on signing in again signs out, says nothing was sent, and leaves nothing behind', async ({ page }) => {
  await page.clock.install();
  await signedIn(page, 'operator');
  const stage = new StagePage(page);
  await stage.open('Payments', 'dev');
  await page.getByRole('button', { name: 'Edit throttling' }).click();
  await page.getByLabel('Stage default rate').fill('5');
  await page.getByLabel('Stage default burst').fill('10');
  await expireSessionBehindTheBrowser(page);
  await page.clock.setSystemTime(Date.now() + 56 * 60_000);
  let updates = 0;
  page.on('request', (r) => {
    if (r.method() === 'PATCH') updates++;
  });
  await page.getByRole('button', { name: 'Review changes' }).click();
  await stage.apply();

  const dialog = page.getByRole('dialog', { name: 'Sign in again' });
  await dialog.getByRole('button', { name: 'Sign out instead' }).click();
  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await expect(page.getByRole('status')).toContainText('You did not sign in again, so you were signed out. Changes waiting to be sent were not sent.');
  expect(updates).toBe(0);
  expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
});
