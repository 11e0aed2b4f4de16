import type { HandlerResult, OperationContext, SandboxRequest, SandboxState, ServiceModule } from '../../core/types.js';
import { type CognitoIdpState, initialState, issuerOf, regionOfPool, SERVICE_NAME } from './state.js';
import { signingKeyOf } from './tokens.js';
import { initiateAuth } from './operations/initiate-auth.js';
import { respondToAuthChallenge } from './operations/respond-to-auth-challenge.js';
import { getUser } from './operations/get-user.js';
import { globalSignOut } from './operations/global-sign-out.js';
import { revokeToken } from './operations/revoke-token.js';
import { associateSoftwareToken } from './operations/associate-software-token.js';
import { verifySoftwareToken } from './operations/verify-software-token.js';
import { setUserMfaPreference } from './operations/set-user-mfa-preference.js';
import {
  adminAddUserToGroup,
  adminCreateUser,
  adminDisableUser,
  adminEnableUser,
  adminSetUserPassword,
} from './operations/admin.js';

const WELL_KNOWN = /^\/([\w-]+_[0-9A-Za-z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/;

/**
 * Cognito user pools (awsJson 1.1). Sign-in operations are unsigned, as on AWS; the Admin* operations
 * are SigV4-signed and authorized against the caller's role. The pools' JWKS is served over plain HTTP.
 */
export const cognitoIdp: ServiceModule<CognitoIdpState> = {
  name: SERVICE_NAME,
  signingName: 'cognito-idp',
  protocol: 'json',
  jsonVersion: '1.1',
  targetPrefix: 'AWSCognitoIdentityProviderService',
  initialState,
  jsonOperations: [
    initiateAuth,
    respondToAuthChallenge,
    getUser,
    globalSignOut,
    revokeToken,
    associateSoftwareToken,
    verifySoftwareToken,
    setUserMfaPreference,
    adminCreateUser,
    adminSetUserPassword,
    adminDisableUser,
    adminEnableUser,
    adminAddUserToGroup,
  ],
  iam(ctx: OperationContext<CognitoIdpState>) {
    // Cognito authorizes Admin* calls on the user pool's ARN; the body names the pool.
    let poolId = '*';
    try {
      const body = JSON.parse(ctx.req.body.toString('utf8')) as { UserPoolId?: unknown };
      if (typeof body.UserPoolId === 'string') poolId = body.UserPoolId;
    } catch {
      /* the handler reports the malformed body */
    }
    return {
      action: `cognito-idp:${ctx.operation}`,
      resource: `arn:aws:cognito-idp:${ctx.config.region}:${ctx.config.account}:userpool/${poolId}`,
    };
  },
  extraRoutes(req: SandboxRequest, root: SandboxState, baseUrl: string): HandlerResult | undefined {
    if (req.method !== 'GET' && req.method !== 'HEAD') return undefined;
    const m = WELL_KNOWN.exec(req.path);
    if (!m) return undefined;
    const state = root.services[SERVICE_NAME] as CognitoIdpState;
    const pool = state.userPools[m[1]!];
    if (!pool) return { status: 404, body: { message: `User pool ${m[1]} does not exist.` } };
    if (m[2] === 'jwks.json') {
      // Publishing the key makes it (it is saved with the next change, before any token it signs).
      signingKeyOf(pool);
      return { body: { keys: pool.signingKeys.map((k) => ({ alg: k.jwk.alg, e: k.jwk.e, kid: k.kid, kty: k.jwk.kty, n: k.jwk.n, use: k.jwk.use })) } };
    }
    // The issuer stays AWS's form (identity pools match it); the key set is served by the sandbox.
    const region = regionOfPool(pool.Id, 'us-east-1');
    return {
      body: {
        issuer: issuerOf(region, pool.Id),
        jwks_uri: `${baseUrl}/${pool.Id}/.well-known/jwks.json`,
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'token'],
        scopes_supported: ['openid', 'email', 'phone', 'profile'],
        claims_supported: ['sub', 'iss', 'aud', 'exp', 'iat', 'auth_time', 'token_use', 'email', 'email_verified', 'cognito:username', 'cognito:groups'],
      },
    };
  },
};
