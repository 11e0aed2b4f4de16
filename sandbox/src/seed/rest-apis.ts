import type { SandboxConfig, SandboxState } from '../core/types.js';
import { seededIds, type StoreEnv } from '../services/apigateway/store/env.js';
import type { PatchOperation } from '@aws-sdk/client-api-gateway';
import type { ApiGatewayState, MethodSettingRecord, RestApiRecord } from '../services/apigateway/store/types.js';
import { createRestApi } from '../services/apigateway/store/rest-apis.js';
import { createResource } from '../services/apigateway/store/resources.js';
import { putIntegration, putMethod, putMethodResponse } from '../services/apigateway/store/methods.js';
import { createDeployment, createStage, setMethodSetting } from '../services/apigateway/store/stages.js';
import { updateStage } from '../services/apigateway/store/stage-update.js';
import { createApiKey } from '../services/apigateway/store/api-keys.js';
import { createUsagePlan, createUsagePlanKey } from '../services/apigateway/store/usage-plans.js';
import { addUsage, dayOf, dayString, periodStart } from '../services/apigateway/store/usage.js';
import type { UsagePlanRecord } from '../services/apigateway/store/types.js';
import { expectedDailyRequests } from '../dataplane/demo-traffic.js';
import { HISTORY_HOURS } from '../dataplane/traffic.js';

/**
 * REST API seeds, written straight into the state through the store functions the handlers use, so
 * seeded data obeys the same rules as data created over HTTP. Ids come from a fixed-seed generator:
 * the same profile gives the same ids on every machine; dates are relative to the sandbox clock.
 */

const DAY = 86_400_000;

interface MethodSpec {
  method: string;
  apiKeyRequired?: boolean;
  authorizationType?: string;
  /** MOCK when absent. */
  integration?: { type: 'HTTP_PROXY' | 'AWS_PROXY'; uri: string; httpMethod?: string };
}

interface ApiSpec {
  name: string;
  description?: string;
  endpointType?: 'EDGE' | 'REGIONAL' | 'PRIVATE';
  tags?: Record<string, string>;
  /** Path (without leading slash, nested with '/') -> methods. '' is the root. */
  resources: Record<string, MethodSpec[]>;
  /**
   * Deployment history, oldest first. Without it: an initial release the day after creation and a latest
   * release at a third of the API's age, so stages on the older one show the "behind latest" state.
   */
  deployments?: { description: string; daysAgo: number }[];
  stages: StageSpec[];
  ageDays: number;
}

interface StageSpec {
  name: string;
  description?: string;
  variables?: Record<string, string>;
  tracingEnabled?: boolean;
  /** Method-setting overrides by `resourcePath/httpMethod` key (or `* /*`). */
  methodSettings?: Record<string, Partial<MethodSettingRecord>>;
  /** Which deployment the stage runs, by index into the API's deployments (0 = the oldest). */
  deployment: number;
  /** A cache cluster of this size (GB). */
  cacheClusterSize?: string;
  /** Access logs to this CloudWatch Logs log group, in this format. */
  accessLog?: { logGroup: string; format: string };
  /** A canary serving another deployment (by index) to a share of the traffic. */
  canary?: { deployment: number; percentTraffic: number; overrides?: Record<string, string> };
}

/**
 * AWS's suggested JSON access-log format for REST APIs; `$context.status` lets a CloudWatch Logs metric
 * filter count 429s, which API Gateway publishes no metric for.
 */
export const JSON_ACCESS_LOG_FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  user: '$context.identity.user',
  requestTime: '$context.requestTime',
  httpMethod: '$context.httpMethod',
  resourcePath: '$context.resourcePath',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
});

class Seeder {
  readonly state: ApiGatewayState;
  private readonly ids;

  constructor(
    root: SandboxState,
    private readonly config: SandboxConfig,
    seed: number,
  ) {
    this.state = root.services.apigateway as ApiGatewayState;
    this.ids = seededIds(seed);
  }

