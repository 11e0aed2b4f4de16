import type { AuthorizationType, CreateRouteCommandInput, UpdateRouteCommandInput } from '@aws-sdk/client-apigatewayv2';
import { badRequest, integrationNotFound, routeKeyExists, routeNotFound } from '../errors.js';
import { autoDeploy } from './deployments.js';
import {
  compact,
  freshId,
  ID_LENGTH,
  paginate,
  requireApi,
  type ApiEntry,
  type Page,
  type RouteWire,
  type StoreEnv,
  type V2State,
} from './model.js';

export const HTTP_METHODS = ['ANY', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;
const WEBSOCKET_RESERVED = ['$connect', '$disconnect', '$default'];
// Literal path parts: RFC 3986 pchar without percent-encoding; variables are {name} or a final {name+}.
const LITERAL_PART = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/;
const VARIABLE_PART = /^\{[A-Za-z0-9._-]+\+?\}$/;

/**
 * Route keys as API Gateway accepts them. HTTP APIs: `$default` or `METHOD /path` (ANY and the seven
 * verbs; `{param}` parts; `{proxy+}` only last). WebSocket APIs: `$connect`, `$disconnect`, `$default`, or a
 * custom key that does not start with `$`.
 */
export function validateRouteKey(protocolType: string | undefined, routeKey: string | undefined): string {
  if (routeKey === undefined || routeKey === '') throw badRequest('Route key is required');
  if (routeKey.length > 128) throw badRequest('Route key must be at most 128 characters long');
  if (protocolType === 'WEBSOCKET') {
    if (routeKey.startsWith('$') && !WEBSOCKET_RESERVED.includes(routeKey)) {
      throw badRequest(`Invalid route key specified: ${routeKey}. Route keys starting with $ are reserved; use $connect, $disconnect or $default.`);
    }
    return routeKey;
  }
  if (routeKey === '$default') return routeKey;
  const m = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  if (!m || !(HTTP_METHODS as readonly string[]).includes(m[1]!)) {
    throw badRequest(
      `Invalid route key specified: ${routeKey}. Route keys for HTTP APIs must be $default or an HTTP method (${HTTP_METHODS.join(', ')}) followed by a space and a path.`,
    );
  }
  const path = m[2]!;
  if (path !== '/') {
    const parts = path.slice(1).split('/');
    const valid = parts.every(
      (part, i) =>
        part !== '' &&
        (LITERAL_PART.test(part) || VARIABLE_PART.test(part)) &&
        (!part.endsWith('+}') || i === parts.length - 1),
    );
    if (!valid) throw badRequest('One or more path parts appear to be invalid');
  }
  return routeKey;
}

/** A route target must name an integration of the same API. */
function validateTarget(entry: ApiEntry, target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  const m = /^integrations\/([A-Za-z0-9]+)$/.exec(target);
  if (!m) throw badRequest(`Invalid target specified: ${target}. A route target must be of the form integrations/{integrationId}.`);
  if (!entry.integrations[m[1]!]) throw integrationNotFound(m[1]!);
  return target;
}

const AUTHORIZATION_TYPES: Record<string, readonly AuthorizationType[]> = {
  HTTP: ['NONE', 'AWS_IAM', 'JWT', 'CUSTOM'],
  WEBSOCKET: ['NONE', 'AWS_IAM', 'CUSTOM'],
};

function validateAuthorization(entry: ApiEntry, type: string | undefined, authorizerId: string | undefined, apiKeyRequired: boolean | undefined): void {
  const protocol = entry.api.protocolType ?? 'HTTP';
  if (type !== undefined && !AUTHORIZATION_TYPES[protocol]!.includes(type as AuthorizationType)) {
    throw badRequest(`Invalid authorization type specified: ${type}. Must be one of [${AUTHORIZATION_TYPES[protocol]!.join(', ')}]`);
  }
  // The sandbox serves no authorizers, so no authorizer id can be valid.
  if (authorizerId !== undefined) throw badRequest(`Invalid authorizer ID specified: ${authorizerId}`);
  if ((type === 'JWT' || type === 'CUSTOM') && authorizerId === undefined) {
    throw badRequest(`An authorizer ID is required when the authorization type is ${type}`);
  }
  if (apiKeyRequired && protocol === 'HTTP') throw badRequest('API keys are not supported for HTTP APIs');
}

export function createRoute(state: V2State, env: StoreEnv, input: CreateRouteCommandInput, options: { managed?: boolean } = {}): RouteWire {
  const entry = requireApi(state, env, input.ApiId);
  const routeKey = validateRouteKey(entry.api.protocolType, input.RouteKey);
  if (Object.values(entry.routes).some((r) => r.routeKey === routeKey)) throw routeKeyExists(routeKey);
  const target = validateTarget(entry, input.Target);
  validateAuthorization(entry, input.AuthorizationType, input.AuthorizerId, input.ApiKeyRequired);
  const routeId = freshId(env, ID_LENGTH.route, entry.routes);
  const route: RouteWire = compact({
    apiGatewayManaged: options.managed ? true : undefined,
    apiKeyRequired: input.ApiKeyRequired ?? false,
    authorizationScopes: input.AuthorizationScopes,
    authorizationType: input.AuthorizationType ?? 'NONE',
    modelSelectionExpression: input.ModelSelectionExpression,
    operationName: input.OperationName,
    requestModels: input.RequestModels,
    requestParameters: input.RequestParameters
      ? Object.fromEntries(Object.entries(input.RequestParameters).map(([k, v]) => [k, compact({ required: v.Required })]))
      : undefined,
    routeId,
    routeKey,
    routeResponseSelectionExpression: input.RouteResponseSelectionExpression,
    target,
  });
  entry.routes[routeId] = route;
  autoDeploy(entry, env);
  return route;
}

export function getRoute(state: V2State, env: StoreEnv, apiId: string | undefined, routeId: string | undefined): RouteWire {
  const entry = requireApi(state, env, apiId);
  const route = routeId ? entry.routes[routeId] : undefined;
  if (!route) throw routeNotFound(routeId ?? '');
  return route;
}

export function listRoutes(state: V2State, env: StoreEnv, apiId: string | undefined, maxResults?: string, nextToken?: string): Page<RouteWire> {
  const entry = requireApi(state, env, apiId);
  return paginate(Object.values(entry.routes), (r) => r.routeId!, maxResults, nextToken);
}

/** The members a console changes: key, target, authorization and operation name. */
export function updateRoute(state: V2State, env: StoreEnv, input: UpdateRouteCommandInput): RouteWire {
  const entry = requireApi(state, env, input.ApiId);
  const route = getRoute(state, env, input.ApiId, input.RouteId);
  const unsupported = (['AuthorizerId', 'RequestModels', 'RequestParameters', 'ModelSelectionExpression', 'RouteResponseSelectionExpression'] as const)
    .filter((k) => input[k] !== undefined);
  if (unsupported.length) {
    throw badRequest(`The sandbox's UpdateRoute does not change ${unsupported.join(', ')} (see sandbox/COVERAGE.md).`);
  }
  if (input.RouteKey !== undefined && input.RouteKey !== route.routeKey) {
    const routeKey = validateRouteKey(entry.api.protocolType, input.RouteKey);
    if (Object.values(entry.routes).some((r) => r.routeKey === routeKey)) throw routeKeyExists(routeKey);
  }
  // An empty target detaches the route from its integration.
  const target = input.Target === '' ? '' : validateTarget(entry, input.Target);
  validateAuthorization(entry, input.AuthorizationType, undefined, input.ApiKeyRequired);
  if (input.RouteKey !== undefined) route.routeKey = input.RouteKey;
  if (target === '') delete route.target;
  else if (target !== undefined) route.target = target;
  if (input.AuthorizationType !== undefined) route.authorizationType = input.AuthorizationType;
  if (input.AuthorizationScopes !== undefined) route.authorizationScopes = input.AuthorizationScopes;
  if (input.ApiKeyRequired !== undefined) route.apiKeyRequired = input.ApiKeyRequired;
  if (input.OperationName !== undefined) route.operationName = input.OperationName;
  autoDeploy(entry, env);
  return route;
}

export function deleteRoute(state: V2State, env: StoreEnv, apiId: string | undefined, routeId: string | undefined): void {
  const entry = requireApi(state, env, apiId);
  getRoute(state, env, apiId, routeId);
  delete entry.routes[routeId!];
  autoDeploy(entry, env);
}
