import { CognitoIdentityClient, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import type { ConsoleConfig } from '../../../aws/config.js';
import { makeClient } from '../../../aws/clients.js';

export function cognitoIdentity(config: ConsoleConfig) {
  return makeClient(CognitoIdentityClient, 'cognito-identity', config, { signed: false });
}

/** The key under which the identity pool expects this user pool's ID token. */
export function loginsKey(config: ConsoleConfig): string {
  return `cognito-idp.${config.region}.amazonaws.com/${config.userPoolId}`;
}

/** GetId: the user's stable identity in the identity pool. */
export async function getIdentityId(config: ConsoleConfig, idToken: string): Promise<string> {
  const out = await cognitoIdentity(config).send(
    new GetIdCommand({ IdentityPoolId: config.identityPoolId, Logins: { [loginsKey(config)]: idToken } }),
  );
  if (!out.IdentityId) throw new Error('Cognito identity pool answered without an identity id.');
  return out.IdentityId;
}
