import { randomUUID } from 'node:crypto';
import type { GetIdCommandInput, GetIdCommandOutput } from '@aws-sdk/client-cognito-identity';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { WireOutput } from '../../cognito-idp/wire.js';
import type { CognitoIdentityState } from '../state.js';
import { idProblems, notAuthorized, requireIdentityPool, resourceNotFound, validationError } from '../state.js';
import { verifyLogins } from '../logins.js';

/** Returns the identity of the signed-in user, creating it on first sign-in; the same user always gets the same id. */
export const getId: JsonOperation<CognitoIdentityState> = {
  name: 'GetId',
  auth: 'none',
  mutates: true,
  handler(ctx: OperationContext<CognitoIdentityState>, input: GetIdCommandInput): WireOutput<GetIdCommandOutput> {
    const problems = idProblems(input.IdentityPoolId, 'identityPoolId');
    if (input.AccountId !== undefined && !/^\d+$/.test(input.AccountId)) {
      problems.push(`Value '${input.AccountId}' at 'accountId' failed to satisfy constraint: Member must satisfy regular expression pattern: \\d+`);
    }
    if (problems.length) throw validationError(problems);
    const pool = requireIdentityPool(ctx.state, input.IdentityPoolId!);
    // The pool lives in the sandbox's one account; naming another account cannot find it.
    if (input.AccountId !== undefined && input.AccountId !== ctx.config.account) {
      throw resourceNotFound(`IdentityPool '${input.IdentityPoolId}' not found.`);
    }
    const login = verifyLogins(pool, input.Logins, ctx.root, ctx.config);
    if (!login) {
      if (!pool.AllowUnauthenticatedIdentities) throw notAuthorized('Unauthenticated access is not supported for this identity pool.');
      throw notAuthorized('The sandbox does not issue unauthenticated identities.');
    }
    const key = `${login.provider.ProviderName}|${login.sub}`;
    let id = pool.identityByLogin[key];
    if (!id || !pool.identities[id]) {
      id = `${ctx.config.region}:${randomUUID()}`;
      const now = ctx.config.now().toISOString();
      pool.identities[id] = { IdentityId: id, logins: { [login.provider.ProviderName]: login.sub }, CreationDate: now, LastModifiedDate: now };
      pool.identityByLogin[key] = id;
    }
    return { IdentityId: id };
  },
};
