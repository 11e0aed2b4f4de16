import type { CreateIntegrationCommandInput, IntegrationType } from '@aws-sdk/client-apigatewayv2';
import { badRequest, integrationNotFound } from '../errors.js';
import { autoDeploy } from './deployments.js';
import {
  compact,
  freshId,
  ID_LENGTH,
  paginate,
  requireApi,
  type IntegrationWire,
  type Page,
  type StoreEnv,
  type V2State,
} from './model.js';

const TYPES: Record<string, readonly IntegrationType[]> = {
  HTTP: ['AWS_PROXY', 'HTTP_PROXY'],
  WEBSOCKET: ['AWS', 'AWS_PROXY', 'HTTP', 'HTTP_PROXY', 'MOCK'],
};
/** Integration timeouts: HTTP APIs allow 50 ms to 30 s (default 30 s), WebSocket APIs 50 ms to 29 s. */
const TIMEOUT: Record<string, number> = { HTTP: 30000, WEBSOCKET: 29000 };

export function createIntegration(
  state: V2State,
  env: StoreEnv,
  input: CreateIntegrationCommandInput,
  options: { managed?: boolean } = {},
): IntegrationWire {
  const entry = requireApi(state, env, input.ApiId);
  const protocol = entry.api.protocolType ?? 'HTTP';
  const type = input.IntegrationType;
  if (!type) throw badRequest('IntegrationType is required');
  if (!TYPES[protocol]!.includes(type)) {
    throw badRequest(`Invalid integration type specified: ${type}. ${protocol} APIs support [${TYPES[protocol]!.join(', ')}]`);
  }
  if (type !== 'MOCK' && !input.IntegrationUri) throw badRequest(`IntegrationUri is required for ${type} integrations`);
  const maxTimeout = TIMEOUT[protocol]!;
  const timeout = input.TimeoutInMillis ?? maxTimeout;
  if (!Number.isInteger(timeout) || timeout < 50 || timeout > maxTimeout) {
    throw badRequest(`Invalid timeout specified: ${timeout}. TimeoutInMillis must be between 50 and ${maxTimeout} milliseconds.`);
  }
  let payloadFormatVersion = input.PayloadFormatVersion;
  let integrationMethod = input.IntegrationMethod;
  if (protocol === 'HTTP') {
    if (type === 'AWS_PROXY') {
      // HTTP APIs make Lambda proxy integrations choose their event format.
      if (payloadFormatVersion === undefined) throw badRequest('PayloadFormatVersion is required for AWS_PROXY integrations of HTTP APIs');
      if (!['1.0', '2.0'].includes(payloadFormatVersion)) {
        throw badRequest(`Invalid payload format version specified: ${payloadFormatVersion}. Must be one of [1.0, 2.0]`);
      }
      integrationMethod ??= 'POST';
    } else {
      payloadFormatVersion ??= '1.0';
      if (payloadFormatVersion !== '1.0') {
        throw badRequest(`Invalid payload format version specified: ${payloadFormatVersion}. HTTP_PROXY integrations support only 1.0`);
      }
      if (!integrationMethod) throw badRequest('IntegrationMethod is required for HTTP_PROXY integrations');
    }
  } else if (type === 'AWS_PROXY' || type === 'HTTP_PROXY') {
    payloadFormatVersion ??= '1.0';
  }
  const proxy = type === 'AWS_PROXY' || type === 'HTTP_PROXY';
  const integrationId = freshId(env, ID_LENGTH.integration, entry.integrations);
  const integration: IntegrationWire = compact({
    apiGatewayManaged: options.managed ? true : undefined,
    connectionId: input.ConnectionId,
    connectionType: input.ConnectionType ?? 'INTERNET',
    contentHandlingStrategy: input.ContentHandlingStrategy,
    credentialsArn: input.CredentialsArn,
    description: input.Description,
    integrationId,
    integrationMethod,
    integrationResponseSelectionExpression: type === 'MOCK' ? '${response.statuscode}' : undefined,
    integrationSubtype: input.IntegrationSubtype,
    integrationType: type,
    integrationUri: input.IntegrationUri,
    passthroughBehavior: protocol === 'WEBSOCKET' && !proxy ? (input.PassthroughBehavior ?? 'WHEN_NO_MATCH') : input.PassthroughBehavior,
    payloadFormatVersion,
    requestParameters: input.RequestParameters,
    requestTemplates: input.RequestTemplates,
    templateSelectionExpression: input.TemplateSelectionExpression,
    timeoutInMillis: timeout,
  });
  entry.integrations[integrationId] = integration;
  autoDeploy(entry, env);
  return integration;
}

export function getIntegration(state: V2State, env: StoreEnv, apiId: string | undefined, integrationId: string | undefined): IntegrationWire {
  const entry = requireApi(state, env, apiId);
  const integration = integrationId ? entry.integrations[integrationId] : undefined;
  if (!integration) throw integrationNotFound(integrationId ?? '');
  return integration;
}

export function listIntegrations(state: V2State, env: StoreEnv, apiId: string | undefined, maxResults?: string, nextToken?: string): Page<IntegrationWire> {
  const entry = requireApi(state, env, apiId);
  return paginate(Object.values(entry.integrations), (i) => i.integrationId!, maxResults, nextToken);
}

/** AWS models no error besides NotFound here: an integration is deleted even while a route targets it. */
export function deleteIntegration(state: V2State, env: StoreEnv, apiId: string | undefined, integrationId: string | undefined): void {
  const entry = requireApi(state, env, apiId);
  getIntegration(state, env, apiId, integrationId);
  delete entry.integrations[integrationId!];
  autoDeploy(entry, env);
}
