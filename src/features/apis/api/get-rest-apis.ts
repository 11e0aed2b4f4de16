import { GetRestApisCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { collectV1 } from '../../../aws/paginate.js';
import { fromRestApi, type Api } from '../../../domain/api.js';
import { apisKeys } from './keys.js';

/** Every REST API, 500 per request (GetRestApis' largest page), so N APIs cost ceil(N / 500) requests. */
export async function fetchRestApis(config: ConsoleConfig, signal?: AbortSignal): Promise<Api[]> {
  const client = apiGatewayV1(config);
  const items = await collectV1((page) => client.send(new GetRestApisCommand(page), { abortSignal: signal }), signal);
  return items.map((a) => fromRestApi(a, config.region));
}

export const restApisQuery = (config: ConsoleConfig) =>
  queryOptions({ queryKey: apisKeys.restList(config.region), queryFn: ({ signal }) => fetchRestApis(config, signal) });

export function useRestApis() {
  return useQuery(restApisQuery(useConsoleConfig()));
}
