import type { CreateApiCommandInput, Cors, IpAddressType, UpdateApiCommandInput } from '@aws-sdk/client-apigatewayv2';
import { badRequest, resourceArnNotFound } from '../errors.js';
import { createIntegration } from './integrations.js';
import { createRoute } from './routes.js';
import { createStage } from './stages.js';
import {
  compact,
  freshId,
  ID_LENGTH,
  isoNow,
  paginate,
  requireApi,
  type ApiEntry,
  type ApiWire,
  type Page,
  type StoreEnv,
  type V2State,
} from './model.js';

export const HTTP_ROUTE_SELECTION = '$request.method $request.path';
const API_KEY_SELECTIONS = ['$request.header.x-api-key', '$context.authorizer.usageIdentifierKey'];
const IP_ADDRESS_TYPES = ['ipv4', 'dualstack'];

export function apiEndpoint(env: Pick<StoreEnv, 'region'>, apiId: string, protocolType: string): string {
  return `${protocolType === 'WEBSOCKET' ? 'wss' : 'https'}://${apiId}.execute-api.${env.region}.amazonaws.com`;
}

function checkName(name: string | undefined): string {
  if (name === undefined || name.trim() === '') throw badRequest('Name is required');
  if (name.length > 128) throw badRequest('Name must be at most 128 characters long');
  return name;
}

function checkApiKeySelection(expr: string | undefined): string | undefined {
  if (expr !== undefined && !API_KEY_SELECTIONS.includes(expr)) {
    throw badRequest(`Invalid API key selection expression specified: ${expr}. Must be one of [${API_KEY_SELECTIONS.join(', ')}]`);
  }
  return expr;
}

function checkIpAddressType(t: string | undefined): IpAddressType | undefined {
  if (t !== undefined && !IP_ADDRESS_TYPES.includes(t)) throw badRequest('ipAddressType must be either ipv4 or dualstack.');
  return t as IpAddressType | undefined;
}

function corsToWire(c: Cors | undefined) {
  if (!c) return undefined;
  if (c.MaxAge !== undefined && (!Number.isInteger(c.MaxAge) || c.MaxAge < -1 || c.MaxAge > 86400)) {
    throw badRequest(`Invalid CORS maxAge specified: ${c.MaxAge}. It must be between -1 and 86400 seconds.`);
  }
  return compact({
    allowCredentials: c.AllowCredentials,
    allowHeaders: c.AllowHeaders,
    allowMethods: c.AllowMethods,
    allowOrigins: c.AllowOrigins,
    exposeHeaders: c.ExposeHeaders,
    maxAge: c.MaxAge,
  });
}

/**
 * CreateApi. An HTTP API given a Target is "quick created" as AWS does: an integration for the target,
 * a route (RouteKey, or $default) to it, and a $default stage with auto-deploy, all marked
 * apiGatewayManaged.
 */
export function createApi(state: V2State, env: StoreEnv, input: CreateApiCommandInput): ApiEntry {
  const name = checkName(input.Name);
  const protocolType = input.ProtocolType;
  if (protocolType !== 'HTTP' && protocolType !== 'WEBSOCKET') {
    throw badRequest('Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]');
  }
  let routeSelectionExpression = input.RouteSelectionExpression;
  if (protocolType === 'WEBSOCKET') {
    if (!routeSelectionExpression) throw badRequest('RouteSelectionExpression is required for WebSocket APIs');
    const httpOnly = (['CorsConfiguration', 'Target', 'RouteKey', 'CredentialsArn'] as const).filter((k) => input[k] !== undefined);
    if (httpOnly.length) throw badRequest(`${httpOnly.join(', ')} ${httpOnly.length === 1 ? 'is' : 'are'} supported only for HTTP APIs`);
  } else {
    if (routeSelectionExpression !== undefined && routeSelectionExpression !== HTTP_ROUTE_SELECTION) {
      throw badRequest(`Invalid route selection expression specified: ${routeSelectionExpression}. HTTP APIs use ${HTTP_ROUTE_SELECTION}`);
    }
    routeSelectionExpression = HTTP_ROUTE_SELECTION;
    if (input.Target === undefined && (input.RouteKey !== undefined || input.CredentialsArn !== undefined)) {
      throw badRequest('RouteKey and CredentialsArn are part of quick create and require Target');
    }
  }
  const apiId = freshId(env, ID_LENGTH.api, state.apis);
  const api: ApiWire = compact({
    apiEndpoint: apiEndpoint(env, apiId, protocolType),
    apiId,
    apiKeySelectionExpression: checkApiKeySelection(input.ApiKeySelectionExpression) ?? '$request.header.x-api-key',
    corsConfiguration: corsToWire(input.CorsConfiguration),
    createdDate: isoNow(env),
    description: input.Description,
    disableExecuteApiEndpoint: input.DisableExecuteApiEndpoint ?? false,
    disableSchemaValidation: input.DisableSchemaValidation,
    ipAddressType: checkIpAddressType(input.IpAddressType) ?? 'ipv4',
    name,
    protocolType,
    routeSelectionExpression,
    tags: { ...input.Tags },
    version: input.Version,
  });
  const entry: ApiEntry = { api, routes: {}, integrations: {}, stages: {}, deployments: {} };
  state.apis[apiId] = entry;
  if (input.Target !== undefined) {
    try {
      quickCreate(state, env, entry, input);
    } catch (err) {
      delete state.apis[apiId];
      throw err;
    }
  }
  return entry;
}

