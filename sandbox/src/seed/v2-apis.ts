import type { SandboxConfig, SandboxState } from '../core/types.js';
import { seededIds, type StoreEnv, type V2State } from '../services/apigatewayv2/store/model.js';
import { createApi } from '../services/apigatewayv2/store/apis.js';
import { createIntegration } from '../services/apigatewayv2/store/integrations.js';
import { createRoute } from '../services/apigatewayv2/store/routes.js';
import { createStage, updateStage } from '../services/apigatewayv2/store/stages.js';
import { createDeployment } from '../services/apigatewayv2/store/deployments.js';

/**
 * HTTP and WebSocket APIs for the demo and scale profiles, written through the same store functions the
 * operations use (so every seeded record is one AWS could have returned). Ids come from a seeded
 * generator: the same profile gives the same ids on every machine, so links into the console stay valid.
 */

const DAY = 86_400_000;

function slice(state: SandboxState): V2State {
  return state.services.apigatewayv2 as V2State;
}

/** A store environment whose clock the seed moves along, so records get believable, ordered dates. */
function seedEnv(config: SandboxConfig, seed: number): StoreEnv & { at(date: Date): StoreEnv } {
  const env: StoreEnv & { at(date: Date): StoreEnv } = {
    region: config.region,
    account: config.account,
    now: config.now(),
    ids: seededIds(seed),
    at(date: Date) {
      env.now = date;
      return env;
    },
  };
  return env;
}

const lambdaArn = (config: SandboxConfig, fn: string) => `arn:aws:lambda:${config.region}:${config.account}:function:${fn}`;
const logGroupArn = (config: SandboxConfig, name: string) => `arn:aws:logs:${config.region}:${config.account}:log-group:${name}`;
const ACCESS_LOG_FORMAT =
  '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","requestTime":"$context.requestTime","httpMethod":"$context.httpMethod","routeKey":"$context.routeKey","status":"$context.status","protocol":"$context.protocol","responseLength":"$context.responseLength"}';

