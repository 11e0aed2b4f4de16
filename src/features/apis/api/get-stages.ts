import { GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ConsoleConfig } from '../../../aws/config.js';
import { useConsoleConfig } from '../../../aws/config-context.js';
import { apiGatewayV1 } from '../../../aws/apigateway-client.js';
import { byStageName, fromRestStage } from '../../../domain/stage.js';
import { apisKeys } from './keys.js';

/** A REST API's stages: GetStages is not paginated, one request returns them all. */
export const restStagesQuery = (config: ConsoleConfig, apiId: string) =>
  queryOptions({
    queryKey: apisKeys.restStages(config.region, apiId),
    queryFn: async ({ signal }) => {
      const out = await apiGatewayV1(config).send(new GetStagesCommand({ restApiId: apiId }), { abortSignal: signal });
      return (out.item ?? []).map(fromRestStage).sort(byStageName);
    },
  });

export function useRestStages(apiId: string) {
  return useQuery(restStagesQuery(useConsoleConfig(), apiId));
}
