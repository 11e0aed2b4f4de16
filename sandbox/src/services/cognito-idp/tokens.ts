import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SandboxConfig } from '../../core/types.js';
import type { AuthenticationResultType } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient, AuthOrigin, CognitoIdpState, User, UserPool } from './state.js';
import { issuerOf, regionOfPool, userKey } from './state.js';
import { decodeJwt, generateSigningKey, signJwt, verifySignature } from './jwt.js';
import { notAuthorized, userNotFound } from './errors.js';

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const epoch = (d: Date) => Math.floor(d.getTime() / 1000);
const DAY_MS = 86_400_000;

/** Group claims as Cognito computes them at token time (so a group change shows at the next refresh). */
export function groupClaims(pool: UserPool, user: User): Record<string, unknown> {
  const groups = user.groups
    .map((g) => pool.groups[g])
    .filter((g): g is NonNullable<typeof g> => !!g)
    .sort((a, b) => (a.Precedence ?? Infinity) - (b.Precedence ?? Infinity) || a.GroupName.localeCompare(b.GroupName));
  if (!groups.length) return {};
  const claims: Record<string, unknown> = { 'cognito:groups': groups.map((g) => g.GroupName) };
  const withRoles = groups.filter((g) => g.RoleArn);
  if (withRoles.length) {
    claims['cognito:roles'] = [...new Set(withRoles.map((g) => g.RoleArn!))];
    // The lowest precedence wins; a tie between different roles leaves no preferred role (AWS's rule).
    const [first, second] = withRoles;
    const tie = second && (first!.Precedence ?? Infinity) === (second.Precedence ?? Infinity) && first!.RoleArn !== second.RoleArn;
    if (!tie) claims['cognito:preferred_role'] = first!.RoleArn;
  }
  return claims;
}

/** ID token attributes: strings as stored, `*_verified` as booleans (as Cognito puts them). */
function attributeClaims(user: User): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(user.attributes)) out[k] = k.endsWith('_verified') ? v === 'true' : v;
  return out;
}

/**
 * The pool's signing key, made on first use: generating an RSA key costs a few hundred milliseconds, and
 * most sandboxes (every API Gateway test) never sign anyone in. Once made it lives in the state, so it is
 * saved with the tokens it signs and survives restarts.
 */
export function signingKeyOf(pool: UserPool) {
  if (!pool.signingKeys.length) pool.signingKeys.push(generateSigningKey());
  return pool.signingKeys[0]!;
}

/** Signs a fresh ID and access token for a sign-in (origin). */
export function issueTokens(
  pool: UserPool,
  client: AppClient,
  user: User,
  origin: AuthOrigin,
  config: SandboxConfig,
  now = config.now(),
): Required<Pick<AuthenticationResultType, 'AccessToken' | 'IdToken' | 'ExpiresIn' | 'TokenType'>> {
  const key = signingKeyOf(pool);
  const iat = epoch(now);
  const exp = iat + config.tokenLifetimeSeconds;
  const iss = issuerOf(regionOfPool(pool.Id, config.region), pool.Id);
  const groups = groupClaims(pool, user);
  const eventId = randomUUID();
  const { email, ...otherAttributes } = attributeClaims(user);
  const idToken = signJwt(
    {
      sub: user.sub,
      ...(groups['cognito:groups'] ? { 'cognito:groups': groups['cognito:groups'] } : {}),
      ...otherAttributes,
      iss,
      'cognito:username': user.Username,
      ...(groups['cognito:preferred_role'] ? { 'cognito:preferred_role': groups['cognito:preferred_role'] } : {}),
      origin_jti: origin.originJti,
      ...(groups['cognito:roles'] ? { 'cognito:roles': groups['cognito:roles'] } : {}),
      aud: client.ClientId,
      event_id: eventId,
      token_use: 'id',
      auth_time: origin.authTime,
      exp,
      iat,
      jti: randomUUID(),
      ...(email !== undefined ? { email } : {}),
    },
    key,
  );
  const accessToken = signJwt(
    {
      sub: user.sub,
      ...(groups['cognito:groups'] ? { 'cognito:groups': groups['cognito:groups'] } : {}),
      iss,
      client_id: client.ClientId,
      origin_jti: origin.originJti,
      event_id: eventId,
      token_use: 'access',
      scope: 'aws.cognito.signin.user.admin',
      auth_time: origin.authTime,
      exp,
      iat,
      jti: randomUUID(),
      username: user.Username,
    },
    key,
  );
  return { AccessToken: accessToken, IdToken: idToken, ExpiresIn: config.tokenLifetimeSeconds, TokenType: 'Bearer' };
}

