import { randomUUID } from 'node:crypto';
import type {
  AdminAddUserToGroupCommandInput,
  AdminAddUserToGroupCommandOutput,
  AdminCreateUserCommandInput,
  AdminCreateUserCommandOutput,
  AdminDisableUserCommandInput,
  AdminDisableUserCommandOutput,
  AdminEnableUserCommandInput,
  AdminEnableUserCommandOutput,
  AdminSetUserPasswordCommandInput,
  AdminSetUserPasswordCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState, User, UserPool } from '../state.js';
import { requirePool, userKey } from '../state.js';
import { epochSeconds, type WireOutput } from '../wire.js';
import {
  invalidParameter,
  requireFields,
  resourceNotFound,
  unsupportedUserState,
  userNotFound,
  usernameExists,
  validation,
} from '../errors.js';
import { enforcePolicy, generateTemporaryPassword, hashPassword } from '../passwords.js';
import { revokeUserOrigins } from '../tokens.js';
import { attributeList } from './get-user.js';

/**
 * The administrator's user management, SigV4-signed as on AWS (IAM actions `cognito-idp:Admin*` on the
 * pool's ARN). The demo seed writes its users directly; these serve anyone managing users by API.
 */

type Ctx = OperationContext<CognitoIdpState>;

const STANDARD_ATTRIBUTES = new Set([
  'name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
  'website', 'email', 'email_verified', 'gender', 'birthdate', 'zoneinfo', 'locale', 'phone_number',
  'phone_number_verified', 'address', 'updated_at',
]);

function poolAndUser(ctx: Ctx, input: { UserPoolId?: string; Username?: string }): { pool: UserPool; user: User } {
  requireFields(input, { UserPoolId: 'userPoolId', Username: 'username' });
  const pool = requirePool(ctx.state, input.UserPoolId!);
  const user = pool.users[userKey(input.Username!)];
  if (!user) throw userNotFound();
  return { pool, user };
}

function touch(ctx: Ctx, user: User): void {
  user.UserLastModifiedDate = ctx.config.now().toISOString();
}

function setTemporaryPassword(ctx: Ctx, pool: UserPool, user: User, password: string): void {
  user.passwordHash = hashPassword(password);
  user.UserStatus = 'FORCE_CHANGE_PASSWORD';
  const days = pool.Policies.PasswordPolicy.TemporaryPasswordValidityDays;
  user.temporaryPasswordExpires = new Date(ctx.config.now().getTime() + days * 86_400_000).toISOString();
}

export const adminCreateUser: JsonOperation<CognitoIdpState> = {
  name: 'AdminCreateUser',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: Ctx, input: AdminCreateUserCommandInput): WireOutput<AdminCreateUserCommandOutput> {
    requireFields(input, { UserPoolId: 'userPoolId', Username: 'username' });
    const pool = requirePool(ctx.state, input.UserPoolId!);
    const username = input.Username!;
    if (username.length > 128 || !/^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u.test(username)) {
      throw validation([`Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+`]);
    }
    if (input.MessageAction && !['RESEND', 'SUPPRESS'].includes(input.MessageAction)) {
      throw validation([`Value '${input.MessageAction}' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [RESEND, SUPPRESS]`]);
    }
    const existing = pool.users[userKey(username)];
    const policy = pool.Policies.PasswordPolicy;
    if (input.TemporaryPassword !== undefined) enforcePolicy(input.TemporaryPassword, policy);

    if (input.MessageAction === 'RESEND') {
      // Re-sends the invitation with a fresh temporary password; only for users who never signed in.
      if (!existing) throw userNotFound();
      if (existing.UserStatus !== 'FORCE_CHANGE_PASSWORD') throw unsupportedUserState(`User ${existing.Username} is not in FORCE_CHANGE_PASSWORD state, so no invitation can be resent.`);
      setTemporaryPassword(ctx, pool, existing, input.TemporaryPassword ?? generateTemporaryPassword(policy));
      touch(ctx, existing);
      return { User: userType(existing) };
    }
    if (existing) throw usernameExists('User account already exists');

    const attributes: Record<string, string> = {};
    const problems: string[] = [];
    for (const a of input.UserAttributes ?? []) {
      if (!a.Name) continue;
      if (a.Name === 'sub') problems.push('sub: Cannot modify the non-mutable attribute sub');
      else if (!STANDARD_ATTRIBUTES.has(a.Name)) problems.push(`${a.Name}: Attribute does not exist in the schema.`);
      else attributes[a.Name] = a.Value ?? '';
    }
    if (problems.length) throw invalidParameter(`Attributes did not conform to the schema: ${problems.join('\n')}`);

    const now = ctx.config.now().toISOString();
    const user: User = {
      Username: username,
      sub: randomUUID(),
      passwordHash: '',
      UserStatus: 'FORCE_CHANGE_PASSWORD',
      Enabled: true,
      attributes,
      groups: [],
      UserCreateDate: now,
      UserLastModifiedDate: now,
    };
    setTemporaryPassword(ctx, pool, user, input.TemporaryPassword ?? generateTemporaryPassword(policy));
    pool.users[userKey(username)] = user;
    return { User: userType(user) };
  },
};

