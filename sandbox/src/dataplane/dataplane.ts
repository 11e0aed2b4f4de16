import type { SandboxConfig, SandboxRequest, SandboxState } from '../core/types.js';
import type { ApiGatewayState, ApiKeyRecord, ResourceRecord, RestApiRecord, StageRecord } from '../services/apigateway/store/types.js';
import type { ApiEntry, RouteWire, StageWire, V2State } from '../services/apigatewayv2/store/model.js';
import { clfTime, logGroupOf, renderAccessLog, type ContextValues } from './access-log.js';
import { callBackend, type BackendAnswer } from './backends.js';
import { dimSet, LiveLogSink, LiveMetricSink, type DimSet, type Dims, type LogSink, type MetricSink, type MetricValue } from './metrics.js';
import { PlanIndex } from './plans.js';
import { hexDigits, logNormal, token, uuid, type Random } from './random.js';
import { buildRestTree, compileRoutes, matchHttp, matchRest, segmentsOf, type HttpRoute, type RestTree } from './routing.js';
import { ACCOUNT_LIMIT, Buckets, type Limit, type TokenBucket } from './throttle.js';

/**
 * The data plane: the APIs the sandbox holds, served at local invoke URLs on the sandbox's own port,
 * `/_invoke/{apiId}/{stage}/{path}` (see COVERAGE.md, "Data plane"). Every request — from a client over HTTP,
 * from the background traffic generator, or from the demo history in fast-forward — goes through `invoke`:
 * routing, API keys, usage-plan throttles and quotas, stage/method/route throttles, the simulated integration,
 * usage counters, CloudWatch datapoints in `AWS/ApiGateway` and the stage's access log.
 */

export interface InvokeRequest {
  method: string;
  apiId: string;
  /** The raw (percent-encoded) path after the API id, from its leading slash: `/{stage}/pets/42`. */
  path: string;
  /** Raw query string without `?`. */
  query?: string;
  /** Lower-case header names. */
  headers?: Record<string, string>;
  body?: string | Buffer;
  sourceIp?: string;
}

export interface InvokeResult {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface DataPlaneOptions {
  metrics?: MetricSink;
  logs?: LogSink;
  /** Draws for latency, errors, canary picks and ids (Math.random by default). */
  random?: Random;
  /** Keep compiled routes between requests: only where nothing changes underneath (the demo history). */
  cacheRoutes?: boolean;
}

export const INVOKE_PREFIX = '/_invoke/';

const DAY_MS = 86_400_000;
const WS_IDLE_MS = 10 * 60_000;
const WS_MAX_MS = 2 * 3_600_000;
const MAX_CONNECTIONS = 10_000;
const MAX_CACHE_ENTRIES = 10_000;

export interface Connection {
  connectionId: string;
  apiId: string;
  stage: string;
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent?: string;
  apiKeyId?: string;
}

/** One request on its way through, with what its metrics and access log need. */
interface Exchange {
  at: Date;
  req: InvokeRequest;
  requestId: string;
  apigwId: string;
  status: number;
  body: string;
  headers: Record<string, string>;
  /** ms from receipt to response; gateway overhead plus integration. */
  latency: number;
  integrationLatency?: number;
  integrationStatus?: number;
  apiKey?: ApiKeyRecord;
  error?: { message: string; responseType: string };
  resourcePath?: string;
  resourceId?: string;
  routeKey?: string;
  stage?: string;
  extra?: ContextValues;
}

type RestStageRef = { api: RestApiRecord; stage: StageRecord };

export class DataPlane {
  readonly buckets = new Buckets();
  readonly connections = new Map<string, Connection>();
  private readonly plans = new PlanIndex();
  private readonly responseCache = new Map<string, number>();
  private readonly metrics: MetricSink;
  private readonly logs: LogSink;
  private readonly random: Random;
  private readonly cacheRoutes: boolean;
  private readonly restTrees = new Map<string, RestTree>();
  private readonly httpRoutes = new Map<string, HttpRoute<RouteWire>[]>();
  private readonly resourceIndex = new WeakMap<object, Map<string, ResourceRecord>>();
  /** Dimension sets by stage record: its own two, plus the detailed one per method or route. */
  private readonly dimSets = new WeakMap<object, { name: string; base: DimSet[]; detailed: Map<string, DimSet[]> }>();
  /** Called after every request (the server saves the state now and then). */
  onRequest?: () => void;

  constructor(
    private readonly root: SandboxState,
    private readonly config: SandboxConfig,
    options: DataPlaneOptions = {},
  ) {
    this.metrics = options.metrics ?? new LiveMetricSink(root);
    this.logs = options.logs ?? new LiveLogSink(root);
    this.random = options.random ?? Math.random;
    this.cacheRoutes = options.cacheRoutes ?? false;
  }

