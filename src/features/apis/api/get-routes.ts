import { GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV2 } from '../../../aws/apigatewayv2-client.js';
import { collectV2 } from '../../../aws/paginate.js';
import { byRouteKey, fromV2Route } from '../../../domain/route.js';
import { fetchIntegrations } from './get-integrations.js';
import { apisKeys } from './keys.js';

/**
 * Every route with what it calls. Routes name their integration by id, so the integrations are listed
 * once (in parallel) and joined here, never fetched one per route.
 */
export const v2RoutesQuery = (config: ConsoleConfig, apiId: string) =>
  queryOptions({
    queryKey: apisKeys.v2Routes(config.region, apiId),
    queryFn: async ({ signal }) => {
      const client = apiGatewayV2(config);
      const [routes, integrations] = await Promise.all([
        collectV2((page) => client.send(new GetRoutesCommand({ ApiId: apiId, ...page }), { abortSignal: signal }), signal),
        fetchIntegrations(config, apiId, signal),
      ]);
      return routes.map((r) => fromV2Route(r, integrations)).sort(byRouteKey);
    },
  });

export function useV2Routes(apiId: string) {
  return useQuery(v2RoutesQuery(useConsoleConfig(), apiId));
}