function userType(user: User) {
  return {
    Username: user.Username,
    Attributes: attributeList(user),
    UserCreateDate: epochSeconds(user.UserCreateDate),
    UserLastModifiedDate: epochSeconds(user.UserLastModifiedDate),
    Enabled: user.Enabled,
    UserStatus: user.UserStatus,
  };
}

export const adminSetUserPassword: JsonOperation<CognitoIdpState> = {
  name: 'AdminSetUserPassword',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: Ctx, input: AdminSetUserPasswordCommandInput): WireOutput<AdminSetUserPasswordCommandOutput> {
    requireFields(input, { UserPoolId: 'userPoolId', Username: 'username', Password: 'password' });
    const { pool, user } = poolAndUser(ctx, input);
    enforcePolicy(input.Password!, pool.Policies.PasswordPolicy);
    if (input.Permanent) {
      user.passwordHash = hashPassword(input.Password!);
      user.UserStatus = 'CONFIRMED';
      delete user.temporaryPasswordExpires;
    } else {
      setTemporaryPassword(ctx, pool, user, input.Password!);
    }
    touch(ctx, user);
    return {};
  },
};

export const adminDisableUser: JsonOperation<CognitoIdpState> = {
  name: 'AdminDisableUser',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: Ctx, input: AdminDisableUserCommandInput): WireOutput<AdminDisableUserCommandOutput> {
    const { pool, user } = poolAndUser(ctx, input);
    user.Enabled = false;
    // As on AWS, deactivating a user also revokes the tokens it holds.
    revokeUserOrigins(pool, userKey(user.Username), ctx.config.now());
    touch(ctx, user);
    return {};
  },
};

export const adminEnableUser: JsonOperation<CognitoIdpState> = {
  name: 'AdminEnableUser',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: Ctx, input: AdminEnableUserCommandInput): WireOutput<AdminEnableUserCommandOutput> {
    const { user } = poolAndUser(ctx, input);
    user.Enabled = true;
    touch(ctx, user);
    return {};
  },
};

export const adminAddUserToGroup: JsonOperation<CognitoIdpState> = {
  name: 'AdminAddUserToGroup',
  auth: 'sigv4',
  mutates: true,
  handler(ctx: Ctx, input: AdminAddUserToGroupCommandInput): WireOutput<AdminAddUserToGroupCommandOutput> {
    requireFields(input, { UserPoolId: 'userPoolId', Username: 'username', GroupName: 'groupName' });
    const { pool, user } = poolAndUser(ctx, input);
    if (!pool.groups[input.GroupName!]) throw resourceNotFound('Group not found.');
    if (!user.groups.includes(input.GroupName!)) user.groups.push(input.GroupName!);
    touch(ctx, user);
    return {};
  },
};