  /** Serves `/_invoke/{apiId}/...` for the sandbox's HTTP endpoint. */
  serve(sreq: SandboxRequest, sourceIp: string | undefined): InvokeResult {
    const rest = sreq.rawPath.slice(INVOKE_PREFIX.length);
    const slash = rest.indexOf('/');
    const apiId = slash < 0 ? rest : rest.slice(0, slash);
    return this.invoke({
      method: sreq.method,
      apiId: safeDecode(apiId),
      path: slash < 0 ? '/' : rest.slice(slash),
      query: sreq.rawQuery,
      headers: sreq.headers,
      body: sreq.body,
      sourceIp,
    });
  }

  /** One request at `at` (the sandbox clock by default; the demo history passes its simulated clock). */
  invoke(req: InvokeRequest, at: Date = this.config.now()): InvokeResult {
    const ex = this.exchange(req, at);
    const apigw = this.root.services['apigateway'] as ApiGatewayState | undefined;
    const v2 = this.root.services['apigatewayv2'] as V2State | undefined;
    const restApi = apigw?.restApis[req.apiId];
    const entry = v2?.apis[req.apiId];
    if (restApi && apigw) this.rest(apigw, restApi, ex);
    else if (entry?.api.protocolType === 'WEBSOCKET') this.websocket(entry, ex);
    else if (entry) this.http(entry, ex);
    else {
      // An unknown API id: what AWS answers a host of the execute-api domain that names no API.
      ex.headers['x-amzn-RequestId'] = ex.requestId;
      ex.headers['x-amz-apigw-id'] = ex.apigwId;
      restError(ex, 403, 'Forbidden', 'ForbiddenException', 'DEFAULT_4XX');
    }
    this.onRequest?.();
    return { status: ex.status, headers: ex.headers, body: ex.body };
  }

  /** Hands over what the sinks still hold (the demo history calls this at the end). */
  flush(): void {
    this.metrics.flush();
    this.logs.flush();
  }

  private exchange(req: InvokeRequest, at: Date): Exchange {
    return {
      at,
      req,
      requestId: uuid(this.random),
      apigwId: `${token(this.random, 15)}=`,
      status: 200,
      body: '',
      headers: { 'Content-Type': 'application/json' },
      latency: 0,
    };
  }

  // ---- REST APIs -------------------------------------------------------------------------------------------

