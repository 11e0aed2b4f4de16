import { AssociateSoftwareTokenCommand, GetUserCommand, SetUserMFAPreferenceCommand, VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cognitoIdp } from './initiate-auth.js';

/**
 * The signed-in user's own two-factor settings, with their access token (no IAM: Cognito's user-facing
 * calls). Used by the account page, where a user of a pool with optional MFA turns TOTP on or off.
 */
export interface UserMfa {
  /** TOTP is on: sign-in asks for a code. */
  totpOn: boolean;
}

/** GetUser: `UserMFASettingList` names SOFTWARE_TOKEN_MFA once TOTP is on. */
export async function fetchUserMfa(config: ConsoleConfig, accessToken: string): Promise<UserMfa> {
  const out = await cognitoIdp(config).send(new GetUserCommand({ AccessToken: accessToken }));
  return { totpOn: (out.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA') };
}

/** AssociateSoftwareToken: a new secret, pending until a code from it is verified; the current one keeps working until then. */
export async function newAuthenticatorSecret(config: ConsoleConfig, accessToken: string): Promise<string> {
  const out = await cognitoIdp(config).send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
  if (!out.SecretCode) throw new Error('Cognito answered AssociateSoftwareToken without a secret.');
  return out.SecretCode;
}

/**
 * Proves the app holds the new secret (VerifySoftwareToken), which makes it the user's token, then turns
 * TOTP on and preferred (SetUserMFAPreference): with an access token, verifying alone turns nothing on.
 */
export async function turnOnAuthenticator(config: ConsoleConfig, accessToken: string, code: string, deviceName?: string): Promise<void> {
  const client = cognitoIdp(config);
  const out = await client.send(new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code, ...(deviceName ? { FriendlyDeviceName: deviceName } : {}) }));
  if (out.Status !== 'SUCCESS') throw new Error(`Cognito did not accept the code (status ${out.Status ?? 'unknown'}).`);
  await client.send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }));
}

/** SetUserMFAPreference off. A pool that requires MFA refuses it (InvalidParameterException). */
export async function turnOffAuthenticator(config: ConsoleConfig, accessToken: string): Promise<void> {
  await cognitoIdp(config).send(new SetUserMFAPreferenceCommand({ AccessToken: accessToken, SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } }));
}
