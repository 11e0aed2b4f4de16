import { VerifySoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cognitoIdp } from './initiate-auth.js';

/**
 * VerifySoftwareToken: a first code from the new secret proves the authenticator app holds it. Returns
 * the session that completes MFA_SETUP. A wrong code is EnableSoftwareTokenMFAException.
 */
export async function verifySoftwareToken(config: ConsoleConfig, session: string, code: string, deviceName?: string): Promise<string> {
  const out = await cognitoIdp(config).send(
    new VerifySoftwareTokenCommand({ Session: session, UserCode: code, ...(deviceName ? { FriendlyDeviceName: deviceName } : {}) }),
  );
  if (out.Status !== 'SUCCESS' || !out.Session) throw new Error(`Cognito did not accept the code (status ${out.Status ?? 'unknown'}).`);
  return out.Session;
}