  private rest(apigw: ApiGatewayState, api: RestApiRecord, ex: Exchange): void {
    ex.headers['x-amzn-RequestId'] = ex.requestId;
    ex.headers['x-amz-apigw-id'] = ex.apigwId;
    const segments = segmentsOf(ex.req.path);
    const stage = segments[0] !== undefined ? api.stages[segments[0]] : undefined;
    // No stage, an unknown one, or the default endpoint switched off: 403 Forbidden, nothing recorded.
    if (!stage || api.disableExecuteApiEndpoint) {
      restError(ex, 403, 'Forbidden', 'ForbiddenException', 'DEFAULT_4XX');
      ex.latency = this.overhead(6);
      return;
    }
    ex.stage = stage.stageName;
    const ref: RestStageRef = { api, stage };
    if (stage.tracingEnabled) ex.headers['X-Amzn-Trace-Id'] = `Root=1-${Math.floor(ex.at.getTime() / 1000).toString(16)}-${hexDigits(this.random, 24)}`;

    // A canary takes its share of requests to its own deployment.
    const canary = stage.canarySettings;
    const pick = canary && canary.percentTraffic > 0 && this.random() * 100 < canary.percentTraffic ? canary.deploymentId : stage.deploymentId;
    const deploymentId = api.deployments[pick] ? pick : stage.deploymentId;
    const deployment = api.deployments[deploymentId];
    const verb = ex.req.method.toUpperCase();
    const match = deployment ? matchRest(this.restTree(api.id, deploymentId, deployment.apiSummary), segments.slice(1), verb) : undefined;
    if (!match) {
      restError(ex, 403, 'Missing Authentication Token', 'MissingAuthenticationTokenException', 'MISSING_AUTHENTICATION_TOKEN');
      return this.finishRest(ref, ex, undefined);
    }
    ex.resourcePath = match.resourcePath;
    const resource = this.resourceAt(api, match.resourcePath);
    ex.resourceId = resource?.id;
    const summary = deployment!.apiSummary[match.resourcePath]![match.httpMethod]!;
    const settingKey = `${match.resourcePath.slice(1)}/${verb}`;
    const setting = stage.methodSettings[settingKey] ?? stage.methodSettings['*/*'];
    const detailed = { method: match.httpMethod, resource: match.resourcePath, on: setting?.metricsEnabled === true };

    if (summary.authorizationType === 'AWS_IAM' && !ex.req.headers?.['authorization']) {
      restError(ex, 403, 'Missing Authentication Token', 'MissingAuthenticationTokenException', 'MISSING_AUTHENTICATION_TOKEN');
      return this.finishRest(ref, ex, detailed);
    }

    const t = ex.at.getTime();
    const day = Math.floor(t / DAY_MS);
    const pass: TokenBucket[] = [];
    let counted: { planId: string; keyId: string } | undefined;
    if (summary.apiKeyRequired) {
      const value = ex.req.headers?.['x-api-key'];
      const key = value ? this.plans.key(apigw, value) : undefined;
      const plan = key?.enabled ? this.plans.plan(apigw, key.id, api.id, stage.stageName) : undefined;
      if (!key || !key.enabled || !plan) {
        restError(ex, 403, 'Forbidden', 'ForbiddenException', 'INVALID_API_KEY');
        return this.finishRest(ref, ex, detailed);
      }
      ex.apiKey = key;
      // The plan's own limits for this key first: per-method, then the plan's, then its quota.
      const methodLimit = planMethodLimit(plan.throttle, match.resourcePath, verb, match.httpMethod);
      if (methodLimit && !this.admit(pass, `plan:${plan.plan.id}:${key.id}:${api.id}:${stage.stageName}:${match.resourcePath}/${verb}`, methodLimit, t)) {
        return this.throttled(ref, ex, detailed);
      }
      const planLimit = limitOf(plan.plan.throttle?.rateLimit, plan.plan.throttle?.burstLimit);
      if (planLimit && !this.admit(pass, `plan:${plan.plan.id}:${key.id}`, planLimit, t)) return this.throttled(ref, ex, detailed);
      if (this.plans.remaining(apigw, plan.plan, key.id, day) < 1) {
        restError(ex, 429, 'Limit Exceeded', 'LimitExceededException', 'QUOTA_EXCEEDED');
        return this.finishRest(ref, ex, detailed);
      }
      counted = { planId: plan.plan.id, keyId: key.id };
    }
    // The stage's limit for this method (its own setting or the stage's */*), then the account's.
    const stageLimit = setting ? limitOf(setting.throttlingRateLimit, setting.throttlingBurstLimit) : undefined;
    if (stageLimit && !this.admit(pass, `rest:${api.id}:${stage.stageName}:${match.resourcePath}:${verb}`, stageLimit, t)) {
      return this.throttled(ref, ex, detailed);
    }
    if (!this.admit(pass, 'account', ACCOUNT_LIMIT, t)) return this.throttled(ref, ex, detailed);
    for (const b of pass) b.take();
    if (counted) this.plans.count(apigw, counted.planId, counted.keyId, day);

    // The stage cache answers GETs of methods with caching on, while the entry lives.
    const caching = stage.cacheClusterEnabled && setting?.cachingEnabled === true && verb === 'GET';
    const cacheKey = caching ? `${api.id}:${stage.stageName}:${ex.req.path}?${ex.req.query ?? ''}` : '';
    let cache: 'hit' | 'miss' | undefined;
    if (caching) cache = (this.responseCache.get(cacheKey) ?? 0) > t ? 'hit' : 'miss';
    const integration = resource?.methods[match.httpMethod]?.methodIntegration;
    if (cache === 'hit') {
      ex.body = JSON.stringify({ resource: match.resourcePath, method: verb, cached: true });
      ex.latency = this.overhead(4);
    } else if (!integration) {
      // The deployment has a method the API no longer has: nothing to call.
      restError(ex, 500, 'Internal server error', 'InternalServerErrorException', 'DEFAULT_5XX');
      ex.latency = this.overhead(6);
    } else {
      const answer = callBackend(this.root, api.id, `${match.httpMethod} ${match.resourcePath}`, integration.type, integration.timeoutInMillis, ex.at, this.random);
      this.restIntegration(ex, integration.type, answer, match.resourcePath, verb, match.pathParameters);
      // A successful answer is kept for the method's TTL.
      if (cache === 'miss' && ex.status === 200 && setting!.cacheTtlInSeconds > 0) {
        if (this.responseCache.size >= MAX_CACHE_ENTRIES) this.responseCache.clear();
        this.responseCache.set(cacheKey, t + setting!.cacheTtlInSeconds * 1000);
      }
    }
    this.finishRest(ref, ex, detailed, cache);
  }

  private restIntegration(ex: Exchange, type: string, answer: BackendAnswer, resourcePath: string, verb: string, params: Record<string, string>): void {
    ex.integrationLatency = answer.latency;
    ex.latency = answer.latency + this.overhead(6);
    if (answer.timedOut) {
      ex.integrationStatus = undefined;
      restError(ex, 504, 'Endpoint request timed out', undefined, 'INTEGRATION_TIMEOUT');
    } else if (answer.failed && (type === 'AWS_PROXY' || type === 'AWS')) {
      // A Lambda function error: the invocation answers 200 with X-Amz-Function-Error, the gateway a 502.
      ex.integrationStatus = 200;
      restError(ex, 502, 'Internal server error', 'InternalServerErrorException', 'DEFAULT_5XX');
    } else if (answer.failed) {
      // An HTTP backend's error, passed through as the backend sent it.
      ex.integrationStatus = answer.errorStatus;
      ex.status = answer.errorStatus;
      ex.body = JSON.stringify({ error: statusText(answer.errorStatus) });
    } else {
      ex.integrationStatus = 200;
      ex.status = 200;
      ex.body =
        type === 'MOCK'
          ? JSON.stringify({ mock: true, resource: resourcePath, method: verb })
          : JSON.stringify({ ok: true, resource: resourcePath, method: verb, ...(Object.keys(params).length ? { pathParameters: params } : {}) });
    }
  }

