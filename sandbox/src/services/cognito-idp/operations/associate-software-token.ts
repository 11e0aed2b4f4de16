import type { AssociateSoftwareTokenCommandInput, AssociateSoftwareTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState, User, UserPool } from '../state.js';
import type { WireOutput } from '../wire.js';
import { invalidParameter, invalidSession, userDisabled } from '../errors.js';
import { authenticateAccessToken } from '../tokens.js';
import { findSession, openSession, softwareTokenEnabledInPool } from '../mfa.js';
import { newTotpSecret } from '../totp.js';

/**
 * Who a software-token call is for: the signed-in user of an access token, or the user of an MFA_SETUP
 * challenge session (which the call spends, returning the next one). Exactly one of the two.
 */
export function softwareTokenCaller(
  ctx: OperationContext<CognitoIdpState>,
  input: { AccessToken?: string; Session?: string },
  stages: readonly ('challenge' | 'associated')[],
): { pool: UserPool; user: User; setup?: { hash: string; clientId: string } } {
  if (input.AccessToken && input.Session) throw invalidParameter('Only one of AccessToken or Session may be given.');
  if (input.AccessToken) {
    const { pool, user } = authenticateAccessToken(ctx.state, input.AccessToken, ctx.config);
    return { pool, user };
  }
  if (!input.Session) throw invalidParameter('Either AccessToken or Session must be given.');
  if (input.Session.length < 20 || input.Session.length > 2048) {
    throw invalidParameter(`1 validation error detected: Value at 'session' failed to satisfy constraint: Member must have length ${input.Session.length < 20 ? 'greater than or equal to 20' : 'less than or equal to 2048'}`);
  }
  const { pool, hash, challenge } = findSession(Object.values(ctx.state.userPools), input.Session, ctx.config.now());
  if (challenge.challengeName !== 'MFA_SETUP' || !stages.includes(challenge.setupStage as 'challenge')) throw invalidSession();
  const user = pool.users[challenge.userKey];
  if (!user) throw invalidSession();
  if (!user.Enabled) throw userDisabled();
  return { pool, user, setup: { hash, clientId: challenge.clientId } };
}

/** Begins TOTP set-up: a new secret, pending until VerifySoftwareToken (the old token works until then). */
export const associateSoftwareToken: JsonOperation<CognitoIdpState> = {
  name: 'AssociateSoftwareToken',
  auth: 'none',
  mutates: true,
  handler(ctx: OperationContext<CognitoIdpState>, input: AssociateSoftwareTokenCommandInput): WireOutput<AssociateSoftwareTokenCommandOutput> {
    const { pool, user, setup } = softwareTokenCaller(ctx, input ?? {}, ['challenge', 'associated']);
    softwareTokenEnabledInPool(pool);
    const secret = newTotpSecret();
    (user.mfa ??= {}).pendingSecret = secret;
    user.UserLastModifiedDate = ctx.config.now().toISOString();
    if (!setup) return { SecretCode: secret };
    delete pool.challenges[setup.hash];
    const client = pool.clients[setup.clientId]!;
    return { SecretCode: secret, Session: openSession(pool, client, user, 'MFA_SETUP', ctx.config.now(), { setupStage: 'associated' }) };
  },
};
