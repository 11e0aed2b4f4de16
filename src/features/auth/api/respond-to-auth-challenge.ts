import { RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cognitoIdp, interpret, type Tokens } from './initiate-auth.js';

/** Answers NEW_PASSWORD_REQUIRED: a user created by an admin sets their own password at first sign-in. */
export async function completeNewPassword(
  config: ConsoleConfig,
  username: string,
  session: string,
  newPassword: string,
): Promise<Tokens> {
  const out = await cognitoIdp(config).send(
    new RespondToAuthChallengeCommand({
      ClientId: config.userPoolClientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: newPassword },
    }),
  );
  const result = interpret(out);
  if (result.kind !== 'tokens') throw new Error('Cognito asked for another challenge after the new password.');
  return result.tokens;
}
