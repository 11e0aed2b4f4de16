import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { getOmitRetryHeadersPlugin } from '@smithy/core/retry';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { HttpRequest } from '@smithy/types';
import type { Sandbox } from '../src/server.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';

/**
 * CORS as AWS answers it for apigatewayv2: the preflight allows a fixed list of request headers that lacks
 * the SDK's amz-sdk-invocation-id and amz-sdk-request (aws-sdk-js-v3#6395), so a browser client must strip
 * them; a client that does (getOmitRetryHeadersPlugin) sends nothing the preflight does not allow.
 */

const ORIGIN = 'http://localhost:5173';

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox('demo');
});
afterAll(() => sandbox.close());

async function preflight(path: string, requestHeaders: string) {
  return fetch(`${sandbox.url}${path}`, {
    method: 'OPTIONS',
    headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': requestHeaders },
  });
}

const allowedBy = (res: Response) =>
  (res.headers.get('access-control-allow-headers') ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);

/** A client whose every request's headers are recorded as they leave for the wire. */
function recordingClient(omitRetryHeaders: boolean) {
  const sent: Record<string, string>[] = [];
  const inner = new NodeHttpHandler();
  const requestHandler = {
    handle: (request: HttpRequest, options?: Record<string, unknown>) => {
      sent.push(Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v])));
      return inner.handle(request as never, options);
    },
    updateHttpClientConfig: inner.updateHttpClientConfig.bind(inner),
    httpHandlerConfigs: inner.httpHandlerConfigs.bind(inner),
    destroy: inner.destroy.bind(inner),
  };
  const client = new ApiGatewayV2Client({ ...clientConfig(sandbox, credentialsFor(sandbox, 'viewer')), requestHandler });
  if (omitRetryHeaders) client.middlewareStack.use(getOmitRetryHeadersPlugin({}));
  return { client, sent };
}

// Headers a browser sets itself or never lists in Access-Control-Request-Headers.
const NOT_PREFLIGHTED = new Set(['host', 'content-length', 'user-agent', 'accept', 'accept-encoding', 'connection']);

describe('preflight', () => {
  it('allows a fixed list of headers that lacks amz-sdk-invocation-id and amz-sdk-request', async () => {
    const res = await preflight(
      '/v2/apis',
      'amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-date,x-amz-security-token,x-amz-user-agent',
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('PATCH');
    const allowed = allowedBy(res);
    expect(allowed).not.toContain('amz-sdk-invocation-id');
    expect(allowed).not.toContain('amz-sdk-request');
    expect(allowed).toEqual(
      expect.arrayContaining(['authorization', 'content-type', 'x-amz-date', 'x-amz-security-token', 'x-amz-user-agent', 'x-amz-content-sha256', 'x-api-key']),
    );
  });

  it('answers the same list on every v2 path, whatever is asked', async () => {
    const a = allowedBy(await preflight('/v2/apis/abc1234567/stages/prod', 'x-custom'));
    const b = allowedBy(await preflight('/v2/apis', 'authorization'));
    expect(a).toEqual(b);
    expect(a).not.toContain('x-custom');
  });
});

describe('SDK clients and the preflight', () => {
  it('a default client sends the amz-sdk-* headers, which a browser preflight would refuse', async () => {
    const { client, sent } = recordingClient(false);
    await client.send(new GetApisCommand({ MaxResults: '500' }));
    expect(Object.keys(sent[0]!)).toEqual(expect.arrayContaining(['amz-sdk-invocation-id', 'amz-sdk-request']));
  });

  it('a client with the retry headers stripped works and sends only headers the preflight allows', async () => {
    const { client, sent } = recordingClient(true);
    const out = await client.send(new GetApisCommand({ MaxResults: '500' }));
    expect(out.Items!.map((a) => a.Name)).toContain('Checkout HTTP API');
    expect(sent).toHaveLength(1);
    const headers = Object.keys(sent[0]!);
    expect(headers).not.toContain('amz-sdk-invocation-id');
    expect(headers).not.toContain('amz-sdk-request');
    const allowed = allowedBy(await preflight('/v2/apis', headers.join(',')));
    expect(headers.filter((h) => !NOT_PREFLIGHTED.has(h) && !allowed.includes(h))).toEqual([]);
  });

  it('exposes the error type and request id to the browser on failures', async () => {
    const res = await fetch(`${sandbox.url}/v2/apis`, { headers: { Origin: ORIGIN } });
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-amzn-ErrorType/i);
    expect(res.headers.get('access-control-expose-headers')).toMatch(/x-amzn-RequestId/i);
  });
});
