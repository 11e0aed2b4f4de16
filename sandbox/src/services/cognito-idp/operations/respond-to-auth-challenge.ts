import type {
  RespondToAuthChallengeCommandInput,
  RespondToAuthChallengeCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { AppClient, CognitoIdpState, User, UserPool } from '../state.js';
import { poolOfClient, userKey } from '../state.js';
import type { WireOutput } from '../wire.js';
import { invalidMfaCode, invalidParameter, invalidSession, requireFields, userDisabled, validation } from '../errors.js';
import { enforcePolicy, hashPassword } from '../passwords.js';
import { signIn } from '../tokens.js';
import { checkSecretHash } from '../client-secret.js';
import { afterFirstFactor, countFailure, sessionOf, spendTotp } from '../mfa.js';

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

type Output = WireOutput<RespondToAuthChallengeCommandOutput>;
type Ctx = OperationContext<CognitoIdpState>;

export const respondToAuthChallenge: JsonOperation<CognitoIdpState> = {
  name: 'RespondToAuthChallenge',
  auth: 'none',
  mutates: true,
  handler(ctx: Ctx, input: RespondToAuthChallengeCommandInput): Output {
    requireFields(input, { ClientId: 'clientId', ChallengeName: 'challengeName' });
    if (!CHALLENGE_NAMES.includes(input.ChallengeName!)) {
      throw validation([
        `Value '${input.ChallengeName}' at 'challengeName' failed to satisfy constraint: Member must satisfy enum value set: [${CHALLENGE_NAMES.join(', ')}]`,
      ]);
    }
    const { pool, client } = poolOfClient(ctx.state, input.ClientId!);
    const now = ctx.config.now();
    const { hash, challenge } = sessionOf(pool, input.Session, now);
    if (challenge.clientId !== client.ClientId || challenge.challengeName !== input.ChallengeName) throw invalidSession();

    const responses = input.ChallengeResponses ?? {};
    if (!responses.USERNAME) throw invalidParameter('Missing required parameter USERNAME');
    if (userKey(responses.USERNAME) !== challenge.userKey) throw invalidSession();
    const user = pool.users[challenge.userKey];
    if (!user) throw invalidSession();
    checkSecretHash(client, responses.USERNAME, responses.SECRET_HASH);
    if (!user.Enabled) throw userDisabled();

    const args = { ctx, pool, client, user, hash, responses };
    switch (challenge.challengeName) {
      case 'NEW_PASSWORD_REQUIRED':
        return newPassword(args);
      case 'SOFTWARE_TOKEN_MFA':
        return softwareTokenMfa(args);
      case 'MFA_SETUP':
        // Answerable only with the session VerifySoftwareToken returned.
        if (challenge.setupStage !== 'verified' || !user.mfa?.secret) throw invalidSession();
        user.mfa.enabled = true;
        user.mfa.preferred = true;
        return finish(args);
    }
  },
};

interface Args {
  ctx: Ctx;
  pool: UserPool;
  client: AppClient;
  user: User;
  hash: string;
  responses: Record<string, string>;
}

/** The challenge is answered: its session is spent and the user is signed in. */
function finish({ ctx, pool, client, user, hash }: Args): Output {
  user.UserLastModifiedDate = ctx.config.now().toISOString();
  delete pool.challenges[hash];
  return { ChallengeParameters: {}, AuthenticationResult: signIn(pool, client, user, ctx.config) };
}

function newPassword(args: Args): Output {
  const { ctx, pool, client, user, hash, responses } = args;
  if (user.UserStatus !== 'FORCE_CHANGE_PASSWORD') throw invalidSession();
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
  user.UserLastModifiedDate = ctx.config.now().toISOString();
  delete pool.challenges[hash];
  // The new password is the first factor; MFA, when the pool asks for it, comes next.
  return afterFirstFactor(pool, client, user, ctx.config);
}

function softwareTokenMfa(args: Args): Output {
  const { ctx, pool, user, hash, responses } = args;
  const code = responses.SOFTWARE_TOKEN_MFA_CODE;
  if (!code) throw invalidParameter('Missing required parameter SOFTWARE_TOKEN_MFA_CODE');
  if (!user.mfa?.secret || !spendTotp(user, user.mfa.secret, code, ctx.config.now())) {
    // The session stays answerable (a mistyped code is retried) until too many wrong codes spend it.
    countFailure(pool, hash);
    throw invalidMfaCode();
  }
  return finish(args);
}
