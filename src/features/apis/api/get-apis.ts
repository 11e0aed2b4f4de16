import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { collectV2 } from '../../../aws/paginate.js';
import { fromV2Api, type Api } from '../../../domain/api.js';
import { apisKeys } from './keys.js';

/** Every HTTP and WebSocket API (one v2 list holds both), 500 per request. */
export async function fetchV2Apis(config: ConsoleConfig, signal?: AbortSignal): Promise<Api[]> {
  const client = apiGatewayV2(config);
  const items = await collectV2((page) => client.send(new GetApisCommand(page), { abortSignal: signal }), signal);
  return items.map(fromV2Api);
}

export const v2ApisQuery = (config: ConsoleConfig) =>
  queryOptions({ queryKey: apisKeys.v2List(config.region), queryFn: ({ signal }) => fetchV2Apis(config, signal) });

export function useV2Apis() {
  return useQuery(v2ApisQuery(useConsoleConfig()));
}
