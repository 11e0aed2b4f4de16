import { randomUUID } from 'node:crypto';
import type { SandboxConfig, SandboxState } from '../core/types.js';
import { type CognitoIdpState, DEFAULT_PASSWORD_POLICY, type User, type UserPool, userKey } from '../services/cognito-idp/state.js';
import { hashPassword } from '../services/cognito-idp/passwords.js';
import type { CognitoIdentityState } from '../services/cognito-identity/state.js';
import {
  DEMO_ACCOUNT,
  DEMO_IDENTITY_POOL_ID,
  DEMO_PASSWORD,
  DEMO_REGION,
  DEMO_USER_POOL_CLIENT_ID,
  DEMO_USER_POOL_ID,
  DEMO_USERS,
  MFA_OPT_IN_USER, MFA_SETUP_USER,
  MFA_USER,
  roleArn,
} from './ids.js';

/** Temporary password of `newbie`, who must choose a new one at first sign-in (NEW_PASSWORD_REQUIRED). */
export const NEWBIE_TEMP_PASSWORD = 'Temp-Passw0rd!';

const GROUPS = [
  { name: 'admin', precedence: 1, description: 'Manage every API, stage, key and usage plan' },
  { name: 'operator', precedence: 2, description: 'Operate stages, deployments, keys and usage plans' },
  { name: 'viewer', precedence: 3, description: 'Read-only access' },
] as const;

/**
 * The demo sign-in: one user pool with a public app client, groups mapped to the console's IAM roles,
 * a user per group, and the identity pool that turns their ID tokens into credentials for those roles.
 * Written straight into the state (the seed needs no credentials to call Admin* operations).
 */
export function seedCognito(state: SandboxState, config: SandboxConfig): void {
  const idp = state.services['cognito-idp'] as CognitoIdpState;
  const identity = state.services['cognito-identity'] as CognitoIdentityState;
  const now = config.now();
  const iso = now.toISOString();

  const pool: UserPool = {
    Id: DEMO_USER_POOL_ID,
    Name: 'gateway-console',
    Arn: `arn:aws:cognito-idp:${DEMO_REGION}:${DEMO_ACCOUNT}:userpool/${DEMO_USER_POOL_ID}`,
    CreationDate: iso,
    Policies: { PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY } },
    // As the deployment's default (`-c mfa=optional`): each user may turn TOTP on; SMS is not offered.
    MfaConfiguration: 'OPTIONAL',
    SoftwareTokenMfaConfiguration: { Enabled: true },
    // Made on first sign-in (see signingKeyOf): most sandboxes never sign anyone in.
    signingKeys: [],
    clients: {
      [DEMO_USER_POOL_CLIENT_ID]: {
        ClientId: DEMO_USER_POOL_CLIENT_ID,
        ClientName: 'gateway-console-web',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        PreventUserExistenceErrors: 'ENABLED',
        RefreshTokenValidityDays: 30,
        CreationDate: iso,
      },
    },
    groups: {},
    users: {},
    origins: {},
    refreshIndex: {},
    challenges: {},
  };
  for (const g of GROUPS) {
    pool.groups[g.name] = { GroupName: g.name, Description: g.description, RoleArn: roleArn(g.name), Precedence: g.precedence, CreationDate: iso };
  }

  const addUser = (username: string, group: string, password: string, extra: Partial<User> = {}) => {
    pool.users[userKey(username)] = {
      Username: username,
      sub: randomUUID(),
      passwordHash: hashPassword(password),
      UserStatus: 'CONFIRMED',
      Enabled: true,
      attributes: { email: `${username}@example.com`, email_verified: 'true' },
      groups: [group],
      UserCreateDate: iso,
      UserLastModifiedDate: iso,
      ...extra,
    };
  };
  for (const u of DEMO_USERS) addUser(u.username, u.group, DEMO_PASSWORD, { attributes: { email: u.email, email_verified: 'true' } });
  addUser('newbie', 'viewer', NEWBIE_TEMP_PASSWORD, {
    UserStatus: 'FORCE_CHANGE_PASSWORD',
    temporaryPasswordExpires: new Date(now.getTime() + DEFAULT_PASSWORD_POLICY.TemporaryPasswordValidityDays * 86_400_000).toISOString(),
  });
  addUser('disabled-user', 'viewer', DEMO_PASSWORD, { Enabled: false });
  addUser(MFA_USER.username, MFA_USER.group, DEMO_PASSWORD, {
    mfa: { secret: MFA_USER.totpSecret, friendlyDeviceName: 'Demo authenticator', enabled: true, preferred: true },
  });
  addUser(MFA_SETUP_USER.username, MFA_SETUP_USER.group, DEMO_PASSWORD, { mfa: { required: true } });
  addUser(MFA_OPT_IN_USER.username, MFA_OPT_IN_USER.group, DEMO_PASSWORD);
  idp.userPools[pool.Id] = pool;

  const providerName = `cognito-idp.${DEMO_REGION}.amazonaws.com/${DEMO_USER_POOL_ID}`;
  identity.identityPools[DEMO_IDENTITY_POOL_ID] = {
    IdentityPoolId: DEMO_IDENTITY_POOL_ID,
    IdentityPoolName: 'gateway_console',
    AllowUnauthenticatedIdentities: false,
    CognitoIdentityProviders: [{ ProviderName: providerName, ClientId: DEMO_USER_POOL_CLIENT_ID, ServerSideTokenCheck: false }],
    // Required by AWS; with Deny resolution it is never handed out. Least privilege all the same.
    Roles: { authenticated: roleArn('viewer') },
    RoleMappings: { [`${providerName}:${DEMO_USER_POOL_CLIENT_ID}`]: { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
    identities: {},
    identityByLogin: {},
  };
}
