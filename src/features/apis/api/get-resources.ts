import { GetResourcesCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { collectV1 } from '../../../aws/paginate.js';
import { byPath, fromRestResource } from '../../../domain/route.js';
import { apisKeys } from './keys.js';

/**
 * Every resource with its methods. `embed=methods` brings the methods inside each resource, so the
 * tree costs ceil(resources / 500) requests instead of one GetMethod per method (GetResources is
 * also held to 5 requests per 2 s).
 */
export const restResourcesQuery = (config: ConsoleConfig, apiId: string) =>
  queryOptions({
    queryKey: apisKeys.restResources(config.region, apiId),
    queryFn: async ({ signal }) => {
      const client = apiGatewayV1(config);
      const items = await collectV1(
        (page) => client.send(new GetResourcesCommand({ restApiId: apiId, embed: ['methods'], ...page }), { abortSignal: signal }),
        signal,
      );
      return items.map(fromRestResource).sort(byPath);
    },
  });

export function useRestResources(apiId: string) {
  return useQuery(restResourcesQuery(useConsoleConfig(), apiId));
}
