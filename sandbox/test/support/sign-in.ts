import { CognitoIdentityProviderClient, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Sandbox } from '../../src/server.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_PASSWORD, DEMO_REGION, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID } from '../../src/seed/ids.js';

export const PROVIDER_NAME = `cognito-idp.${DEMO_REGION}.amazonaws.com/${DEMO_USER_POOL_ID}`;

/** SDK clients for the unsigned Cognito calls, pointed at the sandbox. They carry no credentials. */
export function cognitoClients(sandbox: Pick<Sandbox, 'url'>) {
  const config = { region: DEMO_REGION, endpoint: sandbox.url, maxAttempts: 1 };
  return { idp: new CognitoIdentityProviderClient(config), identity: new CognitoIdentityClient(config) };
}

export interface SignedIn {
  idToken: string;
  accessToken: string;
  refreshToken: string;
  identityId: string;
  credentials: AwsCredentialIdentity;
}

/**
 * The console's sign-in, end to end with the real SDK clients: InitiateAuth (USER_PASSWORD_AUTH),
 * GetId, then GetCredentialsForIdentity, returning the tokens and the temporary AWS credentials.
 */
export async function signIn(sandbox: Pick<Sandbox, 'url'>, username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const { idp, identity } = cognitoClients(sandbox);
  const auth = await idp.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: DEMO_USER_POOL_CLIENT_ID,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
  const result = auth.AuthenticationResult;
  if (!result?.IdToken || !result.AccessToken || !result.RefreshToken) {
    throw new Error(`Sign-in of ${username} did not complete: challenge ${auth.ChallengeName ?? 'none'}`);
  }
  const logins = { [PROVIDER_NAME]: result.IdToken };
  const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: DEMO_IDENTITY_POOL_ID, Logins: logins }));
  const creds = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: logins }));
  const c = creds.Credentials!;
  return {
    idToken: result.IdToken,
    accessToken: result.AccessToken,
    refreshToken: result.RefreshToken,
    identityId: IdentityId!,
    credentials: {
      accessKeyId: c.AccessKeyId!,
      secretAccessKey: c.SecretKey!,
      sessionToken: c.SessionToken!,
      expiration: c.Expiration,
    },
  };
}

/** The payload of a JWT, unverified (tests verify signatures separately against the JWKS). */
export function jwtClaims(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, any>;
}