  private throttled(ref: RestStageRef, ex: Exchange, detailed: { method: string; resource: string; on: boolean }): void {
    restError(ex, 429, 'Too Many Requests', 'TooManyRequestsException', 'THROTTLED');
    this.finishRest(ref, ex, detailed);
  }

  private finishRest(ref: RestStageRef, ex: Exchange, detailed: { method: string; resource: string; on: boolean } | undefined, cache?: 'hit' | 'miss'): void {
    if (!ex.latency) ex.latency = this.overhead(6);
    const apiName = metricApiName(ref.api.name, ref.api.id);
    const stage = ref.stage.stageName;
    const sets = this.setsFor(
      ref.stage,
      apiName,
      detailed?.on ? `${detailed.method} ${detailed.resource}` : undefined,
      (name): Dims[] => [{ ApiName: name }, { ApiName: name, Stage: stage }],
      (name) => ({ ApiName: name, Method: detailed!.method, Resource: detailed!.resource, Stage: stage }),
    );
    const values: MetricValue[] = [COUNT, flag('4XXError', ex.status >= 400 && ex.status < 500), flag('5XXError', ex.status >= 500), ['Latency', ex.latency, MS]];
    if (ex.integrationLatency !== undefined) values.push(['IntegrationLatency', ex.integrationLatency, MS]);
    if (cache) values.push(flag('CacheHitCount', cache === 'hit'), flag('CacheMissCount', cache === 'miss'));
    this.metrics.add(ex.at, sets, values);
    this.accessLog(ref.stage.accessLogSettings, ex, ref.api.id);
  }

  /** The API's resource at a path, through an index rebuilt when it misses or is stale. */
  private resourceAt(api: RestApiRecord, path: string): ResourceRecord | undefined {
    const hit = this.resourceIndex.get(api.resources)?.get(path);
    if (hit && api.resources[hit.id] === hit && hit.path === path) return hit;
    const index = new Map(Object.values(api.resources).map((r) => [r.path, r]));
    this.resourceIndex.set(api.resources, index);
    return index.get(path);
  }

  private restTree(apiId: string, deploymentId: string, summary: Record<string, Record<string, unknown>>): RestTree {
    if (!this.cacheRoutes) return buildRestTree(summary);
    const key = `${apiId}:${deploymentId}`;
    let tree = this.restTrees.get(key);
    if (!tree) this.restTrees.set(key, (tree = buildRestTree(summary)));
    return tree;
  }

  // ---- HTTP APIs -------------------------------------------------------------------------------------------

  private http(entry: ApiEntry, ex: Exchange): void {
    // HTTP and WebSocket APIs have one request id: the apigw-requestid header, $context.requestId in logs.
    ex.requestId = ex.apigwId;
    ex.headers['apigw-requestid'] = ex.apigwId;
    const segments = segmentsOf(ex.req.path);
    // A path's first segment names a stage when there is one of that name; otherwise the $default stage
    // (served at the root, without a stage segment) takes the whole path.
    let stage: StageWire | undefined = segments[0] !== undefined ? entry.stages[segments[0]] : undefined;
    let rest = segments.slice(1);
    if (!stage && entry.stages['$default']) {
      stage = entry.stages['$default'];
      rest = segments;
    }
    if (!stage || !stage.deploymentId || entry.api.disableExecuteApiEndpoint) {
      httpError(ex, 404, 'Not Found');
      ex.latency = this.overhead(2);
      return;
    }
    ex.stage = stage.stageName;
    const verb = ex.req.method.toUpperCase();
    const routes = this.compiledRoutes(entry);
    let match = matchHttp(routes, rest, verb);
    if (!match) {
      const fallback = Object.values(entry.routes).find((r) => r.routeKey === '$default');
      if (fallback) match = { routeKey: '$default', route: fallback, pathParameters: {} };
    }
    const integrationId = match?.route.target?.startsWith('integrations/') ? match.route.target.slice('integrations/'.length) : undefined;
    const integration = integrationId ? entry.integrations[integrationId] : undefined;
    if (!match || !integration) {
      httpError(ex, 404, 'Not Found');
      return this.finishHttp(entry, stage, ex);
    }
    ex.routeKey = match.routeKey;
    if (match.route.authorizationType === 'AWS_IAM' && !ex.req.headers?.['authorization']) {
      httpError(ex, 403, 'Forbidden');
      return this.finishHttp(entry, stage, ex);
    }
    const t = ex.at.getTime();
    const pass: TokenBucket[] = [];
    const limit = routeLimit(stage, match.routeKey);
    if (limit && !this.admit(pass, `v2:${entry.api.apiId}:${stage.stageName}:${match.routeKey}`, limit, t)) {
      httpError(ex, 429, 'Too Many Requests');
      return this.finishHttp(entry, stage, ex);
    }
    if (!this.admit(pass, 'account', ACCOUNT_LIMIT, t)) {
      httpError(ex, 429, 'Too Many Requests');
      return this.finishHttp(entry, stage, ex);
    }
    for (const b of pass) b.take();
    const type = integration.integrationType ?? 'HTTP_PROXY';
    const answer = callBackend(this.root, entry.api.apiId!, match.routeKey, type, integration.timeoutInMillis ?? 30_000, ex.at, this.random);
    ex.integrationLatency = answer.latency;
    ex.latency = answer.latency + this.overhead(2);
    if (answer.timedOut) {
      httpError(ex, 503, 'Service Unavailable');
    } else if (answer.failed && type === 'AWS_PROXY') {
      ex.integrationStatus = 200;
      httpError(ex, 500, 'Internal Server Error');
    } else if (answer.failed) {
      ex.integrationStatus = answer.errorStatus;
      ex.status = answer.errorStatus;
      ex.body = JSON.stringify({ error: statusText(answer.errorStatus) });
    } else {
      ex.integrationStatus = 200;
      ex.status = 200;
      ex.body = JSON.stringify({
        ok: true,
        routeKey: match.routeKey,
        ...(Object.keys(match.pathParameters).length ? { pathParameters: match.pathParameters } : {}),
      });
    }
    this.finishHttp(entry, stage, ex);
  }

