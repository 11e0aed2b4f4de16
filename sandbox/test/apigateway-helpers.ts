import { readFileSync } from 'node:fs';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { expect } from 'vitest';
import type { Sandbox } from '../src/server.js';
import type { Profile } from '../src/seed/index.js';
import { clientConfig, credentialsFor, startTestSandbox } from './support/sandbox.js';

/**
 * Shared by the apigateway-*.test.ts files: a sandbox whose clock can be moved forward (to refill the
 * control-plane quota buckets between tests instead of sleeping), SDK clients per role, and comparison
 * with the real AWS recordings.
 */
export interface TestEnv {
  sandbox: Sandbox;
  admin: APIGatewayClient;
  operator: APIGatewayClient;
  viewer: APIGatewayClient;
  /** Moves the sandbox clock (and the clients' signing clock) forward; 4 s refills the account bucket (10/s, burst 40). */
  advance(ms: number): void;
}

export async function startApiGatewayEnv(profile: Profile = 'empty'): Promise<TestEnv> {
  let offset = 0;
  const sandbox = await startTestSandbox(profile, { config: { now: () => new Date(Date.now() + offset) } });
  const client = (role: 'admin' | 'operator' | 'viewer') => new APIGatewayClient(clientConfig(sandbox, credentialsFor(sandbox, role)));
  const clients = { admin: client('admin'), operator: client('operator'), viewer: client('viewer') };
  return {
    sandbox,
    ...clients,
    advance(ms) {
      offset += ms;
      // The clients sign with the sandbox's clock, so moving it minutes ahead never expires a signature.
      for (const c of Object.values(clients)) c.config.systemClockOffset = offset;
    },
  };
}

export interface AwsErrorShape {
  name: string;
  message: string;
  $metadata: { httpStatusCode?: number };
}

/** The error a call fails with; fails the test if the call succeeds. */
export async function failure(p: Promise<unknown>): Promise<AwsErrorShape> {
  try {
    await p;
  } catch (e) {
    return e as AwsErrorShape;
  }
  throw new Error('expected the call to fail, it succeeded');
}

export async function expectAwsError(p: Promise<unknown>, name: string, message: string | RegExp, status: number): Promise<void> {
  const err = await failure(p);
  expect({ name: err.name, status: err.$metadata.httpStatusCode }).toEqual({ name, status });
  if (typeof message === 'string') expect(err.message).toBe(message);
  else expect(err.message).toMatch(message);
}

type Recordings = Record<string, { 'recorded-content': Record<string, Record<string, unknown>> }>;
const cache = new Map<string, Recordings>();

/** One recorded AWS response: `file` without `.snapshot.json`, the test name's tail, the entry's key. */
export function recording(file: string, test: string, entry: string): Record<string, unknown> {
  let data = cache.get(file);
  if (!data) {
    const url = new URL(`../../../shared/aws-recordings/${file}.snapshot.json`, import.meta.url);
    data = JSON.parse(readFileSync(url, 'utf8')) as Recordings;
    cache.set(file, data);
  }
  const key = Object.keys(data).find((k) => k.endsWith(`::${test}`));
  const value = key ? data[key]!['recorded-content'][entry] : undefined;
  if (!value) throw new Error(`no recording ${file} ${test} ${entry}`);
  return value;
}

/**
 * Asserts that an SDK response has the recorded shape: the same fields, equal values where the recording
 * has literals, any value where it has a placeholder (`<id:1>`, `datetime`), and the same HTTP status.
 */
export function expectMatchesRecording(actual: object, recorded: Record<string, unknown>): void {
  const { ResponseMetadata, ...body } = recorded as { ResponseMetadata?: { HTTPStatusCode?: number } } & Record<string, unknown>;
  const { $metadata, ...rest } = actual as { $metadata?: { httpStatusCode?: number } } & Record<string, unknown>;
  expect(normalize(rest, body)).toEqual(body);
  if (ResponseMetadata?.HTTPStatusCode) expect($metadata?.httpStatusCode).toBe(ResponseMetadata.HTTPStatusCode);
}

/** `actual` with every value the recording hides behind a placeholder replaced by that placeholder. */
function normalize(actual: unknown, recorded: unknown): unknown {
  if (typeof recorded === 'string' && (recorded === 'datetime' || /^<[^>]+>$/.test(recorded))) {
    return actual === undefined || actual === null ? actual : recorded;
  }
  if (actual instanceof Date) return actual.toISOString();
  if (Array.isArray(actual)) return actual.map((v, i) => normalize(v, Array.isArray(recorded) ? recorded[i] : undefined));
  if (actual && typeof actual === 'object') {
    const rec = (recorded && typeof recorded === 'object' ? recorded : {}) as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(actual as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, normalize(v, rec[k])]),
    );
  }
  return actual;
}

/**
 * Sets (or clears) the account's CloudWatch role straight in the sandbox state: the sandbox does not serve
 * UpdateAccount, and UpdateStage refuses logging settings without a role, as AWS does.
 */
export function setCloudWatchRole(env: TestEnv, roleArn: string | undefined): void {
  const state = env.sandbox.state.services.apigateway as { account?: { cloudwatchRoleArn?: string } };
  state.account = roleArn ? { cloudwatchRoleArn: roleArn } : {};
}

/** The recorded error of one call: its code and message. */
export function recordedError(file: string, test: string, entry: string): { code: string; message: string; status: number } {
  const r = recording(file, test, entry) as { Error: { Code: string; Message: string }; ResponseMetadata: { HTTPStatusCode: number } };
  return { code: r.Error.Code, message: r.Error.Message, status: r.ResponseMetadata.HTTPStatusCode };
}
