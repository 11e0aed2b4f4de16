import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APIGatewayClient, CreateRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Sandbox } from '../src/server.js';
import { issueCredentials } from '../src/auth/credentials.js';
import { roleArn } from '../src/seed/ids.js';
import { clientConfig, credentialsFor, REGION, startTestSandbox } from './support/sandbox.js';
import { signIn } from './support/sign-in.js';

/**
 * SigV4 and IAM as the sandbox enforces them on API Gateway, with the real SDK client: every way a
 * signature can be wrong, every role's reach, the account quota, and the sign-in flow's credentials.
 */

let sandbox: Sandbox;
let clockOffsetMs = 0;

beforeAll(async () => {
  sandbox = await startTestSandbox('empty', { config: { now: () => new Date(Date.now() + clockOffsetMs) } });
});
afterAll(() => sandbox.close());

const apigw = (credentials: AwsCredentialIdentity, extra: Record<string, unknown> = {}) =>
  new APIGatewayClient({ ...clientConfig(sandbox, credentials), ...extra });

async function failure(p: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const err = e as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

const denied = (group: string, action: string, path: string) =>
  `User: arn:aws:sts::${sandbox.config.account}:assumed-role/gateway-console-${group}/CognitoIdentityCredentials is not authorized to perform: ${action} on resource: arn:aws:apigateway:${REGION}::${path} because no identity-based policy allows the ${action} action`;

describe('SigV4', () => {
  it('answers an unsigned call with 403 MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${sandbox.url}/restapis`);
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await res.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('accepts a correctly signed read', async () => {
    const out = await apigw(credentialsFor(sandbox, 'viewer')).send(new GetRestApisCommand({}));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.items).toEqual(expect.any(Array));
  });

  it('refuses a signature made with the wrong secret', async () => {
    const real = credentialsFor(sandbox, 'admin');
    const forged = { ...real, secretAccessKey: real.secretAccessKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
    expect(await failure(apigw(forged).send(new GetRestApisCommand({})))).toEqual({
      name: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
      status: 403,
    });
  });

  it('does not know an access key it never issued', async () => {
    const unknown = { accessKeyId: 'ASIAUNKNOWNUNKNOWN00', secretAccessKey: 'x'.repeat(40), sessionToken: 'token' };
    expect(await failure(apigw(unknown).send(new GetRestApisCommand({})))).toEqual({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      status: 403,
    });
    const { sessionToken: _dropped, ...withoutToken } = credentialsFor(sandbox, 'admin');
    expect(await failure(apigw(withoutToken).send(new GetRestApisCommand({})))).toMatchObject({ name: 'UnrecognizedClientException' });
  });

  it('refuses expired credentials with ExpiredTokenException', async () => {
    const creds = credentialsFor(sandbox, 'admin');
    // Both clocks move past the credentials' hour, so the signature itself is current.
    clockOffsetMs = 3600 * 1000 + 60_000;
    try {
      expect(await failure(apigw(creds, { systemClockOffset: clockOffsetMs }).send(new GetRestApisCommand({})))).toEqual({
        name: 'ExpiredTokenException',
        message: 'The security token included in the request is expired',
        status: 403,
      });
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('refuses a request signed more than five minutes ago', async () => {
    const f = await failure(apigw(credentialsFor(sandbox, 'admin'), { systemClockOffset: -10 * 60_000 }).send(new GetRestApisCommand({})));
    expect(f.name).toBe('InvalidSignatureException');
    expect(f.status).toBe(403);
    expect(f.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
  });
});

describe('IAM', () => {
  it('denies CreateRestApi to viewer and operator, with AWS message, and allows it to admin', async () => {
    for (const group of ['viewer', 'operator'] as const) {
      expect(await failure(apigw(credentialsFor(sandbox, group)).send(new CreateRestApiCommand({ name: `by-${group}` })))).toEqual({
        name: 'AccessDeniedException',
        message: denied(group, 'apigateway:POST', '/restapis'),
        status: 403,
      });
    }
    const created = await apigw(credentialsFor(sandbox, 'admin')).send(new CreateRestApiCommand({ name: 'by-admin' }));
    expect(created.$metadata.httpStatusCode).toBe(201);
    expect(created.name).toBe('by-admin');
    const listed = await apigw(credentialsFor(sandbox, 'viewer')).send(new GetRestApisCommand({}));
    expect(listed.items?.map((a) => a.name)).toContain('by-admin');
  });

  it('lets the credentials of the full sign-in flow act as the role of the user group', async () => {
    const admin = await signIn(sandbox, 'admin');
    const viewer = await signIn(sandbox, 'viewer');
    expect(sandbox.state.auth.credentials[admin.credentials.accessKeyId]!.roleArn).toBe(roleArn('admin'));
    expect((await apigw(admin.credentials).send(new CreateRestApiCommand({ name: 'signed-in-admin' }))).name).toBe('signed-in-admin');
    expect((await apigw(viewer.credentials).send(new GetRestApisCommand({}))).$metadata.httpStatusCode).toBe(200);
    expect(await failure(apigw(viewer.credentials).send(new CreateRestApiCommand({ name: 'nope' })))).toMatchObject({
      name: 'AccessDeniedException',
      message: denied('viewer', 'apigateway:POST', '/restapis'),
    });
  });
});

describe('account quota', () => {
  it('passes a burst of 40 and answers the rest with 429 TooManyRequestsException', async () => {
    // A sandbox of its own, with a clock that stands still, so no token refills during the burst.
    const frozen = new Date();
    const quiet = await startTestSandbox('empty', { config: { now: () => frozen } });
    try {
      const c = issueCredentials(quiet.state.auth, roleArn('viewer'), `${REGION}:00000000-0000-4000-8000-000000000001`, frozen, 3600);
      const client = new APIGatewayClient({
        region: REGION,
        endpoint: quiet.url,
        maxAttempts: 1,
        credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey, sessionToken: c.sessionToken },
      });
      const results = await Promise.allSettled(Array.from({ length: 45 }, () => client.send(new GetRestApisCommand({}))));
      const ok = results.filter((r) => r.status === 'fulfilled').length;
      const throttled = results.filter(
        (r) => r.status === 'rejected' && (r.reason as { name: string }).name === 'TooManyRequestsException',
      ) as PromiseRejectedResult[];
      expect(ok).toBe(40);
      expect(throttled).toHaveLength(5);
      expect((throttled[0]!.reason as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(429);
      expect((throttled[0]!.reason as Error).message).toBe('Too Many Requests');
    } finally {
      await quiet.close();
    }
  });
});

describe('CORS and unknown operations', () => {
  const sdkHeaders = 'authorization,content-type,x-amz-date,x-amz-security-token,x-amz-user-agent,amz-sdk-invocation-id,amz-sdk-request';

  it('apigatewayv2 preflight does not allow the SDK retry headers (aws-sdk-js-v3#6395)', async () => {
    const res = await fetch(`${sandbox.url}/v2/apis`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://localhost:5173', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': sdkHeaders },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const allowed = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase().split(',').map((h) => h.trim());
    expect(allowed).toContain('authorization');
    expect(allowed).toContain('x-amz-security-token');
    expect(allowed).not.toContain('amz-sdk-invocation-id');
    expect(allowed).not.toContain('amz-sdk-request');
  });

  it('exposes the error type and request id to browsers', async () => {
    const res = await fetch(`${sandbox.url}/restapis`, { headers: { Origin: 'http://localhost:5173' } });
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    expect(exposed).toContain('x-amzn-errortype');
    expect(exposed).toContain('x-amzn-requestid');
  });

  it('names an awsJson operation it does not serve', async () => {
    const post = (target: string) =>
      fetch(sandbox.url, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': target }, body: '{}' });
    const unknownOp = await post('AWSCognitoIdentityProviderService.SignUp');
    expect(unknownOp.status).toBe(400);
    const body = (await unknownOp.json()) as { __type: string; message: string };
    expect(body.__type).toBe('UnknownOperationException');
    expect(body.message).toContain('cognito-idp:SignUp');
    const unknownService = (await (await post('AmazonSomething_20200101.DoIt')).json()) as { message: string };
    expect(unknownService.message).toContain('AmazonSomething_20200101.DoIt');
  });

  it('names a REST path it does not serve', async () => {
    const res = await fetch(`${sandbox.url}/nothing/here`);
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(((await res.json()) as { message: string }).message).toContain('GET /nothing/here');
  });
});
