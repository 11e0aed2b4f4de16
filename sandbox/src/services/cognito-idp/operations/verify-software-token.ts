import type { VerifySoftwareTokenCommandInput, VerifySoftwareTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState } from '../state.js';
import type { WireOutput } from '../wire.js';
import { enableSoftwareTokenMfa, requireFields, softwareTokenMfaNotFound, validation } from '../errors.js';
import { countFailure, openSession, softwareTokenEnabledInPool, spendTotp } from '../mfa.js';
import { softwareTokenCaller } from './associate-software-token.js';

/**
 * Finishes TOTP set-up with a first code from the new secret. On success the token replaces any earlier
 * one; from a session, the next session answers RespondToAuthChallenge MFA_SETUP. With an access token
 * the token is verified but not turned on: SetUserMFAPreference does that, as on AWS.
 */
export const verifySoftwareToken: JsonOperation<CognitoIdpState> = {
  name: 'VerifySoftwareToken',
  auth: 'none',
  mutates: true,
  handler(ctx: OperationContext<CognitoIdpState>, input: VerifySoftwareTokenCommandInput): WireOutput<VerifySoftwareTokenCommandOutput> {
    requireFields(input, { UserCode: 'userCode' });
    const code = input.UserCode!;
    const problems: string[] = [];
    if (code.length !== 6) {
      problems.push(`Value '${code}' at 'userCode' failed to satisfy constraint: Member must have length ${code.length < 6 ? 'greater than or equal to 6' : 'less than or equal to 6'}`);
    }
    if (!/^[0-9]+$/.test(code)) problems.push(`Value '${code}' at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+`);
    if (problems.length) throw validation(problems);

    const { pool, user, setup } = softwareTokenCaller(ctx, input, ['associated']);
    softwareTokenEnabledInPool(pool);
    const pending = user.mfa?.pendingSecret;
    if (!pending) throw softwareTokenMfaNotFound('Software token has not been associated with the user.');
    const now = ctx.config.now();
    if (!spendTotp(user, pending, code, now)) {
      if (setup) countFailure(pool, setup.hash);
      throw enableSoftwareTokenMfa('Code mismatch and fail enable Software Token MFA');
    }
    const mfa = user.mfa!;
    mfa.secret = pending;
    delete mfa.pendingSecret;
    if (input.FriendlyDeviceName) mfa.friendlyDeviceName = input.FriendlyDeviceName;
    else delete mfa.friendlyDeviceName;
    user.UserLastModifiedDate = now.toISOString();
    if (!setup) return { Status: 'SUCCESS' };
    delete pool.challenges[setup.hash];
    const client = pool.clients[setup.clientId]!;
    return { Status: 'SUCCESS', Session: openSession(pool, client, user, 'MFA_SETUP', now, { setupStage: 'verified' }) };
  },
};
