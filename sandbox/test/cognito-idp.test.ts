import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  RevokeTokenCommand,
  type InitiateAuthCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Sandbox } from '../src/server.js';
import { issueCredentials } from '../src/auth/credentials.js';
import { DEMO_PASSWORD, DEMO_USER_POOL_CLIENT_ID, DEMO_USER_POOL_ID, DEMO_USERS, roleArn } from '../src/seed/ids.js';
import { NEWBIE_TEMP_PASSWORD } from '../src/seed/cognito.js';
import type { CognitoIdpState } from '../src/services/cognito-idp/state.js';
import { clientConfig, credentialsFor, REGION, startTestSandbox } from './support/sandbox.js';
import { cognitoClients, jwtClaims } from './support/sign-in.js';

let sandbox: Sandbox;
let idp: CognitoIdentityProviderClient;
/** The sandbox clock runs this far ahead of the real one; tests move it to expire tokens and sessions. */
let clockOffsetMs = 0;
const ISSUER = `https://cognito-idp.${REGION}.amazonaws.com/${DEMO_USER_POOL_ID}`;

beforeAll(async () => {
  sandbox = await startTestSandbox('empty', { config: { now: () => new Date(Date.now() + clockOffsetMs) } });
  idp = cognitoClients(sandbox).idp;
});
afterAll(() => sandbox.close());

const passwordAuth = (USERNAME: string, PASSWORD: string, ClientId = DEMO_USER_POOL_CLIENT_ID) =>
  idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId, AuthParameters: { USERNAME, PASSWORD } }));

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

