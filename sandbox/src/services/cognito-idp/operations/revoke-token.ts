import type { RevokeTokenCommandInput, RevokeTokenCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState } from '../state.js';
import { poolOfClient } from '../state.js';
import type { WireOutput } from '../wire.js';
import { notAuthorized, requireFields, unsupportedTokenType } from '../errors.js';
import { decodeJwt } from '../jwt.js';
import { sha256 } from '../tokens.js';

/** Revokes one refresh token and the access tokens issued from it (the console's sign-out). */
export const revokeToken: JsonOperation<CognitoIdpState> = {
  name: 'RevokeToken',
  auth: 'none',
  mutates: true,
  handler(ctx: OperationContext<CognitoIdpState>, input: RevokeTokenCommandInput): WireOutput<RevokeTokenCommandOutput> {
    requireFields(input, { Token: 'token', ClientId: 'clientId' });
    const { pool, client } = poolOfClient(ctx.state, input.ClientId!);
    if (client.ClientSecret && input.ClientSecret !== client.ClientSecret) {
      throw notAuthorized(`Client ${client.ClientId} is configured for secret but secret was not received`);
    }
    const jwt = decodeJwt(input.Token);
    if (jwt && (jwt.payload.token_use === 'access' || jwt.payload.token_use === 'id')) {
      throw unsupportedTokenType('Unsupported token type');
    }
    const id = pool.refreshIndex[sha256(input.Token!)];
    const origin = id ? pool.origins[id] : undefined;
    // RFC 7009: revoking an unknown token succeeds; a token of another client does not.
    if (origin && origin.clientId !== client.ClientId) throw notAuthorized('Invalid Refresh Token');
    if (origin && !origin.revoked) origin.revoked = ctx.config.now().toISOString();
    return {};
  },
};