  private finishHttp(entry: ApiEntry, stage: StageWire, ex: Exchange): void {
    if (!ex.latency) ex.latency = this.overhead(2);
    const apiId = entry.api.apiId!;
    const stageName = stage.stageName!;
    const detailed = ex.routeKey && detailedMetrics(stage, ex.routeKey) ? ex.routeKey : undefined;
    const sets = this.setsFor(
      stage,
      apiId,
      detailed,
      (id): Dims[] => [{ ApiId: id }, { ApiId: id, Stage: stageName }],
      (id, routeKey) => {
        const [method, resource] = routeKey === '$default' ? ['ANY', '$default'] : splitRouteKey(routeKey);
        return { ApiId: id, Method: method, Resource: resource, Stage: stageName };
      },
    );
    const requestBytes = ex.req.body ? Buffer.byteLength(ex.req.body) : 0;
    const values: MetricValue[] = [
      COUNT,
      flag('4xx', ex.status >= 400 && ex.status < 500),
      flag('5xx', ex.status >= 500),
      ['Latency', ex.latency, MS],
      ['DataProcessed', requestBytes + Buffer.byteLength(ex.body), 'Bytes'],
    ];
    if (ex.integrationLatency !== undefined) values.push(['IntegrationLatency', ex.integrationLatency, MS]);
    this.metrics.add(ex.at, sets, values);
    this.accessLog(stage.accessLogSettings, ex, apiId);
  }

  private compiledRoutes(entry: ApiEntry): HttpRoute<RouteWire>[] {
    const build = () => compileRoutes(Object.values(entry.routes).map((route) => ({ routeKey: route.routeKey ?? '', route })));
    if (!this.cacheRoutes) return build();
    let routes = this.httpRoutes.get(entry.api.apiId!);
    if (!routes) this.httpRoutes.set(entry.api.apiId!, (routes = build()));
    return routes;
  }

  // ---- WebSocket APIs --------------------------------------------------------------------------------------

  /**
   * WebSocket APIs, over plain HTTP: `POST {stage}/@connections` connects (the `$connect` route), `POST
   * {stage}/@connections/{id}` sends one message (route selected from the body), `DELETE` disconnects
   * (`$disconnect`), `GET` describes the connection as GetConnection does.
   */
  private websocket(entry: ApiEntry, ex: Exchange): void {
    ex.requestId = ex.apigwId;
    ex.headers['apigw-requestid'] = ex.apigwId;
    const segments = segmentsOf(ex.req.path);
    const stage = segments[0] !== undefined ? entry.stages[segments[0]] : undefined;
    if (!stage || !stage.deploymentId || entry.api.disableExecuteApiEndpoint) {
      httpError(ex, 404, 'Not Found');
      ex.latency = this.overhead(3);
      return;
    }
    if (segments[1] !== '@connections' || segments.length > 3) {
      httpError(ex, 400, 'Bad Request: POST {stage}/@connections connects; POST, GET or DELETE {stage}/@connections/{connectionId} sends, describes or disconnects');
      ex.latency = this.overhead(3);
      return;
    }
    ex.stage = stage.stageName;
    const verb = ex.req.method.toUpperCase();
    const t = ex.at.getTime();
    const connectionId = segments[2];
    if (connectionId === undefined) {
      if (verb !== 'POST') return void httpError(ex, 405, 'Method Not Allowed');
      return this.wsConnect(entry, stage, ex);
    }
    const conn = this.connection(connectionId, entry.api.apiId!, stage.stageName!, t);
    if (!conn) return void httpError(ex, 410, 'Gone');
    if (verb === 'GET') {
      ex.body = JSON.stringify({
        connectedAt: new Date(conn.connectedAt).toISOString(),
        identity: { sourceIp: conn.sourceIp, ...(conn.userAgent ? { userAgent: conn.userAgent } : {}) },
        lastActiveAt: new Date(conn.lastActiveAt).toISOString(),
      });
      return;
    }
    if (verb === 'DELETE') return this.wsDisconnect(entry, stage, ex, conn);
    if (verb !== 'POST') return void httpError(ex, 405, 'Method Not Allowed');
    conn.lastActiveAt = t;
    const routeKey = this.selectRoute(entry, ex.req.body);
    ex.extra = { eventType: 'MESSAGE', connectionId: conn.connectionId, messageId: `${token(this.random, 15)}=`, connectedAt: conn.connectedAt };
    this.wsRoute(entry, stage, ex, routeKey, 'message');
  }

