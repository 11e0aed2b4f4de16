import { GetRestApiCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { fromRestApi } from '../../../domain/api.js';
import { apisKeys } from './keys.js';

export const restApiQuery = (config: ConsoleConfig, apiId: string) =>
  queryOptions({
    queryKey: apisKeys.restApi(config.region, apiId),
    queryFn: async ({ signal }) => {
      const out = await apiGatewayV1(config).send(new GetRestApiCommand({ restApiId: apiId }), { abortSignal: signal });
      return fromRestApi(out, config.region);
    },
  });

export function useRestApi(apiId: string) {
  return useQuery(restApiQuery(useConsoleConfig(), apiId));
}
