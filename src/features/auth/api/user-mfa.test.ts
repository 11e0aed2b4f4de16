import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Sandbox } from '../../../../sandbox/src/server.js';
import { startTestSandbox } from '../../../../sandbox/test/support/sandbox.js';
import { signIn } from '../../../../sandbox/test/support/sign-in.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID, MFA_OPT_IN_USER } from '../../../../sandbox/src/seed/ids.js';
import { totpCode } from '../../../../sandbox/src/services/cognito-idp/totp.js';
import type { ConsoleConfig } from '../../../aws/config.js';
import { fetchUserMfa, newAuthenticatorSecret, turnOffAuthenticator, turnOnAuthenticator } from './user-mfa.js';

// The account page's Cognito calls (access-token ones, no IAM) against a running demo sandbox.
let sandbox: Sandbox;
let config: ConsoleConfig;
beforeAll(async () => {
  sandbox = await startTestSandbox('demo');
  config = { region: 'us-east-1', userPoolId: DEMO_USER_POOL_ID, userPoolClientId: DEMO_USER_POOL_CLIENT_ID, identityPoolId: DEMO_IDENTITY_POOL_ID, endpoint: sandbox.url };
});
afterAll(() => sandbox.close());

it('turns TOTP on only with a good code from the new secret, and off again where the pool allows', async () => {
  const { accessToken } = await signIn(sandbox, MFA_OPT_IN_USER.username);
  expect(await fetchUserMfa(config, accessToken)).toEqual({ totpOn: false });
  const secret = await newAuthenticatorSecret(config, accessToken);
  expect(secret).toMatch(/^[A-Z2-7]{52}$/);

  const wrong = String((Number(totpCode(secret, Date.now())) + 500_000) % 1_000_000).padStart(6, '0');
  await expect(turnOnAuthenticator(config, accessToken, wrong)).rejects.toMatchObject({ name: 'EnableSoftwareTokenMFAException' });
  expect(await fetchUserMfa(config, accessToken)).toEqual({ totpOn: false });

  await turnOnAuthenticator(config, accessToken, totpCode(secret, Date.now()), 'test phone');
  expect(await fetchUserMfa(config, accessToken)).toEqual({ totpOn: true });
  await turnOffAuthenticator(config, accessToken);
  expect(await fetchUserMfa(config, accessToken)).toEqual({ totpOn: false });
});