  /** An environment whose clock reads `daysAgo` days before now. */
  env(daysAgo: number): StoreEnv {
    return {
      now: new Date(this.config.now().getTime() - daysAgo * DAY),
      account: this.config.account,
      region: this.config.region,
      ids: this.ids,
    };
  }

  api(spec: ApiSpec): RestApiRecord {
    const env = this.env(spec.ageDays);
    const api = createRestApi(
      this.state,
      {
        name: spec.name,
        description: spec.description,
        endpointConfiguration: { types: [spec.endpointType ?? 'REGIONAL'] },
        tags: spec.tags,
      },
      env,
    );
    const idsByPath = new Map<string, string>([['', api.rootResourceId]]);
    for (const [path, methods] of Object.entries(spec.resources)) {
      let resourceId = idsByPath.get(path);
      if (resourceId === undefined) {
        // Parents are created on the way down, so specs list only the paths that carry methods.
        let parent = '';
        for (const part of path.split('/')) {
          const sub = parent ? `${parent}/${part}` : part;
          if (!idsByPath.has(sub)) {
            const r = createResource(this.state, { restApiId: api.id, parentId: idsByPath.get(parent), pathPart: part }, env);
            idsByPath.set(sub, r.id);
          }
          parent = sub;
        }
        resourceId = idsByPath.get(path)!;
      }
      for (const m of methods) {
        putMethod(this.state, {
          restApiId: api.id,
          resourceId,
          httpMethod: m.method,
          authorizationType: m.authorizationType ?? 'NONE',
          apiKeyRequired: m.apiKeyRequired ?? false,
        });
        if (m.integration) {
          putIntegration(this.state, {
            restApiId: api.id,
            resourceId,
            httpMethod: m.method,
            type: m.integration.type,
            integrationHttpMethod: m.integration.httpMethod ?? (m.integration.type === 'AWS_PROXY' ? 'POST' : m.method === 'ANY' ? 'ANY' : m.method),
            uri: m.integration.uri,
          });
        } else {
          putIntegration(this.state, {
            restApiId: api.id,
            resourceId,
            httpMethod: m.method,
            type: 'MOCK',
            requestTemplates: { 'application/json': '{"statusCode": 200}' },
          });
          putMethodResponse(this.state, { restApiId: api.id, resourceId, httpMethod: m.method, statusCode: '200' });
        }
      }
    }
    const history = spec.deployments ?? [
      { description: 'Initial release', daysAgo: Math.max(spec.ageDays - 1, 0) },
      { description: 'Latest release', daysAgo: Math.max(spec.ageDays / 3, 0) },
    ];
    const deployments = history.map((d) => ({ ...d, record: createDeployment(this.state, { restApiId: api.id, description: d.description }, this.env(d.daysAgo)) }));
    for (const s of spec.stages) this.stage(api, s, deployments);
    return api;
  }

