import type { SandboxState } from '../../core/types.js';
import { resourceNotFound } from './errors.js';

export const SERVICE_NAME = 'cognito-idp';

/** Cognito's default password policy, which the demo pool keeps. */
export interface PasswordPolicy {
  MinimumLength: number;
  RequireUppercase: boolean;
  RequireLowercase: boolean;
  RequireNumbers: boolean;
  RequireSymbols: boolean;
  TemporaryPasswordValidityDays: number;
}

/** RSA key pair a pool signs its tokens with; PEM and JWK so the state stays plain JSON across restarts. */
export interface SigningKey {
  kid: string;
  privateKeyPem: string;
  /** Public half as published in the pool's JWKS. */
  jwk: { kid: string; kty: 'RSA'; alg: 'RS256'; use: 'sig'; n: string; e: string };
}

export interface AppClient {
  ClientId: string;
  ClientName: string;
  /** Set only for confidential clients; public clients (the console) have none. */
  ClientSecret?: string;
  ExplicitAuthFlows: string[];
  PreventUserExistenceErrors: 'ENABLED' | 'LEGACY';
  /** Days a refresh token lives (Cognito's default: 30). */
  RefreshTokenValidityDays: number;
  CreationDate: string;
}

export interface Group {
  GroupName: string;
  Description?: string;
  RoleArn?: string;
  Precedence?: number;
  CreationDate: string;
}

export type UserStatus = 'CONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'UNCONFIRMED' | 'RESET_REQUIRED';

export interface User {
  Username: string;
  sub: string;
  /** `scrypt$N$r$p$salt$hash` (base64); never the password itself. */
  passwordHash: string;
  UserStatus: UserStatus;
  Enabled: boolean;
  /** Attributes other than sub (email, email_verified, ...). */
  attributes: Record<string, string>;
  groups: string[];
  /** ISO instant after which a temporary password no longer signs in (FORCE_CHANGE_PASSWORD only). */
  temporaryPasswordExpires?: string;
  /** TOTP (software token) MFA; absent until the user associates a token. */
  mfa?: UserMfa;
  UserCreateDate: string;
  UserLastModifiedDate: string;
}

/**
 * A user's software token. The secret is kept as issued (base32): TOTP needs it to check codes, as
 * Cognito does; it is never returned after AssociateSoftwareToken.
 */
export interface UserMfa {
  /** The verified token's secret, used at sign-in. */
  secret?: string;
  friendlyDeviceName?: string;
  /** From AssociateSoftwareToken until VerifySoftwareToken; the old token keeps working meanwhile. */
  pendingSecret?: string;
  /** SOFTWARE_TOKEN_MFA is in the user's UserMFASettingList (SetUserMFAPreference, or MFA_SETUP). */
  enabled?: boolean;
  preferred?: boolean;
  /** TOTP step of the last accepted code: a code is good once (ExpiredCodeException after). */
  lastUsedStep?: number;
  /**
   * Sandbox-only seed switch, never set by any operation: this user is treated as if the pool's
   * MfaConfiguration were ON (MFA_SETUP at sign-in until a token is verified), so the demo pool can stay
   * OPTIONAL for everyone else. AWS has no per-user requirement.
   */
  required?: boolean;
}

/**
 * One sign-in: its refresh token (by hash) and every ID/access token issued from it carry its id as
 * `origin_jti`, so revoking it (GlobalSignOut, RevokeToken, AdminDisableUser) revokes them all.
 */
export interface AuthOrigin {
  originJti: string;
  /** Key of the user in `users` (lower-cased username). */
  userKey: string;
  clientId: string;
  /** Epoch seconds of the password sign-in; refreshes keep it. */
  authTime: number;
  refreshTokenHash: string;
  refreshExpires: string;
  revoked?: string;
}

export type ChallengeName = 'NEW_PASSWORD_REQUIRED' | 'SOFTWARE_TOKEN_MFA' | 'MFA_SETUP';

/** A pending challenge, by the hash of its Session string. */
export interface ChallengeSession {
  userKey: string;
  clientId: string;
  challengeName: ChallengeName;
  expires: string;
  /**
   * MFA_SETUP only: `challenge` as InitiateAuth returned it, `associated` after AssociateSoftwareToken
   * (answerable by VerifySoftwareToken), `verified` after VerifySoftwareToken (answerable by
   * RespondToAuthChallenge). Each step spends its session and returns the next one.
   */
  setupStage?: 'challenge' | 'associated' | 'verified';
  /** Wrong codes given on this session (SOFTWARE_TOKEN_MFA, VerifySoftwareToken). */
  failedAttempts?: number;
}

export type MfaConfiguration = 'OFF' | 'ON' | 'OPTIONAL';

export interface UserPool {
  Id: string;
  Name: string;
  Arn: string;
  CreationDate: string;
  Policies: { PasswordPolicy: PasswordPolicy };
  /** Absent in states saved before MFA was served: OFF. */
  MfaConfiguration?: MfaConfiguration;
  /** Whether users may associate TOTP tokens (AssociateSoftwareToken, VerifySoftwareToken). */
  SoftwareTokenMfaConfiguration?: { Enabled: boolean };
  /** Empty until the first token is signed (see signingKeyOf). */
  signingKeys: SigningKey[];
  clients: Record<string, AppClient>;
  groups: Record<string, Group>;
  /** By lower-cased username: the pool's usernames are case-insensitive, as new pools are by default. */
  users: Record<string, User>;
  origins: Record<string, AuthOrigin>;
  /** Refresh-token hash -> origin id. */
  refreshIndex: Record<string, string>;
  challenges: Record<string, ChallengeSession>;
}

export interface CognitoIdpState {
  userPools: Record<string, UserPool>;
}

export const initialState = (): CognitoIdpState => ({ userPools: {} });

export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

export const userKey = (username: string) => username.toLowerCase();

/** The user pools slice, for the identity pool (which verifies the pools' tokens). */
export function idpState(root: SandboxState): CognitoIdpState {
  return root.services[SERVICE_NAME] as CognitoIdpState;
}

export function requirePool(state: CognitoIdpState, id: string): UserPool {
  const pool = state.userPools[id];
  if (!pool) throw resourceNotFound(`User pool ${id} does not exist.`);
  return pool;
}

/** The pool an app client belongs to, or AWS's error for an unknown client. */
export function poolOfClient(state: CognitoIdpState, clientId: string): { pool: UserPool; client: AppClient } {
  for (const pool of Object.values(state.userPools)) {
    const client = pool.clients[clientId];
    if (client) return { pool, client };
  }
  throw resourceNotFound(`User pool client ${clientId} does not exist.`);
}

export function issuerOf(region: string, poolId: string): string {
  return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
}

/** Pool ids start with their region: `us-east-1_AbC123`. */
export function regionOfPool(poolId: string, fallback: string): string {
  const i = poolId.indexOf('_');
  return i > 0 ? poolId.slice(0, i) : fallback;
}
