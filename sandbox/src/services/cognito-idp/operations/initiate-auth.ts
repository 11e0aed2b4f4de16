import type { InitiateAuthCommandInput, InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState, User } from '../state.js';
import { poolOfClient, userKey } from '../state.js';
import type { WireOutput } from '../wire.js';
import {
  incorrectCredentials,
  invalidParameter,
  notAuthorized,
  passwordResetRequired,
  requireFields,
  userDisabled,
  userNotConfirmed,
  userNotFound,
  validation,
} from '../errors.js';
import { DUMMY_HASH, verifyPassword } from '../passwords.js';
import { issueTokens, originOfRefreshToken } from '../tokens.js';
import { afterFirstFactor, openSession } from '../mfa.js';
import { checkSecretHash } from '../client-secret.js';

const AUTH_FLOWS = [
  'USER_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
  'CUSTOM_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'USER_AUTH',
];

type Output = WireOutput<InitiateAuthCommandOutput>;

export const initiateAuth: JsonOperation<CognitoIdpState> = {
  name: 'InitiateAuth',
  auth: 'none',
  mutates: true,
  handler(ctx: OperationContext<CognitoIdpState>, input: InitiateAuthCommandInput): Output {
    requireFields(input, { AuthFlow: 'authFlow', ClientId: 'clientId' });
    if (!AUTH_FLOWS.includes(input.AuthFlow!)) {
      throw validation([
        `Value '${input.AuthFlow}' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: [${AUTH_FLOWS.join(', ')}]`,
      ]);
    }
    const { pool, client } = poolOfClient(ctx.state, input.ClientId!);
    const flow = input.AuthFlow!;
    if (flow === 'ADMIN_NO_SRP_AUTH' || flow === 'ADMIN_USER_PASSWORD_AUTH') throw invalidParameter('Initiate Auth method not supported.');
    const params = input.AuthParameters ?? {};

    if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
      if (!client.ExplicitAuthFlows.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
        throw invalidParameter('Refresh Token flow not enabled for this client');
      }
      if (!params.REFRESH_TOKEN) throw invalidParameter('Missing required parameter REFRESH_TOKEN');
      const now = ctx.config.now();
      const origin = originOfRefreshToken(pool, client, params.REFRESH_TOKEN, now);
      const user = pool.users[origin.userKey];
      if (!user) throw notAuthorized('Invalid Refresh Token');
      checkSecretHash(client, user.Username, params.SECRET_HASH);
      if (!user.Enabled) throw userDisabled();
      return { ChallengeParameters: {}, AuthenticationResult: issueTokens(pool, client, user, origin, ctx.config) };
    }

    if (!client.ExplicitAuthFlows.includes(`ALLOW_${flow}`)) {
      throw invalidParameter(`${flow} flow not enabled for this client`);
    }
    if (flow !== 'USER_PASSWORD_AUTH') {
      throw invalidParameter(`The sandbox does not implement the ${flow} flow; enable USER_PASSWORD_AUTH on the client and use it.`);
    }
    if (!params.USERNAME) throw invalidParameter('Missing required parameter USERNAME');
    if (!params.PASSWORD) throw invalidParameter('Missing required parameter PASSWORD');
    checkSecretHash(client, params.USERNAME, params.SECRET_HASH);

    const user: User | undefined = pool.users[userKey(params.USERNAME)];
    // Unknown users cost the same scrypt as known ones, so timing does not reveal who exists.
    const passwordOk = verifyPassword(params.PASSWORD, user?.passwordHash ?? DUMMY_HASH);
    if (!user) throw client.PreventUserExistenceErrors === 'ENABLED' ? incorrectCredentials() : userNotFound();
    if (!passwordOk) throw incorrectCredentials();
    if (!user.Enabled) throw userDisabled();
    if (user.UserStatus === 'UNCONFIRMED') throw userNotConfirmed();
    if (user.UserStatus === 'RESET_REQUIRED') throw passwordResetRequired();

    const now = ctx.config.now();
    if (user.UserStatus === 'FORCE_CHANGE_PASSWORD') {
      if (user.temporaryPasswordExpires && Date.parse(user.temporaryPasswordExpires) <= now.getTime()) {
        throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
      }
      const session = openSession(pool, client, user, 'NEW_PASSWORD_REQUIRED', now);
      const { email_verified, ...rest } = user.attributes;
      const userAttributes = { ...(email_verified !== undefined ? { email_verified } : {}), ...rest };
      return {
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: session,
        ChallengeParameters: {
          USER_ID_FOR_SRP: user.Username,
          requiredAttributes: '[]',
          userAttributes: JSON.stringify(userAttributes),
        },
      };
    }
    return afterFirstFactor(pool, client, user, ctx.config);
  },
};