  private wsConnect(entry: ApiEntry, stage: StageWire, ex: Exchange): void {
    const t = ex.at.getTime();
    const connectionId = `${token(this.random, 15)}=`;
    ex.extra = { eventType: 'CONNECT', connectionId, connectedAt: t };
    const route = Object.values(entry.routes).find((r) => r.routeKey === '$connect');
    if (route?.apiKeyRequired) {
      const apigw = this.root.services['apigateway'] as ApiGatewayState | undefined;
      const value = ex.req.headers?.['x-api-key'];
      const key = value && apigw ? this.plans.key(apigw, value) : undefined;
      if (!key || !key.enabled) {
        httpError(ex, 403, 'Forbidden');
        return this.finishWs(entry, stage, ex, 'connect', '$connect');
      }
      ex.apiKey = key;
    }
    const ok = route ? this.wsRoute(entry, stage, ex, '$connect', 'connect') : (this.finishWs(entry, stage, ex, 'connect', '$connect'), true);
    if (!ok || ex.status >= 400) return;
    if (this.connections.size >= MAX_CONNECTIONS) this.connections.delete(this.connections.keys().next().value!);
    this.connections.set(connectionId, {
      connectionId,
      apiId: entry.api.apiId!,
      stage: stage.stageName!,
      connectedAt: t,
      lastActiveAt: t,
      sourceIp: ex.req.sourceIp ?? '127.0.0.1',
      userAgent: ex.req.headers?.['user-agent'],
      apiKeyId: ex.apiKey?.id,
    });
    ex.body = JSON.stringify({ connectionId });
  }

  private wsDisconnect(entry: ApiEntry, stage: StageWire, ex: Exchange, conn: Connection): void {
    this.connections.delete(conn.connectionId);
    ex.extra = { eventType: 'DISCONNECT', connectionId: conn.connectionId, connectedAt: conn.connectedAt };
    const route = Object.values(entry.routes).find((r) => r.routeKey === '$disconnect');
    if (route) this.wsRoute(entry, stage, ex, '$disconnect', 'disconnect');
    else this.finishWs(entry, stage, ex, 'disconnect', '$disconnect');
    // The client sees the close; the $disconnect integration's outcome is not its business.
    ex.status = 204;
    ex.body = '';
  }

  /** Runs one route of a WebSocket API; false when the gateway refused the message before the integration. */
  private wsRoute(entry: ApiEntry, stage: StageWire, ex: Exchange, routeKey: string | undefined, kind: 'connect' | 'message' | 'disconnect'): boolean {
    const route = routeKey ? Object.values(entry.routes).find((r) => r.routeKey === routeKey) : undefined;
    const wsError = (status: number, message: string) => {
      ex.status = status;
      ex.body = JSON.stringify({ message, connectionId: ex.extra?.['connectionId'], requestId: ex.requestId });
      ex.error = { message, responseType: status === 429 ? 'THROTTLED' : 'DEFAULT_4XX' };
    };
    if (!route) {
      wsError(403, 'Forbidden');
      this.finishWs(entry, stage, ex, kind, routeKey ?? '-');
      return false;
    }
    ex.routeKey = route.routeKey;
    const t = ex.at.getTime();
    const pass: TokenBucket[] = [];
    const limit = routeLimit(stage, route.routeKey!);
    if ((limit && !this.admit(pass, `v2:${entry.api.apiId}:${stage.stageName}:${route.routeKey}`, limit, t)) || !this.admit(pass, 'account', ACCOUNT_LIMIT, t)) {
      wsError(429, 'Too Many Requests');
      this.finishWs(entry, stage, ex, kind, route.routeKey!);
      return false;
    }
    for (const b of pass) b.take();
    const integrationId = route.target?.startsWith('integrations/') ? route.target.slice('integrations/'.length) : undefined;
    const integration = integrationId ? entry.integrations[integrationId] : undefined;
    if (integration) {
      const type = integration.integrationType ?? 'AWS_PROXY';
      const answer = callBackend(this.root, entry.api.apiId!, route.routeKey!, type, integration.timeoutInMillis ?? 29_000, ex.at, this.random);
      if (type !== 'MOCK') ex.integrationLatency = answer.latency;
      ex.latency = answer.latency + this.overhead(3);
      if (answer.timedOut) {
        wsError(504, 'Endpoint request timed out');
        ex.extra = { ...ex.extra, executionError: 1 };
      } else if (answer.failed) {
        ex.integrationStatus = type === 'AWS_PROXY' || type === 'AWS' ? 200 : answer.errorStatus;
        wsError(500, 'Internal server error');
        ex.extra = { ...ex.extra, integrationError: 1 };
      } else {
        ex.integrationStatus = 200;
        ex.status = 200;
        ex.body = JSON.stringify({ ok: true, routeKey: route.routeKey });
      }
    } else {
      ex.body = JSON.stringify({ ok: true, routeKey: route.routeKey });
    }
    this.finishWs(entry, stage, ex, kind, route.routeKey!);
    return true;
  }