export function seedDemoV2Apis(state: SandboxState, config: SandboxConfig): void {
  const s = slice(state);
  const env = seedEnv(config, 0x5eed_0002);
  const now = config.now().getTime();
  const daysAgo = (d: number, minutes = 0) => new Date(now - d * DAY + minutes * 60_000);

  // Checkout: the main HTTP API, with a $default auto-deploy stage and a throttled prod stage.
  const checkout = createApi(s, env.at(daysAgo(142)), {
    Name: 'Checkout HTTP API',
    ProtocolType: 'HTTP',
    Description: 'Cart, checkout and order history for the web store.',
    Tags: { team: 'payments', env: 'production' },
  }).api.apiId!;
  const orders = createIntegration(s, env.at(daysAgo(142, 5)), {
    ApiId: checkout,
    IntegrationType: 'AWS_PROXY',
    IntegrationUri: lambdaArn(config, 'checkout-orders'),
    PayloadFormatVersion: '2.0',
    Description: 'Orders service',
  }).integrationId!;
  const legacy = createIntegration(s, env.at(daysAgo(142, 6)), {
    ApiId: checkout,
    IntegrationType: 'HTTP_PROXY',
    IntegrationMethod: 'ANY',
    IntegrationUri: 'https://legacy-shop.example.com/{proxy}',
    Description: 'Everything not yet migrated',
  }).integrationId!;
  for (const [key, target] of [
    ['GET /orders', orders],
    ['POST /orders', orders],
    ['GET /orders/{id}', orders],
    ['$default', legacy],
  ] as const) {
    createRoute(s, env.at(daysAgo(142, 10)), { ApiId: checkout, RouteKey: key, Target: `integrations/${target}` });
  }
  createStage(s, env.at(daysAgo(141)), { ApiId: checkout, StageName: '$default', AutoDeploy: true, Description: 'Latest, deployed on every change' });
  // prod is deployed by hand: a release history with one deployment per release, throttled stage-wide
  // with tighter limits on the write route and the lookup route, JSON access logs and stage variables.
  const firstRelease = createDeployment(s, env.at(daysAgo(120)), { ApiId: checkout, Description: 'Initial release: cart and checkout' }).deploymentId!;
  createStage(s, env.at(daysAgo(120, 1)), {
    ApiId: checkout,
    StageName: 'prod',
    Description: 'Production',
    DeploymentId: firstRelease,
    DefaultRouteSettings: { DetailedMetricsEnabled: true, ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 },
    RouteSettings: { 'POST /orders': { ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10 } },
    StageVariables: { ordersTable: 'orders-prod' },
    AccessLogSettings: { DestinationArn: logGroupArn(config, '/aws/apigateway/checkout-prod'), Format: ACCESS_LOG_FORMAT },
    Tags: { env: 'production' },
  });
  createDeployment(s, env.at(daysAgo(75)), { ApiId: checkout, StageName: 'prod', Description: 'Order history endpoints' });
  // Black Friday: limits raised for the whole stage, the write and lookup routes get their own.
  updateStage(s, env.at(daysAgo(60)), {
    ApiId: checkout,
    StageName: 'prod',
    DefaultRouteSettings: { ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 500 },
    RouteSettings: {
      'POST /orders': { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      'GET /orders/{id}': { ThrottlingBurstLimit: 400, ThrottlingRateLimit: 200 },
    },
    StageVariables: { paymentsBaseUrl: 'https://payments.internal.example.com/v2', logLevel: 'warn' },
  });
  createDeployment(s, env.at(daysAgo(30)), { ApiId: checkout, StageName: 'prod', Description: 'Payment retries with idempotency keys' });
  createDeployment(s, env.at(daysAgo(9)), { ApiId: checkout, StageName: 'prod', Description: 'Gift cards' });
  createDeployment(s, env.at(daysAgo(2)), { ApiId: checkout, Description: 'Gift card balance fix (release candidate)' });

  // Inventory: quick created from a Lambda function, as the AWS console's "Create API" wizard does.
  createApi(s, env.at(daysAgo(75)), {
    Name: 'Inventory HTTP API',
    ProtocolType: 'HTTP',
    Target: lambdaArn(config, 'inventory-api'),
    Tags: { team: 'warehouse' },
  });

  // Partner webhooks: a stage that was never deployed and an API with no description.
  const partners = createApi(s, env.at(daysAgo(12)), { Name: 'partner-webhooks', ProtocolType: 'HTTP' }).api.apiId!;
  const hooks = createIntegration(s, env.at(daysAgo(12, 3)), {
    ApiId: partners,
    IntegrationType: 'HTTP_PROXY',
    IntegrationMethod: 'POST',
    IntegrationUri: 'https://hooks.internal.example.com/inbound',
  }).integrationId!;
  createRoute(s, env.at(daysAgo(12, 4)), { ApiId: partners, RouteKey: 'POST /webhooks/{partner}', Target: `integrations/${hooks}` });
  createStage(s, env.at(daysAgo(12, 5)), { ApiId: partners, StageName: 'dev', StageVariables: { partnerTimeout: '5' } });

  // Live Chat: a WebSocket API with the three predefined routes and one custom action.
  const chat = createApi(s, env.at(daysAgo(200)), {
    Name: 'Live Chat',
    ProtocolType: 'WEBSOCKET',
    RouteSelectionExpression: '$request.body.action',
    Description: 'Customer support chat for the web store and the mobile apps.',
    Tags: { team: 'support' },
  }).api.apiId!;
  for (const [key, fn] of [
    ['$connect', 'chat-connect'],
    ['$disconnect', 'chat-disconnect'],
    ['$default', 'chat-default'],
    ['sendMessage', 'chat-send-message'],
  ] as const) {
    const integration = createIntegration(s, env.at(daysAgo(200, 5)), {
      ApiId: chat,
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: lambdaArn(config, fn),
    }).integrationId!;
    createRoute(s, env.at(daysAgo(200, 6)), { ApiId: chat, RouteKey: key, Target: `integrations/${integration}` });
  }
  const chatRelease = createDeployment(s, env.at(daysAgo(199)), { ApiId: chat, Description: 'Initial release' }).deploymentId!;
  createStage(s, env.at(daysAgo(199, 1)), {
    ApiId: chat,
    StageName: 'production',
    Description: 'Production chat',
    DeploymentId: chatRelease,
    DefaultRouteSettings: { DataTraceEnabled: false, DetailedMetricsEnabled: true, LoggingLevel: 'ERROR', ThrottlingBurstLimit: 1000, ThrottlingRateLimit: 500 },
    RouteSettings: { sendMessage: { ThrottlingBurstLimit: 200, ThrottlingRateLimit: 100 } },
    StageVariables: { connectionsTable: 'chat-connections-prod' },
  });
  createStage(s, env.at(daysAgo(199, 2)), { ApiId: chat, StageName: 'staging', AutoDeploy: true });
  createDeployment(s, env.at(daysAgo(60)), { ApiId: chat, StageName: 'production', Description: 'Typing indicators' });
  // An incident on connect storms: execution logs up to INFO, and $connect throttled on its own.
  updateStage(s, env.at(daysAgo(21)), {
    ApiId: chat,
    StageName: 'production',
    DefaultRouteSettings: { LoggingLevel: 'INFO' },
    RouteSettings: { $connect: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 25, LoggingLevel: 'INFO', DataTraceEnabled: true } },
  });

  // A WebSocket API with a name as long as AWS allows, to exercise truncation in the console.
  const telemetry = createApi(s, env.at(daysAgo(5)), {
    Name: 'Realtime telemetry ingestion and fleet notification broadcast for connected warehouse scanners, forklifts and dock doors',
    ProtocolType: 'WEBSOCKET',
    RouteSelectionExpression: '$request.body.type',
  }).api.apiId!;
  const mock = createIntegration(s, env.at(daysAgo(5, 1)), {
    ApiId: telemetry,
    IntegrationType: 'MOCK',
    RequestTemplates: { 'application/json': '{"statusCode":200}' },
  }).integrationId!;
  createRoute(s, env.at(daysAgo(5, 2)), { ApiId: telemetry, RouteKey: '$connect', Target: `integrations/${mock}` });
  createRoute(s, env.at(daysAgo(5, 2)), { ApiId: telemetry, RouteKey: '$default', Target: `integrations/${mock}` });
  createStage(s, env.at(daysAgo(5, 3)), { ApiId: telemetry, StageName: 'dev', AutoDeploy: true });
}

