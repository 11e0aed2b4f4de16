import type { GetUserCommandInput, GetUserCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { JsonOperation, OperationContext } from '../../../core/types.js';
import type { CognitoIdpState, User } from '../state.js';
import type { WireOutput } from '../wire.js';
import { requireFields } from '../errors.js';
import { authenticateAccessToken } from '../tokens.js';

export function attributeList(user: User): { Name: string; Value: string }[] {
  return [{ Name: 'sub', Value: user.sub }, ...Object.entries(user.attributes).map(([Name, Value]) => ({ Name, Value }))];
}

export const getUser: JsonOperation<CognitoIdpState> = {
  name: 'GetUser',
  auth: 'none',
  mutates: false,
  handler(ctx: OperationContext<CognitoIdpState>, input: GetUserCommandInput): WireOutput<GetUserCommandOutput> {
    requireFields(input, { AccessToken: 'accessToken' });
    const { user } = authenticateAccessToken(ctx.state, input.AccessToken!, ctx.config);
    return { Username: user.Username, UserAttributes: attributeList(user) };
  },
};
