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

/**
 * A demo user with TOTP MFA already on (viewer group, DEMO_PASSWORD): sign-in asks for a code from an
 * authenticator app holding this secret. It is fixed, and public, so tests (and anyone trying the demo)
 * can compute the codes; a real secret is issued by AssociateSoftwareToken and shown once.
 */
export const MFA_USER = { username: 'mfa-user', group: 'viewer', totpSecret: 'DSA563WBUDW7BYVTLAGTDKMHZZI3AVNAPLYUV77JWYPEP4XV2DEQ' } as const;

/**
 * A demo user who must set up TOTP at first sign-in (MFA_SETUP), as every user of a pool with MFA
 * required would. The demo pool's MFA stays OPTIONAL for the other users: this one carries the
 * sandbox-only per-user switch (see COVERAGE.md).
 */
export const MFA_SETUP_USER = { username: 'mfa-setup-user', group: 'viewer' } as const;

/** A demo user with no MFA yet, in the OPTIONAL pool: the one who turns TOTP on (and off) from the account page. */
export const MFA_OPT_IN_USER = { username: 'mfa-opt-in-user', group: 'viewer' } as const;