async function jwks(): Promise<{ keys: (JsonWebKey & { kid: string })[] }> {
  const res = await fetch(`${sandbox.url}/${DEMO_USER_POOL_ID}/.well-known/jwks.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as { keys: (JsonWebKey & { kid: string })[] };
}

async function verifyWithJwks(token: string): Promise<boolean> {
  const [h, p, s] = token.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { kid: string; alg: string };
  expect(header.alg).toBe('RS256');
  const jwk = (await jwks()).keys.find((k) => k.kid === header.kid);
  if (!jwk) return false;
  return verify('sha256', Buffer.from(`${h}.${p}`), createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
}

function poolState() {
  return (sandbox.state.services['cognito-idp'] as CognitoIdpState).userPools[DEMO_USER_POOL_ID]!;
}

describe('InitiateAuth USER_PASSWORD_AUTH', () => {
  it.each(DEMO_USERS.map((u) => [u.username, u.group, u.email] as const))(
    'signs in %s with ID and access tokens that carry the group and its role',
    async (username, group, email) => {
      const out = await passwordAuth(username, DEMO_PASSWORD);
      expect(out.ChallengeName).toBeUndefined();
      const r = out.AuthenticationResult!;
      expect(r.ExpiresIn).toBe(3600);
      expect(r.TokenType).toBe('Bearer');
      expect(r.RefreshToken).toEqual(expect.any(String));

      const id = jwtClaims(r.IdToken!);
      expect(id).toMatchObject({
        iss: ISSUER,
        aud: DEMO_USER_POOL_CLIENT_ID,
        token_use: 'id',
        'cognito:username': username,
        'cognito:groups': [group],
        'cognito:roles': [roleArn(group)],
        'cognito:preferred_role': roleArn(group),
        email,
        email_verified: true,
      });
      expect(id.sub).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(id.exp - id.iat).toBe(3600);
      expect(Math.abs(id.iat - Date.now() / 1000)).toBeLessThan(60);
      expect(id.auth_time).toBe(id.iat);
      expect(id.jti).toEqual(expect.any(String));

      const access = jwtClaims(r.AccessToken!);
      expect(access).toMatchObject({
        iss: ISSUER,
        sub: id.sub,
        client_id: DEMO_USER_POOL_CLIENT_ID,
        token_use: 'access',
        scope: 'aws.cognito.signin.user.admin',
        username,
        'cognito:groups': [group],
        origin_jti: id.origin_jti,
      });
      expect(access.aud).toBeUndefined();
      expect(access.jti).not.toBe(id.jti);

      expect(await verifyWithJwks(r.IdToken!)).toBe(true);
      expect(await verifyWithJwks(r.AccessToken!)).toBe(true);
    },
  );

  it('treats usernames case-insensitively but keeps the stored form in the tokens', async () => {
    const out = await passwordAuth('Admin', DEMO_PASSWORD);
    expect(jwtClaims(out.AuthenticationResult!.IdToken!)['cognito:username']).toBe('admin');
  });

  it('refuses a wrong password and an unknown user alike (PreventUserExistenceErrors)', async () => {
    const wrong = await failure(passwordAuth('admin', 'Wrong-Passw0rd!'));
    const unknown = await failure(passwordAuth('nobody', DEMO_PASSWORD));
    expect(wrong).toEqual({ name: 'NotAuthorizedException', message: 'Incorrect username or password.', status: 400 });
    expect(unknown).toEqual(wrong);
  });

  it('refuses a disabled user', async () => {
    expect(await failure(passwordAuth('disabled-user', DEMO_PASSWORD))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'User is disabled.',
    });
  });

  it('names an unknown app client', async () => {
    expect(await failure(passwordAuth('admin', DEMO_PASSWORD, 'nosuchclient000000000000'))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool client nosuchclient000000000000 does not exist.',
    });
  });

  it('validates the flow and its parameters', async () => {
    expect(
      await failure(idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { USERNAME: 'admin', SRP_A: 'ab' } }))),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'USER_SRP_AUTH flow not enabled for this client' });
    expect(
      await failure(idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { USERNAME: 'admin' } }))),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter PASSWORD' });
    expect(
      await failure(idp.send(new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { PASSWORD: 'x' } }))),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Missing required parameter USERNAME' });
    expect(
      await failure(idp.send(new InitiateAuthCommand({ AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { USERNAME: 'admin', PASSWORD: DEMO_PASSWORD } }))),
    ).toMatchObject({ name: 'InvalidParameterException', message: 'Initiate Auth method not supported.' });
    const badFlow = await failure(idp.send(new InitiateAuthCommand({ AuthFlow: 'MAGIC' as never, ClientId: DEMO_USER_POOL_CLIENT_ID })));
    expect(badFlow.name).toBe('InvalidParameterException');
    expect(badFlow.message).toMatch(/^1 validation error detected: Value 'MAGIC' at 'authFlow' failed to satisfy constraint: Member must satisfy enum value set: \[/);
  });

  it('is served unsigned, whatever Authorization header comes along', async () => {
    const res = await fetch(sandbox.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.InitiateAuth',
        Authorization: 'AWS4-HMAC-SHA256 Credential=AKIAFAKE/20200101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00',
      },
      body: JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { USERNAME: 'viewer', PASSWORD: DEMO_PASSWORD } }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(((await res.json()) as InitiateAuthCommandOutput).AuthenticationResult?.IdToken).toEqual(expect.any(String));
  });

  it('keeps no password or refresh token in the state, only hashes', async () => {
    const out = await passwordAuth('operator', DEMO_PASSWORD);
    const saved = JSON.stringify(sandbox.state);
    expect(saved).not.toContain(DEMO_PASSWORD);
    expect(saved).not.toContain(NEWBIE_TEMP_PASSWORD);
    expect(saved).not.toContain(out.AuthenticationResult!.RefreshToken!);
    expect(poolState().users.operator!.passwordHash).toMatch(/^scrypt\$/);
  });
});

describe('JWKS', () => {
  it('publishes the pool key over plain HTTP, readable cross-origin', async () => {
    const res = await fetch(`${sandbox.url}/${DEMO_USER_POOL_ID}/.well-known/jwks.json`, { headers: { Origin: 'http://localhost:5173' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const body = (await res.json()) as { keys: Record<string, string>[] };
    expect(body.keys).toHaveLength(1);
    expect(Object.keys(body.keys[0]!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(body.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig', e: 'AQAB' });
  });

  it('answers 404 for an unknown pool', async () => {
    const res = await fetch(`${sandbox.url}/us-east-1_nope/.well-known/jwks.json`);
    expect(res.status).toBe(404);
  });
});

describe('NEW_PASSWORD_REQUIRED', () => {
  it('challenges a user with a temporary password, enforces the policy, then signs in', async () => {
    const first = await passwordAuth('newbie', NEWBIE_TEMP_PASSWORD);
    expect(first.AuthenticationResult).toBeUndefined();
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    expect(first.Session).toEqual(expect.any(String));
    expect(first.ChallengeParameters).toMatchObject({ USER_ID_FOR_SRP: 'newbie', requiredAttributes: '[]' });
    expect(JSON.parse(first.ChallengeParameters!.userAttributes!)).toEqual({ email: 'newbie@example.com', email_verified: 'true' });

    const respond = (NEW_PASSWORD: string, Session = first.Session) =>
      idp.send(
        new RespondToAuthChallengeCommand({
          ClientId: DEMO_USER_POOL_CLIENT_ID,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session,
          ChallengeResponses: { USERNAME: 'newbie', NEW_PASSWORD },
        }),
      );
    const cases: [string, string][] = [
      ['Sh0rt!', 'Password not long enough'],
      ['ALLUPPER1!', 'Password must have lowercase characters'],
      ['password1!', 'Password must have uppercase characters'],
      ['Password!!', 'Password must have numeric characters'],
      ['Password12', 'Password must have symbol characters'],
    ];
    for (const [pw, why] of cases) {
      expect(await failure(respond(pw))).toEqual({
        name: 'InvalidPasswordException',
        message: `Password does not conform to policy: ${why}`,
        status: 400,
      });
    }
    expect(await failure(respond('New-Passw0rd!', 'not-a-session'))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid session for the user.',
    });

    const done = await respond('New-Passw0rd!');
    expect(done.ChallengeName).toBeUndefined();
    expect(jwtClaims(done.AuthenticationResult!.IdToken!)['cognito:groups']).toEqual(['viewer']);
    expect(done.AuthenticationResult!.RefreshToken).toEqual(expect.any(String));

    // The session is spent, the temporary password is gone, the new one works.
    expect(await failure(respond('Other-Passw0rd!'))).toMatchObject({ message: 'Invalid session for the user.' });
    expect(await failure(passwordAuth('newbie', NEWBIE_TEMP_PASSWORD))).toMatchObject({ message: 'Incorrect username or password.' });
    expect((await passwordAuth('newbie', 'New-Passw0rd!')).AuthenticationResult?.AccessToken).toEqual(expect.any(String));
    expect(poolState().users.newbie!.UserStatus).toBe('CONFIRMED');
  });

  it('expires the challenge session after three minutes', async () => {
    const admin = adminClient();
    await admin.send(new AdminCreateUserCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'slowpoke', TemporaryPassword: 'Slow-Passw0rd!', MessageAction: 'SUPPRESS' }));
    const first = await passwordAuth('slowpoke', 'Slow-Passw0rd!');
    clockOffsetMs += 3 * 60 * 1000 + 1000;
    try {
      expect(
        await failure(
          idp.send(
            new RespondToAuthChallengeCommand({
              ClientId: DEMO_USER_POOL_CLIENT_ID,
              ChallengeName: 'NEW_PASSWORD_REQUIRED',
              Session: first.Session,
              ChallengeResponses: { USERNAME: 'slowpoke', NEW_PASSWORD: 'Fast-Passw0rd!' },
            }),
          ),
        ),
      ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid session for the user, session is expired.' });
    } finally {
      clockOffsetMs = 0;
    }
  });
});

describe('tokens after sign-in', () => {
  it('refreshes with REFRESH_TOKEN_AUTH (and REFRESH_TOKEN), keeping the sign-in and issuing no new refresh token', async () => {
    const r = (await passwordAuth('operator', DEMO_PASSWORD)).AuthenticationResult!;
    for (const AuthFlow of ['REFRESH_TOKEN_AUTH', 'REFRESH_TOKEN'] as const) {
      const out = await idp.send(new InitiateAuthCommand({ AuthFlow, ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: r.RefreshToken! } }));
      const fresh = out.AuthenticationResult!;
      expect(fresh.RefreshToken).toBeUndefined();
      expect(fresh.ExpiresIn).toBe(3600);
      const before = jwtClaims(r.IdToken!);
      const after = jwtClaims(fresh.IdToken!);
      expect(after.origin_jti).toBe(before.origin_jti);
      expect(after.auth_time).toBe(before.auth_time);
      expect(after.jti).not.toBe(before.jti);
      expect(after['cognito:preferred_role']).toBe(roleArn('operator'));
      expect(await verifyWithJwks(fresh.AccessToken!)).toBe(true);
    }
    expect(
      await failure(idp.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: 'garbage' } }))),
    ).toMatchObject({ name: 'NotAuthorizedException', message: 'Invalid Refresh Token' });
  });

  it('GetUser answers for a valid access token', async () => {
    const r = (await passwordAuth('viewer', DEMO_PASSWORD)).AuthenticationResult!;
    const user = await idp.send(new GetUserCommand({ AccessToken: r.AccessToken }));
    expect(user.Username).toBe('viewer');
    expect(user.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'sub', Value: jwtClaims(r.IdToken!).sub },
        { Name: 'email', Value: 'viewer@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ]),
    );
    // An ID token is not an access token.
    expect(await failure(idp.send(new GetUserCommand({ AccessToken: r.IdToken })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });

  it('refuses a forged access token', async () => {
    const r = (await passwordAuth('viewer', DEMO_PASSWORD)).AuthenticationResult!;
    const [h, p] = r.AccessToken!.split('.') as [string, string];
    const claims = { ...jwtClaims(r.AccessToken!), username: 'admin' };
    const forged = `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${r.AccessToken!.split('.')[2]}`;
    expect(p).not.toBe(forged.split('.')[1]);
    expect(await failure(idp.send(new GetUserCommand({ AccessToken: forged })))).toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Access Token',
    });
  });

  it('refuses an expired access token', async () => {
    const r = (await passwordAuth('viewer', DEMO_PASSWORD)).AuthenticationResult!;
    clockOffsetMs = 3601 * 1000;
    try {
      expect(await failure(idp.send(new GetUserCommand({ AccessToken: r.AccessToken })))).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Access Token has expired',
      });
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('GlobalSignOut revokes the refresh tokens and the access tokens of every sign-in of the user', async () => {
    const a = (await passwordAuth('admin', DEMO_PASSWORD)).AuthenticationResult!;
    const b = (await passwordAuth('admin', DEMO_PASSWORD)).AuthenticationResult!;
    await idp.send(new GlobalSignOutCommand({ AccessToken: a.AccessToken }));
    for (const r of [a, b]) {
      expect(await failure(idp.send(new GetUserCommand({ AccessToken: r.AccessToken })))).toMatchObject({
        name: 'NotAuthorizedException',
        message: 'Access Token has been revoked',
      });
      expect(
        await failure(idp.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: DEMO_USER_POOL_CLIENT_ID, AuthParameters: { REFRESH_TOKEN: r.RefreshToken! } }))),
      ).toMatchObject({ name: 'NotAuthorizedException', message: 'Refresh Token has been revoked' });
    }
    // Signing in again starts afresh.
    const c = (await passwordAuth('admin', DEMO_PASSWORD)).AuthenticationResult!;
    expect((await idp.send(new GetUserCommand({ AccessToken: c.AccessToken }))).Username).toBe('admin');
  });

  it('RevokeToken revokes one refresh token and the access tokens issued from it', async () => {
    const a = (await passwordAuth('operator', DEMO_PASSWORD)).AuthenticationResult!;
    const b = (await passwordAuth('operator', DEMO_PASSWORD)).AuthenticationResult!;
    await idp.send(new RevokeTokenCommand({ Token: a.RefreshToken, ClientId: DEMO_USER_POOL_CLIENT_ID }));
    expect(await failure(idp.send(new GetUserCommand({ AccessToken: a.AccessToken })))).toMatchObject({ message: 'Access Token has been revoked' });
    expect((await idp.send(new GetUserCommand({ AccessToken: b.AccessToken }))).Username).toBe('operator');
    expect(await failure(idp.send(new RevokeTokenCommand({ Token: b.AccessToken, ClientId: DEMO_USER_POOL_CLIENT_ID })))).toMatchObject({
      name: 'UnsupportedTokenTypeException',
    });
  });
});

/** A caller whose role may manage the user pool; the console's own roles may not. */
function adminClient(): CognitoIdentityProviderClient {
  const arn = `arn:aws:iam::${sandbox.config.account}:role/user-pool-admin`;
  sandbox.state.auth.roles[arn] = {
    roleName: 'user-pool-admin',
    roleArn: arn,
    policy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'cognito-idp:Admin*', Resource: `arn:aws:cognito-idp:*:*:userpool/${DEMO_USER_POOL_ID}` }],
    },
  };
  const c = issueCredentials(sandbox.state.auth, arn, `${REGION}:00000000-0000-4000-8000-0000000000aa`, new Date(), 3600);
  return new CognitoIdentityProviderClient(
    clientConfig(sandbox, { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken }),
  );
}

describe('Admin operations (SigV4)', () => {
  it('are refused unsigned and to roles without cognito-idp permissions', async () => {
    const unsigned = await fetch(sandbox.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminDisableUser' },
      body: JSON.stringify({ UserPoolId: DEMO_USER_POOL_ID, Username: 'viewer' }),
    });
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { __type: string }).__type).toBe('MissingAuthenticationTokenException');

    const consoleAdmin = new CognitoIdentityProviderClient(clientConfig(sandbox, credentialsFor(sandbox, 'admin')));
    const denied = await failure(consoleAdmin.send(new AdminDisableUserCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'viewer' })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toBe(
      `User: arn:aws:sts::${sandbox.config.account}:assumed-role/gateway-console-admin/CognitoIdentityCredentials is not authorized to perform: cognito-idp:AdminDisableUser on resource: arn:aws:cognito-idp:${REGION}:${sandbox.config.account}:userpool/${DEMO_USER_POOL_ID} because no identity-based policy allows the cognito-idp:AdminDisableUser action`,
    );
  });

  it('create a user, set a permanent password, add to a group, disable and enable', async () => {
    const admin = adminClient();
    const created = await admin.send(
      new AdminCreateUserCommand({
        UserPoolId: DEMO_USER_POOL_ID,
        Username: 'carol',
        TemporaryPassword: 'Carol-Temp-1!',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
      }),
    );
    expect(created.User).toMatchObject({ Username: 'carol', Enabled: true, UserStatus: 'FORCE_CHANGE_PASSWORD' });
    expect(created.User!.UserCreateDate).toBeInstanceOf(Date);
    expect(Math.abs(created.User!.UserCreateDate!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(created.User!.Attributes).toEqual(expect.arrayContaining([{ Name: 'email', Value: 'carol@example.com' }]));
    expect((await passwordAuth('carol', 'Carol-Temp-1!')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');

    expect(await failure(admin.send(new AdminCreateUserCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'Carol' })))).toMatchObject({
      name: 'UsernameExistsException',
      message: 'User account already exists',
    });
    expect(
      await failure(admin.send(new AdminSetUserPasswordCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'carol', Password: 'weak', Permanent: true }))),
    ).toMatchObject({ name: 'InvalidPasswordException', message: 'Password does not conform to policy: Password not long enough' });

    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'carol', Password: 'Carol-Perm-1!', Permanent: true }));
    const noGroup = (await passwordAuth('carol', 'Carol-Perm-1!')).AuthenticationResult!;
    expect(jwtClaims(noGroup.IdToken!)['cognito:groups']).toBeUndefined();
    expect(jwtClaims(noGroup.IdToken!)['cognito:preferred_role']).toBeUndefined();

    await admin.send(new AdminAddUserToGroupCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'carol', GroupName: 'operator' }));
    const grouped = (await passwordAuth('carol', 'Carol-Perm-1!')).AuthenticationResult!;
    expect(jwtClaims(grouped.IdToken!)['cognito:preferred_role']).toBe(roleArn('operator'));
    expect(
      await failure(admin.send(new AdminAddUserToGroupCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'carol', GroupName: 'nope' }))),
    ).toMatchObject({ name: 'ResourceNotFoundException', message: 'Group not found.' });

    await admin.send(new AdminDisableUserCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'carol' }));
    expect(await failure(passwordAuth('carol', 'Carol-Perm-1!'))).toMatchObject({ message: 'User is disabled.' });
    expect(await failure(idp.send(new GetUserCommand({ AccessToken: grouped.AccessToken })))).toMatchObject({ message: 'Access Token has been revoked' });
    await admin.send(new AdminEnableUserCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'carol' }));
    expect((await passwordAuth('carol', 'Carol-Perm-1!')).AuthenticationResult?.IdToken).toEqual(expect.any(String));

    await admin.send(new AdminSetUserPasswordCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'carol', Password: 'Carol-Temp-2!', Permanent: false }));
    expect((await passwordAuth('carol', 'Carol-Temp-2!')).ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
  });

  it('name unknown users and pools', async () => {
    const admin = adminClient();
    expect(await failure(admin.send(new AdminEnableUserCommand({ UserPoolId: DEMO_USER_POOL_ID, Username: 'ghost' })))).toMatchObject({
      name: 'UserNotFoundException',
      message: 'User does not exist.',
    });
    const arn = `arn:aws:iam::${sandbox.config.account}:role/user-pool-admin`;
    sandbox.state.auth.roles[arn]!.policy.Statement[0]!.Resource = '*';
    expect(await failure(admin.send(new AdminEnableUserCommand({ UserPoolId: 'us-east-1_missing', Username: 'ghost' })))).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'User pool us-east-1_missing does not exist.',
    });
  });
});
