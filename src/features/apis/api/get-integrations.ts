import { GetIntegrationsCommand, type Integration } from '@aws-sdk/client-apigatewayv2';
import type { ConsoleConfig } from '../../../aws/config.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { collectV2 } from '../../../aws/paginate.js';

/** Every integration of an HTTP or WebSocket API, by id (routes point at them as `integrations/<id>`). */
export async function fetchIntegrations(config: ConsoleConfig, apiId: string, signal?: AbortSignal): Promise<Map<string, Integration>> {
  const client = apiGatewayV2(config);
  const items = await collectV2((page) => client.send(new GetIntegrationsCommand({ ApiId: apiId, ...page }), { abortSignal: signal }), signal);
  return new Map(items.map((i) => [i.IntegrationId ?? '', i]));
}
