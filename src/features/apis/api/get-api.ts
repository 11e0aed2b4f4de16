import { GetApiCommand } from '@aws-sdk/client-apigatewayv2';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { fromV2Api } from '../../../domain/api.js';
import { apisKeys } from './keys.js';

export const v2ApiQuery = (config: ConsoleConfig, apiId: string) =>
  queryOptions({
    queryKey: apisKeys.v2Api(config.region, apiId),
    queryFn: async ({ signal }) => fromV2Api(await apiGatewayV2(config).send(new GetApiCommand({ ApiId: apiId }), { abortSignal: signal })),
  });

export function useV2Api(apiId: string) {
  return useQuery(v2ApiQuery(useConsoleConfig(), apiId));
}
