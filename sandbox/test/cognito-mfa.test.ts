import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AssociateSoftwareTokenCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Sandbox } from '../src/server.js';
import { DEMO_PASSWORD, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID, MFA_SETUP_USER, MFA_USER } from '../src/seed/ids.js';
import { NEWBIE_TEMP_PASSWORD } from '../src/seed/cognito.js';
import type { CognitoIdpState } from '../src/services/cognito-idp/state.js';
import { totpCode } from '../src/services/cognito-idp/totp.js';
import { startTestSandbox } from './support/sandbox.js';
import { cognitoClients, jwtClaims } from './support/sign-in.js';

/**
 * TOTP MFA with the real SDK client: the SOFTWARE_TOKEN_MFA challenge, first-time set-up (MFA_SETUP with
 * AssociateSoftwareToken and VerifySoftwareToken), set-up by a signed-in user and SetUserMFAPreference.
 * The sandbox clock stands still at a step boundary's middle and moves only when a test moves it, so
 * codes are computed for exactly the step the sandbox is in.
 */

let sandbox: Sandbox;
let idp: CognitoIdentityProviderClient;
/** The sandbox's clock: 15 s into a 30 s step, moved by tests. */
let clockMs = 0;
const STEP = 30_000;

beforeAll(async () => {
  clockMs = Math.floor(Date.now() / STEP) * STEP + 15_000;
  sandbox = await startTestSandbox('empty', { config: { now: () => new Date(clockMs) } });
  idp = cognitoClients(sandbox).idp;
});
afterAll(() => sandbox.close());
// Each test starts in a step no earlier test spent a code in.
beforeEach(() => {
  clockMs += 10 * STEP;
});

const pool = () => (sandbox.state.services['cognito-idp'] as CognitoIdpState).userPools[DEMO_USER_POOL_ID]!;
const code = (secret: string, offsetSteps = 0) => totpCode(secret, clockMs + offsetSteps * STEP);
/** A code that is none of the three a ±1-step window accepts. */
const wrongCode = (secret: string) => {
  const good = new Set([-1, 0, 1].map((o) => code(secret, o)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!good.has(c)) return c;
  }
};

const passwordAuth = (USERNAME: string, PASSWORD = DEMO_PASSWORD) =>
  idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { USERNAME, PASSWORD } }));

