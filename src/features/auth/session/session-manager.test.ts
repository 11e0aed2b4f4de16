import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { GlobalSignOutCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Sandbox } from '../../../../sandbox/src/server.js';
import { startTestSandbox } from '../../../../sandbox/test/support/sandbox.js';
import { cognitoClients } from '../../../../sandbox/test/support/sign-in.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID, MFA_SETUP_USER, MFA_USER } from '../../../../sandbox/src/seed/ids.js';
import { totpCode, totpStep } from '../../../../sandbox/src/services/cognito-idp/totp.js';
import type { ConsoleConfig } from '../../../aws/config.js';
import { sessionCredentials } from '../../../aws/credentials.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { SessionManager } from './session-manager.js';

// The browser's sessionStorage, as a Map: the manager under test is the console's real code.
class MemoryStorage {
  private m = new Map<string, string>();
  get length() { return this.m.size; }
  getItem(k: string) { return this.m.get(k) ?? null; }
  setItem(k: string, v: string) { this.m.set(k, v); }
  removeItem(k: string) { this.m.delete(k); }
  clear() { this.m.clear(); }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
}
(globalThis as any).sessionStorage = new MemoryStorage();

let sandbox: Sandbox;
let config: ConsoleConfig;
/** The clock both the sandbox and the manager read, so tests can move past token expiry. */
let offsetMs = 0;
const now = () => Date.now() + offsetMs;

beforeAll(async () => {
  sandbox = await startTestSandbox('demo', { config: { now: () => new Date(now()) } });
  config = {
    region: 'us-east-1',
    userPoolId: DEMO_USER_POOL_ID,
    userPoolClientId: DEMO_USER_POOL_CLIENT_ID,
    identityPoolId: DEMO_IDENTITY_POOL_ID,
    endpoint: sandbox.url,
  };
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sessionStorage.clear();
  offsetMs = 0;
});

function manager(clock = now) {
  let cleared = 0;
  const m = new SessionManager(config, () => cleared++, clock);
  return { m, cleared: () => cleared };
}

/** The demo pool spends each TOTP step once per user: hand out codes of steps not yet used. */
const lastStep = new Map<string, number>();
function freshCode(user: string, secret: string): string {
  const current = totpStep(now());
  const step = Math.max(current, (lastStep.get(user) ?? -Infinity) + 1);
  if (step > current + 1) throw new Error('test uses more codes than the TOTP window allows');
  lastStep.set(user, step);
  return totpCode(secret, step * 30_000);
}

/** Revokes a user's sign-ins behind the manager's back, as a sign-out elsewhere or an admin would. */
async function revokeElsewhere() {
  const stored = JSON.parse(sessionStorage.getItem('gateway-console.session')!);
  await cognitoClients(sandbox).idp.send(new GlobalSignOutCommand({ AccessToken: stored.accessToken }));
}

const reauthOf = (m: SessionManager) => {
  const s = m.getState();
  return s.status === 'signed-in' ? s.reauth : undefined;
};

