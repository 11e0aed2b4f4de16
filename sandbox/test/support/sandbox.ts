import type { AwsCredentialIdentity } from '@smithy/types';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../src/server.js';
import { seedFor, type Profile } from '../../src/seed/index.js';
import { issueCredentials } from '../../src/auth/credentials.js';
import { roleArn, DEMO_REGION } from '../../src/seed/ids.js';

export const REGION = DEMO_REGION;

/** A sandbox of its own for one test file: own state, own quota buckets, a free port. */
export function startTestSandbox(profile: Profile = 'demo', options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ seed: seedFor(profile), ...options });
}

/**
 * Credentials for a role, issued exactly as GetCredentialsForIdentity issues them. Tests of API Gateway
 * operations use this to skip the Cognito round trips; the Cognito tests drive the full flow.
 */
export function credentialsFor(sandbox: Sandbox, group: 'admin' | 'operator' | 'viewer'): AwsCredentialIdentity {
  const c = issueCredentials(
    sandbox.state.auth,
    roleArn(group),
    `${REGION}:00000000-0000-4000-8000-00000000000${group.length}`,
    sandbox.config.now(),
    sandbox.config.credentialLifetimeSeconds,
  );
  return {
    accessKeyId: c.accessKeyId,
    secretAccessKey: c.secretAccessKey,
    sessionToken: c.sessionToken,
    expiration: new Date(c.expiration),
  };
}

/** Client config pointing an SDK client at the sandbox with the given credentials. */
export function clientConfig(sandbox: Sandbox, credentials: AwsCredentialIdentity) {
  return { region: REGION, endpoint: sandbox.url, credentials, maxAttempts: 1 };
}