  /**
   * A stage: created just after the API's first deployment, then moved to its own deployment and
   * configured (access logs, cache, canary) through UpdateStage's store function, so the seed obeys the
   * same rules as the console's calls and `lastUpdatedDate` is that of the last change.
   */
  private stage(api: RestApiRecord, s: StageSpec, deployments: { daysAgo: number; record: { id: string } }[]): void {
    const target = deployments[s.deployment]!;
    const stageEnv = this.env(Math.max(deployments[0]!.daysAgo - 0.01, 0));
    const stage = createStage(
      this.state,
      {
        restApiId: api.id,
        stageName: s.name,
        deploymentId: target.record.id,
        description: s.description,
        variables: s.variables,
        tracingEnabled: s.tracingEnabled,
      },
      stageEnv,
    );
    const changedAt = this.env(Math.max(target.daysAgo - 0.01, 0));
    for (const [key, fields] of Object.entries(s.methodSettings ?? {})) setMethodSetting(stage, key, fields, changedAt.now);
    const ops: PatchOperation[] = [];
    if (s.cacheClusterSize) {
      ops.push({ op: 'replace', path: '/cacheClusterEnabled', value: 'true' }, { op: 'replace', path: '/cacheClusterSize', value: s.cacheClusterSize });
    }
    if (s.accessLog) {
      const arn = `arn:aws:logs:${this.config.region}:${this.config.account}:log-group:${s.accessLog.logGroup}`;
      ops.push({ op: 'replace', path: '/accessLogSettings/destinationArn', value: arn }, { op: 'replace', path: '/accessLogSettings/format', value: s.accessLog.format });
    }
    let canaryEnv = changedAt;
    if (s.canary) {
      const canary = deployments[s.canary.deployment]!;
      canaryEnv = this.env(Math.max(canary.daysAgo - 0.01, 0));
      ops.push(
        { op: 'replace', path: '/canarySettings/deploymentId', value: canary.record.id },
        { op: 'replace', path: '/canarySettings/percentTraffic', value: String(s.canary.percentTraffic) },
        ...Object.entries(s.canary.overrides ?? {}).map(([k, v]) => ({ op: 'replace' as const, path: `/canarySettings/stageVariableOverrides/${k}`, value: v })),
      );
    }
    if (ops.length) updateStage(this.state, api.id, s.name, ops, canaryEnv);
  }
}

/**
 * The account's CloudWatch role, as a real account that uses stage logging has it (UpdateStage refuses
 * access logs and execution logging without one).
 */
function seedAccount(state: ApiGatewayState, config: SandboxConfig): void {
  state.account = { cloudwatchRoleArn: `arn:aws:iam::${config.account}:role/apigateway-cloudwatch-logs` };
}

const lambda = (region: string, account: string, fn: string) =>
  `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${region}:${account}:function:${fn}/invocations`;