/** A password sign-in: a new origin with its refresh token, and the first ID/access tokens. */
export function signIn(pool: UserPool, client: AppClient, user: User, config: SandboxConfig): AuthenticationResultType {
  signingKeyOf(pool);
  // One instant for the whole sign-in: auth_time and the first tokens' iat agree.
  const now = config.now();
  pruneOrigins(pool, now);
  // Opaque to clients; shaped like Cognito's (a JWE compact serialization), stored only as a hash.
  const refreshToken = [
    Buffer.from(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' })).toString('base64url'),
    randomBytes(256).toString('base64url'),
    randomBytes(12).toString('base64url'),
    randomBytes(384).toString('base64url'),
    randomBytes(16).toString('base64url'),
  ].join('.');
  const origin: AuthOrigin = {
    originJti: randomUUID(),
    userKey: userKey(user.Username),
    clientId: client.ClientId,
    authTime: epoch(now),
    refreshTokenHash: sha256(refreshToken),
    refreshExpires: new Date(now.getTime() + client.RefreshTokenValidityDays * DAY_MS).toISOString(),
  };
  pool.origins[origin.originJti] = origin;
  pool.refreshIndex[origin.refreshTokenHash] = origin.originJti;
  return { ...issueTokens(pool, client, user, origin, config, now), RefreshToken: refreshToken };
}

/** Finds the live sign-in behind a refresh token, or raises AWS's error for it. */
export function originOfRefreshToken(pool: UserPool, client: AppClient, refreshToken: string, now: Date): AuthOrigin {
  const id = pool.refreshIndex[sha256(refreshToken)];
  const origin = id ? pool.origins[id] : undefined;
  if (!origin || origin.clientId !== client.ClientId) throw notAuthorized('Invalid Refresh Token');
  if (origin.revoked) throw notAuthorized('Refresh Token has been revoked');
  if (Date.parse(origin.refreshExpires) <= now.getTime()) throw notAuthorized('Refresh Token has expired');
  return origin;
}

/** Revokes every sign-in of a user: refresh tokens stop working and so do tokens issued from them. */
export function revokeUserOrigins(pool: UserPool, key: string, now: Date): void {
  for (const o of Object.values(pool.origins)) if (o.userKey === key && !o.revoked) o.revoked = now.toISOString();
}

/** Drops sign-ins whose refresh token has expired; their access tokens expired long before. */
function pruneOrigins(pool: UserPool, now: Date): void {
  for (const [id, o] of Object.entries(pool.origins)) {
    if (Date.parse(o.refreshExpires) <= now.getTime()) {
      delete pool.origins[id];
      delete pool.refreshIndex[o.refreshTokenHash];
    }
  }
}

/**
 * Resolves an access token the way Cognito's user-facing operations (GetUser, GlobalSignOut) do:
 * signature and issuer, then expiry, then revocation, then the user.
 */
export function authenticateAccessToken(
  state: CognitoIdpState,
  token: string,
  config: SandboxConfig,
): { pool: UserPool; user: User; origin: AuthOrigin; claims: Record<string, unknown> } {
  const invalid = () => notAuthorized('Invalid Access Token');
  const jwt = decodeJwt(token);
  if (!jwt) throw invalid();
  const iss = jwt.payload.iss;
  const pool = Object.values(state.userPools).find((p) => issuerOf(regionOfPool(p.Id, config.region), p.Id) === iss);
  if (!pool || !verifySignature(jwt, pool.signingKeys) || jwt.payload.token_use !== 'access') throw invalid();
  const exp = jwt.payload.exp;
  if (typeof exp !== 'number' || exp <= config.now().getTime() / 1000) throw notAuthorized('Access Token has expired');
  const origin = pool.origins[String(jwt.payload.origin_jti)];
  if (!origin || origin.revoked) throw notAuthorized('Access Token has been revoked');
  const user = pool.users[origin.userKey];
  if (!user || user.sub !== jwt.payload.sub) throw userNotFound();
  return { pool, user, origin, claims: jwt.payload };
}
