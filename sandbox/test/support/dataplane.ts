import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateUsagePlanCommand,
  CreateUsagePlanKeyCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  type PutIntegrationCommandInput,
} from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudWatchClient, GetMetricDataCommand, type Dimension } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { Sandbox } from '../../src/server.js';
import type { Profile } from '../../src/seed/index.js';
import { clientConfig, credentialsFor, REGION, startTestSandbox } from './sandbox.js';

/**
 * The data-plane tests' sandbox: control-plane quotas off (fixtures are built with many calls), a clock that
 * stands still until a test moves it (so token buckets refill exactly when told), SDK clients that sign with
 * that clock, and `call` for plain fetches against the invoke URLs.
 */
export interface DataPlaneEnv {
  sandbox: Sandbox;
  v1: APIGatewayClient;
  v2: ApiGatewayV2Client;
  cw: CloudWatchClient;
  logs: CloudWatchLogsClient;
  /** The sandbox clock now. */
  now(): Date;
  advance(ms: number): void;
  call(apiId: string, path: string, init?: { method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer>;
  close(): Promise<void>;
}

export interface Answer {
  status: number;
  headers: Headers;
  body: string;
  json: any;
}

export async function startDataPlaneEnv(profile: Profile = 'empty', options: { dataFile?: string } = {}): Promise<DataPlaneEnv> {
  const base = Date.now();
  let offset = 0;
  const now = () => new Date(base + offset);
  const sandbox = await startTestSandbox(profile, { config: { now, quotas: false }, ...options });
  // Clients sign with the sandbox clock; moving it past the credentials' hour issues fresh ones.
  const clients = () => {
    const config = { ...clientConfig(sandbox, credentialsFor(sandbox, 'admin')), systemClockOffset: base + offset - Date.now() };
    return { v1: new APIGatewayClient(config), v2: new ApiGatewayV2Client(config), cw: new CloudWatchClient(config), logs: new CloudWatchLogsClient(config) };
  };
  const env: DataPlaneEnv = {
    sandbox,
    ...clients(),
    now,
    advance(ms) {
      offset += ms;
      Object.assign(env, clients());
    },
    async call(apiId, path, init = {}) {
      const res = await fetch(`${sandbox.url}/_invoke/${apiId}${path}`, { method: init.method ?? 'GET', headers: init.headers, body: init.body });
      const body = await res.text();
      let json: unknown;
      try {
        json = body ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      return { status: res.status, headers: res.headers, body, json };
    },
    close: () => sandbox.close(),
  };
  return env;
}

/** Sends `n` requests at once and answers their statuses in order of sending. */
export async function burst(env: DataPlaneEnv, n: number, apiId: string, path: string, init?: { method?: string; headers?: Record<string, string> }): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: n }, () => env.call(apiId, path, init)));
  return answers.map((a) => a.status);
}

export const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;

export interface MethodSpec {
  method: string;
  apiKeyRequired?: boolean;
  authorizationType?: string;
  integration?: Omit<PutIntegrationCommandInput, 'restApiId' | 'resourceId' | 'httpMethod'>;
}

export const lambdaUri = (fn: string) =>
  `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:123456789012:function:${fn}/invocations`;

/**
 * A REST API built through the real SDK: resources by path (parents made on the way), methods (MOCK unless
 * given), deployed to `stage`. Answers the API id and resource ids by path.
 */
export async function restApi(
  env: DataPlaneEnv,
  name: string,
  resources: Record<string, MethodSpec[]>,
  stage = 'prod',
): Promise<{ id: string; resources: Map<string, string> }> {
  const api = await env.v1.send(new CreateRestApiCommand({ name }));
  const ids = new Map<string, string>();
  const root = await env.v1.send(new GetResourcesCommand({ restApiId: api.id! }));
  ids.set('/', root.items![0]!.id!);
  for (const [path, methods] of Object.entries(resources)) {
    let parent = '/';
    for (const part of path.split('/').filter(Boolean)) {
      const sub = parent === '/' ? `/${part}` : `${parent}/${part}`;
      if (!ids.has(sub)) {
        const r = await env.v1.send(new CreateResourceCommand({ restApiId: api.id!, parentId: ids.get(parent)!, pathPart: part }));
        ids.set(sub, r.id!);
      }
      parent = sub;
    }
    for (const m of methods) {
      const resourceId = ids.get(path)!;
      await env.v1.send(
        new PutMethodCommand({ restApiId: api.id!, resourceId, httpMethod: m.method, authorizationType: m.authorizationType ?? 'NONE', apiKeyRequired: m.apiKeyRequired ?? false }),
      );
      await env.v1.send(
        new PutIntegrationCommand({ restApiId: api.id!, resourceId, httpMethod: m.method, ...(m.integration ?? { type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' } }) }),
      );
    }
  }
  await env.v1.send(new CreateDeploymentCommand({ restApiId: api.id!, stageName: stage }));
  return { id: api.id!, resources: ids };
}

/** An enabled API key in a new usage plan for the API stage; answers the key's id and value and the plan's id. */
export async function keyInPlan(
  env: DataPlaneEnv,
  apiId: string,
  stage: string,
  plan: { throttle?: { rateLimit: number; burstLimit: number }; quota?: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' }; methodThrottle?: Record<string, { rateLimit: number; burstLimit: number }> } = {},
): Promise<{ keyId: string; value: string; planId: string }> {
  const key = await env.v1.send(new CreateApiKeyCommand({ name: `key-${Math.random().toString(36).slice(2, 8)}`, enabled: true }));
  const p = await env.v1.send(
    new CreateUsagePlanCommand({
      name: `plan-${Math.random().toString(36).slice(2, 8)}`,
      apiStages: [{ apiId, stage, throttle: plan.methodThrottle }],
      throttle: plan.throttle,
      quota: plan.quota,
    }),
  );
  await env.v1.send(new CreateUsagePlanKeyCommand({ usagePlanId: p.id!, keyId: key.id!, keyType: 'API_KEY' }));
  return { keyId: key.id!, value: key.value!, planId: p.id! };
}

/** One statistic of one metric over [start, end) in one period, through the real GetMetricData. */
export async function metric(
  env: DataPlaneEnv,
  name: string,
  dims: Record<string, string>,
  stat: string,
  range: { start: Date; end: Date; period?: number },
  namespace = 'AWS/ApiGateway',
): Promise<number[]> {
  const Dimensions: Dimension[] = Object.entries(dims).map(([Name, Value]) => ({ Name, Value }));
  const out = await env.cw.send(
    new GetMetricDataCommand({
      MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: namespace, MetricName: name, Dimensions }, Period: range.period ?? 60, Stat: stat } }],
      StartTime: range.start,
      EndTime: range.end,
      ScanBy: 'TimestampAscending',
    }),
  );
  return out.MetricDataResults?.[0]?.Values ?? [];
}

/** The sum of a metric's values over the range (one period covering it all). */
export async function total(env: DataPlaneEnv, name: string, dims: Record<string, string>, stat = 'Sum', namespace?: string): Promise<number> {
  const t = env.now().getTime();
  const values = await metric(env, name, dims, stat, { start: new Date(Math.floor(t / 3_600_000) * 3_600_000 - 3_600_000), end: new Date(t + 3_600_000), period: 3 * 3600 }, namespace);
  return values.reduce((a, b) => a + b, 0);
}
