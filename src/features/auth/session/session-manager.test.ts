import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { GlobalSignOutCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Sandbox } from '../../../../sandbox/src/server.js';
import { startTestSandbox } from '../../../../sandbox/test/support/sandbox.js';
import { cognitoClients } from '../../../../sandbox/test/support/sign-in.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID } from '../../../../sandbox/src/seed/ids.js';
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

function manager() {
  let cleared = 0;
  const m = new SessionManager(config, () => cleared++, now);
  return { m, cleared: () => cleared };
}

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

  it('ends the session with a reason when the refresh token was revoked elsewhere', async () => {
    const { m, cleared } = manager();
    await m.signIn('viewer', 'Demo-Passw0rd!');
    const stored = JSON.parse(sessionStorage.getItem('gateway-console.session')!);
    await cognitoClients(sandbox).idp.send(new GlobalSignOutCommand({ AccessToken: stored.accessToken }));

    offsetMs = 58 * 60 * 1000;
    await expect(sessionCredentials()).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const state = m.getState();
    expect(state.status).toBe('signed-out');
    expect(state.status === 'signed-out' && state.reason).toMatch(/Refresh Token has been revoked/);
    expect(sessionStorage.length).toBe(0);
    expect(cleared()).toBe(1);
    await expect(sessionCredentials()).rejects.toThrow('You are signed out.');
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

  it('reports a wrong password as Cognito does and stays signed out', async () => {
    const { m } = manager();
    await expect(m.signIn('admin', 'wrong')).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
    expect(m.getState().status).toBe('signed-out');
  });
});