describe('SessionManager against the sandbox', () => {
  it('signs in, keeps only tokens in sessionStorage, and its credentials sign API Gateway calls', async () => {
    const { m } = manager();
    expect(await m.signIn('operator', 'Demo-Passw0rd!')).toEqual({ kind: 'signed-in' });
    const state = m.getState();
    expect(state.status === 'signed-in' && state.user).toMatchObject({ username: 'operator', groups: ['operator'] });
    const stored = JSON.parse(sessionStorage.getItem('gateway-console.session')!);
    expect(Object.keys(stored).sort()).toEqual(['accessToken', 'idToken', 'identityId', 'refreshToken', 'tokensExpireAt', 'username']);
    const out = await apiGatewayV1(config).send(new GetRestApisCommand({ limit: 500 }));
    expect(out.items?.length).toBeGreaterThan(0);
    await m.signOut();
  });

  it('refreshes tokens and credentials before they expire, without a new sign-in', async () => {
    const { m } = manager();
    await m.signIn('viewer', 'Demo-Passw0rd!');
    const first = await sessionCredentials();
    expect(await sessionCredentials()).toBe(first); // cached while fresh

    offsetMs = 56 * 60 * 1000; // 4 minutes before the hour-long tokens and credentials expire
    const [a, b] = await Promise.all([sessionCredentials(), sessionCredentials()]);
    expect(a).toBe(b); // concurrent callers share one refresh
    expect(a.accessKeyId).not.toBe(first.accessKeyId);
    const stored = JSON.parse(sessionStorage.getItem('gateway-console.session')!);
    expect(stored.tokensExpireAt).toBeGreaterThan(now() + 50 * 60 * 1000);

    // The refreshed credentials are live for the sandbox, whose clock has moved too; the SDK corrects
    // its own clock from the sandbox's Date header, as it does against AWS from a skewed browser.
    await apiGatewayV1(config).send(new GetRestApisCommand({ limit: 1 }));
    await m.signOut();
  });

  it('resumes a session kept in sessionStorage after a reload', async () => {
    const first = manager();
    await first.m.signIn('admin', 'Demo-Passw0rd!');
    const reloaded = manager();
    await reloaded.m.restore();
    const state = reloaded.m.getState();
    expect(state.status === 'signed-in' && state.user.username).toBe('admin');
    await reloaded.m.signOut();
  });

  it('asks the same user to sign in again when the refresh token was revoked, and waiting calls go on after', async () => {
    const { m, cleared } = manager();
    await m.signIn('viewer', 'Demo-Passw0rd!');
    const first = await sessionCredentials();
    await revokeElsewhere();

    offsetMs = 58 * 60 * 1000;
    const waiting = [sessionCredentials(), sessionCredentials()];
    await vi.waitFor(() => expect(reauthOf(m)).toBeDefined());
    expect(reauthOf(m)).toEqual({ username: 'viewer', reason: expect.stringMatching(/Refresh Token has been revoked/) });
    // Nothing was torn down: still signed in as viewer, the cache and the screens stay.
    expect(m.getState()).toMatchObject({ status: 'signed-in', user: { username: 'viewer' } });
    expect(cleared()).toBe(0);
    // Later calls wait too, for the same sign-in.
    waiting.push(sessionCredentials());

    await expect(m.signIn('operator', 'Demo-Passw0rd!')).rejects.toThrow('Sign in again as viewer, or sign out to change user.');
    await expect(m.signIn('viewer', 'Wrong-Passw0rd!')).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    expect(reauthOf(m)).toBeDefined();

    expect(await m.signIn('viewer', 'Demo-Passw0rd!')).toEqual({ kind: 'signed-in' });
    const [a, b, c] = await Promise.all(waiting);
    expect(a).toBe(b);
    expect(c).toBe(a);
    expect(a!.accessKeyId).not.toBe(first.accessKeyId);
    expect(reauthOf(m)).toBeUndefined();
    expect(m.getState().status).toBe('signed-in');
    expect(cleared()).toBe(0);
    await apiGatewayV1(config).send(new GetRestApisCommand({ limit: 1 }));
    await m.signOut();
  });

  it('signs out when the operator gives up signing in again: waiting calls fail saying they were not sent', async () => {
    const { m, cleared } = manager();
    await m.signIn('viewer', 'Demo-Passw0rd!');
    await revokeElsewhere();

    offsetMs = 58 * 60 * 1000;
    const waiting = sessionCredentials();
    waiting.catch(() => undefined);
    await vi.waitFor(() => expect(reauthOf(m)).toBeDefined());
    await m.cancelReauth();
    await expect(waiting).rejects.toMatchObject({ name: 'NotSignedIn', message: 'You did not sign in again, so this request was not sent. You are signed out.' });
    const state = m.getState();
    expect(state.status).toBe('signed-out');
    expect(state.status === 'signed-out' && state.reason).toMatch(/You did not sign in again, so you were signed out/);
    expect(sessionStorage.length).toBe(0);
    expect(cleared()).toBe(1);
    await expect(sessionCredentials()).rejects.toThrow('You are signed out.');
  });

  it('ends a kept session with a reason at page load when its refresh token was revoked (nothing on screen to keep)', async () => {
    const first = manager();
    await first.m.signIn('viewer', 'Demo-Passw0rd!');
    await revokeElsewhere();
    offsetMs = 58 * 60 * 1000;
    const reloaded = manager();
    await reloaded.m.restore();
    const state = reloaded.m.getState();
    expect(state.status).toBe('signed-out');
    expect(state.status === 'signed-out' && state.reason).toMatch(/Refresh Token has been revoked/);
    expect(sessionStorage.length).toBe(0);
    expect(reloaded.cleared()).toBe(1);
  });

  it('re-authentication asks for the MFA code when the user has TOTP on', async () => {
    const { m } = manager();
    const challenge = await m.signIn(MFA_USER.username, 'Demo-Passw0rd!');
    if (challenge.kind !== 'software-token-mfa') throw new Error(`expected MFA, got ${challenge.kind}`);
    await m.answerMfa(MFA_USER.username, challenge.session, freshCode(MFA_USER.username, MFA_USER.totpSecret));
    await revokeElsewhere();
    offsetMs = 58 * 60 * 1000;
    const waiting = sessionCredentials();
    await vi.waitFor(() => expect(reauthOf(m)).toBeDefined());
    const again = await m.signIn(MFA_USER.username, 'Demo-Passw0rd!');
    expect(again).toMatchObject({ kind: 'software-token-mfa', username: MFA_USER.username });
    if (again.kind !== 'software-token-mfa') return;
    expect(await m.answerMfa(MFA_USER.username, again.session, freshCode(MFA_USER.username, MFA_USER.totpSecret))).toEqual({ kind: 'signed-in' });
    expect((await waiting).accessKeyId).toMatch(/^ASIA/);
    expect(reauthOf(m)).toBeUndefined();
    await m.signOut();
  });

  it('judges credential expiry on the browser clock, so a fast browser clock does not refresh on every call', async () => {
    // The browser runs 56 minutes ahead of AWS: the credentials' Expiration (AWS time) looks 4 minutes away.
    const { m } = manager(() => now() + 56 * 60 * 1000);
    await m.signIn('operator', 'Demo-Passw0rd!');
    const a = await sessionCredentials();
    expect(await sessionCredentials()).toBe(a);
    await m.signOut();
  });

  it('signs out: storage, credentials and cache go, and the refresh token is revoked', async () => {
    const { m, cleared } = manager();
    await m.signIn('operator', 'Demo-Passw0rd!');
    const { refreshToken } = JSON.parse(sessionStorage.getItem('gateway-console.session')!);
    await m.signOut();
    expect(sessionStorage.length).toBe(0);
    expect(cleared()).toBe(1);
    await expect(sessionCredentials()).rejects.toThrow('You are signed out.');
    await expect(
      cognitoClients(sandbox).idp.send(
        new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: refreshToken } }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('answers NEW_PASSWORD_REQUIRED, refuses a weak password, then signs in with a good one', async () => {
    const { m } = manager();
    const outcome = await m.signIn('newbie', 'Temp-Passw0rd!');
    expect(outcome.kind).toBe('new-password-required');
    if (outcome.kind !== 'new-password-required') return;
    await expect(m.completeNewPassword('newbie', outcome.session, 'weakpass')).rejects.toMatchObject({ name: 'InvalidPasswordException' });
    await m.completeNewPassword('newbie', outcome.session, 'Str0ng-Enough!');
    expect(m.getState().status).toBe('signed-in');
    await m.signOut();
  });

  it('signs in with a TOTP code, a wrong one refused first on the same challenge', async () => {
    // Later than the steps the re-authentication test spent (codes are good once).
    offsetMs = 2 * 60 * 60 * 1000;
    const { m } = manager();
    const outcome = await m.signIn(MFA_USER.username, 'Demo-Passw0rd!');
    expect(outcome).toMatchObject({ kind: 'software-token-mfa', username: MFA_USER.username, deviceName: 'Demo authenticator' });
    if (outcome.kind !== 'software-token-mfa') return;
    expect(m.getState().status).toBe('signed-out');
    const good = freshCode(MFA_USER.username, MFA_USER.totpSecret);
    const wrong = good === '000000' ? '000001' : '000000';
    await expect(m.answerMfa(MFA_USER.username, outcome.session, wrong)).rejects.toMatchObject({ name: 'CodeMismatchException', message: 'Invalid code received for user' });
    expect(await m.answerMfa(MFA_USER.username, outcome.session, good)).toEqual({ kind: 'signed-in' });
    expect(m.getState()).toMatchObject({ status: 'signed-in', user: { username: MFA_USER.username } });
    await m.signOut();
  });

  it('sets up TOTP when MFA is required: a new secret, a wrong code refused, then signed in', async () => {
    const { m } = manager();
    const outcome = await m.signIn(MFA_SETUP_USER.username, 'Demo-Passw0rd!');
    expect(outcome).toMatchObject({ kind: 'mfa-setup', username: MFA_SETUP_USER.username });
    if (outcome.kind !== 'mfa-setup') return;
    const setup = await m.beginMfaSetup(outcome.session);
    expect(setup.secretCode).toMatch(/^[A-Z2-7]{52}$/);
    const good = totpCode(setup.secretCode, now());
    const wrong = good === '000000' ? '000001' : '000000';
    await expect(m.verifyMfaSetup(setup.session, wrong)).rejects.toMatchObject({ name: 'EnableSoftwareTokenMFAException' });
    const verified = await m.verifyMfaSetup(setup.session, good, 'Test phone');
    expect(await m.completeMfaSetup(MFA_SETUP_USER.username, verified)).toEqual({ kind: 'signed-in' });
    expect(m.getState()).toMatchObject({ status: 'signed-in', user: { username: MFA_SETUP_USER.username } });
    await m.signOut();
  });

  it('reports a wrong password as Cognito does and stays signed out', async () => {
    const { m } = manager();
    await expect(m.signIn('admin', 'wrong')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(m.getState().status).toBe('signed-out');
  });
});
