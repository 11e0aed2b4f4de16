import type { AwsCredentialIdentity } from '@smithy/types';

/**
 * The AWS credentials every signed client uses. The auth feature installs a provider when an operator
 * signs in (it refreshes them through Cognito before they expire) and removes it at sign-out, so the
 * clients never hold credentials of their own.
 */
type Provider = () => Promise<AwsCredentialIdentity>;

let current: Provider | undefined;

export function setCredentialProvider(provider: Provider | undefined): void {
  current = provider;
}

export const sessionCredentials: Provider = () => {
  if (!current) return Promise.reject(Object.assign(new Error('You are signed out.'), { name: 'NotSignedIn' }));
  return current();
};