  private finishWs(entry: ApiEntry, stage: StageWire, ex: Exchange, kind: 'connect' | 'message' | 'disconnect', routeKey: string): void {
    if (!ex.latency) ex.latency = this.overhead(3);
    const apiId = entry.api.apiId!;
    const stageName = stage.stageName!;
    const detailed = ex.routeKey && detailedMetrics(stage, ex.routeKey) ? ex.routeKey : undefined;
    const sets = this.setsFor(
      stage,
      apiId,
      detailed,
      (id): Dims[] => [{ ApiId: id }, { ApiId: id, Stage: stageName }],
      (id, routeKey) => ({ ApiId: id, Route: routeKey, Stage: stageName }),
    );
    const values: MetricValue[] = [];
    if (kind === 'connect') values.push(flag('ConnectCount', true));
    if (kind === 'message') values.push(flag('MessageCount', true));
    values.push(
      flag('ClientError', ex.status >= 400 && ex.status < 500),
      flag('IntegrationError', !!ex.extra?.['integrationError']),
      flag('ExecutionError', !!ex.extra?.['executionError']),
    );
    if (ex.integrationLatency !== undefined) values.push(['IntegrationLatency', ex.integrationLatency, MS]);
    this.metrics.add(ex.at, sets, values);
    ex.routeKey ??= routeKey;
    this.accessLog(stage.accessLogSettings, ex, apiId);
  }