/** The demo profile: four REST APIs with resource trees, stages, keys and plans that look like a real account. */
export function seedDemoRestApis(root: SandboxState, config: SandboxConfig): void {
  const s = new Seeder(root, config, 20260101);
  seedAccount(s.state, config);
  const fn = (name: string) => lambda(config.region, config.account, name);

  const petStore = s.api({
    name: 'Pet Store',
    description: 'Public catalogue of pets and owners for the storefront.',
    endpointType: 'REGIONAL',
    tags: { team: 'storefront', env: 'production' },
    ageDays: 340,
    resources: {
      pets: [
        { method: 'GET', integration: { type: 'HTTP_PROXY', uri: 'https://petstore.example.com/pets' } },
        { method: 'POST', apiKeyRequired: true, integration: { type: 'HTTP_PROXY', uri: 'https://petstore.example.com/pets' } },
      ],
      'pets/{petId}': [
        { method: 'GET', integration: { type: 'HTTP_PROXY', uri: 'https://petstore.example.com/pets/{petId}' } },
        { method: 'DELETE', apiKeyRequired: true, integration: { type: 'HTTP_PROXY', uri: 'https://petstore.example.com/pets/{petId}' } },
      ],
      owners: [{ method: 'GET' }],
      health: [{ method: 'GET' }],
    },
    // Five releases: staging runs the newest, prod the one before (the "behind latest" state).
    deployments: [
      { description: 'Initial release', daysAgo: 339 },
      { description: 'Add GET /owners', daysAgo: 212 },
      { description: 'Pet details: GET and DELETE /pets/{petId}', daysAgo: 96 },
      { description: 'Throttle writes to /pets', daysAgo: 21 },
      { description: 'Fix paging of GET /pets', daysAgo: 3 },
    ],
    stages: [
      {
        name: 'prod',
        description: 'Production',
        deployment: 3,
        tracingEnabled: true,
        variables: { backendHost: 'petstore.example.com', logLevel: 'INFO' },
        methodSettings: {
          '*/*': { metricsEnabled: true, loggingLevel: 'ERROR', throttlingBurstLimit: 200, throttlingRateLimit: 100 },
          'pets/POST': { throttlingBurstLimit: 20, throttlingRateLimit: 10 },
          'pets/{petId}/DELETE': { throttlingBurstLimit: 5, throttlingRateLimit: 2 },
          'pets/GET': { cachingEnabled: true, cacheTtlInSeconds: 60 },
        },
        cacheClusterSize: '0.5',
        accessLog: { logGroup: '/aws/apigateway/pet-store/prod', format: JSON_ACCESS_LOG_FORMAT },
      },
      {
        name: 'staging',
        description: 'Pre-production',
        deployment: 4,
        variables: { backendHost: 'staging.petstore.example.com', logLevel: 'DEBUG' },
        methodSettings: { '*/*': { throttlingBurstLimit: 50, throttlingRateLimit: 25 } },
      },
    ],
  });

  const payments = s.api({
    name: 'Payments',
    description: 'Card payments and refunds.',
    endpointType: 'EDGE',
    tags: { team: 'payments', 'cost-center': 'cc-4410' },
    ageDays: 280,
    resources: {
      payments: [{ method: 'POST', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('payments-create') } }],
      'payments/{paymentId}': [{ method: 'GET', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('payments-get') } }],
      refunds: [{ method: 'POST', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('payments-refund') } }],
    },
    deployments: [
      { description: 'Initial release', daysAgo: 279 },
      { description: 'Refunds', daysAgo: 150 },
      { description: '3-D Secure for card payments', daysAgo: 30 },
      { description: 'Refunds v2: partial refunds', daysAgo: 1 },
    ],
    stages: [
      {
        name: 'prod',
        description: 'Production',
        deployment: 2,
        tracingEnabled: true,
        variables: { lambdaAlias: 'live' },
        // The newest release takes 10 % of production traffic, on its own Lambda alias.
        canary: { deployment: 3, percentTraffic: 10, overrides: { lambdaAlias: 'canary' } },
        methodSettings: {
          '*/*': { metricsEnabled: true, dataTraceEnabled: false, throttlingBurstLimit: 500, throttlingRateLimit: 250 },
          'refunds/POST': { throttlingBurstLimit: 10, throttlingRateLimit: 5 },
        },
      },
      { name: 'dev', description: 'Development', deployment: 3, variables: { lambdaAlias: 'dev' } },
    ],
  });

  const partnerOrders = s.api({
    name: 'Partner Orders API',
    description:
      'Order intake for B2B partners: partners create and track orders, list line items and register webhooks for ' +
      'status changes. Every write needs an API key tied to a usage plan; reads are throttled per partner. ' +
      'Owned by the partner-integrations team (#partner-integrations); see the runbook before changing throttling.',
    endpointType: 'REGIONAL',
    tags: { team: 'partner-integrations', env: 'production', 'data-classification': 'confidential' },
    ageDays: 200,
    resources: {
      orders: [
        { method: 'GET', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('orders-list') } },
        { method: 'POST', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('orders-create') } },
      ],
      'orders/{orderId}': [
        { method: 'GET', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('orders-get') } },
        { method: 'PATCH', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('orders-update') } },
        { method: 'DELETE', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('orders-cancel') } },
      ],
      'orders/{orderId}/items': [{ method: 'GET', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('orders-items') } }],
      webhooks: [{ method: 'POST', apiKeyRequired: true, integration: { type: 'AWS_PROXY', uri: fn('webhooks-register') } }],
      status: [{ method: 'GET' }],
    },
    stages: [
      {
        name: 'prod',
        description: 'Production, partner traffic',
        deployment: 1,
        tracingEnabled: true,
        variables: { ordersTable: 'partner-orders-prod', webhookQueue: 'partner-webhooks-prod' },
        methodSettings: {
          '*/*': { metricsEnabled: true, loggingLevel: 'ERROR', throttlingBurstLimit: 1000, throttlingRateLimit: 500 },
          'orders/POST': { throttlingBurstLimit: 100, throttlingRateLimit: 50 },
          'orders/{orderId}/DELETE': { throttlingBurstLimit: 10, throttlingRateLimit: 5 },
        },
      },
      {
        name: 'staging',
        description: 'Partner sandbox',
        deployment: 0,
        variables: { ordersTable: 'partner-orders-staging', webhookQueue: 'partner-webhooks-staging' },
        methodSettings: { '*/*': { throttlingBurstLimit: 100, throttlingRateLimit: 50 } },
      },
    ],
  });

  s.api({
    name: 'Internal Health',
    description: 'Health checks for internal load balancers.',
    endpointType: 'PRIVATE',
    ageDays: 30,
    resources: { '': [{ method: 'GET' }], ping: [{ method: 'GET' }] },
    stages: [
      { name: 'prod', deployment: 1 },
      { name: 'dev', deployment: 1, variables: { verbose: 'true' } },
    ],
  });

  // Partner keys carry the tags a rotation runbook keys on (owner team, partner, rotation due date).
  const partner = (name: string, due?: string) => ({ team: 'partnerships', partner: name, ...(due ? { 'rotation-due': due } : {}) });
  const keys: { name: string; customerId?: string; enabled: boolean; description?: string; age: number; tags?: Record<string, string> }[] = [
    { name: 'partner-acme-2026', customerId: 'acme', enabled: true, description: 'ACME Corp production key', age: 90, tags: partner('acme', '2026-12-31') },
    { name: 'partner-globex-2026', customerId: 'globex', enabled: true, description: 'Globex production key', age: 60, tags: partner('globex', '2026-12-31') },
    { name: 'partner-initech-2025', customerId: 'initech', enabled: false, description: 'Disabled after contract ended', age: 300, tags: partner('initech') },
    { name: 'partner-umbrella-trial', customerId: 'umbrella', enabled: true, age: 12, tags: { ...partner('umbrella'), tier: 'trial' } },
    { name: 'mobile-app-ios', enabled: true, description: 'iOS app', age: 250, tags: { team: 'mobile', platform: 'ios' } },
    { name: 'mobile-app-android', enabled: true, description: 'Android app', age: 245, tags: { team: 'mobile', platform: 'android' } },
    { name: 'internal-dashboard', enabled: true, age: 180 },
    { name: 'legacy-batch-2024', enabled: false, description: 'Nightly batch, retired', age: 360 },
  ];
  const created = keys.map((k) => ({
    spec: k,
    record: createApiKey(
      s.state,
      { name: k.name, customerId: k.customerId, enabled: k.enabled, description: k.description, tags: k.tags },
      s.env(k.age),
    ),
  }));
  const keyId = (name: string) => created.find((k) => k.spec.name === name)!.record.id;

  const plans = [
    {
      name: 'Partner Gold',
      description: 'Production partners with a signed contract.',
      apiStages: [
        {
          apiId: partnerOrders.id,
          stage: 'prod',
          // Per-method limits inside the plan: writes are dearer than reads.
          throttle: {
            '/orders/POST': { burstLimit: 100, rateLimit: 50 },
            '/orders/{orderId}/DELETE': { burstLimit: 10, rateLimit: 5 },
          },
        },
        { apiId: payments.id, stage: 'prod' },
      ],
      throttle: { burstLimit: 500, rateLimit: 250 },
      quota: { limit: 1_000_000, offset: 0, period: 'MONTH' as const },
      keys: ['partner-acme-2026', 'partner-globex-2026'],
      age: 150,
    },
    {
      name: 'Partner Basic',
      description: 'Trials and partners in onboarding.',
      apiStages: [{ apiId: partnerOrders.id, stage: 'staging' }],
      throttle: { burstLimit: 20, rateLimit: 10 },
      quota: { limit: 10_000, offset: 0, period: 'DAY' as const },
      keys: ['partner-initech-2025', 'partner-umbrella-trial', 'legacy-batch-2024'],
      age: 150,
    },
    {
      name: 'Mobile Apps',
      description: 'First-party mobile clients.',
      apiStages: [{ apiId: petStore.id, stage: 'prod' }],
      throttle: { burstLimit: 200, rateLimit: 100 },
      quota: { limit: 5_000_000, offset: 0, period: 'MONTH' as const },
      keys: ['mobile-app-ios', 'mobile-app-android'],
      age: 240,
    },
  ];
  const random = seededRandom(20260102);
  // Usage before the demo day, around what the keys' traffic sends on a typical day (the trial runs into its
  // daily quota, disabled keys send nothing that counts); the day itself comes from the demo history, played
  // through the data plane (seed/index.ts).
  const historyStart = new Date(config.now().getTime() - HISTORY_HOURS * 3_600_000);
  for (const p of plans) {
    const plan = createUsagePlan(
      s.state,
      { name: p.name, description: p.description, apiStages: p.apiStages, throttle: p.throttle, quota: p.quota },
      s.env(p.age),
    );
    for (const k of p.keys) createUsagePlanKey(s.state, { usagePlanId: plan.id, keyId: keyId(k), keyType: 'API_KEY' });
    for (const name of p.keys) {
      const typical = created.find((k) => k.spec.name === name)!.spec.enabled ? expectedDailyRequests(name) : 0;
      if (typical > 0) seedUsageHistory(s.state, plan, keyId(name), typical, config.now(), historyStart, random);
    }
  }
}