const answer = (ChallengeName: 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP', Session: string | undefined, responses: Record<string, string>) =>
  idp.send(new RespondToAuthChallengeCommand({ ClientId: DEMO_USER_POOL_CLIENT_ID, ChallengeName, Session, ChallengeResponses: responses }));

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

/** Signs a user without MFA in and returns the access token. */
async function accessTokenOf(username: string, password = DEMO_PASSWORD): Promise<string> {
  const out = await passwordAuth(username, password);
  expect(out.ChallengeName).toBeUndefined();
  return out.AuthenticationResult!.AccessToken!;
}

describe('SOFTWARE_TOKEN_MFA', () => {
  it('challenges a user with TOTP on, refuses a wrong code, then accepts the right one on the same session', async () => {
    const first = await passwordAuth(MFA_USER.username);
    expect(first.AuthenticationResult).toBeUndefined();
    expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(first.Session!.length).toBeGreaterThanOrEqual(20);
    expect(first.ChallengeParameters).toEqual({ FRIENDLY_DEVICE_NAME: 'Demo authenticator', USER_ID_FOR_SRP: MFA_USER.username });

    expect(await failure(answer('SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: wrongCode(MFA_USER.totpSecret) }))).toEqual({
      name: 'CodeMismatchException',
      message: 'Invalid code received for user',
      status: 400,
    });
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: MFA_USER.username }))).toMatchObject({
      name: 'InvalidParameterException',
      message: 'Missing required parameter SOFTWARE_TOKEN_MFA_CODE',
    });

    const done = await answer('SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret) });
    expect(done.ChallengeName).toBeUndefined();
    const claims = jwtClaims(done.AuthenticationResult!.IdToken!);
    expect(claims).toMatchObject({ 'cognito:username': MFA_USER.username, 'cognito:groups': ['viewer'] });
    expect(done.AuthenticationResult!.RefreshToken).toEqual(expect.any(String));

    // The session is spent once answered.
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', first.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret, 1) }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
  });

  it('refuses a code used once already, even on a new sign-in within its step', async () => {
    const a = await passwordAuth(MFA_USER.username);
    await answer('SOFTWARE_TOKEN_MFA', a.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret) });
    const b = await passwordAuth(MFA_USER.username);
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', b.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret) }))).toEqual({
      name: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
      status: 400,
    });
    // An older step's code is no better; the next step's is.
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', b.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret, -1) }))).toMatchObject({
      name: 'ExpiredCodeException',
    });
    clockMs += STEP;
    const ok = await answer('SOFTWARE_TOKEN_MFA', b.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret) });
    expect(ok.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
  });

  it('accepts a code one step either side of the server clock, not two', async () => {
    const a = await passwordAuth(MFA_USER.username);
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', a.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret, -2) }))).toMatchObject({
      name: 'CodeMismatchException',
    });
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', a.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret, 2) }))).toMatchObject({
      name: 'CodeMismatchException',
    });
    const ok = await answer('SOFTWARE_TOKEN_MFA', a.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret, -1) });
    expect(ok.AuthenticationResult).toBeDefined();
    const b = await passwordAuth(MFA_USER.username);
    const ahead = await answer('SOFTWARE_TOKEN_MFA', b.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret, 1) });
    expect(ahead.AuthenticationResult).toBeDefined();
  });

  it('checks the session: its challenge, its user, its age, and at most five wrong codes', async () => {
    const a = await passwordAuth(MFA_USER.username);
    expect(await failure(answer('MFA_SETUP', a.Session, { USERNAME: MFA_USER.username }))).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user.' });
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', a.Session, { USERNAME: 'viewer', SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret) }))).toMatchObject({
      message: 'Invalid session for the user.',
    });
    for (let i = 0; i < 5; i++) {
      expect((await failure(answer('SOFTWARE_TOKEN_MFA', a.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: wrongCode(MFA_USER.totpSecret) }))).name).toBe('CodeMismatchException');
    }
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', a.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret) }))).toMatchObject({
      message: 'Invalid session for the user.',
    });

    const b = await passwordAuth(MFA_USER.username);
    clockMs += 3 * 60_000 + 1000;
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', b.Session, { USERNAME: MFA_USER.username, SOFTWARE_TOKEN_MFA_CODE: code(MFA_USER.totpSecret) }))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user, session is expired.',
    });
  });

  it('the wrong password still comes first, and says nothing about MFA', async () => {
    expect(await failure(passwordAuth(MFA_USER.username, 'Wrong-Passw0rd!'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});

describe('MFA_SETUP (MFA required)', () => {
  it('sets up TOTP at first sign-in: Associate with the session, Verify, then answer MFA_SETUP', async () => {
    const user = MFA_SETUP_USER.username;
    const first = await passwordAuth(user);
    expect(first.ChallengeName).toBe('MFA_SETUP');
    expect(first.ChallengeParameters).toEqual({ MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]', USER_ID_FOR_SRP: user });
    // Nothing to answer with yet.
    expect(await failure(answer('MFA_SETUP', first.Session, { USERNAME: user }))).toMatchObject({ message: 'Invalid session for the user.' });

    const assoc = await idp.send(new AssociateSoftwareTokenCommand({ Session: first.Session }));
    expect(assoc.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(assoc.Session).toEqual(expect.any(String));
    expect(assoc.Session).not.toBe(first.Session);
    // Each step spends the session it was given.
    expect(await failure(idp.send(new AssociateSoftwareTokenCommand({ Session: first.Session })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });

    const secret = assoc.SecretCode!;
    expect(await failure(idp.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: wrongCode(secret) })))).toEqual({
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
      status: 400,
    });
    const badFormat = await failure(idp.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: '12ab' })));
    expect(badFormat).toMatchObject({ name: 'InvalidParameterException' });
    expect(badFormat.message).toBe(
      "2 validation errors detected: Value '12ab' at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6; Value '12ab' at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
    );

    const verified = await idp.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: code(secret), FriendlyDeviceName: 'Phone' }));
    expect(verified.Status).toBe('SUCCESS');
    expect(verified.Session).toEqual(expect.any(String));

    const done = await answer('MFA_SETUP', verified.Session, { USERNAME: user });
    expect(jwtClaims(done.AuthenticationResult!.IdToken!)['cognito:username']).toBe(user);
    const me = await idp.send(new GetUserCommand({ AccessToken: done.AuthenticationResult!.AccessToken }));
    expect(me.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(me.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    // From now on the user is challenged, with the code of a step not yet spent.
    const next = await passwordAuth(user);
    expect(next.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(next.ChallengeParameters).toEqual({ FRIENDLY_DEVICE_NAME: 'Phone', USER_ID_FOR_SRP: user });
    expect(await failure(answer('SOFTWARE_TOKEN_MFA', next.Session, { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: code(secret) }))).toMatchObject({
      name: 'ExpiredCodeException',
    });
    const again = await answer('SOFTWARE_TOKEN_MFA', next.Session, { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: code(secret, 1) });
    expect(again.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    // Required MFA cannot be turned off by the user.
    expect(
      await failure(idp.send(new SetUserMFAPreferenceCommand({ AccessToken: again.AuthenticationResult!.AccessToken, SoftwareTokenMfaSettings: { Enabled: false } }))),
    ).toMatchObject({ name: 'InvalidParameterException' });
  });

  it('follows the pool: ON sends users without a token to MFA_SETUP (after a new password), OFF challenges nobody', async () => {
    const p = pool();
    try {
      p.MfaConfiguration = 'ON';
      expect((await passwordAuth('operator')).ChallengeName).toBe('MFA_SETUP');
      const np = await passwordAuth('newbie', NEWBIE_TEMP_PASSWORD);
      expect(np.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
      const after = await idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: DEMO_USER_POOL_CLIENT_ID,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: np.Session,
          ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD: 'Newbie-Passw0rd!' },
        }),
      );
      expect(after.ChallengeName).toBe('MFA_SETUP');
      expect(after.AuthenticationResult).toBeUndefined();

      p.MfaConfiguration = 'OFF';
      const out: InitiateAuthCommandOutput = await passwordAuth(MFA_USER.username);
      expect(out.ChallengeName).toBeUndefined();
      expect(out.AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    } finally {
      p.MfaConfiguration = 'OPTIONAL';
    }
  });

  it('refuses set-up when the pool has software tokens turned off', async () => {
    const p = pool();
    const token = await accessTokenOf('admin');
    p.SoftwareTokenMfaConfiguration = { Enabled: false };
    try {
      expect(await failure(idp.send(new AssociateSoftwareTokenCommand({ AccessToken: token })))).toEqual({
        name: 'SoftwareTokenMFANotFoundException',
        message: 'Software Token MFA has not been enabled by the userPool.',
        status: 400,
      });
    } finally {
      p.SoftwareTokenMfaConfiguration = { Enabled: true };
    }
  });
});