function quickCreate(state: V2State, env: StoreEnv, entry: ApiEntry, input: CreateApiCommandInput): void {
  const target = input.Target!;
  const apiId = entry.api.apiId!;
  const lambda = /^arn:aws[a-z-]*:lambda:/.test(target) || /^arn:aws[a-z-]*:apigateway:[^:]+:lambda:path\//.test(target);
  const http = /^https?:\/\/\S+$/.test(target);
  if (!lambda && !http) {
    throw badRequest(`Invalid target specified: ${target}. Quick create accepts a Lambda function ARN or an HTTP URL.`);
  }
  const integration = createIntegration(
    state,
    env,
    lambda
      ? { ApiId: apiId, IntegrationType: 'AWS_PROXY', IntegrationUri: target, PayloadFormatVersion: '2.0', CredentialsArn: input.CredentialsArn }
      : { ApiId: apiId, IntegrationType: 'HTTP_PROXY', IntegrationUri: target, IntegrationMethod: 'ANY', CredentialsArn: input.CredentialsArn },
    { managed: true },
  );
  createRoute(
    state,
    env,
    { ApiId: apiId, RouteKey: input.RouteKey ?? '$default', Target: `integrations/${integration.integrationId}` },
    { managed: true },
  );
  createStage(state, env, { ApiId: apiId, StageName: '$default', AutoDeploy: true }, { managed: true });
}

export function getApi(state: V2State, env: StoreEnv, apiId: string | undefined): ApiWire {
  return requireApi(state, env, apiId).api;
}

export function listApis(state: V2State, maxResults?: string, nextToken?: string): Page<ApiWire> {
  const page = paginate(Object.values(state.apis), (e) => e.api.apiId!, maxResults, nextToken);
  return { ...page, items: page.items.map((e) => e.api) };
}

/** UpdateApi: the members of the API itself. Quick-create members (Target, RouteKey) are not served. */
export function updateApi(state: V2State, env: StoreEnv, input: UpdateApiCommandInput): ApiWire {
  const entry = requireApi(state, env, input.ApiId);
  const api = entry.api;
  const quick = (['Target', 'RouteKey', 'CredentialsArn'] as const).filter((k) => input[k] !== undefined);
  if (quick.length) throw badRequest(`The sandbox's UpdateApi does not change ${quick.join(', ')} (see sandbox/COVERAGE.md).`);
  const name = input.Name !== undefined ? checkName(input.Name) : undefined;
  if (input.RouteSelectionExpression !== undefined) {
    if (api.protocolType === 'HTTP' && input.RouteSelectionExpression !== HTTP_ROUTE_SELECTION) {
      throw badRequest(`Invalid route selection expression specified: ${input.RouteSelectionExpression}. HTTP APIs use ${HTTP_ROUTE_SELECTION}`);
    }
    if (input.RouteSelectionExpression === '') throw badRequest('RouteSelectionExpression must not be empty');
  }
  if (input.CorsConfiguration !== undefined && api.protocolType !== 'HTTP') throw badRequest('CorsConfiguration is supported only for HTTP APIs');
  const cors = corsToWire(input.CorsConfiguration);
  const apiKeySelection = checkApiKeySelection(input.ApiKeySelectionExpression);
  const ipAddressType = checkIpAddressType(input.IpAddressType);

  if (name !== undefined) api.name = name;
  if (input.Description !== undefined) api.description = input.Description;
  if (input.Version !== undefined) api.version = input.Version;
  if (input.DisableExecuteApiEndpoint !== undefined) api.disableExecuteApiEndpoint = input.DisableExecuteApiEndpoint;
  if (input.DisableSchemaValidation !== undefined) api.disableSchemaValidation = input.DisableSchemaValidation;
  if (input.RouteSelectionExpression !== undefined) api.routeSelectionExpression = input.RouteSelectionExpression;
  if (cors) api.corsConfiguration = cors;
  if (apiKeySelection !== undefined) api.apiKeySelectionExpression = apiKeySelection;
  if (ipAddressType !== undefined) api.ipAddressType = ipAddressType;
  return api;
}

export function deleteApi(state: V2State, env: StoreEnv, apiId: string | undefined): void {
  requireApi(state, env, apiId);
  delete state.apis[apiId!];
}

/** GetTags for an API (`arn:aws:apigateway:<region>::/apis/<id>`) or one of its stages (`.../stages/<name>`). */
export function getTags(state: V2State, env: StoreEnv, resourceArn: string | undefined): Record<string, string> {
  const arn = resourceArn ?? '';
  const m = /^arn:aws[a-z-]*:apigateway:([^:]+)::\/apis\/([^/]+)(?:\/stages\/([^/]+))?$/.exec(arn);
  if (!m || m[1] !== env.region) throw resourceArnNotFound(arn);
  const entry = state.apis[m[2]!];
  if (!entry) throw resourceArnNotFound(arn);
  if (m[3] === undefined) return { ...entry.api.tags };
  const stage = entry.stages[m[3]];
  if (!stage) throw resourceArnNotFound(arn);
  return { ...stage.tags };
}
