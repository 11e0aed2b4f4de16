import type { Resource } from '@aws-sdk/client-api-gateway';
import type { Integration, Route as V2Route } from '@aws-sdk/client-apigatewayv2';

/** A route of an HTTP or WebSocket API. */
export interface Route {
  id: string;
  key: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  /** What it calls, e.g. "HTTP_PROXY https://orders.internal/{proxy}", when its integration is known. */
  target?: string;
  operationName?: string;
}

/** A resource of a REST API with the methods defined on it. */
export interface ResourceNode {
  id: string;
  path: string;
  methods: Method[];
}

export interface Method {
  httpMethod: string;
  authorizationType: string;
  apiKeyRequired: boolean;
  integrationType?: string;
  operationName?: string;
}

const METHOD_ORDER = ['ANY', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];

export function fromRestResource(r: Resource): ResourceNode {
  const methods = Object.entries(r.resourceMethods ?? {}).map(([verb, m]) => ({
    httpMethod: m.httpMethod ?? verb,
    authorizationType: m.authorizationType ?? 'NONE',
    apiKeyRequired: m.apiKeyRequired ?? false,
    integrationType: m.methodIntegration?.type,
    operationName: m.operationName,
  }));
  methods.sort((a, b) => rank(a.httpMethod) - rank(b.httpMethod) || a.httpMethod.localeCompare(b.httpMethod));
  return { id: r.id ?? '', path: r.path ?? '/', methods };
}

export function fromV2Route(r: V2Route, integrations: ReadonlyMap<string, Integration>): Route {
  // A route's target is "integrations/<id>"; the integration says where that goes.
  const integrationId = r.Target?.startsWith('integrations/') ? r.Target.slice('integrations/'.length) : undefined;
  const integration = integrationId ? integrations.get(integrationId) : undefined;
  const target = integration
    ? [integration.IntegrationType, integration.IntegrationUri].filter(Boolean).join(' ')
    : r.Target || undefined;
  return {
    id: r.RouteId ?? '',
    key: r.RouteKey ?? '',
    authorizationType: r.AuthorizationType ?? 'NONE',
    apiKeyRequired: r.ApiKeyRequired ?? false,
    target,
    operationName: r.OperationName,
  };
}

export function byPath(a: ResourceNode, b: ResourceNode): number {
  return a.path.localeCompare(b.path);
}

export function byRouteKey(a: Route, b: Route): number {
  // WebSocket's $connect/$disconnect/$default first, then the rest by path, then method.
  const special = (k: string) => (k.startsWith('$') ? 0 : 1);
  const path = (k: string) => k.split(' ')[1] ?? k;
  return special(a.key) - special(b.key) || path(a.key).localeCompare(path(b.key)) || a.key.localeCompare(b.key);
}

function rank(m: string): number {
  const i = METHOD_ORDER.indexOf(m);
  return i < 0 ? METHOD_ORDER.length : i;
}
