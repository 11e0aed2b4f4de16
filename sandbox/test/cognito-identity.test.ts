import { generateKeyPairSync, createSign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoIdentityClient, GetCredentialsForIdentityCommand, GetIdCommand } from '@aws-sdk/client-cognito-identity';
import { InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Sandbox } from '../src/server.js';
import { DEMO_IDENTITY_POOL_ID, DEMO_PASSWORD, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID, DEMO_USERS, roleArn } from '../src/seed/ids.js';
import type { CognitoIdpState } from '../src/services/cognito-idp/state.js';
import { hashPassword } from '../src/services/cognito-idp/passwords.js';
import { signJwt } from '../src/services/cognito-idp/jwt.js';
import { REGION, startTestSandbox } from './support/sandbox.js';
import { cognitoClients, jwtClaims, PROVIDER_NAME, signIn } from './support/sign-in.js';

let sandbox: Sandbox;
let identity: CognitoIdentityClient;
let clockOffsetMs = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox('empty', { config: { now: () => new Date(Date.now() + clockOffsetMs) } });
  identity = cognitoClients(sandbox).identity;
});
afterAll(() => sandbox.close());

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function idToken(username: string, password = DEMO_PASSWORD): Promise<string> {
  const out = await cognitoClients(sandbox).idp.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { USERNAME: username, PASSWORD: password } }),
  );
  return out.AuthenticationResult!.IdToken!;
}

const getId = (token: string, provider = PROVIDER_NAME) =>
  identity.send(new GetIdCommand({ IdentityPoolId: DEMO_IDENTITY_POOL_ID, Logins: { [provider]: token } }));

function pool() {
  return (sandbox.state.services['cognito-idp'] as CognitoIdpState).userPools[DEMO_USER_POOL_ID]!;
}

/** Re-signs an ID token's claims (changed) with the pool's real key: a token only the pool could have made. */
function resign(token: string, changes: Record<string, unknown>): string {
  return signJwt({ ...jwtClaims(token), ...changes }, pool().signingKeys[0]!);
}

