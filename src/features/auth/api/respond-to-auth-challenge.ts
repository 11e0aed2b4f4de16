import { RespondToAuthChallengeCommand, type ChallengeNameType } from '@aws-sdk/client-cognito-identity-provider';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cognitoIdp, interpret, type AuthStep } from './initiate-auth.js';

async function respond(config: ConsoleConfig, challenge: ChallengeNameType, session: string, responses: Record<string, string>): Promise<AuthStep> {
  const out = await cognitoIdp(config).send(
    new RespondToAuthChallengeCommand({ ClientId: config.userPoolClientId, ChallengeName: challenge, Session: session, ChallengeResponses: responses }),
  );
  return interpret(out);
}

/**
 * Answers NEW_PASSWORD_REQUIRED: a user created by an admin sets their own password at first sign-in.
 * The pool may still ask for MFA after it, so the answer is the next step, not always tokens.
 */
export function completeNewPassword(config: ConsoleConfig, username: string, session: string, newPassword: string): Promise<AuthStep> {
  return respond(config, 'NEW_PASSWORD_REQUIRED', session, { USERNAME: username, NEW_PASSWORD: newPassword });
}

/** Answers SOFTWARE_TOKEN_MFA with the 6-digit code from the user's authenticator app. */
export function answerSoftwareTokenMfa(config: ConsoleConfig, username: string, session: string, code: string): Promise<AuthStep> {
  return respond(config, 'SOFTWARE_TOKEN_MFA', session, { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code });
}

/** Finishes MFA_SETUP with the session VerifySoftwareToken returned. */
export function completeMfaSetup(config: ConsoleConfig, username: string, session: string): Promise<AuthStep> {
  return respond(config, 'MFA_SETUP', session, { USERNAME: username });
}
