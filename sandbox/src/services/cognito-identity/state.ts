import { AwsError } from '../../core/errors.js';

export const SERVICE_NAME = 'cognito-identity';

export interface CognitoProvider {
  /** `cognito-idp.<region>.amazonaws.com/<userPoolId>`: the Logins key and, with https://, the token issuer. */
  ProviderName: string;
  ClientId: string;
  ServerSideTokenCheck: boolean;
}

export interface RoleMapping {
  Type: 'Token' | 'Rules';
  AmbiguousRoleResolution: 'AuthenticatedRole' | 'Deny';
}

export interface Identity {
  IdentityId: string;
  /** Provider name -> the user's sub at that provider. */
  logins: Record<string, string>;
  CreationDate: string;
  LastModifiedDate: string;
}

export interface IdentityPool {
  IdentityPoolId: string;
  IdentityPoolName: string;
  AllowUnauthenticatedIdentities: boolean;
  CognitoIdentityProviders: CognitoProvider[];
  /** `authenticated` / `unauthenticated` role ARNs. */
  Roles: Record<string, string>;
  /** By `<ProviderName>:<ClientId>`, as AWS keys them. */
  RoleMappings: Record<string, RoleMapping>;
  identities: Record<string, Identity>;
  /** `<ProviderName>|<sub>` -> identity id, so a user keeps one identity. */
  identityByLogin: Record<string, string>;
}

export interface CognitoIdentityState {
  identityPools: Record<string, IdentityPool>;
}

export const initialState = (): CognitoIdentityState => ({ identityPools: {} });

const err = (code: string) => (message: string) => new AwsError(code, message, 400);
export const notAuthorized = err('NotAuthorizedException');
export const resourceNotFound = err('ResourceNotFoundException');
export const invalidParameter = err('InvalidParameterException');
export const invalidPoolConfiguration = err('InvalidIdentityPoolConfigurationException');
/** Cognito Identity reports malformed input with the generic ValidationException (not in the SDK's model). */
export const validationError = (problems: string[]) =>
  new AwsError('ValidationException', `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`, 400);

const ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;

/** Checks an IdentityPoolId / IdentityId against AWS's pattern and length (1..55). */
export function idProblems(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [`Value null at '${field}' failed to satisfy constraint: Member must not be null`];
  const v = String(value);
  const problems: string[] = [];
  if (v.length < 1 || v.length > 55) {
    problems.push(`Value '${v}' at '${field}' failed to satisfy constraint: Member must have length ${v.length < 1 ? 'greater than or equal to 1' : 'less than or equal to 55'}`);
  }
  if (!ID_PATTERN.test(v)) {
    problems.push(`Value '${v}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`);
  }
  return problems;
}

export function requireIdentityPool(state: CognitoIdentityState, id: string): IdentityPool {
  const pool = state.identityPools[id];
  if (!pool) throw resourceNotFound(`IdentityPool '${id}' not found.`);
  return pool;
}
