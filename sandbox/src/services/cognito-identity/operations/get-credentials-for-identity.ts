import type {
  GetCredentialsForIdentityCommandInput,
  GetCredentialsForIdentityCommandOutput,
} from '@aws-sdk/client-cognito-identity';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import { issueCredentials } from '../../../auth/credentials.js';
import { epochSeconds, type WireOutput } from '../../cognito-idp/wire.js';
import type { CognitoIdentityState, IdentityPool } from '../state.js';
import { idProblems, invalidPoolConfiguration, notAuthorized, resourceNotFound, validationError } from '../state.js';
import { verifyLogins, type VerifiedLogin } from '../logins.js';

/**
 * Temporary AWS credentials for an identity, for the role its ID token maps to. The demo pool maps roles
 * from the token (Type Token): cognito:preferred_role, or CustomRoleArn when it is one of cognito:roles;
 * anything ambiguous is denied (AmbiguousRoleResolution Deny).
 */
export const getCredentialsForIdentity: JsonOperation<CognitoIdentityState> = {
  name: 'GetCredentialsForIdentity',
  auth: 'none',
  mutates: true,
  handler(
    ctx: OperationContext<CognitoIdentityState>,
    input: GetCredentialsForIdentityCommandInput,
  ): WireOutput<GetCredentialsForIdentityCommandOutput> {
    const problems = idProblems(input.IdentityId, 'identityId');
    if (input.CustomRoleArn !== undefined && (input.CustomRoleArn.length < 20 || input.CustomRoleArn.length > 2048)) {
      problems.push(`Value '${input.CustomRoleArn}' at 'customRoleArn' failed to satisfy constraint: Member must have length greater than or equal to 20`);
    }
    if (problems.length) throw validationError(problems);
    const identityId = input.IdentityId!;
    const found = Object.values(ctx.state.identityPools).find((p) => p.identities[identityId]);
    if (!found) throw resourceNotFound(`Identity '${identityId}' not found.`);
    const pool = found;
    const identity = pool.identities[identityId]!;

    const login = verifyLogins(pool, input.Logins, ctx.root, ctx.config);
    if (!login) {
      throw notAuthorized(
        pool.AllowUnauthenticatedIdentities
          ? 'Logins don\'t match. Please include at least one valid login for this identity or identity pool.'
          : 'Unauthenticated access is not supported for this identity pool.',
      );
    }
    if (identity.logins[login.provider.ProviderName] !== login.sub) {
      throw notAuthorized("Logins don't match. Please include at least one valid login for this identity or identity pool.");
    }

    const roleArn = resolveRole(pool, login, input.CustomRoleArn);
    if (!ctx.root.auth.roles[roleArn]) {
      throw invalidPoolConfiguration('Invalid identity pool configuration. Check assigned IAM roles for this pool.');
    }
    const now = ctx.config.now();
    identity.LastModifiedDate = now.toISOString();
    const cred = issueCredentials(ctx.root.auth, roleArn, identityId, now, ctx.config.credentialLifetimeSeconds);
    return {
      IdentityId: identityId,
      Credentials: {
        AccessKeyId: cred.accessKeyId,
        SecretKey: cred.secretAccessKey,
        SessionToken: cred.sessionToken,
        Expiration: epochSeconds(cred.expiration),
      },
    };
  },
};

function resolveRole(pool: IdentityPool, login: VerifiedLogin, customRoleArn: string | undefined): string {
  const mappingKey = `${login.provider.ProviderName}:${login.provider.ClientId}`;
  const mapping = pool.RoleMappings[mappingKey];
  const authenticated = pool.Roles.authenticated;
  if (!mapping) {
    if (!authenticated) throw invalidPoolConfiguration('Invalid identity pool configuration. Check assigned IAM roles for this pool.');
    return authenticated;
  }
  if (mapping.Type !== 'Token') throw invalidPoolConfiguration('The sandbox maps roles from tokens only (RoleMapping Type Token).');
  const roles = Array.isArray(login.claims['cognito:roles']) ? (login.claims['cognito:roles'] as unknown[]).map(String) : [];
  const preferred = login.claims['cognito:preferred_role'];
  if (customRoleArn !== undefined) {
    if (roles.includes(customRoleArn)) return customRoleArn;
  } else if (typeof preferred === 'string' && roles.includes(preferred)) {
    return preferred;
  } else if (roles.length === 1) {
    return roles[0]!;
  }
  if (mapping.AmbiguousRoleResolution === 'AuthenticatedRole' && authenticated) return authenticated;
  throw notAuthorized(`The ambiguous role mapping rules for: ${mappingKey} denied this request.`);
}
