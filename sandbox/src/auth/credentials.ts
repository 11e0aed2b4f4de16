import { randomBytes } from 'node:crypto';

/**
 * Issued AWS credentials and the IAM roles they act as. Cognito identity pools issue these
 * (GetCredentialsForIdentity); SigV4 verification looks them up; policies decide what they may do.
 */
export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource: string | string[];
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

export interface RoleRecord {
  roleName: string;
  roleArn: string;
  /** The role's identity-based policy, evaluated on every signed call. */
  policy: PolicyDocument;
}

export interface IssuedCredential {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ISO-8601 instant after which the credentials are refused (ExpiredTokenException). */
  expiration: string;
  identityId: string;
  roleArn: string;
}

export interface AuthState {
  /** IAM roles by ARN. */
  roles: Record<string, RoleRecord>;
  /** Issued temporary credentials by access key id. */
  credentials: Record<string, IssuedCredential>;
}

/** Who is calling, once a signature has been verified. */
export interface Caller {
  accessKeyId: string;
  account: string;
  identityId: string;
  role: RoleRecord;
  /** `arn:aws:sts::<account>:assumed-role/<role>/CognitoIdentityCredentials`, as AWS names the caller in errors. */
  assumedRoleArn: string;
}

export function emptyAuthState(): AuthState {
  return { roles: {}, credentials: {} };
}

/** Issues temporary credentials for a role, as STS does behind GetCredentialsForIdentity. */
export function issueCredentials(
  auth: AuthState,
  roleArn: string,
  identityId: string,
  now: Date,
  lifetimeSeconds: number,
): IssuedCredential {
  const cred: IssuedCredential = {
    accessKeyId: `ASIA${randomToken(16, UPPER_ALNUM)}`,
    secretAccessKey: randomToken(40, SECRET_CHARS),
    sessionToken: Buffer.from(randomBytes(96)).toString('base64'),
    expiration: new Date(now.getTime() + lifetimeSeconds * 1000).toISOString(),
    identityId,
    roleArn,
  };
  auth.credentials[cred.accessKeyId] = cred;
  pruneExpired(auth, now);
  return cred;
}

/** Expired credentials are kept an hour (to answer ExpiredTokenException), then dropped so state stays small. */
function pruneExpired(auth: AuthState, now: Date): void {
  const cutoff = now.getTime() - 3600_000;
  for (const [id, c] of Object.entries(auth.credentials)) {
    if (Date.parse(c.expiration) < cutoff) delete auth.credentials[id];
  }
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomToken(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}
