import type { SandboxState, SandboxConfig } from '../../core/types.js';
import { idpState } from '../cognito-idp/state.js';
import { decodeJwt, verifySignature } from '../cognito-idp/jwt.js';
import type { CognitoProvider, IdentityPool } from './state.js';
import { notAuthorized } from './state.js';

export interface VerifiedLogin {
  provider: CognitoProvider;
  sub: string;
  claims: Record<string, unknown>;
}

const invalidLogin = (why: string) => notAuthorized(`Invalid login token. ${why}`);

/**
 * Verifies the Logins map of GetId / GetCredentialsForIdentity as an identity pool does for Cognito user
 * pool providers: the key must be a configured provider, the token an ID token that provider issued
 * (issuer, RS256 signature against the pool's keys), unexpired, and for the configured app client.
 */
export function verifyLogins(
  pool: IdentityPool,
  logins: Record<string, string> | undefined,
  root: SandboxState,
  config: SandboxConfig,
): VerifiedLogin | undefined {
  const entries = Object.entries(logins ?? {});
  if (!entries.length) return undefined;
  if (entries.length > 10) throw notAuthorized('Too many logins in the request.');
  let verified: VerifiedLogin | undefined;
  for (const [key, token] of entries) {
    const provider = pool.CognitoIdentityProviders.find((p) => p.ProviderName === key);
    if (!provider) throw notAuthorized('Token is not from a supported provider of this identity pool.');
    const jwt = decodeJwt(token);
    if (!jwt) throw invalidLogin('Not a valid OpenId Connect identity token.');
    if (jwt.payload.iss !== `https://${provider.ProviderName}`) throw invalidLogin("Issuer doesn't match providerName");
    const userPoolId = provider.ProviderName.slice(provider.ProviderName.lastIndexOf('/') + 1);
    const userPool = idpState(root)?.userPools[userPoolId];
    if (!userPool || !verifySignature(jwt, userPool.signingKeys)) throw invalidLogin("Couldn't verify signed token.");
    const exp = jwt.payload.exp;
    const now = Math.floor(config.now().getTime() / 1000);
    if (typeof exp !== 'number') throw invalidLogin('Not a valid OpenId Connect identity token.');
    if (now >= exp) throw invalidLogin(`Token expired: ${now} >= ${exp}`);
    if (jwt.payload.token_use !== 'id') throw invalidLogin('Not a valid OpenId Connect identity token.');
    if (jwt.payload.aud !== provider.ClientId) throw invalidLogin('Incorrect token audience.');
    if (typeof jwt.payload.sub !== 'string') throw invalidLogin('Not a valid OpenId Connect identity token.');
    verified = { provider, sub: jwt.payload.sub, claims: jwt.payload };
  }
  return verified;
}