describe('TOTP set up by a signed-in user (OPTIONAL pool)', () => {
  it('associates and verifies with the access token, and turns TOTP on only through SetUserMFAPreference', async () => {
    const token = await accessTokenOf('viewer');
    expect(await failure(idp.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: '123456' })))).toMatchObject({
      name: 'SoftwareTokenMFANotFoundException',
    });
    const assoc = await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: token }));
    expect(assoc.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(assoc.Session).toBeUndefined();
    const secret = assoc.SecretCode!;

    expect(await failure(idp.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true } })))).toEqual({
      name: 'InvalidParameterException',
      message: 'User does not have delivery config set to turn on SOFTWARE_TOKEN_MFA',
      status: 400,
    });
    const verified = await idp.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: code(secret) }));
    expect(verified).toMatchObject({ Status: 'SUCCESS' });
    expect(verified.Session).toBeUndefined();

    // Verified is not on: an OPTIONAL pool still signs the user in with the password alone.
    expect((await passwordAuth('viewer')).ChallengeName).toBeUndefined();
    expect((await idp.send(new GetUserCommand({ AccessToken: token }))).UserMFASettingList).toBeUndefined();

    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
    const me = await idp.send(new GetUserCommand({ AccessToken: token }));
    expect(me).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'], PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' });
    const challenged = await passwordAuth('viewer');
    expect(challenged.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    expect(challenged.ChallengeParameters).toEqual({ USER_ID_FOR_SRP: 'viewer' });

    expect(
      await failure(idp.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SMSMfaSettings: { Enabled: true } }))),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'User does not have delivery config set to turn on SMS_MFA' });
    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: false } }));
    expect((await passwordAuth('viewer')).ChallengeName).toBeUndefined();
  });

  it('validates who is asking', async () => {
    const token = await accessTokenOf('operator');
    const bothSession = 'x'.repeat(40);
    expect(await failure(idp.send(new AssociateSoftwareTokenCommand({ AccessToken: token, Session: bothSession })))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await failure(idp.send(new AssociateSoftwareTokenCommand({})))).toMatchObject({ name: 'InvalidParameterException' });
    expect(await failure(idp.send(new AssociateSoftwareTokenCommand({ Session: bothSession })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });
    expect(await failure(idp.send(new AssociateSoftwareTokenCommand({ AccessToken: 'not.a.token' })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
    expect(await failure(idp.send(new SetUserMFAPreferenceCommand({ AccessToken: undefined })))).toMatchObject({ name: 'InvalidParameterException' });
    // A session from a password challenge is no set-up session.
    const mfa = await passwordAuth(MFA_USER.username);
    expect(await failure(idp.send(new AssociateSoftwareTokenCommand({ Session: mfa.Session })))).toMatchObject({ message: 'Invalid session for the user.' });
  });

  it('keeps the old token working until the new one is verified', async () => {
    const user = 'admin';
    const token = await accessTokenOf(user);
    const one = (await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: token }))).SecretCode!;
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: code(one) }));
    await idp.send(new SetUserMFAPreferenceCommand({ AccessToken: token, SoftwareTokenMfaSettings: { Enabled: true } }));
    const two = (await idp.send(new AssociateSoftwareTokenCommand({ AccessToken: token }))).SecretCode!;
    expect(two).not.toBe(one);
    clockMs += STEP;
    const a = await passwordAuth(user);
    expect((await answer('SOFTWARE_TOKEN_MFA', a.Session, { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: code(one) })).AuthenticationResult).toBeDefined();
    clockMs += STEP;
    await idp.send(new VerifySoftwareTokenCommand({ AccessToken: token, UserCode: code(two) }));
    clockMs += STEP;
    const b = await passwordAuth(user);
    expect((await failure(answer('SOFTWARE_TOKEN_MFA', b.Session, { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: code(one) }))).name).toBe('CodeMismatchException');
    expect((await answer('SOFTWARE_TOKEN_MFA', b.Session, { USERNAME: user, SOFTWARE_TOKEN_MFA_CODE: code(two) })).AuthenticationResult).toBeDefined();
  });
});
