import { GetApiKeysCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { collectV1 } from '../../../aws/paginate.js';
import { fromSdkApiKey, type ApiKey } from '../../../domain/api-key.js';
import { keysKeys } from './keys.js';

/** Every API key, 500 a page (10,000 keys, AWS's per-region limit, in 20 requests), without values. */
export async function fetchApiKeys(config: ConsoleConfig, signal?: AbortSignal): Promise<ApiKey[]> {
  const client = apiGatewayV1(config);
  const items = await collectV1((page) => client.send(new GetApiKeysCommand({ ...page, includeValues: false }), { abortSignal: signal }), signal);
  return items.map(fromSdkApiKey);
}

export const apiKeysQuery = (config: ConsoleConfig) =>
  queryOptions({ queryKey: keysKeys.apiKeys(config.region), queryFn: ({ signal }) => fetchApiKeys(config, signal) });

export function useApiKeys() {
  return useQuery(apiKeysQuery(useConsoleConfig()));
}

/** GetApiKeys with `nameQuery` (a prefix match on the name): a few keys without listing them all. */
export async function findApiKeysByName(config: ConsoleConfig, namePrefix: string, signal?: AbortSignal): Promise<ApiKey[]> {
  const client = apiGatewayV1(config);
  const items = await collectV1((page) => client.send(new GetApiKeysCommand({ ...page, nameQuery: namePrefix, includeValues: false }), { abortSignal: signal }), signal);
  return items.map(fromSdkApiKey);
}
