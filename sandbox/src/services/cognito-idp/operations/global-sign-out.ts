import type { GlobalSignOutCommandInput, GlobalSignOutCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState } from '../state.js';
import { userKey } from '../state.js';
import type { WireOutput } from '../wire.js';
import { requireFields } from '../errors.js';
import { authenticateAccessToken, revokeUserOrigins } from '../tokens.js';

/** Signs the user out everywhere: all refresh tokens, and every access token issued from them. */
export const globalSignOut: JsonOperation<CognitoIdpState> = {
  name: 'GlobalSignOut',
  auth: 'none',
  mutates: true,
  handler(ctx: OperationContext<CognitoIdpState>, input: GlobalSignOutCommandInput): WireOutput<GlobalSignOutCommandOutput> {
    requireFields(input, { AccessToken: 'accessToken' });
    const { pool, user } = authenticateAccessToken(ctx.state, input.AccessToken!, ctx.config);
    revokeUserOrigins(pool, userKey(user.Username), ctx.config.now());
    return {};
  },
};
