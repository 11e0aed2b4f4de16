import { RevokeTokenCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cognitoIdp } from './initiate-auth.js';

/**
 * RevokeToken: at sign-out the refresh token (and the access tokens issued from it) stop working, so a
 * copy left in a closed tab's memory or a proxy log cannot mint new sessions. Only this session is
 * ended; GlobalSignOut would end the operator's sessions on every device.
 */
export async function revokeRefreshToken(config: ConsoleConfig, refreshToken: string): Promise<void> {
  await cognitoIdp(config).send(new RevokeTokenCommand({ ClientId: config.userPoolClientId, Token: refreshToken }));
}