  /** Route selection: `$request.body.<path>` names the route key; anything else (or no match) goes to `$default`. */
  private selectRoute(entry: ApiEntry, body: string | Buffer | undefined): string | undefined {
    const expr = entry.api.routeSelectionExpression ?? '';
    const keys = new Set(Object.values(entry.routes).map((r) => r.routeKey));
    const m = /^\$request\.body\.(.+)$/.exec(expr);
    if (m && body !== undefined) {
      try {
        let v: unknown = JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
        for (const part of m[1]!.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
        if (typeof v === 'string' && keys.has(v) && !v.startsWith('$')) return v;
      } catch {
        /* not JSON: the $default route takes it */
      }
    }
    return keys.has('$default') ? '$default' : undefined;
  }

  private connection(id: string, apiId: string, stage: string, t: number): Connection | undefined {
    const c = this.connections.get(id);
    if (!c || c.apiId !== apiId || c.stage !== stage) return undefined;
    // API Gateway closes a connection idle for 10 minutes, and any after 2 hours.
    if (t - c.lastActiveAt > WS_IDLE_MS || t - c.connectedAt > WS_MAX_MS) {
      this.connections.delete(id);
      return undefined;
    }
    return c;
  }

  // ---- shared ----------------------------------------------------------------------------------------------

  /**
   * The dimension sets a stage's request is recorded under, built once per stage, API name (or id) and
   * detailed method/route; a renamed API or renamed stage gets new ones.
   */
  private setsFor(
    stage: object,
    name: string,
    detailed: string | undefined,
    base: (name: string) => Dims[],
    extra: (name: string, detailed: string) => Dims,
  ): DimSet[] {
    let entry = this.dimSets.get(stage);
    if (!entry || entry.name !== name) this.dimSets.set(stage, (entry = { name, base: base(name).map(dimSet), detailed: new Map() }));
    if (!detailed) return entry.base;
    let sets = entry.detailed.get(detailed);
    if (!sets) entry.detailed.set(detailed, (sets = [...entry.base, dimSet(extra(name, detailed))]));
    return sets;
  }

  /** Checks one bucket; a bucket that admits is kept to take its token once every check has passed. */
  private admit(pass: TokenBucket[], key: string, limit: Limit, t: number): boolean {
    const bucket = this.buckets.bucket(key, limit, t);
    if (!bucket.allows(t)) return false;
    pass.push(bucket);
    return true;
  }

  /** Gateway overhead in ms: log-normal around `median`, at least 1. */
  private overhead(median: number): number {
    return Math.max(1, Math.round(logNormal(this.random, median, median * 4)));
  }

  private accessLog(settings: { destinationArn?: string; format?: string } | undefined, ex: Exchange, apiId: string): void {
    const group = logGroupOf(settings?.destinationArn);
    if (!group || !settings?.format) return;
    // Looked up per variable the format names, rather than building every value for every request.
    const value = (name: string): string | number | undefined => {
      switch (name) {
        case 'requestId':
          return ex.requestId;
        case 'extendedRequestId':
          return ex.apigwId;
        case 'requestTime':
          return clfTime(ex.at);
        case 'requestTimeEpoch':
          return ex.at.getTime();
        case 'httpMethod':
          return ex.req.method.toUpperCase();
        case 'path':
          return ex.req.path;
        case 'resourcePath':
          return ex.resourcePath;
        case 'resourceId':
          return ex.resourceId;
        case 'routeKey':
          return ex.routeKey;
        case 'status':
          return ex.status;
        case 'responseLatency':
          return ex.latency;
        case 'integrationLatency':
        case 'integration.latency':
          return ex.integrationLatency;
        case 'integrationStatus':
        case 'integration.status':
        case 'integration.integrationStatus':
          return ex.integrationStatus;
        case 'identity.sourceIp':
          return ex.req.sourceIp ?? '127.0.0.1';
        case 'identity.userAgent':
          return ex.req.headers?.['user-agent'];
        case 'identity.apiKey':
          return ex.apiKey?.value;
        case 'identity.apiKeyId':
          return ex.apiKey?.id;
        case 'apiId':
        case 'domainPrefix':
          return apiId;
        case 'stage':
          return ex.stage;
        case 'accountId':
          return this.config.account;
        case 'domainName':
          return `${apiId}.execute-api.${this.config.region}.amazonaws.com`;
        case 'protocol':
          return 'HTTP/1.1';
        case 'responseLength':
          return Buffer.byteLength(ex.body);
        case 'error.message':
          return ex.error?.message;
        case 'error.messageString':
          return ex.error ? JSON.stringify(ex.error.message) : undefined;
        case 'error.responseType':
          return ex.error?.responseType;
        default:
          return ex.extra?.[name];
      }
    };
    this.logs.add(group, ex.at, renderAccessLog(settings.format, value));
  }

}

const MS = 'Milliseconds';
const COUNT: MetricValue = ['Count', 1, 'Count'];
const FLAGS = new Map<string, [MetricValue, MetricValue]>();

/** A 0/1 datapoint in Count (4XXError, ClientError...): its Sum counts, its Average is the rate. */
function flag(name: string, on: boolean): MetricValue {
  let pair = FLAGS.get(name);
  if (!pair) FLAGS.set(name, (pair = [[name, 0, 'Count'], [name, 1, 'Count']]));
  return pair[on ? 1 : 0];
}

/** API Gateway drops non-ASCII characters from the ApiName dimension, and uses the id when nothing is left. */
export function metricApiName(name: string, id: string): string {
  // eslint-disable-next-line no-control-regex
  const ascii = name.replace(/[^\x00-\x7F]/g, '');
  return ascii.trim() === '' ? id : ascii;
}

function restError(ex: Exchange, status: number, message: string, errorType: string | undefined, responseType: string): void {
  ex.status = status;
  ex.body = JSON.stringify({ message });
  if (errorType) ex.headers['x-amzn-ErrorType'] = errorType;
  ex.error = { message, responseType };
}

function httpError(ex: Exchange, status: number, message: string): void {
  ex.status = status;
  ex.body = JSON.stringify({ message });
  ex.error = { message, responseType: status === 429 ? 'THROTTLED' : status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX' };
}

/** A throttle from a rate and burst; none when neither is set or either is negative (-1 switches it off). */
function limitOf(rate: number | undefined, burst: number | undefined): Limit | undefined {
  if (rate === undefined && burst === undefined) return undefined;
  if ((rate ?? 0) < 0 || (burst ?? 0) < 0) return undefined;
  return { rate: rate ?? ACCOUNT_LIMIT.rate, burst: burst ?? ACCOUNT_LIMIT.burst };
}

/** A usage plan's per-method throttle for a method (`/pets/GET`, `//GET` for the root; `ANY` or `*` also match). */
function planMethodLimit(
  map: Record<string, { burstLimit?: number; rateLimit?: number }> | undefined,
  resourcePath: string,
  verb: string,
  resourceMethod: string,
): Limit | undefined {
  if (!map) return undefined;
  const t = map[`${resourcePath}/${verb}`] ?? map[`${resourcePath}/${resourceMethod}`] ?? map[`${resourcePath}/*`] ?? map['/*/*'];
  return t ? limitOf(t.rateLimit, t.burstLimit) : undefined;
}

/** A v2 stage's throttle for a route: the route's settings over the stage's default route settings. */
function routeLimit(stage: StageWire, routeKey: string): Limit | undefined {
  const own = stage.routeSettings?.[routeKey];
  const def = stage.defaultRouteSettings;
  return limitOf(own?.throttlingRateLimit ?? def?.throttlingRateLimit, own?.throttlingBurstLimit ?? def?.throttlingBurstLimit);
}

function detailedMetrics(stage: StageWire, routeKey: string): boolean {
  return (stage.routeSettings?.[routeKey]?.detailedMetricsEnabled ?? stage.defaultRouteSettings?.detailedMetricsEnabled) === true;
}

function splitRouteKey(routeKey: string): [string, string] {
  const space = routeKey.indexOf(' ');
  return space < 0 ? ['ANY', routeKey] : [routeKey.slice(0, space), routeKey.slice(space + 1)];
}

function statusText(status: number): string {
  return (
    { 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 400: 'Bad Request', 404: 'Not Found', 429: 'Too Many Requests' }[
      status
    ] ?? `HTTP ${status}`
  );
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
