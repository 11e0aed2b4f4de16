import type { AwsCredentialIdentity } from '@smithy/types';
import type { Sandbox } from '../../src/server.js';
import type { PolicyStatement } from '../../src/auth/credentials.js';
import { issueCredentials } from '../../src/auth/credentials.js';
import { REGION } from './sandbox.js';

/**
 * Credentials for a role made up by a test (the console's roles publish no metrics, so a test that must
 * call PutMetricData or PutLogEvents acts as a service-side writer would). Statements are Allow on `*`
 * unless given otherwise.
 */
export function credentialsForPolicy(sandbox: Sandbox, name: string, statements: (PolicyStatement | string[])[]): AwsCredentialIdentity {
  const roleArn = `arn:aws:iam::${sandbox.config.account}:role/${name}`;
  sandbox.state.auth.roles[roleArn] = {
    roleName: name,
    roleArn,
    policy: {
      Version: '2012-10-17',
      Statement: statements.map((s) => (Array.isArray(s) ? { Effect: 'Allow', Action: s, Resource: '*' } : s)),
    },
  };
  const c = issueCredentials(sandbox.state.auth, roleArn, `${REGION}:00000000-0000-4000-8000-0000000000aa`, sandbox.config.now(), 3600);
  return { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken, expiration: new Date(c.expiration) };
}
