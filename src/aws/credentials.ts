import type { AwsCredentialIdentity } from '@smithy/types';

/**
 * The AWS credentials every signed client uses. The auth feature installs a provider when an operator
 * signs in (it refreshes them through Cognito before they expire) and removes it at sign-out, so the
 * clients never hold credentials of their own.
 */
type Provider = () => Promise<AwsCredentialIdentity>;

let current: Provider | undefined;
let generation = 0;

export function setCredentialProvider(provider: Provider | undefined): void {
  current = provider;
  generation++;
}

/**
 * Changes whenever the provider does (sign-in, sign-out). SDK clients cache the credentials they were
 * given until those near expiry, so clients made under an earlier provider must not be used again:
 * the next user would otherwise act with the previous user's role.
 */
export function credentialGeneration(): number {
  return generation;
}

export const sessionCredentials: Provider = () => {
  if (!current) return Promise.reject(Object.assign(new Error('You are signed out.'), { name: 'NotSignedIn' }));
  return current();
};