const DOMAINS = ['orders', 'billing', 'catalog', 'search', 'identity', 'shipping', 'returns', 'reviews', 'loyalty', 'pricing'];
const KINDS = ['edge', 'internal', 'partner', 'mobile', 'admin'];

/** 600 v2 APIs (400 HTTP, 200 WebSocket), three stages each, created over the past year. */
export function seedScaleV2Apis(state: SandboxState, config: SandboxConfig): void {
  const s = slice(state);
  const env = seedEnv(config, 0x5ca1_e002);
  const now = config.now().getTime();
  const total = 600;
  for (let i = 0; i < total; i++) {
    const websocket = i % 3 === 2;
    const created = new Date(now - 365 * DAY + Math.floor((i * 364 * DAY) / total) + (i % 7) * 3_600_000);
    const at = (minutes: number) => env.at(new Date(created.getTime() + minutes * 60_000));
    const name = `${DOMAINS[i % DOMAINS.length]}-${KINDS[Math.floor(i / DOMAINS.length) % KINDS.length]}-${websocket ? 'ws' : 'http'}-${String(i + 1).padStart(3, '0')}`;
    const apiId = createApi(s, at(0), {
      Name: name,
      ProtocolType: websocket ? 'WEBSOCKET' : 'HTTP',
      RouteSelectionExpression: websocket ? '$request.body.action' : undefined,
      Description: i % 4 === 0 ? `Scale profile API number ${i + 1}` : undefined,
      Tags: { profile: 'scale', domain: DOMAINS[i % DOMAINS.length]! },
    }).api.apiId!;
    const integration = createIntegration(
      s,
      at(1),
      websocket
        ? { ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaArn(config, `${name}-handler`) }
        : { ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: lambdaArn(config, `${name}-handler`), PayloadFormatVersion: '2.0' },
    ).integrationId!;
    const keys = websocket ? ['$connect', '$disconnect', '$default'] : ['GET /items', 'POST /items', 'GET /items/{id}'];
    for (const key of keys) createRoute(s, at(2), { ApiId: apiId, RouteKey: key, Target: `integrations/${integration}` });
    const deploymentId = createDeployment(s, at(3), { ApiId: apiId, Description: 'Initial release' }).deploymentId!;
    const stages = websocket ? ['dev', 'staging', 'prod'] : ['$default', 'staging', 'prod'];
    for (const stageName of stages) {
      const auto = stageName === '$default' || stageName === 'dev';
      createStage(s, at(4), {
        ApiId: apiId,
        StageName: stageName,
        AutoDeploy: auto ? true : undefined,
        DeploymentId: auto ? undefined : deploymentId,
        DefaultRouteSettings:
          stageName === 'prod' ? { DetailedMetricsEnabled: i % 2 === 0, ThrottlingBurstLimit: 100 + (i % 10) * 50, ThrottlingRateLimit: 50 + (i % 10) * 25 } : undefined,
      });
    }
  }
}
