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
    // The MFA fields appear once the user has turned TOTP on, as on AWS.
    const totpOn = user.mfa?.enabled === true && !!user.mfa.secret;
    return {
      Username: user.Username,
      UserAttributes: attributeList(user),
      ...(totpOn ? { UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] } : {}),
      ...(totpOn && user.mfa?.preferred ? { PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA' } : {}),
    };
  },
};
