import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  type AuthenticationResultType,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ConsoleConfig } from '../../../aws/config.js';
import { makeClient } from '../../../aws/clients.js';

export interface Tokens {
  idToken: string;
  accessToken: string;
  /** Absent after a refresh: Cognito keeps the refresh token it already gave. */
  refreshToken?: string;
  /** Seconds the ID and access tokens live, counted from receipt (robust to a skewed browser clock). */
  expiresIn: number;
}

/**
 * Where a sign-in stands after an answer from Cognito: done (tokens), or the next challenge with the
 * Session string that answers it (kept in memory only, never stored).
 */
export type AuthStep =
  | { kind: 'tokens'; tokens: Tokens }
  | { kind: 'new-password-required'; session: string; requiredAttributes: string[] }
  /** A code from the user's authenticator app; deviceName is the name given at set-up, if any. */
  | { kind: 'software-token-mfa'; session: string; deviceName?: string }
  /** The pool requires MFA and the user has none yet: set up TOTP (AssociateSoftwareToken first). */
  | { kind: 'mfa-setup'; session: string };

export function cognitoIdp(config: ConsoleConfig) {
  return makeClient(CognitoIdentityProviderClient, 'cognito-idp', config, { signed: false });
}

/** InitiateAuth USER_PASSWORD_AUTH: the password goes to Cognito over TLS, never anywhere else. */
export async function passwordSignIn(config: ConsoleConfig, username: string, password: string): Promise<AuthStep> {
  const out = await cognitoIdp(config).send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  return interpret(out);
}

/** InitiateAuth REFRESH_TOKEN_AUTH: new ID and access tokens without asking for the password. */
export async function refreshTokens(config: ConsoleConfig, refreshToken: string): Promise<Tokens> {
  const out = await cognitoIdp(config).send(
    new InitiateAuthCommand({
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: config.userPoolClientId,
      AuthParameters: { REFRESH_TOKEN: refreshToken },
    }),
  );
  const result = interpret(out);
  if (result.kind !== 'tokens') throw new Error(`Cognito asked for ${out.ChallengeName} while refreshing the session.`);
  return result.tokens;
}

export function interpret(out: Pick<InitiateAuthCommandOutput, 'AuthenticationResult' | 'ChallengeName' | 'Session' | 'ChallengeParameters'>): AuthStep {
  if (out.AuthenticationResult) return { kind: 'tokens', tokens: toTokens(out.AuthenticationResult) };
  if (out.ChallengeName === 'SOFTWARE_TOKEN_MFA' && out.Session) {
    return { kind: 'software-token-mfa', session: out.Session, deviceName: out.ChallengeParameters?.FRIENDLY_DEVICE_NAME || undefined };
  }
  if (out.ChallengeName === 'MFA_SETUP' && out.Session) {
    let can: unknown = [];
    try {
      can = JSON.parse(out.ChallengeParameters?.MFAS_CAN_SETUP ?? '[]');
    } catch {
      /* a JSON array on AWS; anything else offers nothing */
    }
    if (Array.isArray(can) && can.includes('SOFTWARE_TOKEN_MFA')) return { kind: 'mfa-setup', session: out.Session };
    throw new Error(`Cognito asks to set up MFA of a kind this console does not offer (${String(out.ChallengeParameters?.MFAS_CAN_SETUP)}); only authenticator apps (TOTP) are supported.`);
  }
  if (out.ChallengeName === 'NEW_PASSWORD_REQUIRED' && out.Session) {
    let requiredAttributes: string[] = [];
    try {
      requiredAttributes = JSON.parse(out.ChallengeParameters?.requiredAttributes ?? '[]') as string[];
    } catch {
      /* Cognito sends a JSON array; anything else means none */
    }
    return { kind: 'new-password-required', session: out.Session, requiredAttributes };
  }
  throw new Error(`Cognito asked for the ${out.ChallengeName ?? 'unknown'} challenge, which this console does not support.`);
}

function toTokens(r: AuthenticationResultType): Tokens {
  if (!r.IdToken || !r.AccessToken) throw new Error('Cognito answered without tokens.');
  return {
    idToken: r.IdToken,
    accessToken: r.AccessToken,
    refreshToken: r.RefreshToken,
    expiresIn: r.ExpiresIn ?? 3600,
  };
}
