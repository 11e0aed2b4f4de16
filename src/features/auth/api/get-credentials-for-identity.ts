import { GetCredentialsForIdentityCommand } from '@aws-sdk/client-cognito-identity';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ConsoleConfig } from '../../../aws/config.js';
import { cognitoIdentity, loginsKey } from './get-id.js';

/** GetCredentialsForIdentity: temporary AWS credentials for the role of the user's group. */
export async function getAwsCredentials(config: ConsoleConfig, identityId: string, idToken: string): Promise<AwsCredentialIdentity & { expiration: Date }> {
  const out = await cognitoIdentity(config).send(
    new GetCredentialsForIdentityCommand({ IdentityId: identityId, Logins: { [loginsKey(config)]: idToken } }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretKey || !c.SessionToken || !c.Expiration) {
    throw new Error('Cognito identity pool answered without complete credentials.');
  }
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretKey, sessionToken: c.SessionToken, expiration: c.Expiration };
}