/** A deterministic [0, 1) generator (mulberry32), for repeatable seeded numbers. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Requests for a key in a plan over the thirty days to `now`, up to `until` (where the demo history takes
 * over): around `typical` a day, lower at weekends, the last day only the part of it before `until`, and
 * never beyond what the plan's quota leaves in each period.
 */
function seedUsageHistory(state: ApiGatewayState, plan: UsagePlanRecord, keyId: string, typical: number, now: Date, until: Date, random: () => number): void {
  const last = dayOf(until);
  const quota = plan.quota;
  let period = Number.NaN;
  let usedInPeriod = 0;
  for (let day = dayOf(now) - 29; day <= last; day++) {
    const weekday = (day + 4) % 7;
    let n = typical * (weekday === 0 || weekday === 6 ? 0.55 : 1) * (0.8 + 0.4 * random());
    if (day === last) n *= (until.getTime() % 86_400_000) / 86_400_000;
    let requests = Math.round(n);
    if (quota?.limit !== undefined) {
      const start = periodStart(day, quota);
      if (start !== period) {
        period = start;
        usedInPeriod = 0;
      }
      requests = Math.min(requests, quota.limit - usedInPeriod);
      usedInPeriod += requests;
    }
    if (requests > 0) addUsage(state, plan.id, keyId, dayString(day), requests);
  }
}

