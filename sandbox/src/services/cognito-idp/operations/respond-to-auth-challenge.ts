import type {
  RespondToAuthChallengeCommandInput,
  RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState } from '../state.js';
import { poolOfClient, userKey } from '../state.js';
import type { WireOutput } from '../wire.js';
import { invalidParameter, notAuthorized, requireFields, userDisabled, validation } from '../errors.js';
import { enforcePolicy, hashPassword } from '../passwords.js';
import { sha256, signIn } from '../tokens.js';
import { checkSecretHash } from '../client-secret.js';

const CHALLENGE_NAMES = [
  'SMS_MFA',
  'EMAIL_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'PASSWORD_VERIFIER',
  'CUSTOM_CHALLENGE',
  'SELECT_CHALLENGE',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
  'ADMIN_NO_SRP_AUTH',
  'NEW_PASSWORD_REQUIRED',
  'SMS_OTP',
  'PASSWORD',
  'WEB_AUTHN',
  'PASSWORD_SRP',
];

/** Attributes a user may set while answering NEW_PASSWORD_REQUIRED (`userAttributes.<name>`). */
const WRITABLE_ATTRIBUTES = new Set(['email', 'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'phone_number', 'locale', 'zoneinfo']);

export const respondToAuthChallenge: JsonOperation<CognitoIdpState> = {
  name: 'RespondToAuthChallenge',
  auth: 'none',
  mutates: true,
  handler(
    ctx: OperationContext<CognitoIdpState>,
    input: RespondToAuthChallengeCommandInput,
  ): WireOutput<RespondToAuthChallengeCommandOutput> {
    requireFields(input, { ClientId: 'clientId', ChallengeName: 'challengeName' });
    if (!CHALLENGE_NAMES.includes(input.ChallengeName!)) {
      throw validation([
        `Value '${input.ChallengeName}' at 'challengeName' failed to satisfy constraint: Member must satisfy enum value set: [${CHALLENGE_NAMES.join(', ')}]`,
      ]);
    }
    const { pool, client } = poolOfClient(ctx.state, input.ClientId!);
    const now = ctx.config.now();
    const invalidSession = () => notAuthorized('Invalid session for the user.');
    const hash = input.Session ? sha256(input.Session) : undefined;
    const session = hash ? pool.challenges[hash] : undefined;
    if (!session || session.clientId !== client.ClientId || session.challengeName !== input.ChallengeName) throw invalidSession();
    if (Date.parse(session.expires) <= now.getTime()) throw notAuthorized('Invalid session for the user, session is expired.');

    const responses = input.ChallengeResponses ?? {};
    if (!responses.USERNAME) throw invalidParameter('Missing required parameter USERNAME');
    if (userKey(responses.USERNAME) !== session.userKey) throw invalidSession();
    const user = pool.users[session.userKey];
    if (!user || user.UserStatus !== 'FORCE_CHANGE_PASSWORD') throw invalidSession();
    checkSecretHash(client, responses.USERNAME, responses.SECRET_HASH);
    if (!user.Enabled) throw userDisabled();
    if (!responses.NEW_PASSWORD) throw invalidParameter('Missing required parameter NEW_PASSWORD');
    enforcePolicy(responses.NEW_PASSWORD, pool.Policies.PasswordPolicy);

    const updates: Record<string, string> = {};
    for (const [k, v] of Object.entries(responses)) {
      if (!k.startsWith('userAttributes.')) continue;
      const name = k.slice('userAttributes.'.length);
      if (!WRITABLE_ATTRIBUTES.has(name)) throw invalidParameter(`Cannot modify the non-mutable attribute ${name}`);
      updates[name] = v;
    }

    user.passwordHash = hashPassword(responses.NEW_PASSWORD);
    user.UserStatus = 'CONFIRMED';
    delete user.temporaryPasswordExpires;
    Object.assign(user.attributes, updates);
    user.UserLastModifiedDate = now.toISOString();
    delete pool.challenges[hash!];
    return { ChallengeParameters: {}, AuthenticationResult: signIn(pool, client, user, ctx.config) };
  },
};
