import { AssociateSoftwareTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cognitoIdp } from './initiate-auth.js';

export interface SoftwareTokenSetup {
  /** The TOTP secret (base32) for the user's authenticator app. Shown once, never logged or stored. */
  secretCode: string;
  /** The session VerifySoftwareToken takes next. */
  session: string;
}

/** AssociateSoftwareToken with an MFA_SETUP session: Cognito issues a new TOTP secret for the user. */
export async function associateSoftwareToken(config: ConsoleConfig, session: string): Promise<SoftwareTokenSetup> {
  const out = await cognitoIdp(config).send(new AssociateSoftwareTokenCommand({ Session: session }));
  if (!out.SecretCode || !out.Session) throw new Error('Cognito answered AssociateSoftwareToken without a secret or a session.');
  return { secretCode: out.SecretCode, session: out.Session };
}
