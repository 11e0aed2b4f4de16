import { randomBytes } from 'node:crypto';
import type { InitiateAuthCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { SandboxConfig } from '../../core/types.js';
import type { AppClient, ChallengeName, ChallengeSession, User, UserPool } from './state.js';
import { userKey } from './state.js';
import type { WireOutput } from './wire.js';
import { expiredSession, invalidSession, softwareTokenMfaNotFound, tokenAlreadyUsed } from './errors.js';
import { sha256, signIn } from './tokens.js';
import { matchTotp } from './totp.js';

/** How long a challenge session may be answered (Cognito's default app-client session validity: 3 minutes). */
export const CHALLENGE_SESSION_MS = 3 * 60 * 1000;

/** Wrong codes a challenge session takes before it is spent (the sandbox's choice; AWS documents none). */
export const MAX_FAILED_CODES = 5;

type AuthOutput = WireOutput<Pick<InitiateAuthCommandOutput, 'ChallengeName' | 'Session' | 'ChallengeParameters' | 'AuthenticationResult'>>;

/** Opens a challenge session (an opaque string, stored only as its hash) and returns it. */
export function openSession(
  pool: UserPool,
  client: AppClient,
  user: User,
  challengeName: ChallengeName,
  now: Date,
  extra: Pick<ChallengeSession, 'setupStage'> = {},
): string {
  // Sessions live minutes; drop those an hour past expiry so the state does not grow.
  for (const [h, s] of Object.entries(pool.challenges)) if (Date.parse(s.expires) <= now.getTime() - 3600_000) delete pool.challenges[h];
  const session = randomBytes(192).toString('base64url');
  pool.challenges[sha256(session)] = {
    userKey: userKey(user.Username),
    clientId: client.ClientId,
    challengeName,
    expires: new Date(now.getTime() + CHALLENGE_SESSION_MS).toISOString(),
    ...extra,
  };
  return session;
}

/** The live challenge behind a Session string, or AWS's error for an unknown or expired one. */
export function sessionOf(pool: UserPool, session: string | undefined, now: Date): { hash: string; challenge: ChallengeSession } {
  const hash = session ? sha256(session) : undefined;
  const challenge = hash ? pool.challenges[hash] : undefined;
  if (!hash || !challenge) throw invalidSession();
  if (Date.parse(challenge.expires) <= now.getTime()) throw expiredSession();
  return { hash, challenge };
}

/** Finds the pool holding a session (AssociateSoftwareToken and VerifySoftwareToken name no client). */
export function findSession(
  pools: Iterable<UserPool>,
  session: string,
  now: Date,
): { pool: UserPool; hash: string; challenge: ChallengeSession } {
  const hash = sha256(session);
  for (const pool of pools) if (pool.challenges[hash]) return { pool, ...sessionOf(pool, session, now) };
  throw invalidSession();
}

/** Counts a wrong code against a session, spending it after MAX_FAILED_CODES. */
export function countFailure(pool: UserPool, hash: string): void {
  const c = pool.challenges[hash];
  if (!c) return;
  c.failedAttempts = (c.failedAttempts ?? 0) + 1;
  if (c.failedAttempts >= MAX_FAILED_CODES) delete pool.challenges[hash];
}

/** Whether the pool (or the sandbox-only per-user switch) requires MFA of this user. */
export function mfaRequired(pool: UserPool, user: User): boolean {
  return pool.MfaConfiguration === 'ON' || user.mfa?.required === true;
}

export function softwareTokenEnabledInPool(pool: UserPool): void {
  if (!pool.SoftwareTokenMfaConfiguration?.Enabled) throw softwareTokenMfaNotFound('Software Token MFA has not been enabled by the userPool.');
}

/**
 * Checks a TOTP against a secret at `now` (one step either side) and spends its step: a code, or an older
 * one, is good once. Returns false for a wrong code; throws ExpiredCodeException for a spent one.
 */
export function spendTotp(user: User, secret: string, code: string, now: Date): boolean {
  const step = matchTotp(secret, code, now.getTime());
  if (step === undefined) return false;
  const mfa = (user.mfa ??= {});
  if (mfa.lastUsedStep !== undefined && step <= mfa.lastUsedStep) throw tokenAlreadyUsed();
  mfa.lastUsedStep = step;
  return true;
}

/**
 * After the password (and a new one, if it had to change): the MFA challenge the pool's configuration
 * calls for, or the tokens. OFF never challenges; OPTIONAL challenges users who turned TOTP on; ON (or
 * the seed's per-user switch) challenges users with a verified token and sends the rest to MFA_SETUP.
 */
export function afterFirstFactor(pool: UserPool, client: AppClient, user: User, config: SandboxConfig): AuthOutput {
  const now = config.now();
  const mfa = user.mfa;
  const required = mfaRequired(pool, user);
  const off = (pool.MfaConfiguration ?? 'OFF') === 'OFF' && !required;
  if (!off && mfa?.secret && (mfa.enabled || required)) {
    return {
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: openSession(pool, client, user, 'SOFTWARE_TOKEN_MFA', now),
      ChallengeParameters: {
        ...(mfa.friendlyDeviceName ? { FRIENDLY_DEVICE_NAME: mfa.friendlyDeviceName } : {}),
        USER_ID_FOR_SRP: user.Username,
      },
    };
  }
  if (required) {
    return {
      ChallengeName: 'MFA_SETUP',
      Session: openSession(pool, client, user, 'MFA_SETUP', now, { setupStage: 'challenge' }),
      ChallengeParameters: { MFAS_CAN_SETUP: JSON.stringify(['SOFTWARE_TOKEN_MFA']), USER_ID_FOR_SRP: user.Username },
    };
  }
  return { ChallengeParameters: {}, AuthenticationResult: signIn(pool, client, user, config) };
}
