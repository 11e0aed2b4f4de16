/**
 * Fixed identifiers of the demo and scale seeds, so public/config.json can name them and a restart
 * (or a fresh machine) yields the same sign-in configuration.
 */
export const DEMO_REGION = 'us-east-1';
export const DEMO_ACCOUNT = '123456789012';
export const DEMO_USER_POOL_ID = 'us-east-1_GwConsole';
export const DEMO_USER_POOL_CLIENT_ID = '5gatewayconsoledemo0client';
export const DEMO_IDENTITY_POOL_ID = 'us-east-1:7b0c6a52-1d3e-4f7a-9c5b-2e8d4f6a1b30';
export const DEMO_PASSWORD = 'Demo-Passw0rd!';

/** The three demo users, one per group; each group maps to the IAM role of the same name. */
export const DEMO_USERS = [
  { username: 'admin', group: 'admin', email: 'admin@example.com' },
  { username: 'operator', group: 'operator', email: 'operator@example.com' },
  { username: 'viewer', group: 'viewer', email: 'viewer@example.com' },
] as const;

export const roleArn = (group: string) => `arn:aws:iam::${DEMO_ACCOUNT}:role/gateway-console-${group}`;