describe('GetId', () => {
  it('gives each user one stable identity id', async () => {
    const ids = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const first = (await getId(await idToken(u.username))).IdentityId!;
      const again = (await getId(await idToken(u.username))).IdentityId!;
      expect(first).toMatch(new RegExp(`^${REGION}:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));
      expect(again).toBe(first);
      ids.set(u.username, first);
    }
    expect(new Set(ids.values()).size).toBe(3);
    const withAccount = await identity.send(
      new GetIdCommand({ IdentityPoolId: DEMO_IDENTITY_POOL_ID, AccountId: sandbox.config.account, Logins: { [PROVIDER_NAME]: await idToken('admin') } }),
    );
    expect(withAccount.IdentityId).toBe(ids.get('admin'));
  });

  it('refuses an expired ID token', async () => {
    const token = await idToken('viewer');
    clockOffsetMs = 3600 * 1000 + 5000;
    try {
      const f = await failure(getId(token));
      expect(f.name).toBe('NotAuthorizedException');
      expect(f.message).toMatch(/^Invalid login token\. Token expired: (\d+) >= (\d+)$/);
      const [, now, exp] = /: (\d+) >= (\d+)$/.exec(f.message)!;
      expect(Number(exp)).toBe(jwtClaims(token).exp);
      expect(Number(now)).toBeGreaterThanOrEqual(Number(exp));
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('refuses a token with a forged signature', async () => {
    const token = await idToken('viewer');
    const [h, , s] = token.split('.') as [string, string, string];
    const elevated = Buffer.from(JSON.stringify({ ...jwtClaims(token), 'cognito:preferred_role': roleArn('admin') })).toString('base64url');
    expect(await failure(getId(`${h}.${elevated}.${s}`))).toEqual({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Couldn't verify signed token.",
      status: 400,
    });

    // Signed by a key of our own, under the pool's kid.
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signer = createSign('sha256');
    signer.update(`${h}.${elevated}`);
    const foreign = `${h}.${elevated}.${signer.sign(privateKey).toString('base64url')}`;
    expect(await failure(getId(foreign))).toMatchObject({ message: "Invalid login token. Couldn't verify signed token." });
  });

  it('refuses a token for another audience, from another issuer, or of the wrong use', async () => {
    const token = await idToken('viewer');
    expect(await failure(getId(resign(token, { aud: 'someotherappclient0000000' })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid login token. Incorrect token audience.',
    });
    expect(await failure(getId(resign(token, { iss: `https://cognito-idp.${REGION}.amazonaws.com/${REGION}_Other` })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: "Invalid login token. Issuer doesn't match providerName",
    });
    expect(await failure(getId(resign(token, { token_use: 'access' })))).toMatchObject({ name: 'NotAuthorizedException' });
    expect(await failure(getId('not-a-jwt'))).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid login token. Not a valid OpenId Connect identity token.' });
  });

  it('refuses a provider the pool does not have, and no login at all', async () => {
    const token = await idToken('viewer');
    expect(await failure(getId(token, `cognito-idp.${REGION}.amazonaws.com/${REGION}_Other`))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Token is not from a supported provider of this identity pool.',
    });
    expect(await failure(identity.send(new GetIdCommand({ IdentityPoolId: DEMO_IDENTITY_POOL_ID })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
  });

  it('validates the identity pool id', async () => {
    const token = await idToken('viewer');
    const bad = await failure(identity.send(new GetIdCommand({ IdentityPoolId: 'not a pool', Logins: { [PROVIDER_NAME]: token } })));
    expect(bad.name).toBe('ValidationException');
    expect(bad.message).toBe(
      "1 validation error detected: Value 'not a pool' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
    );
    const missing = `${REGION}:00000000-0000-0000-0000-000000000000`;
    expect(await failure(identity.send(new GetIdCommand({ IdentityPoolId: missing, Logins: { [PROVIDER_NAME]: token } })))).toEqual({
      name: 'ResourceNotFoundException',
      message: `IdentityPool '${missing}' not found.`,
      status: 400,
    });
  });
});

describe('GetCredentialsForIdentity', () => {
  it.each(DEMO_USERS.map((u) => [u.username, u.group] as const))('issues %s credentials for the role of the group', async (username, group) => {
    const s = await signIn(sandbox, username);
    expect(s.credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(s.credentials.secretAccessKey).toHaveLength(40);
    expect(s.credentials.expiration).toBeInstanceOf(Date);
    expect(Math.abs(s.credentials.expiration!.getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);
    const issued = sandbox.state.auth.credentials[s.credentials.accessKeyId]!;
    expect(issued).toMatchObject({ roleArn: roleArn(group), identityId: s.identityId, sessionToken: s.credentials.sessionToken });
  });

  it('sends Expiration as epoch seconds on the wire', async () => {
    const token = await idToken('viewer');
    const { IdentityId } = await getId(token);
    const res = await fetch(sandbox.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityService.GetCredentialsForIdentity' },
      body: JSON.stringify({ IdentityId, Logins: { [PROVIDER_NAME]: token } }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { IdentityId: string; Credentials: Record<string, unknown> };
    expect(body.IdentityId).toBe(IdentityId);
    expect(Object.keys(body.Credentials).sort()).toEqual(['AccessKeyId', 'Expiration', 'SecretKey', 'SessionToken']);
    expect(typeof body.Credentials.Expiration).toBe('number');
  });

  it("refuses another user's identity", async () => {
    const viewer = (await getId(await idToken('viewer'))).IdentityId!;
    const adminToken = await idToken('admin');
    expect(
      await failure(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: viewer, Logins: { [PROVIDER_NAME]: adminToken } }))),
    ).toMatchObject({
      name: 'NotAuthorizedException',
      message: "Logins don't match. Please include at least one valid login for this identity or identity pool.",
    });
    expect(await failure(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: viewer })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Unauthenticated access is not supported for this identity pool.',
    });
    const unknown = `${REGION}:11111111-1111-4111-8111-111111111111`;
    expect(
      await failure(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: unknown, Logins: { [PROVIDER_NAME]: adminToken } }))),
    ).toMatchObject({ name: 'ResourceNotFoundException', message: `Identity '${unknown}' not found.` });
  });

  it('refuses an expired token', async () => {
    const token = await idToken('operator');
    const { IdentityId } = await getId(token);
    clockOffsetMs = 3601 * 1000;
    try {
      const f = await failure(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER_NAME]: token } })));
      expect(f.message).toMatch(/^Invalid login token\. Token expired: \d+ >= \d+$/);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('uses the role of the group with the lowest precedence, or CustomRoleArn when the token lists it', async () => {
    pool().users['multi'] = {
      ...structuredClone(pool().users['viewer']!),
      Username: 'multi',
      sub: '6d3f8a5e-9a7b-4c1d-8e2f-0a1b2c3d4e5f',
      passwordHash: hashPassword(DEMO_PASSWORD),
      groups: ['viewer', 'operator'],
    };
    const token = await idToken('multi');
    expect(jwtClaims(token)['cognito:preferred_role']).toBe(roleArn('operator'));
    expect(jwtClaims(token)['cognito:roles']).toEqual([roleArn('operator'), roleArn('viewer')]);
    const { IdentityId } = await getId(token);
    const preferred = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER_NAME]: token } }));
    expect(sandbox.state.auth.credentials[preferred.Credentials!.AccessKeyId!]!.roleArn).toBe(roleArn('operator'));
    const custom = await identity.send(
      new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER_NAME]: token }, CustomRoleArn: roleArn('viewer') }),
    );
    expect(sandbox.state.auth.credentials[custom.Credentials!.AccessKeyId!]!.roleArn).toBe(roleArn('viewer'));
    const notListed = await failure(
      identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER_NAME]: token }, CustomRoleArn: roleArn('admin') })),
    );
    expect(notListed.name).toBe('NotAuthorizedException');
  });

  it('denies a user whose token maps to no role (AmbiguousRoleResolution Deny)', async () => {
    pool().users['loner'] = {
      ...structuredClone(pool().users['viewer']!),
      Username: 'loner',
      sub: '0f1e2d3c-4b5a-4978-8867-5a4b3c2d1e0f',
      passwordHash: hashPassword(DEMO_PASSWORD),
      groups: [],
    };
    const token = await idToken('loner');
    const { IdentityId } = await getId(token);
    expect(
      await failure(identity.send(new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [PROVIDER_NAME]: token } }))),
    ).toEqual({
      name: 'NotAuthorizedException',
      message: `The ambiguous role mapping rules for: ${PROVIDER_NAME}:${DEMO_USER_POOL_CLIENT_ID} denied this request.`,
      status: 400,
    });
  });
});