const TEAMS = [
  'billing', 'catalog', 'checkout', 'identity', 'inventory', 'logistics', 'marketing', 'notifications',
  'payments', 'search', 'shipping', 'support', 'analytics', 'partners', 'mobile', 'loyalty', 'pricing',
  'reviews', 'returns', 'fulfilment',
];
const KINDS = ['api', 'public-api', 'internal-api', 'gateway', 'backend'];
const KEY_PREFIXES = ['partner', 'mobile', 'internal', 'trial', 'legacy'];
const TIERS = ['free', 'basic', 'pro', 'enterprise'];

export const SCALE_REST_APIS = 400;
export const SCALE_API_KEYS = 10_000;
export const SCALE_USAGE_PLANS = 300;

/**
 * The scale profile: 400 REST APIs with 3 stages each, 10,000 API keys and 300 usage plans, names
 * deterministic, creation dates spread over the past year. Resource trees stay small so the seed is fast.
 */
export function seedScaleRestApis(root: SandboxState, config: SandboxConfig): void {
  const s = new Seeder(root, config, 4_000_000);
  seedAccount(s.state, config);
  const apis: RestApiRecord[] = [];
  for (let i = 0; i < SCALE_REST_APIS; i++) {
    const team = TEAMS[i % TEAMS.length]!;
    const kind = KINDS[Math.floor(i / TEAMS.length) % KINDS.length]!;
    const n = String(i + 1).padStart(3, '0');
    apis.push(
      s.api({
        name: `${team}-${kind}-${n}`,
        description: i % 4 === 0 ? `${team} ${kind.replace('-', ' ')} #${n}` : undefined,
        endpointType: i % 7 === 0 ? 'EDGE' : 'REGIONAL',
        tags: { team },
        ageDays: 365 - (i * 364) / SCALE_REST_APIS,
        resources: {
          items: [{ method: 'GET' }, { method: 'POST', apiKeyRequired: i % 2 === 0 }],
          'items/{id}': [{ method: 'GET' }],
        },
        stages: [
          {
            name: 'prod',
            deployment: 1,
            variables: { env: 'prod' },
            methodSettings: i % 5 === 0 ? { '*/*': { throttlingBurstLimit: 100 + i, throttlingRateLimit: 50 + i } } : undefined,
          },
          { name: 'staging', deployment: i % 3 === 0 ? 0 : 1, variables: { env: 'staging' } },
          { name: 'dev', deployment: 0, variables: { env: 'dev' } },
        ],
      }),
    );
  }

  const keyIds: string[] = [];
  for (let i = 0; i < SCALE_API_KEYS; i++) {
    const prefix = KEY_PREFIXES[i % KEY_PREFIXES.length]!;
    const key = createApiKey(
      s.state,
      {
        name: `${prefix}-${String(i + 1).padStart(5, '0')}`,
        enabled: i % 5 !== 4,
        customerId: i % 3 === 0 ? `customer-${String((i / 3) % 1500).padStart(4, '0')}` : undefined,
      },
      s.env(365 - (i * 364) / SCALE_API_KEYS),
    );
    keyIds.push(key.id);
  }

  const plans: UsagePlanRecord[] = [];
  for (let i = 0; i < SCALE_USAGE_PLANS; i++) {
    const tier = TIERS[i % TIERS.length]!;
    // Plan i covers the prod stage of APIs i and i + 300 (when there is one); no API stage is in two plans.
    const apiStages = [apis[i], apis[i + SCALE_USAGE_PLANS]].filter((a): a is RestApiRecord => !!a).map((a) => ({ apiId: a.id, stage: 'prod' }));
    const plan = createUsagePlan(
      s.state,
      {
        name: `${tier}-plan-${String(i + 1).padStart(3, '0')}`,
        description: `${tier} tier`,
        apiStages,
        throttle: { burstLimit: 10 * (1 + (i % 4)) * 10, rateLimit: 10 * (1 + (i % 4)) * 5 },
        quota: { limit: 10_000 * (1 + (i % 4)), offset: 0, period: i % 2 ? 'MONTH' : 'DAY' },
      },
      s.env(365 - (i * 364) / SCALE_USAGE_PLANS),
    );
    plans.push(plan);
  }

  // Key j is in j % 4 plans (0 to 3): 15,000 memberships, 50 keys in every plan. No API stage is in two plans,
  // so every membership obeys the one-plan-per-stage rule; an index of each key's plans keeps the check cheap.
  const plansByKey = new Map<string, UsagePlanRecord[]>();
  const plansOf = (k: string) => plansByKey.get(k) ?? [];
  let membership = 0;
  keyIds.forEach((keyId, j) => {
    for (let m = 0; m < j % 4; m++) {
      const plan = plans[(membership++ * 7) % SCALE_USAGE_PLANS]!;
      createUsagePlanKey(s.state, { usagePlanId: plan.id, keyId, keyType: 'API_KEY' }, plansOf);
      plansByKey.set(keyId, [...plansOf(keyId), plan]);
    }
  });
}
